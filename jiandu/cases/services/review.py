"""The legal review gate (R-CAS-4) and the automatic checks at review (R-CAS-5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from jiandu.cases import contracts, rules
from jiandu.cases.models import Case, CaseOfficer, CaseStep, LegalReview
from jiandu.cases.services import _common as c
from jiandu.core import audit
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.organization.models import LegalStaff
from jiandu.organization.selectors import legal_body_for_duty


def review_facts(case: Case, review: LegalReview, on: date) -> rules.ReviewFacts:
    """The plain facts the checks need: the case, the proposal under review, the figures in force
    on ``on`` for the case's unit, and the answers of the standards contracts."""
    penalties = tuple(review.proposed_penalties or ())
    benchmark_available, benchmark = contracts.benchmark(
        item=case.item, circumstance=review.circumstance or case.circumstance, fine=review.proposed_fine,
        illegal_gain=case.illegal_gain, goods_value=case.goods_value,
        other_penalties=tuple(p for p in penalties if p != "fine"),
    )
    four_available, four = contracts.four_list_entries(case.item)
    return rules.ReviewFacts(
        kind=case.kind, procedure=case.procedure, party_kind=case.party_kind, penalties=penalties,
        fine=review.proposed_fine, confiscated=case.confiscated_amount,
        violation_ended_on=case.violation_ended_on, discovered_on=case.discovered_on,
        harm_to_life_or_finance=case.harm_to_life_or_finance, hearing_rights_notified_on=case.hearing_rights_notified_on,
        limitation_years=int(c.figure("cases.limitation.years", case, on)),
        limitation_extended_years=int(c.figure("cases.limitation.extended_years", case, on)),
        hearing_threshold_person=Decimal(str(c.figure("cases.hearing.fine_threshold_person", case, on))),
        hearing_threshold_organisation=Decimal(str(c.figure("cases.hearing.fine_threshold_organisation", case, on))),
        benchmark=benchmark, benchmark_available=benchmark_available, four_list=four, four_list_available=four_available,
    )


def review_checks(case: Case, review: LegalReview, on: date) -> list[rules.CheckResult]:
    facts = review_facts(case, review, on)
    results = rules.run_review_checks(facts)
    simple = next((r for r in results if r.code == "procedure"), None)
    if simple is not None and case.procedure == "simple":
        results[results.index(simple)] = rules.check_procedure(
            facts, max_person=Decimal(str(c.figure("cases.simple.max_fine_person", case, on))),
            max_organisation=Decimal(str(c.figure("cases.simple.max_fine_organisation", case, on))))
    return results


def reviewer_facts(case: Case, reviewer) -> tuple[rules.ReviewerFacts, LegalStaff | None]:
    """Facts about ``reviewer`` for art. 58. The reviewing body is the one holding the legal review
    duty for the case's unit (its own legal body, or the body it is routed to, R-ORG-4); an
    investigator is an officer assigned to the case, now or earlier, whose account is the reviewer's.
    "First-time" = no earlier review opinion recorded by this person on the platform."""
    body = legal_body_for_duty(case.unit, "legal_review")
    staff = (LegalStaff.objects.filter(user=reviewer, legal_body=body, is_active=True).first() if body is not None else None)
    # An investigator is an officer of the case (now or earlier) whose account is the reviewer's.
    # Recording a step on the officers' behalf (a clerk's act) does not make one an investigator.
    investigator = CaseOfficer.objects.filter(case=case, officer__user=reviewer).exists()
    earlier = LegalReview.objects.filter(reviewer=reviewer, status=LegalReview.Status.DONE).count()
    facts = rules.ReviewerFacts(
        in_reviewing_body=staff is not None, is_investigator=investigator,
        has_legal_qualification=bool(staff and staff.has_legal_qualification), earlier_opinions=earlier,
    )
    return facts, staff


@transaction.atomic
def legal_review_record(*, actor, review: LegalReview, conclusion: str, opinion: str, reviewed_on: date) -> LegalReview:
    """Record the written legal review opinion. The reviewer must be eligible (art. 58); the
    automatic checks run now and are stored with the opinion; a fine outside its benchmark tier
    flags the case. ``revise``/``rejected`` send the case back for further investigation."""
    case = review.case
    c.require_on_case(actor, ("cases.legal_review",), case)
    case = c.lock(case)
    review = LegalReview.objects.select_for_update().get(pk=review.pk)
    if review.status != LegalReview.Status.PENDING or case.status != Case.Status.LEGAL_REVIEW:
        raise Conflict("review_not_pending", "该审核已出具意见或案件不在法制审核环节。")
    if conclusion not in LegalReview.Conclusion.values:
        raise InvalidInput(details={"conclusion": "请选择审核结论。"})
    if not (opinion or "").strip():
        raise InvalidInput(details={"opinion": "请填写书面审核意见。"})
    c.not_future("reviewed_on", reviewed_on, "审核日期")
    if reviewed_on < review.requested_on:
        raise InvalidInput(details={"reviewed_on": "审核日期不能早于送审日期。"})
    facts, staff = reviewer_facts(case, actor)
    eligibility = rules.reviewer_eligibility(facts)
    if not eligibility.ok:
        raise Conflict("reviewer_not_eligible", f"您不能审核本案：{eligibility.reason}", details={"reasons": list(eligibility.reasons)})
    checks = review_checks(case, review, reviewed_on)
    outside = any(r.code == "benchmark" and r.level == rules.FAIL for r in checks)
    review.status, review.conclusion, review.opinion = LegalReview.Status.DONE, conclusion, opinion.strip()
    review.reviewed_on, review.reviewer, review.reviewer_staff = reviewed_on, actor, staff
    review.checks, review.outside_benchmark = [r.as_dict() for r in checks], outside
    review.save()
    if outside:
        Case.objects.filter(pk=case.pk, benchmark_flag=False).update(benchmark_flag=True)
    audit.record(actor=actor, action="case.legal_review", obj=case, unit=case.unit,
                 after={"review": review.pk, "conclusion": conclusion, "outside_benchmark": outside,
                        "checks": [f"{r.code}:{r.level}" for r in checks]}, reason=opinion.strip()[:500],
                 legal_basis="《行政处罚法》第五十八条")
    if conclusion != LegalReview.Conclusion.APPROVED:
        flow = rules.flow_of(case.kind, case.procedure)
        transition = rules.next_state(flow, case.status, "return_for_revision")
        old = case.status
        case.status = transition.to
        case.save(update_fields=["status", "updated_at"])
        CaseStep.objects.create(case=case, action="return_for_revision", from_status=old, to_status=case.status,
                                occurred_on=reviewed_on, actor=actor, note=opinion.strip()[:500],
                                data={"review": review.pk, "conclusion": conclusion})
    if review.requested_by_id:
        flag = "；罚款超出裁量基准" if outside else ""
        c.notify_case(case, [review.requested_by], title=f"法制审核意见：{review.get_conclusion_display()}（{case.number}）",
                      body=f"{opinion.strip()[:200]}{flag}", dedupe_key=f"cases:review-done:{review.pk}")
    return review
