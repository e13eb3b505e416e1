"""Cards the cases app adds to other records' pages (``core.ui.panels``)."""

from __future__ import annotations

from jiandu.cases import selectors
from jiandu.core.ui import Widget


def officer_panels(user, officer) -> list[Widget]:
    """An officer's open cases, on the officer's file (personnel)."""
    cases = list(selectors.officer_open_cases(user, officer).select_related("unit")[:20])
    if not cases:
        return []  # no card when there is nothing to show
    return [Widget("在办案件", "cases/panels/officer_cases.html", {"cases": cases, "officer": officer}, order=40, size=12)]
