"""Enforcement cases for the case-file review tests.

The cases app owns cases and their services; these tests need only closed files of a year, so
they are written as rows (test data), each against an item of the unit's published list made
through the standards services.
"""

from __future__ import annotations

from datetime import date

from jiandu.cases.models import Case
from jiandu.standards.models import EnforcementItem
from jiandu.standards.services import items as item_services

_KIND_ITEMS = {"penalty": "对违法行为的行政处罚", "coercion": "查封、扣押涉案物品", "licensing": "许可证核发",
               "inspection": "日常监督检查"}


def published_items(world, unit_code: str, actor=None) -> dict[str, EnforcementItem]:
    """One published item per case kind for the unit (created once per test)."""
    unit = world.unit(unit_code)
    existing = {i.kind: i for i in EnforcementItem.objects.filter(item_list__unit=unit, item_list__status="published")}
    if len(existing) >= len(_KIND_ITEMS):
        return existing
    actor = actor or (world.lzh_agency if unit_code.startswith("lzh") else world.agency)
    draft = item_services.item_list_open_draft(unit=unit, actor=actor)
    for n, (kind, name) in enumerate(_KIND_ITEMS.items(), start=1):
        item_services.item_add(item_list=draft, actor=actor, code=f"{unit_code.upper()}-{kind[:3].upper()}-{n:03d}",
                               name=name, kind=kind, law_name="《中华人民共和国行政处罚法》", law_article=f"第{n}条",
                               responsible_unit=unit)
    item_services.item_list_publish(item_list=draft, actor=actor)
    return {i.kind: i for i in EnforcementItem.objects.filter(item_list__unit=unit, item_list__status="published")}


def make_cases(world, unit_code: str, kind: str, count: int, *, year: int = 2026, start: int = 1,
               decided: bool = True) -> list[Case]:
    unit = world.unit(unit_code)
    item = published_items(world, unit_code)[kind]
    cases = []
    for n in range(start, start + count):
        filed = date(year, 1 + (n % 10), 5)
        cases.append(Case.objects.create(
            unit=unit, number=f"{unit_code}-{kind}-{year}-{n:03d}", kind=kind, item=item, status="closed",
            title=f"{_KIND_ITEMS[kind]}案 {n}", filed_on=filed, decided_on=date(year, 1 + (n % 10), 20) if decided else None,
            closed_on=date(year, 1 + (n % 10), 25) if decided else None,
        ))
    return cases
