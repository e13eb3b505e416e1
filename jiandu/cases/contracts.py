"""The standards contracts the cases app relies on, as plain values (R-STD-1, R-STD-5, R-STD-6).

``standards.selectors`` provides ``published_items(unit)``, ``benchmark_check(...)`` and
``four_list_entries_for(item)``. This module is the one place that calls them, so the review
checks in ``cases.rules`` stay pure and the service does not care how standards stores things.
While a contract is not available, the matching check says so ("请人工核对") instead of passing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from jiandu.cases import rules
from jiandu.standards.models import EnforcementItem, ItemList


def _selector(name: str):
    try:
        from jiandu.standards import selectors
    except ImportError:  # pragma: no cover - standards always ships selectors once merged
        return None
    return getattr(selectors, name, None)


def published_items(unit) -> QuerySet[EnforcementItem]:
    """Items of ``unit``'s published list: a case is always recorded against one of them."""
    func = _selector("published_items")
    if func is not None:
        return func(unit)
    return EnforcementItem.objects.filter(item_list__unit=unit, item_list__status=ItemList.Status.PUBLISHED)


def benchmark(*, item, circumstance: str, fine: Decimal | None, illegal_gain: Decimal | None = None,
              goods_value: Decimal | None = None, other_penalties: tuple[str, ...] = ()) -> tuple[bool, rules.BenchmarkOutcome | None]:
    """(contract available, outcome). Outcome ``None``: no benchmark published for the item."""
    func = _selector("benchmark_check")
    if func is None:
        return False, None
    result: Any = func(item=item, circumstance=circumstance, fine=fine, illegal_gain=illegal_gain,
                       goods_value=goods_value, other_penalties=other_penalties)
    if result is None:
        return True, None
    return True, rules.BenchmarkOutcome(
        ok=bool(getattr(result, "ok", False)),
        tier_label=str(getattr(result, "tier_label", "") or ""),
        reasons=tuple(str(r) for r in (getattr(result, "reasons", ()) or ())),
    )


def four_list_entries(item) -> tuple[bool, tuple[rules.FourListEntry, ...]]:
    """(contract available, the item's entries on the four lists)."""
    func = _selector("four_list_entries_for")
    if func is None:
        return False, ()
    entries = []
    for e in func(item) or ():
        kind = getattr(e, "list_kind", None) or getattr(e, "kind", None) or (e.get("list_kind") if isinstance(e, dict) else "")
        conditions = getattr(e, "conditions", None)
        if conditions is None and isinstance(e, dict):
            conditions = e.get("conditions", "")
        entries.append(rules.FourListEntry(str(kind or ""), str(conditions or "")))
    return True, tuple(entries)
