"""The standards contracts the cases app relies on, as plain values (R-STD-1, R-STD-5, R-STD-6).

``standards.selectors`` provides ``published_items(unit)``, ``benchmark_check(...)``,
``published_benchmark(unit, code)`` and ``four_list_entries_for(item)``. This module is the one
place that calls them, so the review checks in ``cases.rules`` stay pure and take plain values.
Penalty kinds travel as the Chinese labels of 行政处罚法 art. 9 that benchmark tiers list.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet

from jiandu.cases import rules
from jiandu.standards import selectors
from jiandu.standards.models import EnforcementItem


def _selector(name: str):
    """The named standards selector (looked up at call time, so tests may stand one in)."""
    return getattr(selectors, name, None)


def published_items(unit) -> QuerySet[EnforcementItem]:
    """Items of ``unit``'s published list: a case is always recorded against one of them."""
    return _selector("published_items")(unit)


def benchmark_tiers(item) -> list[str]:
    """The circumstance labels (裁量情节) of the item's published benchmark, for the forms."""
    func = _selector("published_benchmark")
    benchmark = func(item.item_list.unit_id, item.code) if func is not None else None
    return [t.label for t in benchmark.tiers.all()] if benchmark is not None else []


def benchmark(*, item, circumstance: str, fine: Decimal | None, illegal_gain: Decimal | None = None,
              goods_value: Decimal | None = None, other_penalties: tuple[str, ...] = ()) -> tuple[bool, rules.BenchmarkOutcome | None]:
    """(contract available, outcome). Outcome ``None``: no benchmark published for the item."""
    check = _selector("benchmark_check")
    if check is None:
        return False, None
    lookup = _selector("published_benchmark")
    if lookup is not None and lookup(item.item_list.unit_id, item.code) is None:
        return True, None
    labels = tuple(rules.PENALTY_LABELS.get(p, p) for p in other_penalties if p != "fine")
    result = check(item=item, circumstance=circumstance, fine=fine, illegal_gain=illegal_gain, goods_value=goods_value,
                   other_penalties=labels)
    if result is None:
        return True, None
    return True, rules.BenchmarkOutcome(
        ok=bool(getattr(result, "ok", False)),
        tier_label=str(getattr(result, "tier_label", "") or ""),
        reasons=tuple(str(r) for r in (getattr(result, "reasons", ()) or ())),
    )


def four_list_entries(item) -> tuple[bool, tuple[rules.FourListEntry, ...]]:
    """(contract available, the item's published entries on the four lists)."""
    func = _selector("four_list_entries_for")
    if func is None:
        return False, ()
    return True, tuple(rules.FourListEntry(str(e.kind), str(e.conditions or "")) for e in func(item))
