"""The linkage card on a case's page: its transfers, risk flags and quantity (R-LNK-1, R-LNK-3)."""

from __future__ import annotations

from jiandu.core import scope
from jiandu.core.ui import Widget
from jiandu.linkage import rules, selectors
from jiandu.linkage.forms import CaseQuantityForm


def case_panels(user, case) -> list[Widget]:
    if not scope.unit_visible(user, case.unit, "linkage"):
        return []
    transfers = list(selectors.transfers_visible(user).filter(case=case).order_by("-id"))
    flags = list(selectors.flags_visible(user).filter(case=case))
    quantity = selectors.case_quantity(case)
    can_manage = scope.has_permission(user, "linkage.manage")
    can_propose = (scope.has_permission(user, rules.UNIT) and case.kind == "penalty"
                   and not any(not t.is_finished for t in transfers))
    form = None
    if can_manage:
        initial = {"quantity": quantity.quantity, "quantity_unit": quantity.quantity_unit, "note": quantity.note} if quantity else None
        form = CaseQuantityForm(initial=initial, auto_id="lq_%s")
    return [Widget("两法衔接", "linkage/panels/case.html", {
        "case": case, "transfers": transfers, "flags": flags, "quantity": quantity, "form": form,
        "can_manage": can_manage, "can_propose": can_propose,
    }, order=60, size=12)]
