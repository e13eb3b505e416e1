"""Reads of the criminal linkage, always through ``core.scope`` (R-ORG-5).

A transfer is visible to the sending side (area ``linkage``: the unit, the agency, the
procuratorate) and to the receiving police unit (area ``linkage.received``, scope ``unit``): a
police liaison sees only transfers addressed to their own unit. Out of scope = ``NotFound``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from jiandu.cases.models import Case
from jiandu.core import scope
from jiandu.core.errors import NotFound
from jiandu.linkage import rules
from jiandu.linkage.models import (
    CaseQuantity,
    JointMeeting,
    MeetingTask,
    RiskFlag,
    RiskRule,
    Transfer,
    TransferDeadline,
)
from jiandu.organization.roles import scope_kinds


# What the sending unit has not sent yet is its own business: the police never see it.
NOT_SENT = (rules.PROPOSED, rules.APPROVED, rules.NOT_APPROVED, rules.WITHDRAWN)


def _transfer_q(user) -> Q | None:
    sent = scope.scope_q(user, "linkage", unit_field="unit")
    received = scope.scope_q(user, "linkage.received", unit_field="police_unit")
    if received is not None:
        received &= ~Q(status__in=NOT_SENT)
    if sent is None:
        return received
    if received is None:
        return sent
    return sent | received


def transfers_visible(user) -> QuerySet[Transfer]:
    q = _transfer_q(user)
    qs = Transfer.objects.select_related("unit", "police_unit", "case")
    if q is None:
        return qs.none()
    return qs.filter(q) if q else qs


def transfers_sent(user) -> QuerySet[Transfer]:
    """Transfers of the units the user answers for (the unit's list; the agency's whole list)."""
    return scope.visible(Transfer.objects.select_related("unit", "police_unit", "case"), user, area="linkage")


def transfers_received(user) -> QuerySet[Transfer]:
    """The police liaison's queue: transfers addressed to their unit, never drafts of the sender."""
    return scope.visible(
        Transfer.objects.select_related("unit", "police_unit", "case"), user, area="linkage.received",
        unit_field="police_unit",
    ).exclude(status__in=NOT_SENT)


def transfer_get(user, transfer_id) -> Transfer:
    try:
        return transfers_visible(user).get(pk=int(transfer_id))
    except (Transfer.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def can_see_received_only(user) -> bool:
    """A user who sees transfers only as the receiving police (not as sender or supervisor)."""
    return bool(scope_kinds(user.role_codes, "linkage.received")) and not scope_kinds(user.role_codes, "linkage")


@dataclass
class TransferFilters:
    status: str = ""
    overdue: bool = False
    unit: int | None = None
    q: str = ""
    active: bool = False

    @classmethod
    def from_query(cls, data) -> TransferFilters:
        try:
            unit = int(data.get("unit")) if data.get("unit") else None
        except ValueError:
            unit = None
        return cls(status=data.get("status", "") if data.get("status", "") in rules.STATUS_LABELS else "",
                   overdue=bool(data.get("overdue")), unit=unit, q=(data.get("q") or "").strip()[:60],
                   active=bool(data.get("active")))


def filter_transfers(qs: QuerySet[Transfer], filters: TransferFilters) -> QuerySet[Transfer]:
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.overdue:
        qs = qs.filter(is_overdue=True)
    if filters.active:
        qs = qs.exclude(status__in=rules.FINISHED)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.q:
        qs = qs.filter(Q(number__contains=filters.q) | Q(suspected_offence__contains=filters.q)
                       | Q(case__number__contains=filters.q) | Q(case__party_name__contains=filters.q))
    return qs


def transfer_counts(qs: QuerySet[Transfer]) -> dict[str, int]:
    """One query: how many transfers in each state, active ones and overdue ones."""
    row = qs.order_by().aggregate(
        total=Count("id"),
        active=Count("id", filter=~Q(status__in=rules.FINISHED)),
        overdue=Count("id", filter=Q(is_overdue=True)),
        awaiting_police=Count("id", filter=Q(status__in=[rules.SENT, rules.ACCEPTED, rules.RECONSIDERING])),
        filed=Count("id", filter=Q(status__in=[rules.FILED, rules.HANDED_OVER, rules.CONCLUDED])),
        not_filed=Count("id", filter=Q(status__in=[rules.NOT_FILED, rules.UPHELD, rules.DECLINED, rules.UNDER_SUPERVISION])),
    )
    return {k: v or 0 for k, v in row.items()}


def transfer_detail(transfer: Transfer) -> dict[str, Any]:
    now = timezone.now()
    deadlines = list(transfer.deadlines.all())
    for d in deadlines:
        d.remaining = rules.remaining_text(d.due_at, now) if d.status in TransferDeadline.ACTIVE else ""
    reached = {s.to_status for s in transfer.steps.all()}
    steps = []
    current_index = next((i for i, (s, _) in enumerate(rules.MAIN_LINE) if s == transfer.status), None)
    for i, (state, label) in enumerate(rules.MAIN_LINE):
        if state == transfer.status:
            css = "current" if transfer.status not in rules.FINISHED else "done"
        elif state in reached or (current_index is not None and i < current_index):
            css = "done"
        else:
            css = ""
        steps.append({"label": label, "css": css, "n": i + 1})
    return {
        "deadlines": deadlines,
        "steps": steps,
        "timeline": list(transfer.steps.select_related("actor", "actor_unit").order_by("occurred_at", "id")),
        "materials": list(transfer.materials.select_related("added_by")),
        "supervision": list(transfer.supervision_records.select_related("recorded_by")),
    }


def transfer_actions_for(user, transfer: Transfer) -> list[tuple[str, rules.Transition]]:
    """The actions this user may take now: the table's actions for their side, and only where
    their role reaches the transfer's unit (sending side) or police unit (receiving side)."""
    from jiandu.linkage.services._common import permissions_of

    allowed = []
    for action, step in rules.allowed_actions(transfer.status, permissions_of(user)):
        if step.permission == rules.POLICE:
            ok = scope.unit_visible(user, transfer.police_unit, "linkage.received")
        else:
            ok = scope.unit_visible(user, transfer.unit, "linkage")
        if ok:
            allowed.append((action, step))
    return allowed


# --- risk ------------------------------------------------------------------------------------------


def flags_visible(user) -> QuerySet[RiskFlag]:
    return scope.visible(RiskFlag.objects.select_related("case", "rule", "unit", "transfer", "resolved_by"), user)


def flag_get(user, flag_id) -> RiskFlag:
    return scope.get_visible(RiskFlag.objects.select_related("case", "rule", "unit", "transfer"), user, pk=flag_id)


def rules_visible(user) -> QuerySet[RiskRule]:
    return scope.visible(RiskRule.objects.select_related("unit"), user)


def rule_get(user, rule_id) -> RiskRule:
    return scope.get_visible(RiskRule.objects.select_related("unit"), user, pk=rule_id)


def flag_counts(qs: QuerySet[RiskFlag]) -> dict[str, int]:
    row = qs.order_by().aggregate(
        open=Count("id", filter=Q(status=RiskFlag.Status.OPEN)),
        penalty_instead=Count("id", filter=Q(status=RiskFlag.Status.OPEN, kind=RiskFlag.Kind.PENALTY_INSTEAD)),
        withheld=Count("id", filter=Q(status=RiskFlag.Status.OPEN, kind=RiskFlag.Kind.WITHHELD)),
        resolved=Count("id", filter=Q(status=RiskFlag.Status.RESOLVED)),
    )
    return {k: v or 0 for k, v in row.items()}


def penalty_cases_for_transfer(user) -> QuerySet[Case]:
    """Penalty cases the user may pick for a new transfer: their units', not transferred yet (a
    refused or withdrawn proposal may be proposed again)."""
    return (
        scope.visible(Case.objects.select_related("unit", "item"), user, area="linkage")
        .filter(kind=Case.Kind.PENALTY)
        .exclude(transfers__status__in=list(rules.COUNTS_AS_TRANSFER))
        .order_by("-filed_on", "-id")
    )


def case_quantity(case: Case) -> CaseQuantity | None:
    return CaseQuantity.objects.filter(case=case).first()


# --- joint meetings -------------------------------------------------------------------------------------


def _has_linkage_role(user) -> bool:
    return bool(scope_kinds(user.role_codes, "linkage") or scope_kinds(user.role_codes, "linkage.received"))


def meetings_visible(user) -> QuerySet[JointMeeting]:
    """Meetings convened within the user's scope, and those their own unit attended."""
    qs = JointMeeting.objects.select_related("convener")
    q = scope.scope_q(user, "linkage", unit_field="convener")
    if getattr(user, "is_authenticated", False) and user.is_active and user.unit_id and _has_linkage_role(user):
        attended = Q(attendee_units=user.unit_id)
        q = attended if q is None else (q | attended)
    if q is None:
        return qs.none()
    if not q:
        return qs
    return qs.filter(pk__in=JointMeeting.objects.filter(q).values("pk"))


def meeting_get(user, meeting_id) -> JointMeeting:
    try:
        return meetings_visible(user).get(pk=int(meeting_id))
    except (JointMeeting.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def task_get(user, task_id) -> MeetingTask:
    try:
        task = MeetingTask.objects.select_related("meeting", "owner_unit", "meeting__convener").get(pk=int(task_id))
    except (MeetingTask.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if not meetings_visible(user).filter(pk=task.meeting_id).exists():
        raise NotFound()
    return task


def open_tasks(user) -> QuerySet[MeetingTask]:
    return (
        MeetingTask.objects.filter(meeting__in=meetings_visible(user).values("pk"), status=MeetingTask.Status.OPEN)
        .select_related("meeting", "owner_unit").order_by("due_on", "id")
    )
