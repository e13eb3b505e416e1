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
from decimal import Decimal

from django.db import models
from django.db.models import Q, QuerySet

from jiandu.core import scope
from jiandu.standards.models import (
    Benchmark,
    BenchmarkSet,
    BenchmarkTier,
    EnforcementItem,
    Exemption,
    FourList,
    FourListEntry,
    ItemList,
    SystemDocument,
    VersionStatus,
)
from jiandu.standards.rules import PenaltyCheck, Tier, check_penalty

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
                                     item_code=item.code).order_by("kind", "sort_order", "id")
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
