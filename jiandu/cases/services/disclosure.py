"""Disclosure of decisions (R-CAS-7): published within 7 working days with individuals' personal
data masked; late or missing disclosure flagged; a changed or revoked decision withdrawn within 3
working days with the reason (行政处罚法 art. 48, 国办发〔2018〕118号)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from jiandu.cases import rules
from jiandu.cases.models import Case, CaseDeadline, CaseParty, Disclosure
from jiandu.cases.services import _common as c
from jiandu.core import audit, masking
from jiandu.core.errors import Conflict, InvalidInput


def _replacements(parties: list[CaseParty]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for p in parties:
        if p.kind == Case.PartyKind.PERSON:
            pairs += [(p.name, masking.mask_name(p.name)), (p.id_number, masking.mask_id_number(p.id_number)),
                      (p.address, masking.mask_address(p.address))]
        if p.legal_representative:
            pairs.append((p.legal_representative, masking.mask_name(p.legal_representative)))
        pairs.append((p.phone, masking.mask_phone(p.phone)))
    # Longest first, so a full address is replaced before a name inside it.
    return sorted([(raw, masked) for raw, masked in pairs if raw and len(raw) >= 2], key=lambda x: -len(x[0]))


def scrub(text: str, parties: list[CaseParty]) -> str:
    """Mask the parties' personal data wherever it appears in free text, then any other ID or
    mobile number (core.masking.mask_text)."""
    for raw, masked in _replacements(parties):
        text = text.replace(raw, masked)
    return masking.mask_text(text)


def party_display(p: CaseParty) -> str:
    if p.kind == Case.PartyKind.PERSON:
        shown = masking.mask_name(p.name)
        if p.id_number:
            shown += f"（身份证号：{masking.mask_id_number(p.id_number)}）"
        return shown
    shown = p.name
    if p.id_number:
        shown += f"（统一社会信用代码：{p.id_number}）"
    if p.legal_representative:
        shown += f"，法定代表人：{masking.mask_name(p.legal_representative)}"
    return shown


def masked_snapshot(case: Case) -> dict:
    """What the public sees: the decision with every individual's personal data masked. Stored on
    the disclosure, so public pages never read the raw party record."""
    parties = list(case.parties.all())
    parts = [case.get_outcome_display()]
    fine = f"罚款{case.fine_amount:,.2f}元" if case.fine_amount else ""
    penalties = [fine if p == "fine" and fine else rules.PENALTY_LABELS.get(p, p) for p in case.penalties or []]
    if fine and fine not in penalties:
        penalties.append(fine)
    if penalties:
        parts.append("、".join(penalties))
    decision = case.decision_text or "；".join(parts)
    return {
        "title": scrub(case.title, parties)[:200],
        "unit_name": case.unit.name[:100],
        "decision_number": case.decision_number,
        "party_display": "；".join(party_display(p) for p in parties)[:300],
        "facts": scrub(case.facts, parties),
        "decision_text": scrub(decision, parties),
        "legal_basis": scrub(case.legal_basis or f"{case.item.law_name}{case.item.law_article}", parties),
        "decided_on": case.decided_on,
    }


@transaction.atomic
def disclosure_publish(*, actor, disclosure: Disclosure, published_on: date | None = None) -> Disclosure:
    c.require_on_case(actor, ("cases.manage",), disclosure.case)
    case = c.lock(disclosure.case)
    disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if disclosure.status != Disclosure.Status.PENDING:
        raise Conflict("disclosure_not_pending", "该决定已公示或已撤回。")
    published_on = published_on or c.today()
    c.not_future("published_on", published_on, "公示日期")
    if case.decided_on and published_on < case.decided_on:
        raise InvalidInput(details={"published_on": "公示日期不能早于决定日期。"})
    for name, value in masked_snapshot(case).items():
        setattr(disclosure, name, value)
    disclosure.status, disclosure.published_on, disclosure.published_at = Disclosure.Status.PUBLISHED, published_on, timezone.now()
    disclosure.published_by = actor
    disclosure.is_late = rules.disclosure_late(due_on=disclosure.due_on, published_on=published_on, today=c.today())
    disclosure.save()
    c.deadline_done(case, [CaseDeadline.Kind.DISCLOSURE], published_on)
    # A late disclosure stays flagged (R-CAS-7); one in time clears a flag set while it was missing.
    Case.objects.filter(pk=case.pk).update(disclosure_flag=disclosure.is_late)
    c.refresh_case_summary(case)
    audit.record(actor=actor, action="case.disclosure_publish", obj=case, unit=case.unit,
                 after={"disclosure": disclosure.pk, "published_on": published_on, "due_on": disclosure.due_on,
                        "late": disclosure.is_late})
    return disclosure


@transaction.atomic
def disclosure_withdraw(*, actor, disclosure: Disclosure, reason: str, withdrawn_on: date | None = None) -> Disclosure:
    """art. 48: withdraw a published decision that was changed, revoked or confirmed illegal, and
    say why (the public page keeps the notice and the reason, not the decision)."""
    c.require_on_case(actor, ("cases.manage",), disclosure.case)
    case = c.lock(disclosure.case)
    disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if disclosure.status != Disclosure.Status.PUBLISHED:
        raise Conflict("disclosure_not_published", "只有已公示的决定才能撤回。")
    if not (reason or "").strip():
        raise InvalidInput(details={"reason": "请填写撤回理由（将向社会公开）。"})
    withdrawn_on = withdrawn_on or c.today()
    c.not_future("withdrawn_on", withdrawn_on, "撤回日期")
    disclosure.status, disclosure.withdrawn_on = Disclosure.Status.WITHDRAWN, withdrawn_on
    disclosure.withdraw_reason = masking.mask_text(reason.strip())[:300]
    disclosure.save(update_fields=["status", "withdrawn_on", "withdraw_reason"])
    c.deadline_done(case, [CaseDeadline.Kind.WITHDRAWAL], withdrawn_on)
    late = bool(disclosure.withdraw_due_on and withdrawn_on > disclosure.withdraw_due_on)
    if late:
        Case.objects.filter(pk=case.pk).update(disclosure_flag=True)
    c.refresh_case_summary(case)
    audit.record(actor=actor, action="case.disclosure_withdraw", obj=case, unit=case.unit, reason=reason,
                 after={"disclosure": disclosure.pk, "withdrawn_on": withdrawn_on, "late": late},
                 legal_basis="《行政处罚法》第四十八条第二款")
    return disclosure
