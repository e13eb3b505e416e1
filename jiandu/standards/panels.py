"""Cards this app adds to other apps' record pages (``core.ui.panels``).

- ``officer_panels(user, officer)``: the officer's due-diligence exemptions, on the officer file.
- ``case_panels(user, case)``: exemptions whose subject is the case, on the case page.

Each returns no card when there is nothing to show, so the host page stays uncluttered.
"""

from __future__ import annotations

from jiandu.core.ui import Widget
from jiandu.standards import selectors


def _panel(title: str, exemptions, *, show_subject: bool, show_officer: bool) -> list[Widget]:
    if not exemptions:
        return []
    return [Widget(title, "standards/panels/exemptions.html",
                   {"exemptions": exemptions, "show_subject": show_subject, "show_officer": show_officer},
                   order=60, size=12)]


def officer_panels(user, officer) -> list[Widget]:
    return _panel("尽职免责", selectors.exemptions_for_officer(user, officer), show_subject=True, show_officer=False)


def case_panels(user, case) -> list[Widget]:
    return _panel("尽职免责", selectors.exemptions_for_subject(user, case), show_subject=False, show_officer=True)
