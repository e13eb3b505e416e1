"""R-PER-9 training (plans, sessions by method, attendance for officers and auxiliary staff,
all-or-nothing Excel import) and R-PER-10 closed-book tests (district notice of failures,
retakes, suspension on a failed retake until a retake is passed)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from openpyxl import Workbook

from jiandu.core import jobs
from jiandu.core.errors import Conflict, InvalidInput, NotFound
from jiandu.core.models import BackgroundJob
from jiandu.personnel import rules, selectors, services
from jiandu.personnel.models import (
    Certificate,
    CertificateEvent,
    ClosedBookResult,
    OfficerDocument,
    Suspension,
    TrainingAttendance,
)
from jiandu.personnel.tests.conftest import text_of

# --- closed-book tests -------------------------------------------------------------------------------


def make_test(world, held_on=date(2026, 4, 10)):
    return services.closed_book_test_create(actor=world.agency, title="2026年度全区执法能力闭卷测试", held_on=held_on)


def test_a_fail_goes_into_a_numbered_district_notice_listed_in_each_failed_officers_file(world, people):
    good, bad1, bad2 = people.certified("scjg", name="甲"), people.certified("hrz", name="乙"), people.officer("gdz", name="丙",
                                                                                                          category="auxiliary")
    test = make_test(world)
    assert test.pass_score == 60  # the dated parameter
    services.closed_book_test_record_results(actor=world.agency, test=test, entries=[
        services.ScoreEntry(good, 91), services.ScoreEntry(bad1, "58.5"), services.ScoreEntry(bad2, 12)])
    notice = services.closed_book_test_publish_notice(actor=world.agency, test=test)
    body = text_of(notice)
    assert notice.kind_label == "闭卷测试不合格人员通报" and notice.number.startswith("华司执监〔")
    assert "乙（58.5分）" in body and "丙（12分）" in body and "甲" not in body and "须参加补考" in body
    linked = set(OfficerDocument.objects.filter(document=notice).values_list("officer__name", flat=True))
    assert linked == {"乙", "丙"}
    with pytest.raises(Conflict) as exc:
        services.closed_book_test_publish_notice(actor=world.agency, test=test)
    assert exc.value.code == "test_notice_exists"
    assert {r.officer.name for r in selectors.retakes_due(world.agency)} >= {"乙", "丙"}


def test_a_failed_retake_suspends_until_a_retake_is_passed_then_returns_automatically(world, people):
    officer = people.certified("scjg")
    test = make_test(world)
    services.closed_book_test_record_results(actor=world.agency, test=test, entries=[services.ScoreEntry(officer, 50)])
    assert Certificate.objects.get(officer=officer).status == Certificate.Status.VALID  # a first fail does not suspend
    services.closed_book_test_record_retake(actor=world.agency, test=test, officer=officer, score=55, taken_on=date(2026, 5, 6))
    cert = Certificate.objects.get(officer=officer)
    assert cert.status == Certificate.Status.SUSPENDED
    suspend = CertificateEvent.objects.get(certificate=cert, action="suspend")
    assert suspend.ground == rules.GROUND_FAILED_RETAKE and suspend.legal_basis == rules.BASIS_RETAKE
    assert "补考" in text_of(suspend.document)
    third = services.closed_book_test_record_retake(actor=world.agency, test=test, officer=officer, score=76,
                                                    taken_on=date(2026, 6, 3))
    cert.refresh_from_db()
    assert third.attempt == 3 and third.passed and cert.status == Certificate.Status.VALID
    back = CertificateEvent.objects.get(certificate=cert, action="return")
    assert back.effective_on == date(2026, 6, 3) and back.document.kind_label == "发还行政执法证决定书"
    assert Suspension.objects.get(officer=officer).status == Suspension.Status.RETURNED
    assert not selectors.retakes_due(world.agency).filter(officer=officer).exists()


def test_a_retake_without_a_failure_or_before_the_last_attempt_is_refused(world, people, unchanged):
    officer, passed = people.certified("scjg"), people.certified("scjg")
    test = make_test(world)
    services.closed_book_test_record_results(actor=world.agency, test=test, entries=[
        services.ScoreEntry(officer, 50), services.ScoreEntry(passed, 70)])
    with unchanged(), pytest.raises(Conflict) as exc:
        services.closed_book_test_record_retake(actor=world.agency, test=test, officer=passed, score=90, taken_on=date(2026, 5, 1))
    assert exc.value.code == "retake_not_required"
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.closed_book_test_record_retake(actor=world.agency, test=test, officer=officer, score=90, taken_on=date(2026, 4, 10))
    assert "taken_on" in exc.value.details
    with unchanged(), pytest.raises(InvalidInput):
        services.closed_book_test_record_retake(actor=world.agency, test=test, officer=officer, score=101, taken_on=date(2026, 5, 1))


def test_results_are_all_or_nothing_with_one_message_per_bad_entry(world, people, unchanged):
    a, b = people.certified("scjg"), people.certified("scjg")
    test = make_test(world)
    services.closed_book_test_record_results(actor=world.agency, test=test, entries=[services.ScoreEntry(a, 80)])
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.closed_book_test_record_results(actor=world.agency, test=test, entries=[
            services.ScoreEntry(b, "abc"), services.ScoreEntry(a, 70), services.ScoreEntry(b, 60)])
    rows = {(e["row"], e["field"]) for e in exc.value.details}
    assert rows == {(1, "score"), (2, "officer"), (3, "officer")}
    assert ClosedBookResult.objects.filter(test=test).count() == 1


def test_only_the_agency_organizes_tests(world, unchanged):
    from jiandu.core.errors import Forbidden

    with unchanged(), pytest.raises(Forbidden):
        services.closed_book_test_create(actor=world.hrz_legal, title="乡镇自测", held_on=date(2026, 4, 1))


# --- training -----------------------------------------------------------------------------------------


def session(world, unit="hrz", actor=None, hours=4, held_on=date(2026, 5, 12), method="case_study"):
    return services.training_session_create(actor=actor or world.hrz_legal, unit=world.unit(unit), title="以案说法专题培训",
                                            method=method, held_on=held_on, hours=hours)


def test_a_unit_plans_its_year_and_records_hours_for_officers_and_auxiliary_staff(world, people):
    plan = services.training_plan_save(actor=world.hrz_legal, unit=world.unit("hrz"), year=2026, title="华容镇2026年度培训计划",
                                       planned_sessions=10)
    assert plan.target_hours == 40  # the yearly minimum of the policy
    again = services.training_plan_save(actor=world.hrz_legal, unit=world.unit("hrz"), year=2026, title="修订版",
                                        target_hours="48")
    assert again.pk == plan.pk and again.target_hours == 48
    officer, auxiliary = people.officer("hrz"), people.officer("hrz", category="auxiliary")
    s = session(world)
    services.training_attendance_record(actor=world.hrz_legal, session=s, entries=[
        services.AttendanceEntry(officer), services.AttendanceEntry(auxiliary, hours="2.5")])
    hours = dict(TrainingAttendance.objects.filter(session=s).values_list("officer_id", "hours"))
    assert hours == {officer.pk: Decimal("4.0"), auxiliary.pk: Decimal("2.5")}


def test_a_plan_below_the_yearly_minimum_and_a_bad_session_are_refused(world, unchanged):
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.training_plan_save(actor=world.hrz_legal, unit=world.unit("hrz"), year=2026, title="计划", target_hours=30)
    assert "40" in exc.value.details["target_hours"]
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.training_session_create(actor=world.hrz_legal, unit=world.unit("hrz"), title="", method="nap",
                                         held_on=None, hours=30)
    assert set(exc.value.details) == {"title", "method", "held_on", "hours"}


def test_attendance_is_all_or_nothing_and_another_townships_person_is_as_if_absent(world, people, unchanged):
    mine, theirs = people.officer("hrz"), people.officer("gdz")
    s = session(world)
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.training_attendance_record(actor=world.hrz_legal, session=s, entries=[
            services.AttendanceEntry(mine), services.AttendanceEntry(theirs), services.AttendanceEntry(mine, hours=9)])
    messages = [e["message"] for e in exc.value.details]
    assert "未找到该人员（或不在您的管理范围内）。" in messages
    assert any("重复" in m for m in messages) and any("学时" in m for m in messages)
    with unchanged(), pytest.raises(NotFound):
        services.training_attendance_record(actor=world.gdz_legal, session=s, entries=[services.AttendanceEntry(theirs)])


def test_a_session_in_the_future_cannot_have_attendance(world, people, unchanged):
    s, officer = session(world, held_on=date(2999, 1, 1)), people.officer("hrz")
    with unchanged(), pytest.raises(Conflict) as exc:
        services.training_attendance_record(actor=world.hrz_legal, session=s, entries=[services.AttendanceEntry(officer)])
    assert exc.value.code == "session_not_held"


def test_compliance_per_unit_and_the_shortfall_list_are_visible_during_the_year(world, people):
    full, short, aux = people.officer("gdz"), people.officer("gdz"), people.officer("gdz", category="auxiliary")
    for i, hours in enumerate((24, 16)):
        s = session(world, unit="gdz", actor=world.gdz_legal, hours=hours if hours <= 24 else 24,
                    held_on=date(2026, 3 + i, 10), method="expert_lecture")
        services.training_attendance_record(actor=world.gdz_legal, session=s, entries=[services.AttendanceEntry(full)])
    s = session(world, unit="gdz", actor=world.gdz_legal, hours=8, held_on=date(2026, 5, 10))
    services.training_attendance_record(actor=world.gdz_legal, session=s, entries=[
        services.AttendanceEntry(short), services.AttendanceEntry(aux)])
    target, expected, rows = selectors.training_by_unit(world.gdz_legal, year=2026, on=date(2026, 6, 30))
    assert target == 40 and expected == Decimal("19.8")
    [row] = [r for r in rows if r.unit_name == "葛店镇人民政府"]
    assert (row.compliance.people, row.compliance.compliant, row.compliance.behind_pace) == (3, 1, 2)
    shortfall = selectors.training_people(world.gdz_legal, year=2026).filter(hours_year__lt=target)
    assert set(shortfall.values_list("pk", flat=True)) == {short.pk, aux.pk}


def workbook(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["身份证号", "姓名", "学时"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_an_excel_import_with_one_bad_row_imports_nothing_and_reports_each_row(world, people, unchanged):
    a, b, theirs = people.officer("hrz", name="甲"), people.officer("hrz", name="乙"), people.officer("gdz", name="丙")
    s = session(world)
    content = workbook([[a.id_number, "甲", 4], [b.id_number, "错名", ""], [theirs.id_number, "丙", 2], ["", "", 3],
                        [a.id_number.lower(), "甲", 1]])
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.training_attendance_import(actor=world.hrz_legal, session=s, content=content)
    report = {(e["row"], e["field"]) for e in exc.value.details}
    assert report == {(3, "姓名"), (4, "身份证号"), (5, "身份证号"), (6, "身份证号")}
    assert "整批未导入" in exc.value.message


def test_a_correct_excel_import_runs_as_a_job_with_its_result(world, people):
    a, b = people.officer("hrz", name="甲"), people.officer("hrz", name="乙", category="auxiliary")
    s = session(world)
    job = jobs.start(kind="personnel.attendance_import", label="导入学时", actor=world.hrz_legal, unit=s.unit,
                     params={"session_id": s.pk},
                     input_file=ContentFile(workbook([[a.id_number, "甲", ""], [b.id_number, "乙", 2]]), name="a.xlsx"))
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.SUCCEEDED and job.result["created"] == 2
    assert set(TrainingAttendance.objects.filter(session=s).values_list("hours", flat=True)) == {Decimal("4.0"), Decimal("2.0")}


def test_a_failed_import_job_keeps_its_row_report(world, people):
    s = session(world)
    job = jobs.start(kind="personnel.attendance_import", label="导入学时", actor=world.hrz_legal, unit=s.unit,
                     params={"session_id": s.pk}, input_file=ContentFile(b"not excel", name="a.xlsx"))
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED and "xlsx" in job.message
    assert job.errors and job.errors[0]["field"] == "file"


def test_a_session_joins_its_units_plan_of_that_year(world):
    plan = services.training_plan_save(actor=world.hrz_legal, unit=world.unit("hrz"), year=2026, title="计划")
    assert session(world, held_on=date(2026, 5, 1)).plan == plan
    assert session(world, held_on=date(2025, 5, 1)).plan is None
