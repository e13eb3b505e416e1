"""Reads of personnel data, always through the scope mechanism (R-ORG-5).

Pages, API and the Excel export use the same functions here, so what a user can list, open or
export is decided in one place. Lists are filtered and annotated in SQL (latest certificate and
this year's centralized hours are subqueries), never by looping over tables in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from jiandu.core import scope
from jiandu.core.models import AuditEvent
from jiandu.organization.models import Unit
from jiandu.personnel import rules
from jiandu.personnel.models import (
    Assessment,
    Certificate,
    CertificateApplication,
    CertificateEvent,
    ClosedBookResult,
    ClosedBookTest,
    ConductRecord,
    Officer,
    OfficerDocument,
    Referral,
    Suspension,
    TrainingAttendance,
    TrainingPlan,
    TrainingSession,
    TransferTask,
)

HOURS = DecimalField(max_digits=8, decimal_places=1)


# --- officers ---------------------------------------------------------------------------------------


def officers_visible(user) -> QuerySet[Officer]:
    return scope.visible(Officer.objects.select_related("unit"), user)


def officer_get(user, officer_id) -> Officer:
    return scope.get_visible(Officer.objects.select_related("unit", "user"), user, id=officer_id)


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def with_certificate(qs: QuerySet[Officer], *, on: date) -> QuerySet[Officer]:
    """Annotate each officer's latest certificate: ``cert_number``, ``cert_valid_until`` and
    ``cert_status`` (``valid``/``suspended``/``revoked``/``cancelled``/``expired``/``none``)."""
    latest = Certificate.objects.filter(officer=OuterRef("pk")).order_by("-issued_on", "-id")
    return qs.annotate(
        cert_id=Subquery(latest.values("id")[:1]),
        cert_number=Subquery(latest.values("number")[:1]),
        cert_raw=Subquery(latest.values("status")[:1]),
        cert_valid_until=Subquery(latest.values("valid_until")[:1]),
    ).annotate(
        cert_status=Case(
            When(cert_raw__isnull=True, then=Value(rules.NONE)),
            When(cert_raw=rules.VALID, cert_valid_until__lt=on, then=Value(rules.EXPIRED)),
            default=F("cert_raw"),
            output_field=CharField(),
        )
    )


def with_hours(qs: QuerySet[Officer], *, year: int) -> QuerySet[Officer]:
    """Annotate ``hours_year``: centralized training hours in ``year``."""
    start, end = _year_bounds(year)
    hours = (
        TrainingAttendance.objects.filter(
            officer=OuterRef("pk"), session__held_on__gte=start, session__held_on__lte=end, session__is_centralized=True
        )
        .values("officer").annotate(total=Sum("hours")).values("total")
    )
    return qs.annotate(hours_year=Coalesce(Subquery(hours, output_field=HOURS), Value(Decimal("0")), output_field=HOURS))


@dataclass(frozen=True)
class OfficerFilters:
    unit: int | None = None
    category: str = ""
    cert_status: str = ""
    status: str = ""
    shortfall: bool = False
    q: str = ""

    @classmethod
    def from_params(cls, params) -> OfficerFilters:
        """Read filters from a query string; unknown values are ignored rather than refused."""
        def pick(name: str, allowed) -> str:
            value = (params.get(name) or "").strip()
            return value if value in allowed else ""

        try:
            unit = int(params.get("unit") or 0) or None
        except (TypeError, ValueError):
            unit = None
        return cls(
            unit=unit,
            category=pick("category", Officer.Category.values),
            cert_status=pick("cert_status", [s for s, _ in rules.STATUS_LABELS]),
            status=pick("status", Officer.Status.values),
            shortfall=(params.get("shortfall") or "") in ("1", "true", "on"),
            q=(params.get("q") or "").strip()[:40],
        )

    def as_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "category": self.category, "cert_status": self.cert_status,
                "status": self.status, "shortfall": self.shortfall, "q": self.q}


def officer_list(user, filters: OfficerFilters, *, on: date) -> QuerySet[Officer]:
    """The registry as ``user`` may see it, filtered in SQL (pages, API and export alike)."""
    from jiandu.personnel.services.training import training_target

    qs = with_hours(with_certificate(officers_visible(user), on=on), year=on.year)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.cert_status:
        qs = qs.filter(cert_status=filters.cert_status)
    if filters.q:
        qs = qs.filter(Q(name__contains=filters.q) | Q(id_number__startswith=filters.q.upper()) | Q(post__contains=filters.q))
    if filters.shortfall:
        target = training_target(user.unit if user.unit_id else None, on.year, on=on)
        qs = qs.filter(status=Officer.Status.ACTIVE, hours_year__lt=target)
    # Officers before auxiliary staff within a unit ("officer" > "auxiliary"), then by name.
    return qs.order_by("unit__sort_order", "unit_id", "-category", "name", "id")


def units_for_filter(user) -> QuerySet[Unit]:
    """Units that appear in the user's registry, for the unit filter."""
    ids = officers_visible(user).values("unit_id")
    return Unit.objects.filter(id__in=ids).order_by("sort_order", "id")


# --- certificates ---------------------------------------------------------------------------------


def officers_certified_on(officer_ids: Iterable[int], on: date) -> dict[int, str]:
    """For each officer id: ``""`` when they held a valid certificate on ``on``, else the reason
    (in Chinese) why not. Used by ``cases`` for every enforcement step (R-CAS-3).

    Not scoped on purpose: it answers a yes/no about officers the caller already has in scope.
    """
    ids = list(dict.fromkeys(officer_ids))
    officers = {o.id: o for o in Officer.objects.filter(id__in=ids)}
    events: dict[int, list[tuple[date, int, str]]] = defaultdict(list)
    certs: dict[int, list[Certificate]] = defaultdict(list)
    for cert in Certificate.objects.filter(officer_id__in=ids, issued_on__lte=on):
        certs[cert.officer_id].append(cert)
    cert_ids = [c.id for per in certs.values() for c in per]
    for e in CertificateEvent.objects.filter(certificate_id__in=cert_ids, effective_on__lte=on).order_by("effective_on", "id"):
        events[e.certificate_id].append((e.effective_on, e.id, e.to_status))
    result: dict[int, str] = {}
    for oid in ids:
        officer = officers.get(oid)
        if officer is None:
            result[oid] = "执法人员不存在。"
            continue
        if officer.category != Officer.Category.OFFICER:
            result[oid] = f"{officer.name}为行政执法辅助人员，不得单独从事执法活动。"
            continue
        statuses = [
            (c, rules.certificate_status_on([(d, s) for d, _, s in events[c.id]], valid_until=c.valid_until, on=on))
            for c in certs[oid]
        ]
        if any(s == rules.VALID for _, s in statuses):
            result[oid] = ""
        elif statuses:
            label = dict(rules.STATUS_LABELS)
            worst = statuses[0][1]
            result[oid] = f"{officer.name}的行政执法证在{on:%Y年%m月%d日}处于“{label.get(worst, worst)}”状态。"
        else:
            result[oid] = f"{officer.name}在{on:%Y年%m月%d日}未持有行政执法证。"
    return result


def certificates_visible(user) -> QuerySet[Certificate]:
    return scope.visible(Certificate.objects.select_related("officer", "officer__unit"), user)


def certificate_get(user, certificate_id) -> Certificate:
    return scope.get_visible(Certificate.objects.select_related("officer", "officer__unit"), user, id=certificate_id)


def certificate_status_counts(user, *, on: date) -> dict[str, int]:
    """Officers by the status of their latest certificate (officers in post only, auxiliary staff
    excluded: they are never certified)."""
    qs = with_certificate(
        officers_visible(user).filter(category=Officer.Category.OFFICER).exclude(status=Officer.Status.LEFT), on=on
    )
    counts = {s: 0 for s, _ in rules.STATUS_LABELS}
    for row in qs.order_by().values("cert_status").annotate(n=Count("id")):
        counts[row["cert_status"]] = row["n"]
    return counts


@dataclass(frozen=True)
class PublicCertificate:
    number: str
    name: str
    unit: str
    status: str
    status_label: str
    issuer: str
    issued_on: date
    valid_until: date
    enforcement_domain: str


def public_certificate(number: str, *, on: date) -> PublicCertificate | None:
    """R-PUB-2: what the public may know of a certificate — holder's name, unit, status,
    validity. Nothing else (no ID number, phone, post or history)."""
    number = (number or "").strip()
    if not number or len(number) > 40:
        return None
    cert = Certificate.objects.select_related("officer", "officer__unit").filter(number=number).first()
    if cert is None:
        return None
    status = rules.current_status(cert.status, valid_until=cert.valid_until, on=on)
    return PublicCertificate(
        number=cert.number, name=cert.officer.name, unit=cert.officer.unit.name, status=status,
        status_label=dict(rules.STATUS_LABELS)[status], issuer=cert.issuer, issued_on=cert.issued_on,
        valid_until=cert.valid_until, enforcement_domain=cert.enforcement_domain,
    )


# --- the officer file -------------------------------------------------------------------------------


@dataclass
class CertificateView:
    certificate: Certificate
    status: str
    events: list[CertificateEvent]

    @property
    def status_label(self) -> str:
        return dict(rules.STATUS_LABELS)[self.status]


@dataclass
class OfficerFile:
    officer: Officer
    certificates: list[CertificateView]
    post_history: list
    applications: list[CertificateApplication]
    conduct_records: list[ConductRecord]
    assessments: list[Assessment]
    suspension: Suspension | None
    return_missing: tuple[str, ...]
    training: rules.TrainingStatus
    attendances: list[TrainingAttendance]
    test_results: list[ClosedBookResult]
    referrals: list[Referral] | None  # None: the user may not see referrals at all
    documents: list
    transfer_tasks: list[TransferTask]
    history: list[AuditEvent] = field(default_factory=list)

    @property
    def current(self) -> CertificateView | None:
        return self.certificates[0] if self.certificates else None


def officer_file(user, officer_id, *, on: date) -> OfficerFile:
    """Everything on an officer's file page, read in scope (404 when out of scope)."""
    from jiandu.core.models import OfficialDocument
    from jiandu.personnel.services.certificates import return_check
    from jiandu.personnel.services.training import training_target

    officer = officer_get(user, officer_id)
    certs = list(Certificate.objects.filter(officer=officer).prefetch_related("events__document"))
    certificates = [
        CertificateView(c, rules.current_status(c.status, valid_until=c.valid_until, on=on), list(c.events.all()))
        for c in certs
    ]
    start, end = _year_bounds(on.year)
    attendances = list(
        TrainingAttendance.objects.filter(officer=officer, session__held_on__gte=start, session__held_on__lte=end)
        .select_related("session", "session__unit").order_by("-session__held_on")
    )
    hours = sum((a.hours for a in attendances if a.session.is_centralized), Decimal(0))
    training = rules.training_status(hours, target=training_target(officer.unit, on.year, on=on), year=on.year, on=on)
    suspension, decision, _ = return_check(officer)
    referrals = None
    if may_see_referrals(user):
        referrals = list(referrals_visible(user).filter(officer=officer))
    doc_ids = OfficerDocument.objects.filter(officer=officer).values("document_id")
    documents = list(OfficialDocument.objects.filter(id__in=doc_ids).order_by("-issued_at", "-id"))
    file = OfficerFile(
        officer=officer,
        certificates=certificates,
        post_history=list(officer.post_history.select_related("unit").order_by("-started_on", "-id")),
        applications=list(officer.applications.order_by("-submitted_at")),
        conduct_records=list(officer.conduct_records.select_related("document").order_by("-occurred_on", "-id")),
        assessments=list(officer.assessments.order_by("-year")),
        suspension=suspension,
        return_missing=decision.missing if decision else (),
        training=training,
        attendances=attendances,
        test_results=list(officer.test_results.select_related("test").order_by("-taken_on", "-attempt")),
        referrals=referrals,
        documents=documents,
        transfer_tasks=list(officer.transfer_tasks.order_by("-opened_on")),
    )
    file.history = officer_history(officer, file)
    return file


def officer_history(officer: Officer, file: OfficerFile, *, limit: int = 200) -> list[AuditEvent]:
    """The audit events about the officer and every record of their file, newest first."""
    def ids(objs) -> list[str]:
        return [str(o.pk) for o in objs]

    groups = {
        "personnel.officer": [str(officer.pk)],
        "personnel.certificate": ids(c.certificate for c in file.certificates),
        "personnel.certificateapplication": ids(file.applications),
        "personnel.conductrecord": ids(file.conduct_records),
        "personnel.assessment": ids(file.assessments),
        "personnel.suspension": ids(Suspension.objects.filter(officer=officer)),
        "personnel.transfertask": ids(file.transfer_tasks),
        "personnel.closedbookresult": ids(file.test_results),
        "personnel.referral": ids(file.referrals or []),
        "core.officialdocument": ids(file.documents),
    }
    condition = Q()
    for object_type, object_ids in groups.items():
        if object_ids:
            condition |= Q(object_type=object_type, object_id__in=object_ids)
    return list(AuditEvent.objects.filter(condition).order_by("-seq")[:limit])


def officer_document_get(user, officer_id, document_id):
    """A document listed in an officer's file, readable by whoever may open that file."""
    from jiandu.core.errors import NotFound
    from jiandu.core.models import OfficialDocument

    officer = officer_get(user, officer_id)
    if not OfficerDocument.objects.filter(officer=officer, document_id=document_id).exists():
        raise NotFound()
    return OfficialDocument.objects.get(pk=document_id)


# --- applications and review queues -----------------------------------------------------------------


def applications_visible(user) -> QuerySet[CertificateApplication]:
    """Applications of the units the user manages, plus those their review seat may act on."""
    base = CertificateApplication.objects.select_related("officer", "unit")
    q_unit = scope.scope_q(user, "personnel", unit_field="unit", self_field="officer__user")
    q_review = scope.scope_q(user, "personnel.review", unit_field="unit")
    parts = [q for q in (q_unit, q_review) if q is not None]
    if not parts:
        return base.none()
    combined = parts[0]
    for q in parts[1:]:
        combined |= q
    return base.filter(combined) if combined else base


def application_get(user, application_id) -> CertificateApplication:
    return _get(applications_visible(user), application_id)


def _get(qs, pk):
    """One row of an already scoped queryset, or ``NotFound`` exactly like a missing one."""
    from jiandu.core.errors import NotFound

    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def review_queue(user) -> QuerySet[CertificateApplication]:
    """What waits for the user's seat: their district signature (not yet given), the city or
    province review, and — for the province and the agency — exam results and issuance."""
    seat = user.unit.review_seat if getattr(user, "unit_id", None) else ""
    if not seat or not scope.has_permission(user, "personnel.review"):
        return CertificateApplication.objects.none()
    q_review = scope.scope_q(user, "personnel.review", unit_field="unit")
    if q_review is None:
        return CertificateApplication.objects.none()
    qs = CertificateApplication.objects.select_related("officer", "unit").filter(q_review)
    signed = _signed_by(seat)
    wanted = Q(pk__in=[])
    if seat in rules.DISTRICT_SEATS:
        wanted |= Q(status=rules.DISTRICT_REVIEW, required_seats__icontains=f'"{seat}"') & ~Q(pk__in=signed)
    if seat == rules.SEAT_CITY:
        wanted |= Q(status=rules.CITY_REVIEW)
    if seat == rules.SEAT_PROVINCE:
        wanted |= Q(status=rules.PROVINCE_REVIEW)
    if seat in rules.STEP_SEATS[rules.STEP_EXAM]:
        wanted |= Q(status__in=[rules.EXAM_PENDING, rules.AWAITING_ISSUE])
    return qs.filter(wanted).order_by("submitted_at", "id")


def _signed_by(seat: str):
    from jiandu.personnel.models import ApplicationReview

    return ApplicationReview.objects.filter(step=rules.STEP_DISTRICT, seat=seat).values("application_id")


def application_status_counts(user) -> dict[str, int]:
    counts = {s: 0 for s in rules.APPLICATION_STATUS_LABELS}
    for row in applications_visible(user).order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


# --- training -----------------------------------------------------------------------------------------


def training_people(user, *, year: int, unit_id: int | None = None) -> QuerySet[Officer]:
    """People (officers and auxiliary staff in post) with their centralized hours of ``year``."""
    qs = with_hours(officers_visible(user).filter(status=Officer.Status.ACTIVE), year=year)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs


@dataclass(frozen=True)
class UnitTrainingRow:
    unit_id: int
    unit_name: str
    compliance: rules.UnitCompliance


def training_by_unit(user, *, year: int, on: date) -> tuple[Decimal, Decimal, list[UnitTrainingRow]]:
    """Per-unit compliance in one grouped query: people, meeting the yearly target, behind the
    pro-rated expectation to date. Returns (target, expected to date, rows worst first)."""
    from jiandu.personnel.services.training import training_target

    target = training_target(user.unit if user.unit_id else None, year, on=on)
    expected = rules.expected_hours_to_date(target, year=year, on=on)
    rows = (
        training_people(user, year=year).order_by()
        .values("unit_id", "unit__name", "unit__sort_order")
        .annotate(
            people=Count("id"),
            compliant=Count("id", filter=Q(hours_year__gte=target)),
            behind=Count("id", filter=Q(hours_year__lt=expected)),
        )
    )
    result = [
        UnitTrainingRow(r["unit_id"], r["unit__name"], rules.UnitCompliance(r["people"], r["compliant"], r["behind"]))
        for r in rows
    ]
    result.sort(key=lambda r: (r.compliance.rate, -r.compliance.short, r.unit_name))
    return target, expected, result


def sessions_visible(user) -> QuerySet[TrainingSession]:
    """Sessions the user's units held, and sessions their people attended (district sessions)."""
    own = scope.scope_q(user, "personnel", unit_field="unit")
    attended = Exists(
        scope.visible(TrainingAttendance.objects.filter(session=OuterRef("pk")), user)
    )
    qs = TrainingSession.objects.select_related("unit", "plan")
    if own is None:
        return qs.filter(attended)
    return qs.filter(own | Q(attended)) if own else qs


def session_get(user, session_id) -> TrainingSession:
    return _get(sessions_visible(user), session_id)


def plans_visible(user) -> QuerySet[TrainingPlan]:
    return scope.visible(TrainingPlan.objects.select_related("unit"), user)


def session_attendances(user, session: TrainingSession) -> QuerySet[TrainingAttendance]:
    return scope.visible(session.attendances.select_related("officer", "officer__unit"), user).order_by(
        "officer__unit__sort_order", "officer__unit_id", "officer__name"
    )


# --- closed-book tests ---------------------------------------------------------------------------------


def tests_visible(user) -> QuerySet[ClosedBookTest]:
    """Tests the user's units organized, and tests their people took."""
    own = scope.scope_q(user, "personnel", unit_field="unit")
    took = Exists(scope.visible(ClosedBookResult.objects.filter(test=OuterRef("pk")), user))
    qs = ClosedBookTest.objects.select_related("unit", "notice_document")
    if own is None:
        return qs.filter(took)
    return qs.filter(own | Q(took)) if own else qs


def closed_book_test_get(user, test_id) -> ClosedBookTest:
    return _get(tests_visible(user), test_id)


def closed_book_results_visible(user, test: ClosedBookTest) -> QuerySet[ClosedBookResult]:
    return scope.visible(test.results.select_related("officer", "officer__unit"), user)


def retakes_due(user) -> QuerySet[ClosedBookResult]:
    """Latest attempts that failed: a retake is owed (R-PER-10)."""
    later = ClosedBookResult.objects.filter(test=OuterRef("test"), officer=OuterRef("officer"), attempt__gt=OuterRef("attempt"))
    return (
        scope.visible(ClosedBookResult.objects.select_related("officer", "officer__unit", "test"), user)
        .filter(passed=False).exclude(Exists(later)).exclude(officer__status=Officer.Status.LEFT)
        .order_by("test__held_on", "officer__unit_id", "officer__name")
    )


def suspensions_active(user) -> QuerySet[Suspension]:
    return scope.visible(Suspension.objects.select_related("officer", "officer__unit", "certificate"), user).filter(
        status=Suspension.Status.ACTIVE
    )


# --- referrals and transfer tasks -------------------------------------------------------------------


def may_see_referrals(user) -> bool:
    """Clue referrals are confidential to who refers them (the agency) and who receives them
    (discipline inspection): ``roles.py`` denies the area to a unit's legal officer and leaders."""
    return scope.scope_q(user, "personnel.referral", unit_field="unit") is not None


def referrals_visible(user) -> QuerySet[Referral]:
    return scope.visible(Referral.objects.select_related("officer", "unit", "recipient", "document"), user)


def referral_get(user, referral_id) -> Referral:
    return _get(referrals_visible(user), referral_id)


def transfer_tasks_visible(user) -> QuerySet[TransferTask]:
    return scope.visible(TransferTask.objects.select_related("officer", "unit"), user)


def transfer_task_get(user, task_id) -> TransferTask:
    return scope.get_visible(TransferTask.objects.select_related("officer", "unit"), user, id=task_id)
