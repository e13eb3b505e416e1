"""After the decision: post-evaluation of major decisions (R-CAS-8), reconsideration and
litigation outcomes (R-CAS-9) — a correction withdraws the published decision (art. 48)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jiandu.cases import rules
from jiandu.cases.models import Case, CaseDeadline, Challenge, Disclosure, PostEvaluation
from jiandu.cases.services import _common as c
from jiandu.core import audit, holidays
from jiandu.core.errors import Conflict, InvalidInput


@transaction.atomic
def post_evaluation_record(*, actor, evaluation: PostEvaluation, rating: str, opinion: str, evaluated_on: date) -> PostEvaluation:
    c.require_on_case(actor, ("cases.manage",), evaluation.case)
    case = c.lock(evaluation.case)
    evaluation = PostEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.status == PostEvaluation.Status.DONE:
        raise Conflict("evaluation_done", "该决定已完成执法后评估。")
    errors = {}
    if rating not in PostEvaluation.Rating.values:
        errors["rating"] = "请选择评估结论。"
    if not (opinion or "").strip():
        errors["opinion"] = "请填写书面评估意见。"
    if errors:
        raise InvalidInput(details=errors)
    c.not_future("evaluated_on", evaluated_on, "评估日期")
    if case.decided_on and evaluated_on < case.decided_on:
        raise InvalidInput(details={"evaluated_on": "评估日期不能早于决定日期。"})
    before = audit.snapshot(evaluation)
    evaluation.status, evaluation.rating, evaluation.opinion = PostEvaluation.Status.DONE, rating, opinion.strip()
    evaluation.evaluated_on, evaluation.evaluator = evaluated_on, actor
    evaluation.save()
    c.deadline_done(case, [CaseDeadline.Kind.POST_EVALUATION], evaluated_on)
    c.refresh_case_summary(case)
    audit.record(actor=actor, action="case.post_evaluation", obj=case, unit=case.unit, before=before,
                 after=audit.snapshot(evaluation))
    return evaluation


@transaction.atomic
def challenge_record(*, actor, case: Case, kind: str, body: str, filed_on: date, reference: str = "", note: str = "") -> Challenge:
    """A party applied for reconsideration or sued (行政复议 / 行政诉讼) against the decision."""
    c.require_on_case(actor, ("cases.manage",), case)
    case = c.lock(case)
    if case.decided_on is None:
        raise Conflict("not_decided", "案件尚未作出决定，不能登记复议或诉讼。")
    errors = {}
    if kind not in Challenge.Kind.values:
        errors["kind"] = "请选择行政复议或行政诉讼。"
    if not (body or "").strip():
        errors["body"] = "请填写复议机关或审理法院。"
    if filed_on and filed_on < case.decided_on:
        errors["filed_on"] = "申请（起诉）日期不能早于决定日期。"
    if errors:
        raise InvalidInput(details=errors)
    c.not_future("filed_on", filed_on, "申请（起诉）日期")
    challenge = Challenge.objects.create(case=case, kind=kind, body=body.strip(), filed_on=filed_on,
                                         reference=reference.strip(), note=note.strip(), recorded_by=actor)
    audit.record(actor=actor, action="case.challenge_record", obj=case, unit=case.unit, after=audit.snapshot(challenge))
    return challenge


@transaction.atomic
def challenge_decide(*, actor, challenge: Challenge, outcome: str, decided_on: date, note: str = "") -> Challenge:
    """Record the outcome. A correction (撤销、变更、确认违法、责令履行) of a published decision opens
    the 3-working-day withdrawal of its disclosure (art. 48) and tells the unit."""
    c.require_on_case(actor, ("cases.manage",), challenge.case)
    case = c.lock(challenge.case)
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.outcome:
        raise Conflict("challenge_decided", "已登记结果。")
    if outcome not in Challenge.Outcome.values:
        raise InvalidInput(details={"outcome": "请选择结果。"})
    if decided_on < challenge.filed_on:
        raise InvalidInput(details={"decided_on": "决定（判决）日期不能早于申请（起诉）日期。"})
    c.not_future("decided_on", decided_on, "决定（判决）日期")
    before = audit.snapshot(challenge)
    challenge.outcome, challenge.decided_on = outcome, decided_on
    challenge.note = "\n".join(x for x in (challenge.note, note.strip()) if x)
    challenge.save()
    if challenge.is_correction:
        published = Disclosure.objects.filter(case=case, status=Disclosure.Status.PUBLISHED).first()
        if published is not None:
            deadline = c.deadline_open(case, CaseDeadline.Kind.WITHDRAWAL, starts_on=decided_on,
                                       days_key="cases.disclosure.withdraw_working_days", counting=rules.WORKING,
                                       calendar=holidays.load_calendar())
            Disclosure.objects.filter(pk=published.pk).update(withdraw_due_on=deadline.due_on)
            c.refresh_case_summary(case)
            c.notify_case(case, c.responsible_users(case), title=f"请撤回公示：{case.number}",
                          body=f"决定经{challenge.get_kind_display()}被{challenge.get_outcome_display()}，"
                               f"请于{deadline.due_on or '期限内'}撤回公示并说明理由（行政处罚法第四十八条）。",
                          dedupe_key=f"cases:withdraw:{challenge.pk}")
    audit.record(actor=actor, action="case.challenge_decide", obj=case, unit=case.unit, before=before,
                 after=audit.snapshot(challenge))
    return challenge
