"""Pure decisions of the standards app (R-STD). No ORM, no I/O: plain values in, a decision out.

The benchmark check is the contract the cases app calls at legal review (R-CAS-5)::

    from jiandu.standards.rules import check_penalty, Tier
    check_penalty([Tier("一般", min_value=Decimal(1000), max_value=Decimal(5000))],
                  circumstance="一般", fine=Decimal(6000))
    # PenaltyCheck(ok=False, tier_label="一般", reasons=["罚款 6,000 元超出“一般”情形 1,000–5,000 元的裁量幅度"])
"""

from __future__ import annotations

from jiandu.standards.rules.penalty import OTHER_PENALTIES, PenaltyCheck, Tier, check_penalty, describe_tier

__all__ = ["OTHER_PENALTIES", "PenaltyCheck", "Tier", "check_penalty", "describe_tier"]
