"""Standards deadlines in the platform sweep (R-PLT-5): advisor contracts that end soon or have
ended (R-STD-3) and equipment not returned by its expected date (R-STD-8). Idempotent: each
notice carries a dedupe key, so running the sweep twice notifies nobody twice."""

from __future__ import annotations

from datetime import date, timedelta

from jiandu.core import notifications
from jiandu.organization.models import Unit
from jiandu.organization.roles import Role
from jiandu.organization.selectors import users_with_role
from jiandu.standards import selectors
from jiandu.standards.models import EquipmentLoan
from jiandu.standards.rules import advisors as advisor_rules


def _legal_officers(unit: Unit):
    return users_with_role(Role.UNIT_LEGAL_OFFICER, unit=unit)


def sweep(today: date, calendar) -> dict[str, int]:
    counts = {"advisor_notices": 0, "equipment_notices": 0}
    units = list(Unit.objects.filter(is_enforcement_unit=True, is_active=True))
    days = selectors.policy_for_units("standards.advisor.expiry_warning_days", units, on=today)
    by_days: dict[int, list[Unit]] = {}
    for unit in units:
        by_days.setdefault(int(days[unit.pk]), []).append(unit)
    coverages = {}
    for warning_days, group in by_days.items():  # one batch of queries per distinct warning period
        coverages.update(selectors.advisor_coverage(group, today=today, warning_days=warning_days))
    for unit in units:
        coverage = coverages[unit.pk]
        if coverage.status not in (advisor_rules.EXPIRED, advisor_rules.EXPIRING):
            continue
        title = (f"{unit.display_name}法律顾问合同已于{coverage.ends_on:%Y年%m月%d日}到期" if coverage.status == advisor_rules.EXPIRED
                 else f"{unit.display_name}法律顾问合同将于{coverage.ends_on:%Y年%m月%d日}到期")
        counts["advisor_notices"] += notifications.notify(
            _legal_officers(unit), title=title, body="请及时续签法律顾问合同并录入系统（实施方案 §二(三)3）。",
            link=f"/standards/advisors/unit/{unit.pk}/", category="standards",
            dedupe_key=f"standards.advisor.{coverage.status}.{unit.pk}.{coverage.ends_on}",
        )
    overdue = EquipmentLoan.objects.filter(returned_at__isnull=True, expected_return_on__lt=today,
                                           expected_return_on__gte=today - timedelta(days=365)).select_related("equipment", "unit")
    for loan in overdue:
        counts["equipment_notices"] += notifications.notify(
            _legal_officers(loan.unit), title=f"执法装备“{loan.equipment}”逾期未归还",
            body=f"领用人：{loan.borrower}；预计归还：{loan.expected_return_on:%Y-%m-%d}。",
            link=f"/standards/equipment/item/{loan.equipment_id}/", category="standards",
            dedupe_key=f"standards.equipment.overdue.{loan.pk}",
        )
    return counts
