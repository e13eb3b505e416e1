"""Reads of the supervision app, always through ``core.scope`` (R-ORG-5): a unit sees its own
complaints, letters and rectifications; the agency and leaders see their jurisdiction. Public
reads (published notices) are separate functions that select only what is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from jiandu.core import policy, scope
from jiandu.organization.models import Unit
from jiandu.oversight.models import (
    Campaign, Complaint, Inspection, JointInput, OpinionLetter, Rectification, ReviewCampaign, SocialSupervisor,
)

# --- complaints ---------------------------------------------------------------------------------


def complaints_visible(user) -> QuerySet[Complaint]:
    return scope.visible(Complaint.objects.select_related("subject_unit", "unit", "handling_body"), user)


def complaint_get(user, complaint_id) -> Complaint:
    return scope.get_visible(
        Complaint.objects.select_related("subject_unit", "unit", "agency", "handling_body", "supervisor", "submitted_by"),
        user, id=complaint_id,
    )


def observations_of(user) -> QuerySet[Complaint]:
    """A social supervisor's own observations (area ``oversight.observation``, scope self)."""
    return scope.visible(
        Complaint.objects.filter(channel=Complaint.Channel.SUPERVISOR).select_related("subject_unit"),
        user, area="oversight.observation",
    )


def observation_get(user, complaint_id) -> Complaint:
    return scope.get_visible(Complaint.objects.filter(channel=Complaint.Channel.SUPERVISOR), user,
                             area="oversight.observation", id=complaint_id)


def filter_complaints(qs: QuerySet[Complaint], params, today: date) -> QuerySet[Complaint]:
    if status := params.get("status"):
        qs = qs.filter(status=status)
    if kind := params.get("kind"):
        qs = qs.filter(kind=kind)
    if channel := params.get("channel"):
        qs = qs.filter(channel=channel)
    if unit := params.get("unit"):
        qs = qs.filter(Q(subject_unit_id=unit) | Q(unit_id=unit)) if str(unit).isdigit() else qs.none()
    if params.get("overdue"):
        qs = qs.filter(overdue_now_q(today))
    if q := (params.get("q") or "").strip():
        qs = qs.filter(Q(title__contains=q) | Q(number__contains=q) | Q(content__contains=q))
    return qs


def overdue_now_q(today: date) -> Q:
    """Complaints whose current step is past its deadline (computed, independent of the sweep)."""
    return (
        Q(status=Complaint.Status.RECEIVED, accept_due_on__lt=today)
        | Q(status__in=(Complaint.Status.ACCEPTED, Complaint.Status.ASSIGNED), handle_due_on__lt=today)
        | Q(status=Complaint.Status.HANDLED, reply_due_on__lt=today)
    )


def complaint_summary(user, today: date) -> dict:
    """Counts by state and the overdue count, in one query."""
    qs = complaints_visible(user)
    row = qs.aggregate(
        overdue=Count("id", filter=overdue_now_q(today)),
        **{s: Count("id", filter=Q(status=s)) for s in Complaint.Status.values},
    )
    states = [(value, label, row[value]) for value, label in Complaint.Status.choices]
    return {"states": states, "overdue": row["overdue"], "open": sum(row[s] for s in Complaint.OPEN)}


# --- opinion letters ------------------------------------------------------------------------------


def letters_visible(user) -> QuerySet[OpinionLetter]:
    return scope.visible(OpinionLetter.objects.select_related("unit", "document"), user)


def letter_get(user, letter_id) -> OpinionLetter:
    return scope.get_visible(OpinionLetter.objects.select_related("unit", "issuer", "document", "replied_by"), user,
                             id=letter_id)


# --- rectifications ---------------------------------------------------------------------------------


def rectifications_visible(user) -> QuerySet[Rectification]:
    return scope.visible(Rectification.objects.select_related("unit"), user)


def rectification_get(user, rectification_id) -> Rectification:
    return scope.get_visible(Rectification.objects.select_related("unit", "raised_by", "submitted_by", "closed_by"),
                             user, id=rectification_id)


def rect_overdue_q(today: date) -> Q:
    """Overdue: the unit still owes the work and the deadline has passed."""
    return Q(status__in=Rectification.WORKING, deadline__lt=today)


def filter_rectifications(qs: QuerySet[Rectification], params, today: date) -> QuerySet[Rectification]:
    if source := params.get("source"):
        qs = qs.filter(source_type=source)
    if source_id := params.get("source_id"):
        qs = qs.filter(source_id=source_id)
    if status := params.get("status"):
        qs = qs.filter(status__in=Rectification.OPEN_STATES) if status == "open_all" else qs.filter(status=status)
    if unit := params.get("unit"):
        qs = qs.filter(unit_id=unit) if str(unit).isdigit() else qs.none()
    if params.get("overdue"):
        qs = qs.filter(rect_overdue_q(today))
    if year := params.get("year"):
        qs = qs.filter(found_on__year=year) if str(year).isdigit() else qs.none()
    if q := (params.get("q") or "").strip():
        qs = qs.filter(Q(problem__contains=q) | Q(number__contains=q) | Q(source_label__contains=q))
    return qs


@dataclass(frozen=True)
class UnitLedgerRow:
    unit_id: int
    unit_name: str
    total: int
    open: int
    submitted: int
    overdue: int
    closed: int


def ledger_by_unit(user, today: date, *, qs: QuerySet[Rectification] | None = None) -> list[UnitLedgerRow]:
    """Per unit: items in total, open, awaiting close-out, overdue, closed — one grouped query (R-SUP-3)."""
    qs = rectifications_visible(user) if qs is None else qs
    rows = (
        qs.order_by().values("unit_id", "unit__short_name", "unit__name")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(status__in=Rectification.WORKING)),
            submitted=Count("id", filter=Q(status=Rectification.Status.SUBMITTED)),
            overdue=Count("id", filter=rect_overdue_q(today)),
            closed=Count("id", filter=Q(status=Rectification.Status.CLOSED)),
        )
        .order_by("-overdue", "-open", "unit__sort_order", "unit_id")
    )
    return [UnitLedgerRow(r["unit_id"], r["unit__short_name"] or r["unit__name"], r["total"], r["open"], r["submitted"],
                          r["overdue"], r["closed"]) for r in rows]


def ledger_totals(user, today: date) -> dict[str, int]:
    return rectifications_visible(user).aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(status__in=Rectification.WORKING)),
        submitted=Count("id", filter=Q(status=Rectification.Status.SUBMITTED)),
        overdue=Count("id", filter=rect_overdue_q(today)),
        closed=Count("id", filter=Q(status=Rectification.Status.CLOSED)),
    )


def rectifications_from(user, source_type: str, source_id) -> QuerySet[Rectification]:
    return rectifications_visible(user).filter(source_type=source_type, source_id=str(source_id))


# --- inspections and campaigns -------------------------------------------------------------------------


def inspections_visible(user) -> QuerySet[Inspection]:
    return scope.visible(Inspection.objects.annotate(target_count=Count("targets")), user)


def inspection_get(user, inspection_id) -> Inspection:
    return scope.get_visible(Inspection.objects.select_related("unit", "notice_document"), user, id=inspection_id)


def campaigns_visible(user) -> QuerySet[Campaign]:
    return scope.visible(Campaign.objects.all(), user)


def campaign_get(user, campaign_id) -> Campaign:
    return scope.get_visible(Campaign.objects.select_related("unit"), user, id=campaign_id)


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int
    minimum: int
    maximum: int | None

    @property
    def status(self) -> str:
        if self.count < self.minimum:
            return "below"
        if self.maximum is not None and self.count > self.maximum:
            return "above"
        return "ok"

    @property
    def expected(self) -> str:
        if self.maximum is None:
            return f"不少于 {self.minimum} 次"
        return f"{self.minimum}–{self.maximum} 次" if self.minimum != self.maximum else f"{self.minimum} 次"


def inspection_year_count(user, year: int, unit: Unit | None) -> YearCount:
    """This year's inspections against the plan's 1–2 (dated parameters, read as of 31 December)."""
    on = date(year, 12, 31)
    count = inspections_visible(user).filter(year=year).count()
    return YearCount(year, count, int(policy.value("oversight.inspection.per_year_min", on=on, jurisdiction=unit)),
                     int(policy.value("oversight.inspection.per_year_max", on=on, jurisdiction=unit)))


def campaign_year_count(user, year: int, unit: Unit | None) -> YearCount:
    on = date(year, 12, 31)
    count = campaigns_visible(user).filter(year=year).count()
    return YearCount(year, count, int(policy.value("oversight.campaign.per_year_min", on=on, jurisdiction=unit)), None)


def published_inspections() -> QuerySet[Inspection]:
    """Public: only published notices."""
    return Inspection.objects.filter(status=Inspection.Status.PUBLISHED).order_by("-published_on", "-id")


def published_inspection_get(inspection_id) -> Inspection:
    from jiandu.core.errors import NotFound

    inspection = published_inspections().filter(id=inspection_id).first()
    if inspection is None:
        raise NotFound()
    return inspection


# --- case-file review ---------------------------------------------------------------------------------


def reviews_visible(user) -> QuerySet[ReviewCampaign]:
    return scope.visible(ReviewCampaign.objects.all(), user)


def review_get(user, review_id) -> ReviewCampaign:
    return scope.get_visible(ReviewCampaign.objects.select_related("unit", "drawn_by", "notice_document"), user,
                             id=review_id)


def reviews_for_unit(user) -> QuerySet[ReviewCampaign]:
    """Review campaigns of the user's jurisdiction, for units doing their self-review.

    Deliberately not a scoped read of the campaign row: the campaign (title, year, rubric, state)
    is district-wide information every unit under review must see — and is published in the end.
    What each unit sees of the files stays scoped to its own unit.
    """
    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return ReviewCampaign.objects.none()
    jurisdiction = user.unit.jurisdiction()
    if jurisdiction is None:
        return ReviewCampaign.objects.none()
    return ReviewCampaign.objects.filter(unit__path__startswith=jurisdiction.path)


def published_reviews() -> QuerySet[ReviewCampaign]:
    return ReviewCampaign.objects.filter(status=ReviewCampaign.Status.PUBLISHED).order_by("-published_on", "-id")


def drawn_reviews() -> QuerySet[ReviewCampaign]:
    """Public: every recorded draw can be verified by anyone once it is made."""
    return ReviewCampaign.objects.exclude(population_digest="").order_by("-drawn_at", "-id")


# --- social supervisors and joint inputs -----------------------------------------------------------------


def supervisors_visible(user) -> QuerySet[SocialSupervisor]:
    return scope.visible(SocialSupervisor.objects.select_related("unit", "user"), user)


def supervisor_get(user, supervisor_id) -> SocialSupervisor:
    return scope.get_visible(SocialSupervisor.objects.select_related("unit", "user"), user, id=supervisor_id)


def joint_inputs_visible(user) -> QuerySet[JointInput]:
    return scope.visible(JointInput.objects.select_related("unit"), user)


def joint_input_get(user, joint_input_id) -> JointInput:
    return scope.get_visible(JointInput.objects.select_related("unit", "recorded_by"), user, id=joint_input_id)


def enforcement_units_for(user) -> QuerySet[Unit]:
    """Units the user may assign or target (enforcement units in scope, agency included)."""
    return scope.visible(Unit.objects.filter(is_active=True), user, area="oversight").filter(
        Q(is_enforcement_unit=True) | Q(kind=Unit.Kind.AGENCY)
    ).order_by("sort_order", "id")


def public_units(jurisdiction: Unit | None = None) -> QuerySet[Unit]:
    """Units the public may complain about: every active enforcement unit and the agency."""
    qs = Unit.objects.filter(is_active=True).filter(Q(is_enforcement_unit=True) | Q(kind=Unit.Kind.AGENCY))
    if jurisdiction is not None:
        qs = qs.filter(path__startswith=jurisdiction.path)
    return qs.order_by("kind", "sort_order", "id")
