"""Reads of the standards app.

Contracts other apps call (kept stable):

- ``published_items(unit)`` — the items of the unit's current published list (``cases`` files
  cases against these rows);
- ``benchmark_check(*, item, circumstance, fine, …)`` — the proposed penalty against the published
  benchmark of the item's ``(unit, code)`` (``cases`` legal review, R-CAS-5);
- ``four_list_entries_for(item)`` — published four-lists entries of the item's ``(unit, code)``;
- ``exemption_applies(*, officer=None, subject=None)`` — whether an approved due-diligence
  exemption covers the officer or the subject (R-STD-2).

These answer about objects the caller already holds in scope, so they are not narrowed again.
Every other read for a user goes through ``core.scope`` (out of scope = 404, like missing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Count, Q, QuerySet

from jiandu.core import scope
from jiandu.standards.models import (
    AdvisorContract,
    Benchmark,
    BenchmarkSet,
    BenchmarkTier,
    EnforcementItem,
    Exemption,
    FourList,
    FourListEntry,
    ItemList,
    LegalAdvisor,
    SystemDocument,
    Venue,
    VersionStatus,
)
from jiandu.standards.rules import PenaltyCheck, Tier, check_penalty
from jiandu.standards.rules import advisors as advisor_rules
from jiandu.standards.rules import venues as venue_rules

PUBLISHED = VersionStatus.PUBLISHED

# --- contracts ------------------------------------------------------------------------------------


def published_items(unit) -> QuerySet[EnforcementItem]:
    """Items of ``unit``'s current published item list (empty when it has none)."""
    return EnforcementItem.objects.filter(item_list__unit=unit, item_list__status=PUBLISHED).order_by("code")


def published_item_list(unit) -> ItemList | None:
    return ItemList.objects.filter(unit=unit, status=PUBLISHED).first()


def tier_values(tier: BenchmarkTier) -> Tier:
    """A stored tier as the plain value ``rules.check_penalty`` takes."""
    return Tier(
        label=tier.label, fine_mode=tier.fine_mode, min_value=tier.min_value, max_value=tier.max_value,
        min_inclusive=tier.min_inclusive, max_inclusive=tier.max_inclusive, floor=tier.floor_amount,
        cap=tier.cap_amount, fine_required=tier.fine_required, other_penalties=tuple(tier.other_penalties or ()),
        circumstances=tier.circumstances,
    )


def published_benchmark(unit, code: str) -> Benchmark | None:
    return (Benchmark.objects.filter(benchmark_set__unit=unit, benchmark_set__status=PUBLISHED, item_code=code)
            .prefetch_related("tiers").first())


def benchmark_check(
    *,
    item: EnforcementItem,
    circumstance: str,
    fine: Decimal | None,
    illegal_gain: Decimal | None = None,
    goods_value: Decimal | None = None,
    other_penalties: Sequence[str] = (),
) -> PenaltyCheck:
    """Check a proposed penalty against the published benchmark for the item's (unit, code)."""
    benchmark = published_benchmark(item.item_list.unit_id, item.code)
    if benchmark is None:
        return PenaltyCheck(False, "", ["该事项未制定裁量基准"])
    return check_penalty(
        [tier_values(t) for t in benchmark.tiers.all()], circumstance=circumstance, fine=fine,
        illegal_gain=illegal_gain, goods_value=goods_value, other_penalties=other_penalties,
    )


def four_list_entries_for(item: EnforcementItem) -> list[FourListEntry]:
    """Published four-lists entries for the item's (unit, code), e.g. 不予处罚 with its conditions."""
    return list(
        FourListEntry.objects.filter(four_list__unit_id=item.item_list.unit_id, four_list__status=PUBLISHED,
                                     item_code=item.code)
        .annotate(kind_order=FourListEntry.KIND_ORDER).order_by("kind_order", "sort_order", "id")
    )


def _subject_q(subject: models.Model) -> Q:
    return Q(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))


def exemption_applies(*, officer=None, subject: models.Model | None = None) -> bool:
    """Whether an approved exemption covers this officer or this subject (fault liability is then
    not pursued for that matter, plan §二(三)2)."""
    if officer is None and subject is None:
        return False
    q = Q()
    if officer is not None:
        q |= Q(officer=officer)
    if subject is not None:
        q |= _subject_q(subject)
    return Exemption.objects.filter(q, status=Exemption.Status.APPROVED).exists()


# --- scoped reads ---------------------------------------------------------------------------------


def exemptions_visible(user) -> QuerySet[Exemption]:
    return scope.visible(Exemption.objects.select_related("unit", "officer", "requested_by", "decided_by"), user)


def exemptions_for_officer(user, officer) -> list[Exemption]:
    return list(exemptions_visible(user).filter(officer=officer).exclude(status=Exemption.Status.WITHDRAWN))


def exemptions_for_subject(user, subject: models.Model) -> list[Exemption]:
    return list(exemptions_visible(user).filter(_subject_q(subject)).exclude(status=Exemption.Status.WITHDRAWN))


def item_lists_visible(user) -> QuerySet[ItemList]:
    return scope.visible(ItemList.objects.select_related("unit"), user)


def four_lists_visible(user) -> QuerySet[FourList]:
    return scope.visible(FourList.objects.select_related("unit"), user)


def benchmark_sets_visible(user) -> QuerySet[BenchmarkSet]:
    return scope.visible(BenchmarkSet.objects.select_related("unit"), user)


def system_documents_visible(user) -> QuerySet[SystemDocument]:
    return scope.visible(SystemDocument.objects.select_related("unit"), user)


def item_get(user, item_id) -> EnforcementItem:
    return scope.get_visible(EnforcementItem.objects.select_related("item_list__unit", "responsible_unit"), user, id=item_id)


# --- ledgers: advisor coverage and venue compliance -------------------------------------------------


def advisor_warning_days(unit, *, on) -> int:
    from jiandu.core import policy

    return int(policy.value("standards.advisor.expiry_warning_days", on=on, jurisdiction=unit))


def advisor_coverage(units, *, today, warning_days: int) -> dict[int, advisor_rules.Coverage]:
    """R-STD-3 for each unit: no advisor / no contract / expired / expiring / covered (3 queries)."""
    ids = [u.pk for u in units]
    counts = dict(LegalAdvisor.objects.filter(unit_id__in=ids, is_active=True).order_by().values_list("unit_id")
                  .annotate(n=Count("id")))
    periods: dict[int, list] = {}
    for unit_id, starts, ends in AdvisorContract.objects.filter(unit_id__in=ids, advisor__is_active=True).values_list(
            "unit_id", "starts_on", "ends_on"):
        periods.setdefault(unit_id, []).append((starts, ends))
    return {uid: advisor_rules.coverage(advisor_count=counts.get(uid, 0), contracts=periods.get(uid, []), today=today,
                                        warning_days=warning_days) for uid in ids}


def venue_units(units_qs):
    """Units the venue standard applies to: the key departments of §二(三)7 and every township."""
    from jiandu.organization.models import Unit

    return units_qs.filter(Q(is_key_department=True) | Q(kind=Unit.Kind.TOWNSHIP))


def venue_compliance(units, *, on) -> dict[int, venue_rules.UnitCompliance]:
    """R-STD-7 for each unit, from its rooms in use (one query for all rooms)."""
    ids = [u.pk for u in units]
    rooms: dict[int, list[venue_rules.RoomFacts]] = {uid: [] for uid in ids}
    floor_rule = {uid: int(v) for uid, v in policy_for_units("standards.venue.window_guard_min_floor", units, on=on).items()}
    for venue in Venue.objects.filter(unit_id__in=ids, is_active=True).order_by("purpose", "name"):
        missing = venue_rules.venue_missing(venue.features(), floor=venue.floor, window_guard_min_floor=floor_rule[venue.unit_id])
        rooms[venue.unit_id].append(venue_rules.RoomFacts(venue.name, venue.purpose, tuple(missing)))
    labels = dict(Venue.Purpose.choices)
    return {uid: venue_rules.unit_compliance(rooms[uid], purpose_labels=labels) for uid in ids}


def room_missing(venue: Venue, *, on) -> list[str]:
    from jiandu.core import policy

    floor = int(policy.value("standards.venue.window_guard_min_floor", on=on, jurisdiction=venue.unit))
    return venue_rules.venue_missing(venue.features(), floor=venue.floor, window_guard_min_floor=floor)


def policy_for_units(key: str, units, *, on) -> dict[int, object]:
    """``policy.value(key)`` for each unit, with one query when no unit-level value exists (the
    usual case); otherwise each unit is resolved on its own so a township's own value still wins."""
    from jiandu.core import policy
    from jiandu.core.models import PolicyParameter

    if not PolicyParameter.objects.filter(key=key, jurisdiction__isnull=False).exists():
        value = policy.value(key, on=on)
        return {u.pk: value for u in units}
    return {u.pk: policy.value(key, on=on, jurisdiction=u) for u in units}


@dataclass
class StandardsStatus:
    """What the dashboards show about the standards of the units in a user's scope."""

    units: list
    without_item_list: list
    drafts: int
    pending_exemptions: int
    advisor_flagged: list  # (unit, Coverage)
    advisor_expiring: list
    venue_units: int
    venue_gaps: list  # (unit, UnitCompliance)
    four_lists: int
    benchmarks: int
    systems_missing: list  # (unit, [system labels not published])


def standards_status(user, *, today) -> StandardsStatus:
    from jiandu.organization.models import Unit

    units = list(scope.visible(Unit.objects.filter(is_enforcement_unit=True, is_active=True), user, area="standards")
                 .order_by("sort_order", "id"))
    ids = [u.pk for u in units]
    published = set(ItemList.objects.filter(unit_id__in=ids, status=PUBLISHED).values_list("unit_id", flat=True))
    drafts = sum(m.objects.filter(unit_id__in=ids, status=VersionStatus.DRAFT).count() for m in (ItemList, FourList, BenchmarkSet))
    pending = exemptions_visible(user).filter(status=Exemption.Status.PENDING).count()
    days = policy_for_units("standards.advisor.expiry_warning_days", units[:1], on=today)
    coverage = advisor_coverage(units, today=today, warning_days=int(next(iter(days.values()), 30)))
    vunits = [u for u in units if u.is_key_department or u.kind == Unit.Kind.TOWNSHIP]
    compliance = venue_compliance(vunits, on=today)
    sys_published: dict[int, set] = {}
    for unit_id, system in SystemDocument.objects.filter(unit_id__in=ids, status=PUBLISHED).values_list("unit_id", "system"):
        sys_published.setdefault(unit_id, set()).add(system)
    labels = dict(SystemDocument.System.choices)
    return StandardsStatus(
        units=units, without_item_list=[u for u in units if u.pk not in published], drafts=drafts,
        pending_exemptions=pending,
        advisor_flagged=[(u, coverage[u.pk]) for u in units if coverage[u.pk].flagged],
        advisor_expiring=[(u, coverage[u.pk]) for u in units if coverage[u.pk].status == advisor_rules.EXPIRING],
        venue_units=len(vunits), venue_gaps=[(u, compliance[u.pk]) for u in vunits if not compliance[u.pk].compliant],
        four_lists=FourList.objects.filter(unit_id__in=ids, status=PUBLISHED).count(),
        benchmarks=BenchmarkSet.objects.filter(unit_id__in=ids, status=PUBLISHED).count(),
        systems_missing=[(u, [labels[s] for s in labels if s not in sys_published.get(u.pk, set())]) for u in units
                         if len(sys_published.get(u.pk, set())) < len(labels)],
    )
