"""Risk rules and flags: 以罚代刑 / 有案不移 (R-LNK-3).

A rule names a criminal threshold for one enforcement item of a unit (``(unit, item_code)``).
Flags are raised by the sweep, when a case is decided (``on_case_saved``), and on demand; each
``(case, rule)`` is flagged once, so every path is idempotent. Only the agency resolves a flag.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from jiandu.cases.models import Case, CaseParty
from jiandu.core import audit, notifications, scope
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.linkage import rules
from jiandu.linkage.models import CaseQuantity, RiskFlag, RiskRule, Transfer
from jiandu.linkage.services import _common as c
from jiandu.organization.models import Unit
from jiandu.standards.models import EnforcementItem

logger = logging.getLogger("jiandu.linkage")

# Outcomes that are not a penalty: such an earlier case is no "已受行政处罚" for the repeat rule.
NOT_PENALIZED = (
    Case.Outcome.NO_PENALTY, Case.Outcome.NO_VIOLATION, Case.Outcome.TERMINATED, Case.Outcome.TRANSFERRED,
    Case.Outcome.LICENSED, Case.Outcome.LICENCE_REFUSED,
)


def _decimal(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput(details={field: "应为数字。"}) from None


# --- rules ---------------------------------------------------------------------------------------------


@transaction.atomic
def risk_rule_create(
    *,
    actor,
    unit: Unit,
    item_code: str,
    suspected_offence: str,
    legal_reference: str,
    effective_from: date,
    amount_field: str = "",
    amount_threshold=None,
    quantity_threshold=None,
    quantity_unit: str = "",
    repeat_count: int | None = None,
    repeat_window_days: int | None = None,
    effective_until: date | None = None,
) -> RiskRule:
    """The agency sets a criminal threshold for one enforcement item of a unit."""
    scope.require(actor, "linkage.configure", unit=unit, area="linkage")
    item = (
        EnforcementItem.objects.filter(item_list__unit=unit, code=(item_code or "").strip())
        .order_by("-item_list__version").first()
    )
    spec = rules.RiskRuleSpec(
        amount_field=amount_field or "", amount_threshold=_decimal(amount_threshold, "amount_threshold"),
        quantity_threshold=_decimal(quantity_threshold, "quantity_threshold"), quantity_unit=(quantity_unit or "").strip(),
        repeat_count=repeat_count or None, repeat_window_days=repeat_window_days or None,
    )
    errors = rules.rule_spec_problems(spec)
    if item is None:
        errors["item_code"] = "该单位的执法事项清单中没有这个事项编码。"
    if not (suspected_offence or "").strip():
        errors["suspected_offence"] = "请填写可能涉嫌的罪名。"
    if not (legal_reference or "").strip():
        errors["legal_reference"] = "请填写立案追诉标准的依据（文件名称及条款）。"
    if effective_from is None:
        errors["effective_from"] = "请填写生效日期。"
    elif effective_until is not None and effective_until < effective_from:
        errors["effective_until"] = "失效日期不能早于生效日期。"
    if errors:
        raise InvalidInput(details=errors)
    rule = RiskRule.objects.create(
        unit=unit, item_code=item.code, item_name=item.name, suspected_offence=suspected_offence.strip()[:100],
        amount_field=spec.amount_field, amount_threshold=spec.amount_threshold,
        quantity_threshold=spec.quantity_threshold, quantity_unit=spec.quantity_unit,
        repeat_count=spec.repeat_count, repeat_window_days=spec.repeat_window_days,
        legal_reference=legal_reference.strip()[:255], effective_from=effective_from, effective_until=effective_until,
        created_by=actor,
    )
    audit.record(actor=actor, action="linkage.risk_rule.create", obj=rule, unit=unit, after=audit.snapshot(rule),
                 legal_basis=rule.legal_reference)
    return rule


@transaction.atomic
def risk_rule_deactivate(*, actor, rule: RiskRule, reason: str) -> RiskRule:
    scope.require(actor, "linkage.configure", unit=rule.unit, area="linkage")
    reason = c.text(reason, "reason", "请填写停用理由。")
    if not RiskRule.objects.filter(pk=rule.pk, is_active=True).update(is_active=False):
        raise Conflict("risk_rule_inactive", "该规则已停用。")
    rule.refresh_from_db()
    audit.record(actor=actor, action="linkage.risk_rule.deactivate", obj=rule, unit=rule.unit,
                 before={"is_active": True}, after={"is_active": False}, reason=reason)
    return rule


@transaction.atomic
def case_quantity_record(*, actor, case: Case, quantity, quantity_unit: str, note: str = "") -> CaseQuantity:
    """Record the quantity involved in a case (the cases tables have no such field), then
    re-evaluate the case against its item's rules."""
    scope.require(actor, "linkage.manage", unit=case.unit, area="linkage")
    value = _decimal(quantity, "quantity")
    errors = {}
    if value is None or value < 0:
        errors["quantity"] = "请填写不小于零的涉案数量。"
    if not (quantity_unit or "").strip():
        errors["quantity_unit"] = "请填写计量单位。"
    if errors:
        raise InvalidInput(details=errors)
    existing = CaseQuantity.objects.filter(case=case).first()
    before = audit.snapshot(existing, ("quantity", "quantity_unit", "note")) if existing else None
    record, _ = CaseQuantity.objects.update_or_create(
        case=case, defaults={"quantity": value, "quantity_unit": quantity_unit.strip()[:20],
                             "note": (note or "").strip()[:200], "recorded_by": actor},
    )
    audit.record(actor=actor, action="linkage.case_quantity.record", obj=case, unit=case.unit, before=before,
                 after=audit.snapshot(record, ("quantity", "quantity_unit", "note")))
    _evaluate(case, actor=actor)
    return record


# --- evaluation -----------------------------------------------------------------------------------------


def rules_for(case: Case) -> list[RiskRule]:
    on = case.decided_on
    if on is None or case.kind != Case.Kind.PENALTY:
        return []
    return list(
        RiskRule.objects.filter(unit_id=case.unit_id, item_code=case.item.code, is_active=True, effective_from__lte=on)
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on))
    )


def has_transfer(case: Case) -> bool:
    return Transfer.objects.filter(case=case, status__in=rules.COUNTS_AS_TRANSFER).exists()


def _prior_penalty_dates(case: Case, rule: RiskRule, before: date) -> tuple[date, ...]:
    parties = list(CaseParty.objects.filter(case=case).values_list("id_number", "name"))
    ids = {i for i, _ in parties if i}
    names = {n for _, n in parties if n} | ({case.party_name} if case.party_name else set())
    if not ids and not names:
        return ()
    same_party = Q(parties__id_number__in=ids) if ids else Q()
    if names:
        # A party known by ID number is matched by it; by name only where no number was recorded.
        by_name = Q(parties__name__in=names, parties__id_number="") | Q(party_name__in=names)
        same_party = (same_party | by_name) if ids else by_name
    start = before - timedelta(days=rule.repeat_window_days or 0)
    rows = (
        Case.objects.filter(same_party, unit_id=rule.unit_id, item__code=rule.item_code, kind=Case.Kind.PENALTY,
                            decided_on__gte=start, decided_on__lt=before)
        .exclude(pk=case.pk).exclude(outcome__in=NOT_PENALIZED)
        .values_list("id", "decided_on").distinct()
    )
    return tuple(d for _, d in rows)


def case_facts(case: Case, rule: RiskRule) -> rules.CaseFacts:
    quantity = CaseQuantity.objects.filter(case=case).first()
    reference_on = case.violation_ended_on or case.decided_on or case.filed_on
    return rules.CaseFacts(
        amounts={name: getattr(case, name) for name in rules.AMOUNT_LABELS},
        # A quantity in another unit of measure is not comparable: it never reaches the threshold.
        quantity=quantity.quantity if quantity and quantity.quantity_unit == rule.quantity_unit else None,
        reference_on=reference_on,
        prior_penalty_dates=_prior_penalty_dates(case, rule, reference_on) if rule.repeat_count else (),
        penalized=case.outcome == Case.Outcome.PENALIZED or bool(case.fine_amount) or bool(case.penalties),
        transferred=has_transfer(case),
    )


def _raise_flag(case: Case, rule: RiskRule, outcome: rules.RiskOutcome, *, actor) -> RiskFlag | None:
    if RiskFlag.objects.filter(case=case, rule=rule).exists():
        return None
    try:
        with transaction.atomic():
            flag = RiskFlag.objects.create(case=case, rule=rule, unit_id=case.unit_id, kind=outcome.kind,
                                           reasons=list(outcome.reasons), flagged_at=timezone.now())
    except IntegrityError:  # a concurrent sweep flagged it first
        return None
    audit.record(actor=actor, action="linkage.risk_flag.raise", obj=flag, unit=case.unit,
                 after={"case": case.pk, "rule": rule.pk, "kind": flag.kind, "reasons": flag.reasons},
                 legal_basis=rule.legal_reference)
    link = reverse("linkage:flag", args=[flag.pk])
    title = f"涉刑风险提示（{flag.get_kind_display()}）：{case.number}"
    body = f"{case.title}：{'；'.join(outcome.reasons)}。可能涉嫌{rule.suspected_offence}，请审查是否移送公安机关。"
    notifications.notify(list(c.agency_officers(case.unit)) + list(c.unit_legal_officers(case.unit)), title=title,
                         body=body, link=link, category="linkage", dedupe_key=f"linkage.flag.{flag.pk}")
    return flag


def _evaluate(case: Case, *, actor) -> list[RiskFlag]:
    raised = []
    for rule in rules_for(case):
        outcome = rules.evaluate(rule.spec(), case_facts(case, rule))
        if outcome.flagged:
            flag = _raise_flag(case, rule, outcome, actor=actor)
            if flag is not None:
                raised.append(flag)
    return raised


@transaction.atomic
def risk_evaluate_case(*, actor, case: Case) -> list[RiskFlag]:
    """Re-evaluate one case on demand ("重新评估"); returns the flags newly raised."""
    scope.require(actor, "linkage.manage", unit=case.unit, area="linkage")
    case = Case.objects.select_related("unit", "item").get(pk=case.pk)
    return _evaluate(case, actor=actor)


def evaluate_case_as_system(case_id: int) -> list[RiskFlag]:
    """Evaluation after a case is decided (called on commit of the case's save)."""
    case = Case.objects.select_related("unit", "item").filter(pk=case_id).first()
    if case is None:
        return []
    with transaction.atomic():
        return _evaluate(case, actor=None)


def on_case_saved(sender, instance: Case, created: bool = False, raw: bool = False, **kwargs) -> None:
    """``post_save`` of ``cases.Case``: once a penalty case carries a decision, evaluate it after
    the case's transaction commits. A failure here is logged, never fails the case's own save."""
    if raw or instance.kind != Case.Kind.PENALTY or instance.decided_on is None:
        return
    case_id = instance.pk

    def run() -> None:
        try:
            evaluate_case_as_system(case_id)
        except Exception:  # the sweep evaluates the case again later
            logger.exception("risk evaluation of case %s failed", case_id)

    transaction.on_commit(run)


def sweep_risk(today: date) -> dict[str, int]:
    """Flag decided penalty cases (within the look-back period) that crossed an active rule
    without a transfer. Candidates are narrowed in SQL; each (case, rule) is flagged once."""
    raised = 0
    for rule in RiskRule.objects.filter(is_active=True, effective_from__lte=today).select_related("unit"):
        lookback = int(c.figure("linkage.risk.lookback_days", rule.unit, today))
        start = max(rule.effective_from, today - timedelta(days=lookback))
        candidates = (
            Case.objects.filter(unit_id=rule.unit_id, item__code=rule.item_code, kind=Case.Kind.PENALTY,
                                decided_on__gte=start, decided_on__lte=today)
            .exclude(risk_flags__rule=rule)
            .exclude(transfers__status__in=rules.COUNTS_AS_TRANSFER)
        )
        if rule.effective_until:
            candidates = candidates.filter(decided_on__lte=rule.effective_until)
        if not (rule.repeat_count and rule.repeat_window_days):
            reach = Q(pk__in=[])
            if rule.amount_field and rule.amount_threshold is not None:
                reach |= Q(**{f"{rule.amount_field}__gte": rule.amount_threshold})
            if rule.quantity_threshold is not None:
                reach |= Q(linkage_quantity__quantity__gte=rule.quantity_threshold,
                           linkage_quantity__quantity_unit=rule.quantity_unit)
            candidates = candidates.filter(reach)
        for case in candidates.select_related("unit", "item").distinct().iterator(chunk_size=500):
            outcome = rules.evaluate(rule.spec(), case_facts(case, rule))
            if outcome.flagged:
                with transaction.atomic():
                    if _raise_flag(case, rule, outcome, actor=None) is not None:
                        raised += 1
    return {"risk_flagged": raised}


# --- resolving -----------------------------------------------------------------------------------------


@transaction.atomic
def risk_flag_resolve(*, actor, flag: RiskFlag, resolution: str, reason: str, transfer: Transfer | None = None) -> RiskFlag:
    """The agency closes a flag: the case was transferred (naming the transfer), or a written
    justification why no transfer is needed."""
    scope.require(actor, "linkage.resolve_flag", unit=flag.unit, area="linkage")
    errors = {}
    if resolution not in RiskFlag.Resolution.values:
        errors["resolution"] = "请选择处理方式。"
    if not (reason or "").strip():
        errors["reason"] = "请填写处理说明。"
    if errors:
        raise InvalidInput(details=errors)
    if resolution == RiskFlag.Resolution.TRANSFER_MADE:
        candidates = Transfer.objects.filter(case_id=flag.case_id, status__in=rules.COUNTS_AS_TRANSFER)
        transfer = candidates.filter(pk=transfer.pk).first() if transfer is not None else candidates.order_by("-id").first()
        if transfer is None:
            raise Conflict("flag_no_transfer", "该案件尚无移送记录：请先由办案单位提请移送，或选择“经审查不需移送”并书面说明理由。")
    else:
        transfer = None
    now = timezone.now()
    updated = RiskFlag.objects.filter(pk=flag.pk, status=RiskFlag.Status.OPEN).update(
        status=RiskFlag.Status.RESOLVED, resolution=resolution, resolution_reason=reason.strip(), transfer=transfer,
        resolved_by=actor, resolved_at=now,
    )
    if not updated:
        raise Conflict("flag_already_resolved", "该风险提示已处理。")
    flag.refresh_from_db()
    audit.record(actor=actor, action="linkage.risk_flag.resolve", obj=flag, unit=flag.unit,
                 before={"status": "open"},
                 after={"status": "resolved", "resolution": resolution, "transfer": getattr(transfer, "pk", None)},
                 reason=flag.resolution_reason)
    return flag

