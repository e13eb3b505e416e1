"""Legal advisor coverage of a unit (R-STD-3): flagged when it has no advisor or no contract in force."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

NO_ADVISOR = "no_advisor"
NO_CONTRACT = "no_contract"
EXPIRED = "expired"
NOT_STARTED = "not_started"
EXPIRING = "expiring"
OK = "ok"
LABELS = {
    NO_ADVISOR: "未聘请法律顾问",
    NO_CONTRACT: "未签订顾问合同",
    EXPIRED: "顾问合同已到期",
    NOT_STARTED: "顾问合同尚未生效",
    EXPIRING: "顾问合同即将到期",
    OK: "顾问合同有效",
}
FLAGGED = (NO_ADVISOR, NO_CONTRACT, EXPIRED, NOT_STARTED)  # no contract in force today


@dataclass(frozen=True)
class Coverage:
    status: str
    ends_on: date | None = None  # end of the cover in force, of the last expired contract, or start of a future one

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def flagged(self) -> bool:
        return self.status in FLAGGED


def coverage(*, advisor_count: int, contracts: Sequence[tuple[date, date]], today: date, warning_days: int) -> Coverage:
    """``contracts``: (starts_on, ends_on) of the active advisors' contracts, both days included.

    In force today: starts_on ≤ today ≤ ends_on. Covered until the latest end among contracts in
    force, continued by any contract that starts the day after (a renewal signed in advance).
    """
    if advisor_count == 0:
        return Coverage(NO_ADVISOR)
    if not contracts:
        return Coverage(NO_CONTRACT)
    in_force = [c for c in contracts if c[0] <= today <= c[1]]
    if not in_force:
        ended = [end for _, end in contracts if end < today]
        return Coverage(EXPIRED, max(ended)) if ended else Coverage(NOT_STARTED, min(start for start, _ in contracts))
    covered_until = max(end for _, end in in_force)
    extended = True
    while extended:
        extended = False
        for start, end in contracts:
            if start <= covered_until + timedelta(days=1) and end > covered_until:
                covered_until, extended = end, True
    if (covered_until - today).days <= warning_days:
        return Coverage(EXPIRING, covered_until)
    return Coverage(OK, covered_until)
