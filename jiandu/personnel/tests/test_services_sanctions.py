"""R-PER-4…7, R-PER-11: conduct ladder with its documents, annual assessment → suspension and
return only after training and a passed exam, every revocation trigger with the transfer task,
each change with reason, legal basis, document and effective date."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import Notification, PolicyParameter
from jiandu.personnel import rules, services
from jiandu.personnel.models import (
    Assessment,
    Certificate,
    CertificateEvent,
    ConductRecord,
    OfficerDocument,
    Suspension,
    TransferTask,
)
from jiandu.personnel.selectors import officers_certified_on


def text_of(document) -> str:
    with document.file.open("rb") as fh:
        return "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)


def conduct(world, officer, on, what="现场检查未出示执法证件，未告知当事人陈述申辩权利"):
    return services.conduct_record(actor=world.agency, officer=officer, occurred_on=on, description=what, source="案卷评查")


# --- conduct ladder -----------------------------------------------------------------------------------


def test_first_record_gives_a_talk_reminder_and_second_a_circulated_criticism_each_with_its_document(world, people):
    officer = people.certified("scjg", name="周八")
    first = conduct(world, officer, date(2026, 3, 5))
    second = conduct(world, officer, date(2026, 9, 20), "查封扣押未制作现场笔录")
    assert (first.sanction, first.ordinal_in_window) == (rules.TALK_REMINDER, 1)
    assert (second.sanction, second.ordinal_in_window) == (rules.CIRCULATED_CRITICISM, 2)
    assert first.document.kind_label == "谈话提醒通知" and second.document.kind_label == "通报批评"
    assert first.document.number.startswith("华司执监〔") and first.document.number != second.document.number
    assert "谈话提醒" in text_of(first.document) and "周八同志：" in text_of(first.document)
    body = text_of(second.document)
    assert "予以通报批评" in body and "第2次" in body and "全区各行政执法单位：" in body
    linked = set(OfficerDocument.objects.filter(officer=officer).values_list("document_id", flat=True))
    assert {first.document_id, second.document_id} <= linked
    assert Notification.objects.filter(recipient=world.scjg_legal, title__contains="通报批评").exists()


def test_the_counting_window_restarts_with_the_calendar_year(world, people):
    officer = people.certified("scjg")
    conduct(world, officer, date(2025, 11, 3))
    assert conduct(world, officer, date(2026, 1, 6)).sanction == rules.TALK_REMINDER


def test_the_counting_window_is_a_dated_parameter(world, people):
    PolicyParameter.objects.create(key="personnel.conduct.window", effective_from=date(2026, 1, 1), value="rolling:365",
                                   label="不规范执法行为累计计数期", legal_reference="测试：改为滚动365日")
    officer = people.certified("scjg")
    conduct(world, officer, date(2025, 11, 3))
    assert conduct(world, officer, date(2026, 1, 6)).sanction == rules.CIRCULATED_CRITICISM


def test_only_the_agency_records_conduct_and_bad_input_changes_nothing(world, people, unchanged):
    officer = people.certified("hrz")
    with unchanged(), pytest.raises(Forbidden):
        services.conduct_record(actor=world.hrz_legal, officer=officer, occurred_on=date(2026, 3, 5), description="未亮证执法")
    with unchanged(), pytest.raises(NotFound):
        services.conduct_record(actor=world.lzh_agency, officer=officer, occurred_on=date(2026, 3, 5), description="未亮证执法")
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.conduct_record(actor=world.agency, officer=officer, occurred_on=date(2999, 1, 1), description="")
    assert set(exc.value.details) == {"occurred_on", "description"}


# --- assessment, suspension and return -------------------------------------------------------------------


def assess(world, officer, year, grade, on=None):
    return services.assessment_record(actor=world.scjg_legal, officer=officer, year=year, grade=grade,
                                      decided_on=on or date(year + 1, 1, 20))


def train(world, officer, held_on, hours):
    session = services.training_session_create(actor=world.agency, unit=world.unit("agency"), title=f"专题培训{held_on}",
                                                method="statute_study", held_on=held_on, hours=hours)
    services.training_attendance_record(actor=world.agency, session=session, entries=[services.AttendanceEntry(officer)])
    return session


def exam(world, officer, held_on, score):
    test = services.closed_book_test_create(actor=world.agency, title=f"暂扣人员考试{held_on}", held_on=held_on)
    services.closed_book_test_record_results(actor=world.agency, test=test,
                                             entries=[services.ScoreEntry(officer=officer, score=score)])
    return test


def test_incompetent_suspends_the_certificate_with_its_decision_and_pauses_the_qualification(world, people):
    officer = people.certified("scjg", name="吴九")
    assessment = assess(world, officer, 2025, rules.INCOMPETENT, on=date(2026, 1, 20))
    cert = Certificate.objects.get(officer=officer)
    assert assessment.consequence == Assessment.Consequence.SUSPEND and cert.status == Certificate.Status.SUSPENDED
    event = CertificateEvent.objects.get(certificate=cert, action="suspend")
    assert event.effective_on == date(2026, 1, 20) and event.ground == rules.GROUND_INCOMPETENT
    assert event.legal_basis == rules.BASIS_INCOMPETENT and "不称职" in event.reason
    assert event.document.kind_label == "暂扣行政执法证决定书" and "发还条件" in text_of(event.document)
    suspension = Suspension.objects.get(officer=officer)
    assert suspension.min_training_hours == 4 and suspension.status == Suspension.Status.ACTIVE
    result = officers_certified_on([officer.pk], date(2026, 2, 1))[officer.pk]
    assert "暂扣" in result and officers_certified_on([officer.pk], date(2026, 1, 19))[officer.pk] == ""


def test_return_comes_only_after_training_and_a_passed_exam_automatically_with_its_decision(world, people):
    officer = people.certified("scjg")
    assess(world, officer, 2025, rules.INCOMPETENT, on=date(2026, 1, 20))
    exam(world, officer, date(2026, 2, 10), 88)  # exam alone: still suspended
    assert Certificate.objects.get(officer=officer).status == Certificate.Status.SUSPENDED
    train(world, officer, date(2026, 2, 12), 2)  # not enough training yet
    assert Certificate.objects.get(officer=officer).status == Certificate.Status.SUSPENDED
    train(world, officer, date(2026, 2, 26), 2)  # 4 hours in all: returned
    cert = Certificate.objects.get(officer=officer)
    assert cert.status == Certificate.Status.VALID
    back = CertificateEvent.objects.get(certificate=cert, action="return")
    assert back.effective_on == date(2026, 2, 26) and back.document.kind_label == "发还行政执法证决定书"
    assert back.legal_basis == rules.BASIS_RETURN
    assert Suspension.objects.get(officer=officer).status == Suspension.Status.RETURNED
    assert officers_certified_on([officer.pk], date(2026, 2, 25))[officer.pk] != ""
    assert officers_certified_on([officer.pk], date(2026, 2, 26))[officer.pk] == ""


def test_training_and_an_exam_before_the_suspension_do_not_count(world, people):
    officer = people.certified("scjg")
    train(world, officer, date(2026, 1, 8), 8)
    exam(world, officer, date(2026, 1, 9), 95)
    assess(world, officer, 2025, rules.INCOMPETENT, on=date(2026, 1, 20))
    with pytest.raises(Conflict) as exc:
        services.certificate_return(actor=world.agency, officer=officer)
    assert exc.value.code == "return_conditions_unmet"
    assert len(exc.value.details["missing"]) == 2


def test_a_second_incompetent_year_in_a_row_revokes_cancels_the_qualification_and_orders_the_transfer(world, people):
    officer = people.certified("scjg", name="郑十")
    assess(world, officer, 2024, rules.INCOMPETENT, on=date(2025, 1, 20))
    assessment = assess(world, officer, 2025, rules.INCOMPETENT, on=date(2026, 1, 21))
    officer.refresh_from_db()
    cert = Certificate.objects.get(officer=officer)
    assert assessment.consequence == Assessment.Consequence.REVOKE and cert.status == Certificate.Status.REVOKED
    assert officer.qualification_cancelled_on == date(2026, 1, 21)
    event = CertificateEvent.objects.get(certificate=cert, action="revoke")
    assert event.ground == rules.TRIGGER_CONSECUTIVE_INCOMPETENT and "连续2年" in text_of(event.document)
    task = TransferTask.objects.get(officer=officer)
    assert task.status == TransferTask.Status.OPEN and task.unit == world.unit("scjg")
    assert task.due_on > task.opened_on
    assert Notification.objects.filter(recipient=world.scjg_legal, title__contains="调离执法岗位").exists()
    assert Suspension.objects.get(officer=officer).status == Suspension.Status.ENDED


def test_being_suspended_a_second_time_revokes_instead(world, people):
    officer = people.certified("scjg")
    assess(world, officer, 2024, rules.INCOMPETENT, on=date(2025, 1, 20))
    train(world, officer, date(2025, 3, 3), 4)
    exam(world, officer, date(2025, 3, 4), 80)
    assert Certificate.objects.get(officer=officer).status == Certificate.Status.VALID  # returned
    assess(world, officer, 2025, rules.COMPETENT, on=date(2026, 1, 20))
    test = exam(world, officer, date(2026, 4, 1), 40)  # fails, must retake
    services.closed_book_test_record_retake(actor=world.agency, test=test, officer=officer, score=45,
                                            taken_on=date(2026, 4, 20))
    cert = Certificate.objects.get(officer=officer)
    assert cert.status == Certificate.Status.REVOKED
    revoke = CertificateEvent.objects.get(certificate=cert, action="revoke")
    assert revoke.ground == rules.TRIGGER_REPEATED_SUSPENSION and "暂扣执法证2次以上" in revoke.reason
    assert CertificateEvent.objects.filter(certificate=cert, action="suspend").count() == 1


@pytest.mark.parametrize("trigger", rules.MANUAL_TRIGGERS)
def test_every_revocation_trigger_on_the_facts_revokes_with_decision_and_transfer_task(world, people, trigger):
    officer = people.certified("cgj")
    services.officer_revoke(actor=world.agency, officer=officer, trigger=trigger, reason="经查属实，有关决定文号附后。",
                            effective_on=date(2026, 6, 1))
    cert = Certificate.objects.get(officer=officer)
    event = CertificateEvent.objects.get(certificate=cert, action="revoke")
    assert cert.status == Certificate.Status.REVOKED and event.ground == trigger
    assert rules.TRIGGER_LABELS[trigger] in text_of(event.document)
    assert TransferTask.objects.filter(officer=officer, status=TransferTask.Status.OPEN).exists()


def test_revocation_without_a_live_certificate_still_cancels_the_qualification(world, people):
    officer = people.officer("cgj")
    services.officer_revoke(actor=world.agency, officer=officer, trigger=rules.TRIGGER_BRUTAL, reason="殴打当事人，经查属实。",
                            effective_on=date(2026, 6, 1))
    officer.refresh_from_db()
    assert officer.qualification_cancelled_on == date(2026, 6, 1)
    assert OfficerDocument.objects.filter(officer=officer, document__kind="certificate_revocation").exists()
    with pytest.raises(Conflict) as exc:
        services.application_submit(actor=world.cgj_legal, officer=officer)
    assert [r["code"] for r in exc.value.details["reasons"]] == ["qualification_cancelled"]


def test_revocation_refuses_an_unknown_trigger_a_missing_reason_and_a_unit_legal_officer(world, people, unchanged):
    officer = people.certified("cgj")
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.officer_revoke(actor=world.agency, officer=officer, trigger="repeated_suspension", reason="")
    assert set(exc.value.details) == {"trigger", "reason"}
    with unchanged(), pytest.raises(Forbidden):
        services.officer_revoke(actor=world.cgj_legal, officer=officer, trigger=rules.TRIGGER_ABUSE, reason="x")


def test_moving_the_officer_off_enforcement_posts_completes_the_transfer_task(world, people):
    officer = people.certified("cgj")
    services.officer_revoke(actor=world.agency, officer=officer, trigger=rules.TRIGGER_CRIMINAL, reason="被判处有期徒刑。",
                            effective_on=date(2026, 6, 1))
    task = TransferTask.objects.get(officer=officer)
    with pytest.raises(Conflict) as exc:
        services.transfer_task_complete(actor=world.cgj_legal, task=task)
    assert exc.value.code == "transfer_not_recorded"
    services.officer_change_post(actor=world.cgj_legal, officer=officer, post="后勤保障", is_enforcement_post=False,
                                 started_on=date(2026, 6, 10), reason="收回执法证后调离")
    task.refresh_from_db()
    assert task.status == TransferTask.Status.DONE and task.done_on == date(2026, 6, 10)


def test_an_assessment_twice_for_the_same_year_is_refused(world, people, unchanged):
    officer = people.certified("scjg")
    assess(world, officer, 2025, rules.COMPETENT)
    with unchanged(), pytest.raises(Conflict) as exc:
        assess(world, officer, 2025, rules.EXCELLENT)
    assert exc.value.code == "assessment_exists"
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.assessment_record(actor=world.agency, officer=officer, year=2024, grade="great", decided_on=date(2023, 1, 1))
    assert set(exc.value.details) == {"grade", "decided_on"}


def test_a_transition_dated_before_the_certificates_last_change_is_refused(world, people, unchanged):
    officer = people.certified("scjg")
    assess(world, officer, 2025, rules.INCOMPETENT, on=date(2026, 3, 1))
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.officer_revoke(actor=world.agency, officer=officer, trigger=rules.TRIGGER_ABUSE, reason="查实。",
                                effective_on=date(2026, 2, 1))
    assert "2026-03-01" in exc.value.details["effective_on"]


def test_conduct_records_and_their_numbers_stay_after_a_refused_call(world, people, unchanged):
    officer = people.certified("scjg")
    conduct(world, officer, date(2026, 3, 5))
    with unchanged(), pytest.raises(InvalidInput):
        conduct(world, officer, date(2026, 3, 6), what="")
    assert ConductRecord.objects.filter(officer=officer).count() == 1
