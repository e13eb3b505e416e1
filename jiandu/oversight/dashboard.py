"""Dashboard cards of the supervision app: the agency's (and leaders') view of the district, a
unit's view of its own matters, a social supervisor's observations."""

from __future__ import annotations

from django.db.models import Count, Q

from jiandu.core import scope
from jiandu.core.ui import Widget
from jiandu.oversight import selectors
from jiandu.oversight.models import OpinionLetter, ReviewCampaign
from jiandu.oversight.nav import sees_oversight


def widgets(user, today) -> list[Widget]:
    result: list[Widget] = []
    if scope.has_permission(user, "oversight.observe"):
        rows = selectors.observations_of(user).aggregate(
            total=Count("id"), replied=Count("id", filter=Q(status="replied")))
        result.append(Widget("我的监督意见", "oversight/widgets/observations.html", rows, order=30, size=6))
    if not sees_oversight(user):
        return result
    wide = scope.has_permission(user, "oversight.manage") or scope.has_permission(user, "assessment.read")
    complaints = selectors.complaint_summary(user, today)
    ledger = selectors.ledger_totals(user, today)
    if wide:
        result.append(Widget("投诉举报", "oversight/widgets/complaints.html", {"s": complaints}, order=40, size=6))
        result.append(Widget("整改台账", "oversight/widgets/ledger.html", {
            "totals": ledger, "units": [u for u in selectors.ledger_by_unit(user, today) if u.open or u.submitted][:6]},
            order=41, size=6))
        result.append(Widget("法治督察与专项整治", "oversight/widgets/yearly.html", {
            "inspections": selectors.inspection_year_count(user, today.year, user.unit),
            "campaigns": selectors.campaign_year_count(user, today.year, user.unit)}, order=42, size=6))
        result.append(Widget("案卷评查", "oversight/widgets/review.html", _review(user), order=43, size=6))
    else:
        letters = selectors.letters_visible(user).aggregate(
            waiting=Count("id", filter=Q(status=OpinionLetter.Status.ISSUED)),
            overdue=Count("id", filter=Q(status=OpinionLetter.Status.ISSUED, reply_due_on__lt=today)))
        result.append(Widget("本单位执法监督事项", "oversight/widgets/unit.html", {
            "complaints": complaints, "letters": letters, "ledger": ledger, "review": _review(user)}, order=40, size=6))
    return result


def _review(user) -> dict:
    """The latest review campaign and its progress, as this user sees it."""
    from jiandu.oversight.services import reviews as rv

    manage = scope.has_permission(user, "oversight.manage") or scope.has_permission(user, "assessment.read")
    campaigns = selectors.reviews_visible(user) if manage else selectors.reviews_for_unit(user)
    campaign = campaigns.order_by("-year", "-id").first()
    if campaign is None:
        return {"campaign": None}
    units = None
    if not manage:
        units = list(selectors.enforcement_units_for(user).values_list("pk", flat=True))
    coverage = rv.coverage_by_unit(campaign, units=units)
    files = sum(c.files for c in coverage)
    reviewed = sum(c.reviewed for c in coverage)
    drawn = scope.visible(campaign.files.all(), user)
    return {
        "campaign": campaign, "files": files, "reviewed": reviewed,
        "percent": round(reviewed * 100 / files) if files else None,
        "drawn": drawn.count(), "scored": drawn.filter(status="scored").count(),
        "status": ReviewCampaign.Status(campaign.status).label,
    }
