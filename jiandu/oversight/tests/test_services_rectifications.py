"""R-SUP-3, issue #5 point 5: rectifications from every source in one ledger; a close-out needs
the agency; overdue items are counted per unit."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core.errors import Forbidden, InvalidInput, NotFound
from jiandu.core.models import AuditEvent, Notification
from jiandu.oversight import selectors
from jiandu.oversight.models import Rectification
from jiandu.oversight.services import rectification_open
from jiandu.oversight.services import rectifications as rs
from jiandu.oversight.services.inspections import campaign_add_problem, campaign_launch, inspection_add_finding, \
    inspection_plan, inspection_record_step
from jiandu.oversight.services.letters import letter_issue
from jiandu.oversight.services.supervision import joint_input_record
from jiandu.oversight.tests.factories import handled_complaint, pdf


def _open(world, unit="scjg", deadline=date(2026, 7, 31), **kw):
    fields = dict(source_type="other", source_id="", unit=world.unit(unit), problem="执法文书未加盖印章",
                  deadline=deadline, actor=world.agency, source_label="日常监督")
    fields.update(kw)
    return rectification_open(**fields)


def test_the_contract_other_apps_use_raises_a_numbered_item_and_tells_the_unit(world):
    item = rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="案卷归档不及时",
                              deadline=date(2026, 7, 31), actor=world.agency)
    assert item.status == "open" and item.number.startswith("整改〔2026〕") and item.found_on == date(2026, 6, 15)
    assert Notification.objects.filter(recipient=world.scjg_legal, link=f"/oversight/rectifications/{item.pk}/").exists()
    assert AuditEvent.objects.filter(action="rectification.open", object_id=str(item.pk)).exists()


def test_without_a_deadline_the_default_is_counted_in_working_days_from_the_parameter(world, fixed_today):
    """30 working days from Wed 2026-09-16 skip 中秋 (Fri Sep 25) and 国庆 (Oct 1–7) and count the
    make-up Sun Sep 20 and Sat Oct 10: Sep 17–18 (2), Sep 20 (3), Sep 21–24 (7), Sep 28–30 (10),
    Oct 8–10 (13), three full weeks to Oct 30 (28), Nov 2–3 (30)."""
    fixed_today(date(2026, 9, 16))
    item = _open(world, deadline=None)
    assert item.deadline == date(2026, 11, 3)


def test_problems_from_every_source_appear_in_the_one_ledger(world, fixed_today):
    """R-SUP-3: inspection, campaign, complaint, opinion letter, social supervisor, joint input, other."""
    fixed_today(date(2026, 6, 15))
    inspection = inspection_plan(actor=world.agency, title="2026年第一次法治督察", year=2026, plan="督察方案",
                                 starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30), target_units=[world.unit("scjg")])
    inspection_record_step(inspection=inspection, actor=world.agency, target_unit=world.unit("scjg"), kind="listen",
                           summary="听取区市场监管局工作汇报")
    inspection_add_finding(inspection=inspection, actor=world.agency, target_unit=world.unit("scjg"),
                           problem="执法全过程记录不完整")
    campaign = campaign_launch(actor=world.agency, title="2026年执法不规范问题专项整治", year=2026, focus=["not_standard"],
                               description="方案", starts_on=date(2026, 5, 1), ends_on=date(2026, 10, 31))
    campaign_add_problem(campaign=campaign, actor=world.agency, unit=world.unit("cgj"), problem="处罚决定说理不充分")
    complaint, _ = handled_complaint(world)
    rectification_open(source_type="complaint", source_id=complaint.pk, unit=world.unit("scjg"),
                       problem="执法人员未出示证件", deadline=None, actor=world.agency)
    letter_issue(actor=world.agency, unit=world.unit("scjg"), kind="supervision_opinion", source_type="complaint",
                 source_id=str(complaint.pk), title="关于规范亮证执法的监督意见书", problems="执法未亮证",
                 requirements="立即整改", open_rectification=True)
    rectification_open(source_type="observation", source_id=complaint.pk, unit=world.unit("scjg"),
                       problem="窗口服务态度", deadline=None, actor=world.agency)
    joint = joint_input_record(actor=world.agency, unit=world.unit("cgj"), source="procuratorate",
                               source_org="华容区人民检察院", document_kind="检察建议书", summary="违法占道处罚程序不规范")
    rectification_open(source_type="joint_input", source_id=joint.pk, unit=world.unit("cgj"), problem="处罚程序不规范",
                       deadline=None, actor=world.agency)
    _open(world)
    ledger = selectors.rectifications_visible(world.agency)
    assert set(ledger.values_list("source_type", flat=True)) == {
        "inspection", "campaign", "complaint", "letter", "observation", "joint_input", "other"}
    inspection_item = ledger.get(source_type="inspection")
    assert inspection_item.source_label == "2026年第一次法治督察" and inspection_item.source_id == str(inspection.pk)


def test_an_unknown_source_or_missing_source_record_is_refused(world):
    with pytest.raises(InvalidInput):
        _open(world, source_type="gossip")
    with pytest.raises(InvalidInput) as exc:
        _open(world, source_type="inspection", source_id="999999")
    assert exc.value.details == {"source_id": "找不到问题来源记录。"}
    with pytest.raises(InvalidInput):
        _open(world, deadline=date(2026, 6, 1))  # before the problem was found


def test_a_unit_may_raise_an_item_about_itself_but_not_about_another_unit(world):
    own = _open(world, actor=world.scjg_legal, source_label="本单位自查")
    assert own.raised_by == world.scjg_legal
    with pytest.raises(NotFound):
        _open(world, unit="cgj", actor=world.scjg_legal)


def test_the_unit_submits_and_only_the_agency_closes_out(world):
    """Issue #5 point 5: a close-out needs the agency."""
    item = _open(world)
    item = rs.rectification_submit(rectification=item, actor=world.scjg_legal, measures="已补盖印章并组织学习",
                                   evidence="整改前后文书对照", files=[pdf("整改材料.pdf")])
    assert item.status == "submitted" and item.files.count() == 1
    with pytest.raises(Forbidden):
        rs.rectification_close_out(rectification=item, actor=world.scjg_legal, note="自行销号")
    item = rs.rectification_close_out(rectification=item, actor=world.agency, note="整改到位，同意销号")
    assert item.status == "closed" and item.closed_by == world.agency and item.closed_on == date(2026, 6, 15)


def test_a_submission_needs_measures_and_some_evidence(world):
    item = _open(world)
    with pytest.raises(InvalidInput) as exc:
        rs.rectification_submit(rectification=item, actor=world.scjg_legal, measures="已整改", evidence="")
    assert "佐证" in exc.value.message
    with pytest.raises(InvalidInput):
        rs.rectification_submit(rectification=item, actor=world.scjg_legal, measures=" ", evidence="有")


def test_a_sent_back_item_gets_a_new_deadline_and_goes_round_again(world, fixed_today):
    item = _open(world, deadline=date(2026, 6, 30))
    item = rs.rectification_submit(rectification=item, actor=world.scjg_legal, measures="m", evidence="e")
    with pytest.raises(InvalidInput):
        rs.rectification_send_back(rectification=item, actor=world.agency, reason="", new_deadline=date(2026, 7, 15))
    item = rs.rectification_send_back(rectification=item, actor=world.agency, reason="佐证材料不足",
                                      new_deadline=date(2026, 7, 15))
    assert item.status == "returned" and item.deadline == date(2026, 7, 15) and item.returned_count == 1
    fixed_today(date(2026, 7, 16))
    item = rs.rectification_submit(rectification=item, actor=world.scjg_legal, measures="补充材料", evidence="补充照片")
    assert item.is_overdue  # submitted after the new deadline: late
    assert Notification.objects.filter(recipient=world.scjg_legal, title__startswith="整改事项被退回").exists()


def test_overdue_items_are_counted_per_unit(world, fixed_today, django_assert_max_num_queries):
    """R-SUP-3, issue #5 point 5: overdue = still owed by the unit and past the deadline."""
    fixed_today(date(2026, 6, 1))
    late_a = _open(world, deadline=date(2026, 6, 10))
    _open(world, deadline=date(2026, 6, 10), problem="第二项")
    submitted = _open(world, deadline=date(2026, 6, 10), problem="已报送")
    rs.rectification_submit(rectification=submitted, actor=world.scjg_legal, measures="m", evidence="e")
    _open(world, unit="cgj", deadline=date(2026, 6, 10))
    _open(world, unit="cgj", deadline=date(2026, 12, 31))
    agency = world.agency
    with django_assert_max_num_queries(4):
        rows = {r.unit_name: r for r in selectors.ledger_by_unit(agency, date(2026, 6, 15))}
    assert (rows["区市场监管局"].overdue, rows["区市场监管局"].open, rows["区市场监管局"].submitted) == (2, 2, 1)
    assert (rows["区城管局"].overdue, rows["区城管局"].open) == (1, 2)
    assert selectors.ledger_totals(agency, date(2026, 6, 15))["overdue"] == 3
    assert selectors.rectifications_visible(agency).filter(selectors.rect_overdue_q(date(2026, 6, 15)),
                                                           pk=late_a.pk).exists()


def test_a_unit_sees_only_its_own_rectifications(world):
    """Issue #5 point 6."""
    mine, theirs = _open(world), _open(world, unit="cgj")
    assert list(selectors.rectifications_visible(world.scjg_legal)) == [mine]
    with pytest.raises(NotFound):
        selectors.rectification_get(world.scjg_legal, theirs.pk)
    with pytest.raises(NotFound):
        rs.rectification_submit(rectification=theirs, actor=world.scjg_legal, measures="m", evidence="e")
    rows = selectors.ledger_by_unit(world.scjg_legal, date(2026, 6, 15))
    assert [r.unit_name for r in rows] == ["区市场监管局"]
    assert Rectification.objects.filter(pk=theirs.pk, status="open").exists()


def test_an_item_recorded_after_its_deadline_but_submitted_in_time_is_not_late(world, fixed_today):
    """R-SUP-3: lateness follows the submission date, not the day the item was entered (a problem
    found in May with a June deadline, entered in July, submitted on a June date, was on time)."""
    item = _open(world, found_on=date(2026, 5, 20), deadline=date(2026, 6, 5))  # today is 2026-06-15
    assert item.is_overdue  # on the ledger: past its deadline and not submitted
    on_time = rs.rectification_submit(rectification=item, actor=world.scjg_legal, measures="已整改", evidence="照片",
                                      on=date(2026, 6, 3))
    assert not on_time.is_overdue
    other = _open(world, found_on=date(2026, 5, 20), deadline=date(2026, 6, 5), problem="另一问题")
    late = rs.rectification_submit(rectification=other, actor=world.scjg_legal, measures="已整改", evidence="照片",
                                   on=date(2026, 6, 10))
    assert late.is_overdue
