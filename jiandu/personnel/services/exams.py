"""District closed-book tests, retakes and the district-wide notice of failures (R-PER-10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse

from jiandu.core import audit, documents
from jiandu.core.errors import Conflict, DomainError, InvalidInput
from jiandu.core.scope import require
from jiandu.personnel import rules
from jiandu.personnel.models import ClosedBookResult, ClosedBookTest, Officer, Suspension
from jiandu.personnel.services._common import (
    agency_for,
    chinese_date,
    check_date,
    decimal_param,
    link_document,
    notify_officer,
    notify_unit,
    officer_link,
    param,
    raise_if,
    to_decimal,
    today,
)
from jiandu.personnel.services.certificates import (
    apply_consequence,
    live_certificate,
    prior_suspensions,
    try_return,
)

RESULT_FIELDS = ("test", "officer", "attempt", "taken_on", "score", "passed")


def closed_book_test_link(test: ClosedBookTest) -> str:
    return reverse("personnel:test", args=[test.pk])


@transaction.atomic
def closed_book_test_create(*, actor, title: str, held_on: date, pass_score=None) -> ClosedBookTest:
    """A district closed-book test organized by the actor's supervision agency; the pass mark
    defaults to the dated parameter."""
    agency = agency_for(actor.unit)
    require(actor, "personnel.sanction", unit=agency)
    errors: dict[str, str] = {}
    if not (title or "").strip():
        errors["title"] = "请填写测试名称。"
    errors.update(check_date(held_on, "held_on", "测试日期", not_after=today()))
    raise_if(errors)
    if pass_score in (None, ""):
        value = decimal_param("personnel.test.pass_score", on=held_on, unit=agency)
    else:
        value, more = to_decimal(pass_score, "pass_score", "合格分数", minimum=0, maximum=100)
        raise_if(more)
    test = ClosedBookTest.objects.create(unit=agency, title=title.strip(), held_on=held_on, pass_score=value,
                                         created_by=actor)
    audit.record(actor=actor, action="test.create", obj=test, unit=agency,
                 after=audit.snapshot(test, ("title", "held_on", "pass_score")))
    return test


@dataclass(frozen=True)
class ScoreEntry:
    officer: Officer
    score: object
    row: int | None = None


def _check_entries(test: ClosedBookTest, entries: list[ScoreEntry], actor) -> tuple[list[dict], list]:
    errors, values = [], []
    seen: set[int] = set()
    existing = set(test.results.filter(attempt=1).values_list("officer_id", flat=True))
    for i, entry in enumerate(entries, start=1):
        where = {"row": entry.row or i}
        try:
            require(actor, "personnel.sanction", unit=entry.officer.unit)
        except DomainError:
            errors.append({**where, "field": "officer", "message": "未找到该人员（或不在您的管理范围内）。"})
            values.append(None)
            continue
        if entry.officer.pk in seen or entry.officer.pk in existing:
            errors.append({**where, "field": "officer", "message": f"{entry.officer.name}的本次测试成绩已登记。"})
        seen.add(entry.officer.pk)
        value, more = to_decimal(entry.score, "score", "成绩", minimum=0, maximum=100, allow_zero=True)
        if more:
            errors.append({**where, "field": "score", "message": "成绩应为0至100之间的数字。"})
        values.append(value)
    return errors, values


@transaction.atomic
def closed_book_test_record_results(*, actor, test: ClosedBookTest, entries: list[ScoreEntry]) -> list[ClosedBookResult]:
    """First-attempt scores of a test, all or nothing. A fail means a retake and a place in the
    district notice; a pass after a suspension may return the certificate."""
    test = ClosedBookTest.objects.select_for_update().get(pk=test.pk)
    require(actor, "personnel.sanction", unit=test.unit)
    if not entries:
        raise InvalidInput(details={"officers": "请至少登记一名人员的成绩。"})
    errors, values = _check_entries(test, entries, actor)
    if errors:
        raise InvalidInput(f"共有{len(errors)}处错误，本批成绩均未登记，请修改后重新提交。", details=errors)
    results = ClosedBookResult.objects.bulk_create([
        ClosedBookResult(test=test, officer=e.officer, attempt=1, taken_on=test.held_on, score=v,
                         passed=rules.score_passes(v, test.pass_score), recorded_by=actor)
        for e, v in zip(entries, values, strict=True)
    ])
    audit.record(actor=actor, action="test.record_results", obj=test, unit=test.unit,
                 after={"results": [{"officer": r.officer_id, "score": r.score, "passed": r.passed} for r in results]})
    for r in results:
        if r.passed:
            _maybe_return(r.officer, actor)
        else:
            notify_officer(r.officer, title=f"您在“{test.title}”中成绩不合格，须参加补考", link=officer_link(r.officer))
    return results


def _maybe_return(officer: Officer, actor) -> None:
    if Suspension.objects.filter(officer=officer, status=Suspension.Status.ACTIVE).exists():
        try_return(officer=officer, actor=actor)


@transaction.atomic
def closed_book_test_record_retake(*, actor, test: ClosedBookTest, officer: Officer, score, taken_on: date) -> ClosedBookResult:
    """A retake after a failed attempt (R-PER-10). A failed retake suspends the certificate (or
    revokes it when that suspension would reach the limit); a passed retake returns a certificate
    suspended for a failed retake — automatically, by the rule, with its decision."""
    test = ClosedBookTest.objects.select_for_update().get(pk=test.pk)
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.sanction", unit=officer.unit)
    previous = list(test.results.filter(officer=officer).values_list("attempt", "passed"))
    attempt = rules.next_attempt(previous)
    last_on = test.results.filter(officer=officer).aggregate(m=Max("taken_on"))["m"]
    value, errors = to_decimal(score, "score", "补考成绩", minimum=0, maximum=100, allow_zero=True)
    errors.update(check_date(taken_on, "taken_on", "补考日期", not_after=today(), not_before=last_on,
                             not_before_label=f"上一次考试日期（{last_on:%Y-%m-%d}）" if last_on else ""))
    if taken_on is not None and last_on is not None and taken_on == last_on:
        errors["taken_on"] = "补考日期应晚于上一次考试日期。"
    raise_if(errors)
    try:
        with transaction.atomic():
            result = ClosedBookResult.objects.create(
                test=test, officer=officer, attempt=attempt, taken_on=taken_on, score=value,
                passed=rules.score_passes(value, test.pass_score), recorded_by=actor,
            )
    except IntegrityError:
        raise Conflict("test_result_exists", "该次补考成绩已登记。") from None
    audit.record(actor=actor, action="test.record_retake", obj=result, unit=officer.unit,
                 after=audit.snapshot(result, RESULT_FIELDS))
    outcome = rules.attempt_outcome(attempt=attempt, passed=result.passed)
    if outcome == rules.TEST_FAILED_RETAKE:
        certificate = live_certificate(officer, lock=True)
        consequence = rules.suspension_consequence(
            certificate_status=certificate.status if certificate else None,
            prior_suspensions=prior_suspensions(officer),
            revoke_at=int(param("personnel.suspension.revoke_at", on=taken_on, unit=officer.unit)),
            ground=rules.GROUND_FAILED_RETAKE,
        )
        facts = (f"在{chinese_date(test.held_on)}组织的“{test.title}”中成绩不合格，"
                 f"于{chinese_date(taken_on)}补考成绩{rules.format_hours(value)}分，仍不合格。")
        apply_consequence(officer=officer, consequence=consequence, on=taken_on, actor=actor, facts=facts)
    elif result.passed:
        _maybe_return(officer, actor)
    return result


@transaction.atomic
def closed_book_test_publish_notice(*, actor, test: ClosedBookTest):
    """The district-wide notice (通报) of the people who failed the test, numbered, listed in
    each of their files, and sent to their units (R-PER-10, R-PER-11)."""
    test = ClosedBookTest.objects.select_for_update().select_related("unit").get(pk=test.pk)
    require(actor, "personnel.sanction", unit=test.unit)
    if test.notice_document_id:
        raise Conflict("test_notice_exists", f"本次测试的不合格人员通报已印发（{test.notice_document.number}）。")
    failures = list(
        test.results.filter(attempt=1, passed=False).select_related("officer", "officer__unit")
        .order_by("officer__unit__sort_order", "officer__unit_id", "officer__name")
    )
    if not failures:
        raise Conflict("test_no_failures", "本次测试没有不合格人员，无需通报。")
    lines = [f"{i}. {r.officer.unit.name}　{r.officer.name}（{rules.format_hours(r.score)}分）"
             for i, r in enumerate(failures, start=1)]
    document = documents.issue(
        kind="test_failure_notice", kind_label="闭卷测试不合格人员通报", title=f"关于{test.title}不合格人员情况的通报",
        issuer=test.unit, unit=test.unit, actor=actor, recipient="全区各行政执法单位", subject=test,
        paragraphs=[
            f"{chinese_date(test.held_on)}，区行政执法监督机构组织开展了{test.title}，合格分数为"
            f"{rules.format_hours(test.pass_score)}分。经阅卷，共有{len(failures)}名人员成绩不合格，现通报如下：",
            *lines,
            f"以上人员须参加补考。根据{rules.BASIS_RETAKE}，补考仍不合格的，由区行政执法监督机构暂扣其执法证，"
            "直至其补考合格后发还。",
            "各行政执法单位要督促本单位不合格人员认真学习、按时参加补考，切实提升执法能力。",
        ],
    )
    link_document(document, [r.officer for r in failures])
    test.notice_document = document
    test.save(update_fields=["notice_document"])
    audit.record(actor=actor, action="test.publish_notice", obj=test, unit=test.unit,
                 after={"document": document.number, "failures": [r.officer_id for r in failures]})
    for unit in {r.officer.unit_id: r.officer.unit for r in failures}.values():
        notify_unit(unit, title=f"{document.kind_label}（{document.number}）", link=closed_book_test_link(test),
                    body="本单位有人员测试不合格，须组织补考。")
    for r in failures:
        notify_officer(r.officer, title=f"您被列入{document.kind_label}（{document.number}），须参加补考",
                       link=officer_link(r.officer))
    return document
