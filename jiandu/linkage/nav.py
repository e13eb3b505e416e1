from __future__ import annotations

from jiandu.core.scope import has_permission
from jiandu.core.ui import NavItem
from jiandu.linkage import rules, selectors
from jiandu.organization.roles import ScopeKind, scope_kinds

GROUP = "两法衔接"


def sees_jurisdiction(user) -> bool:
    return getattr(user, "is_superuser", False) or ScopeKind.JURISDICTION in scope_kinds(user.role_codes, "linkage")


def items(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    result: list[NavItem] = []
    if has_permission(user, rules.UNIT):
        active = selectors.transfers_sent(user).filter(is_overdue=True).count()
        result.append(NavItem("移送涉嫌犯罪案件", "linkage:transfers", "send", group=GROUP, badge=active or None))
    if has_permission(user, rules.POLICE):
        waiting = selectors.transfers_received(user).filter(
            status__in=[rules.SENT, rules.ACCEPTED, rules.RECONSIDERING]).count()
        result.append(NavItem("移送案件受理", "linkage:queue", "inbox", group=GROUP, badge=waiting or None))
    if sees_jurisdiction(user):
        result.append(NavItem("移送案件监督", "linkage:supervision", "eye", group=GROUP))
    if has_permission(user, rules.UNIT) or has_permission(user, "linkage.resolve_flag"):
        open_flags = selectors.flags_visible(user).filter(status="open").count()
        result.append(NavItem("涉刑风险提示", "linkage:flags", "exclamation-triangle", group=GROUP, badge=open_flags or None))
    if has_permission(user, "linkage.configure"):
        result.append(NavItem("涉刑风险规则", "linkage:rules", "sliders2", group=GROUP))
    if result or scope_kinds(user.role_codes, "linkage"):
        result.append(NavItem("联席会议", "linkage:meetings", "people", group=GROUP))
    return result
