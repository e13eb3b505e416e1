"""Sidebar entries of the standards app (规范执法)."""

from __future__ import annotations

from jiandu.core.scope import has_permission
from jiandu.core.ui import NavItem

GROUP = "规范执法"


def items(user) -> list[NavItem]:
    manage = has_permission(user, "standards.manage")
    decide = has_permission(user, "standards.decide_exemption")
    if not (manage or decide):
        return []
    badge = None
    if decide:
        from jiandu.standards import selectors
        from jiandu.standards.models import Exemption

        badge = selectors.exemptions_visible(user).filter(status=Exemption.Status.PENDING).count() or None
    return [
        NavItem("执法事项清单", "standards:item_lists", "journal-text", group=GROUP),
        NavItem("四张清单", "standards:four_lists", "list-check", group=GROUP),
        NavItem("裁量基准", "standards:benchmarks", "sliders", group=GROUP),
        NavItem("三项制度", "standards:systems", "file-earmark-text", group=GROUP),
        NavItem("尽职免责", "standards:exemptions", "shield-check", group=GROUP, badge=badge),
        NavItem("法律顾问", "standards:advisors", "person-vcard", group=GROUP),
        NavItem("办案场所", "standards:venues", "door-closed", group=GROUP),
        NavItem("执法装备", "standards:equipment", "camera-video", group=GROUP),
        NavItem("音像资料", "standards:av", "film", group=GROUP),
    ]
