"""R-SUP-1, R-SUP-7: complaints from the public, staff and social supervisors through their steps,
with working-day deadlines from dated parameters; the tracking code reveals one complaint only."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import AuditEvent, Notification, PolicyParameter
from jiandu.organization import services as org
from jiandu.organization.models import LegalBody
from jiandu.oversight import selectors
from jiandu.oversight.models import Complaint
from jiandu.oversight.rules import tracking
from jiandu.oversight.services import complaints as cs
from jiandu.oversight.tests.factories import PDF, handled_complaint, pdf, public_complaint


def test_a_public_complaint_gets_a_code_stored_only_as_a_digest_and_an_acceptance_deadline(world, fixed_today):
    """R-SUP-1: filed on Wed 2026-09-30, acceptance is due 7 working days later across 国庆: Oct 15."""
    fixed_today(date(2026, 9, 30))
    complaint, code = public_complaint(world)
    assert tracking.normalize(code) is not None
    assert complaint.tracking_digest == tracking.digest(code)
    assert tracking.normalize(code) not in str(Complaint.objects.filter(pk=complaint.pk).values().first())
    assert complaint.status == Complaint.Status.RECEIVED and complaint.channel == Complaint.Channel.ONLINE
    assert complaint.accept_due_on == date(2026, 10, 15)
    assert complaint.unit == world.unit("agency") == complaint.agency
    assert complaint.number.startswith("投诉举报〔2026〕")
    assert Notification.objects.filter(recipient=world.agency, link__endswith=f"/complaints/{complaint.pk}/").exists()
    event = AuditEvent.objects.get(action="complaint.receive", object_id=str(complaint.pk))
    assert event.actor_id is None and event.actor_name == "社会公众（网上投诉举报）"


def test_the_code_finds_its_complaint_and_a_wrong_code_finds_nothing(world):
    """R-SUP-1, issue #5 point 1."""
    first, code = public_complaint(world)
    other, other_code = public_complaint(world, title="另一件投诉", filer_name="李四")
    assert cs.complaint_by_code(code) == first
    assert cs.complaint_by_code(code.lower().replace("-", " ")) == first
    assert cs.complaint_by_code(other_code) == other
    wrong = ("1" if code[0] != "1" else "2") + code[1:]
    assert cs.complaint_by_code(wrong) is None
    assert cs.complaint_by_code("") is None
    assert cs.complaint_by_code("投诉举报〔2026〕1号") is None


def test_the_public_view_shows_progress_and_the_reply_but_no_personal_data_or_internal_notes(world):
    complaint, code = handled_complaint(world)
    view = cs.public_view(cs.complaint_by_code(code))
    assert view["status_label"] == "已办结待反馈" and view["reply"] == ""
    cs.complaint_reply(complaint=complaint, actor=world.scjg_legal, reply="经查属实，已责令整改并对相关人员批评教育。")
    view = cs.public_view(cs.complaint_by_code(code))
    assert view["status_label"] == "已反馈" and "已责令整改" in view["reply"] and view["finding"] == "反映属实"
    flat = str(view)
    assert "张三" not in flat and "13912345678" not in flat and "批评教育。" in flat
    assert "经核查，执法人员确未出示证件" not in flat  # the handling notes stay internal


def test_a_complaint_must_be_named_but_a_report_may_be_anonymous(world):
    with pytest.raises(InvalidInput) as exc:
        public_complaint(world, anonymous=True, filer_name="", filer_phone="")
    assert "匿名只适用于举报" in exc.value.details["anonymous"]
    report, _ = public_complaint(world, kind="report", anonymous=True, filer_name="张三", filer_phone="139")
    assert report.anonymous and report.filer_name == "" and report.filer_phone == ""


def test_bad_input_is_refused_field_by_field_in_chinese(world):
    with pytest.raises(InvalidInput) as exc:
        public_complaint(world, filer_name="", filer_phone="abc", title="", content="", subject_unit=world.unit("bb"))
    assert set(exc.value.details) == {"filer_name", "filer_phone", "title", "content", "subject_unit"}
    assert exc.value.details["subject_unit"] == "所选单位不是行政执法单位。"


def test_attachments_are_stored_with_their_sha256_and_a_bad_one_stops_the_whole_filing(world):
    complaint, _ = public_complaint(world, files=[pdf("照片说明.pdf")])
    stored = complaint.attachments.get()
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest() and stored.content_type == "application/pdf"
    before = Complaint.objects.count()
    with pytest.raises(InvalidInput) as exc:
        public_complaint(world, files=[pdf("a.pdf"), pdf("脚本.pdf", b"#!/bin/sh\n")])
    assert "内容与扩展名不符" in exc.value.message
    assert Complaint.objects.count() == before


def test_staff_register_phone_letter_visit_and_hotline_complaints(world, fixed_today):
    fixed_today(date(2026, 2, 12))
    complaint, code = cs.complaint_register(actor=world.agency, channel="hotline_12345", kind="report",
                                            anonymous=True, subject_unit=world.unit("cgj"), title="占道执法粗暴",
                                            content="12345 转办：城管队员在某路段执法时推搡摊贩。")
    assert complaint.channel == "hotline_12345" and complaint.submitted_by == world.agency
    # Thu Feb 12: Fri 13, make-up Sat 14, then Feb 24–27 and make-up Sat Feb 28 → the 7th working day.
    assert complaint.accept_due_on == date(2026, 2, 28)
    assert cs.complaint_by_code(code) == complaint
    with pytest.raises(InvalidInput):
        cs.complaint_register(actor=world.agency, channel="online", kind="report", anonymous=True,
                              subject_unit=world.unit("cgj"), title="x", content="y")
    with pytest.raises(Forbidden):
        cs.complaint_register(actor=world.scjg_legal, channel="phone", kind="report", anonymous=True,
                              subject_unit=world.unit("scjg"), title="x", content="y")


def test_a_received_on_date_in_the_future_is_refused(world, fixed_today):
    fixed_today(date(2026, 9, 30))
    with pytest.raises(InvalidInput) as exc:
        cs.complaint_register(actor=world.agency, channel="letter", kind="complaint", filer_name="王五",
                              filer_phone="13700000000", subject_unit=world.unit("scjg"), title="来信", content="内容",
                              received_on=date(2026, 10, 8))
    assert "不能晚于今天" in exc.value.details["received_on"]


def test_the_whole_flow_sets_each_deadline_from_its_parameter_and_routes_to_the_legal_body(world, fixed_today):
    """R-SUP-1, R-ORG-4: accept (7), handle (45 from acceptance), reply (5 from the decision)."""
    fixed_today(date(2026, 9, 14))
    complaint, code = public_complaint(world)
    complaint = cs.complaint_accept(complaint=complaint, actor=world.agency, note="属于监督事项")
    assert complaint.status == "accepted" and complaint.handle_due_on == date(2026, 11, 20)
    complaint = cs.complaint_assign(complaint=complaint, actor=world.agency, unit=world.unit("scjg"))
    assert complaint.unit == world.unit("scjg") and complaint.handling_body.unit == world.unit("scjg")
    assert Notification.objects.filter(recipient=world.scjg_legal, title__startswith="交办投诉").exists()
    fixed_today(date(2026, 9, 29))
    complaint = cs.complaint_handle(complaint=complaint, actor=world.scjg_legal, finding="partly", result="部分属实，已整改。")
    assert complaint.reply_due_on == date(2026, 10, 12)  # Sep 30, Oct 8, 9, make-up Sat 10, Mon 12
    complaint = cs.complaint_reply(complaint=complaint, actor=world.scjg_legal, reply="您反映的问题部分属实，已整改。")
    assert complaint.status == "replied" and not complaint.is_late
    actions = list(AuditEvent.objects.filter(object_type="oversight.complaint", object_id=str(complaint.pk))
                   .values_list("action", flat=True))
    assert actions == ["complaint.receive", "complaint.accept", "complaint.assign", "complaint.handle", "complaint.reply"]


def test_a_changed_parameter_applies_from_its_date(world, fixed_today):
    """R-PLT-3: from 2026-09-01 the district accepts within 5 working days; earlier filings keep 7."""
    PolicyParameter.objects.create(key="oversight.complaint.accept_working_days", effective_from=date(2026, 9, 1),
                                   value=5, label="投诉举报受理期限（工作日）", legal_reference="区司法局文件（测试）",
                                   jurisdiction=world.unit("hr"))
    fixed_today(date(2026, 9, 30))
    complaint, _ = public_complaint(world)
    assert complaint.accept_due_on == date(2026, 10, 13)
    fixed_today(date(2026, 8, 31))
    earlier, _ = public_complaint(world)
    assert earlier.accept_due_on == date(2026, 9, 9)


def test_a_step_taken_after_its_deadline_is_marked_late(world, fixed_today):
    fixed_today(date(2026, 9, 1))
    complaint, _ = public_complaint(world)
    assert complaint.accept_due_on == date(2026, 9, 10)
    fixed_today(date(2026, 9, 11))
    complaint = cs.complaint_accept(complaint=complaint, actor=world.agency)
    assert complaint.accept_overdue and complaint.is_late


def test_a_unit_without_a_complaint_body_is_routed_to_the_nearest_holder_above(world):
    """R-ORG-4: 华容镇司法所 does not handle complaints here, so the agency's body handles it and the
    township does not see the complaint."""
    org.legal_body_set(actor=None, unit=world.unit("hrz"), name="华容镇司法所",
                       duties=[LegalBody.Duty.LEGAL_REVIEW, LegalBody.Duty.SUPERVISION])
    complaint, _ = public_complaint(world, subject_unit=world.unit("hrz"))
    cs.complaint_accept(complaint=complaint, actor=world.agency)
    complaint = cs.complaint_assign(complaint=complaint, actor=world.agency, unit=world.unit("hrz"))
    assert complaint.handling_body.unit == world.unit("agency") and complaint.unit == world.unit("agency")
    assert not selectors.complaints_visible(world.hrz_legal).filter(pk=complaint.pk).exists()
    assert AuditEvent.objects.filter(action="complaint.assign", reason__contains="未承担投诉举报受理职责").exists()


def test_steps_out_of_order_are_refused(world):
    complaint, _ = public_complaint(world)
    with pytest.raises(Conflict) as exc:
        cs.complaint_reply(complaint=complaint, actor=world.agency, reply="提前答复")
    assert exc.value.code == "invalid_transition" and "待受理" in exc.value.message
    cs.complaint_reject(complaint=complaint, actor=world.agency, reason="不属于行政执法监督事项，请向人民法院起诉。")
    with pytest.raises(Conflict):
        cs.complaint_accept(complaint=complaint, actor=world.agency)


def test_a_rejection_needs_a_reason_and_the_filer_reads_it(world):
    complaint, code = public_complaint(world)
    with pytest.raises(InvalidInput):
        cs.complaint_reject(complaint=complaint, actor=world.agency, reason="  ")
    cs.complaint_reject(complaint=complaint, actor=world.agency, reason="已进入诉讼程序，不予受理。")
    view = cs.public_view(cs.complaint_by_code(code))
    assert view["status_label"] == "不予受理" and view["rejection_reason"] == "已进入诉讼程序，不予受理。"


def test_only_the_agency_accepts_and_a_unit_outside_the_assignment_cannot_handle(world):
    """R-ORG-5, issue #5 point 6: out of scope answers 404 like a missing record."""
    complaint, _ = public_complaint(world)
    with pytest.raises((Forbidden, NotFound)):
        cs.complaint_accept(complaint=complaint, actor=world.scjg_legal)
    cs.complaint_accept(complaint=complaint, actor=world.agency)
    cs.complaint_assign(complaint=complaint, actor=world.agency, unit=world.unit("scjg"))
    with pytest.raises(NotFound):
        cs.complaint_handle(complaint=complaint, actor=world.gdz_legal, finding="partly", result="越权办理")
    with pytest.raises(NotFound):  # an enforcement officer has no supervision data at all
        cs.complaint_handle(complaint=complaint, actor=world.scjg_officer, finding="partly", result="无权办理")
    with pytest.raises(NotFound) as exc:  # the other district learns nothing, not even the state
        cs.complaint_assign(complaint=complaint, actor=world.lzh_agency, unit=world.unit("lzh-scjg"))
    assert "办理中" not in exc.value.message


def test_a_unit_sees_only_the_complaints_assigned_to_it(world):
    """Issue #5 point 6."""
    mine, _ = public_complaint(world)
    theirs, _ = public_complaint(world, subject_unit=world.unit("cgj"))
    for complaint, unit in ((mine, "scjg"), (theirs, "cgj")):
        cs.complaint_accept(complaint=complaint, actor=world.agency)
        cs.complaint_assign(complaint=complaint, actor=world.agency, unit=world.unit(unit))
    assert set(selectors.complaints_visible(world.scjg_legal)) == {mine}
    assert {mine, theirs} <= set(selectors.complaints_visible(world.agency))
    assert not selectors.complaints_visible(world.lzh_agency).filter(pk__in=[mine.pk, theirs.pk]).exists()
    with pytest.raises(NotFound):
        selectors.complaint_get(world.scjg_legal, theirs.pk)


def test_a_social_supervisors_observation_enters_the_complaint_flow(world, shjd):
    """R-SUP-7: the observation is a report from the channel 社会监督员反映, visible to its author."""
    observation, code = cs.observation_submit(actor=shjd, title="窗口执法人员态度生硬",
                                              content="9 月在政务服务中心窗口观察到执法人员态度生硬。")
    assert observation.channel == "supervisor" and observation.kind == "report"
    assert observation.subject_unit == world.unit("scjg") and observation.supervisor.user == shjd
    assert list(selectors.observations_of(shjd)) == [observation]
    assert observation in selectors.complaints_visible(world.agency)
    cs.complaint_accept(complaint=observation, actor=world.agency)  # the same flow as any complaint
    other = org.user_create(actor=None, username="t_other_sup", full_name="另一位", unit=world.unit("scjg"),
                            roles=["social_supervisor"], password="Test-Pass-2026!")
    assert not selectors.observations_of(other).exists()
    with pytest.raises(NotFound):
        selectors.observation_get(other, observation.pk)
    with pytest.raises(Forbidden):
        cs.observation_submit(actor=other, title="无聘任", content="不在聘期")
    with pytest.raises(InvalidInput):
        cs.observation_submit(actor=shjd, title="他单位", content="x", unit=world.unit("cgj"))


def test_the_summary_counts_states_and_overdue_in_one_query(world, fixed_today, django_assert_num_queries):
    fixed_today(date(2026, 9, 1))
    public_complaint(world)
    fixed_today(date(2026, 9, 30))
    public_complaint(world)
    agency = world.agency
    with django_assert_num_queries(3):  # the user's roles and jurisdiction, then one aggregate
        summary = selectors.complaint_summary(agency, date(2026, 9, 30))
    assert dict((s, n) for s, _, n in summary["states"])["received"] >= 2
    assert summary["overdue"] >= 1


def test_a_complaint_accepted_before_next_years_calendar_is_entered_is_dated_by_the_sweep_once_it_is(world, fixed_today,
                                                                                                   client_for):
    """R-SUP-1, R-PLT-4 (decision 0004): accepted on 2026-11-20, the 45-working-day handling deadline
    runs into 2027, whose holidays are not entered yet. Acceptance is not refused: the deadline is
    left undated (and never guessed) until the year is confirmed; then the sweep dates it, once."""
    from jiandu.core import holidays
    from jiandu.core import services as core_services
    from jiandu.core.workdays import CalendarYearMissing
    from jiandu.oversight.sweeps import sweep

    fixed_today(date(2026, 11, 16))
    complaint, _ = public_complaint(world)
    fixed_today(date(2026, 11, 20))
    assert 2027 not in holidays.load_calendar().years  # the bundled calendar ends with 2026
    complaint = cs.complaint_accept(complaint=complaint, actor=world.agency)
    assert complaint.status == "accepted" and complaint.handle_due_on is None
    page = client_for("agency").get(f"/oversight/complaints/{complaint.pk}/").content.decode()
    assert "待录入下一年度工作日历后计算" in page
    assert sweep(date(2026, 11, 23), holidays.load_calendar())["complaint_deadlines_dated"] == 0
    with pytest.raises(CalendarYearMissing):
        holidays.load_calendar().add_working_days(date(2026, 11, 20), 45)

    core_services.calendar_day_set(actor=world.user("admin"), day=date(2027, 1, 1), is_workday=False, name="元旦")
    core_services.calendar_year_confirm(actor=world.user("admin"), year=2027)
    calendar = holidays.load_calendar()
    expected = calendar.add_working_days(date(2026, 11, 20), 45)
    assert sweep(date(2026, 11, 24), calendar)["complaint_deadlines_dated"] == 1
    assert Complaint.objects.get(pk=complaint.pk).handle_due_on == expected > date(2027, 1, 1)
    assert sweep(date(2026, 11, 24), calendar)["complaint_deadlines_dated"] == 0
