from __future__ import annotations

from decimal import Decimal

from django import template

from jiandu.standards.rules.penalty import describe_tier, money as money_text

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ counts|get_item:code }}``: a dict value by a variable key."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def money(value) -> str:
    """Yuan with thousands separators: ``6,000``, ``1,234.50``."""
    if value is None or value == "":
        return "—"
    return money_text(Decimal(value))


@register.filter
def tier_text(tier) -> str:
    """A stored tier's fine range as one Chinese line (``罚款 1,000–5,000 元``)."""
    from jiandu.standards.selectors import tier_values

    return describe_tier(tier_values(tier))
