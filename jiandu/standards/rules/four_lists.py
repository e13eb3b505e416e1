"""Four lists (R-STD-5): which entries may be compiled at all.

Plan §二(三)5: the four lists apply to every enforcement domain *except* 安全生产, 食品药品安全, 生态环保
and 卫生防疫 — a dated policy parameter (``standards.four_lists.excluded_domains``) passed in here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

PENALTY_KINDS = ("no_penalty", "lighter_penalty", "mitigated_penalty")
COERCION_KINDS = ("coercion_exempt",)


def excluded_domain(domains: Iterable[str], excluded: Sequence[str]) -> str | None:
    """The excluded domain that one of ``domains`` (the item's, its unit's…) falls in, else None.

    A domain falls in an excluded one when it names it (``生态环保``) or contains it
    (``生态环保执法``); blank domains never match.
    """
    for domain in domains:
        text = (domain or "").strip()
        if not text:
            continue
        for name in excluded:
            name = (name or "").strip()
            if name and (text == name or name in text):
                return name
    return None


def excluded_domain_message(*, item_name: str, domain: str, legal_reference: str) -> str:
    return (f"事项“{item_name}”属于{domain}领域。依照{legal_reference}，{domain}等领域不实行包容审慎监管"
            f"“四张清单”制度，该事项不得列入四张清单。")


def kind_fits(entry_kind: str, item_kind: str) -> str | None:
    """Why an item of ``item_kind`` cannot be on the list ``entry_kind``, or None when it can:
    the three penalty lists take penalty items, the coercion-exempt list takes coercion items."""
    if entry_kind in PENALTY_KINDS and item_kind != "penalty":
        return "不予、从轻、减轻处罚清单只能列入行政处罚事项。"
    if entry_kind in COERCION_KINDS and item_kind != "coercion":
        return "免予行政强制清单只能列入行政强制事项。"
    return None
