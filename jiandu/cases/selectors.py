"""Reads of cases, always through ``core.scope`` (R-ORG-5): a case out of reach is ``NotFound``.

The agency's list must stay fast at 1,000,000 cases: filters are plain indexed columns, pages are
keyset pages on ``(filed_on, id)`` (``case_page``), and there is no exact COUNT(*) on the big
list — PostgreSQL's planner estimate is shown instead (``estimate_count``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from jiandu.cases.models import Case, CaseDeadline, CaseOfficer, Challenge, Disclosure, ImportBatch, LegalReview, PostEvaluation
from jiandu.core import paging, scope

ORDER = ("-filed_on", "-id")
LIST_FIELDS = ("id", "number", "title", "kind", "procedure", "status", "party_name", "filed_on", "decided_on",
               "next_due_on", "is_major", "is_overdue", "officer_flag", "benchmark_flag", "disclosure_flag",
               "evidence_flag", "fine_amount", "unit_id", "unit__short_name", "unit__name")


def cases_visible(user) -> QuerySet[Case]:
    return scope.visible(Case.objects.all(), user)


def case_get(user, case_id) -> Case:
    return scope.get_visible(Case.objects.select_related("unit", "item", "created_by"), user, id=case_id)


@dataclass
class CaseFilters:
    unit: int | None = None
    kind: str = ""
    status: str = ""
    procedure: str = ""
    overdue: bool = False
    flagged: bool = False
    major: bool = False
    q: str = ""
    filed_from: date | None = None
    filed_to: date | None = None

    @classmethod
    def from_params(cls, params) -> CaseFilters:
        def _date(name):
            try:
                return date.fromisoformat(params.get(name, "")) if params.get(name) else None
            except ValueError:
                return None

        try:
            unit = int(params.get("unit")) if params.get("unit") else None
        except ValueError:
            unit = None
        return cls(
            unit=unit, kind=params.get("kind", "") if params.get("kind") in Case.Kind.values else "",
            status=params.get("status", "") if params.get("status") in Case.Status.values else "",
            procedure=params.get("procedure", "") if params.get("procedure") in Case.Procedure.values else "",
            overdue=params.get("overdue") in ("1", "true", "on"), flagged=params.get("flagged") in ("1", "true", "on"),
            major=params.get("major") in ("1", "true", "on"), q=(params.get("q") or "").strip()[:60],
            filed_from=_date("filed_from"), filed_to=_date("filed_to"),
        )

    @property
    def active(self) -> bool:
        return any((self.unit, self.kind, self.status, self.procedure, self.overdue, self.flagged, self.major, self.q,
                    self.filed_from, self.filed_to))


FLAGGED = Q(officer_flag=True) | Q(benchmark_flag=True) | Q(disclosure_flag=True) | Q(evidence_flag=True)


def case_list(user, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """The cases ``user`` may see, filtered in SQL. Ordered by ``ORDER`` for keyset pages."""
    f = filters or CaseFilters()
    qs = cases_visible(user)
    if f.unit:
        qs = qs.filter(unit_id=f.unit)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.procedure:
        qs = qs.filter(procedure=f.procedure)
    if f.overdue:
        qs = qs.filter(is_overdue=True)
    if f.flagged:
        qs = qs.filter(FLAGGED)
    if f.major:
        qs = qs.filter(is_major=True)
    if f.filed_from:
        qs = qs.filter(filed_on__gte=f.filed_from)
    if f.filed_to:
        qs = qs.filter(filed_on__lte=f.filed_to)
    if f.q:
        # An exact case number is an index lookup; otherwise a title/party search (slower, narrowed by
        # the other filters, and still a keyset page).
        qs = qs.filter(Q(number=f.q) | Q(source_number=f.q) | Q(title__contains=f.q) | Q(party_name__contains=f.q))
    return qs.order_by(*ORDER)


def case_page(request, queryset: QuerySet[Case], *, per_page: int = 20) -> paging.Page:
    """A keyset page on ``(filed_on, id)`` descending. The cursor's date is also given to the
    database as a plain upper bound, so it starts the index scan there instead of filtering its
    way from the newest row (page 1,000 costs what page 1 costs)."""
    cursor = paging._decode(request.GET.get("after", "")) if request.GET.get("after") else None
    if cursor and len(cursor) == 2:
        try:
            queryset = queryset.filter(filed_on__lte=date.fromisoformat(str(cursor[0])))
        except ValueError:
            pass
    return paging.keyset_page(request, queryset, order=ORDER, per_page=per_page)


EXACT_COUNT_BELOW = 50_000


def estimate_count(queryset: QuerySet) -> tuple[int | None, bool]:
    """(count, is_estimate). On PostgreSQL the planner's row estimate when it is large (no scan of a
    1M-row table); a small result — and every count on SQLite — is counted exactly."""
    if connection.vendor != "postgresql":
        return queryset.count(), False
    sql, params = queryset.order_by().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    rows = int(plan[0]["Plan"]["Plan Rows"])
    if rows < EXACT_COUNT_BELOW:
        return queryset.count(), False
    return rows, True


# --- an officer's work ------------------------------------------------------------------------------


def my_cases(user) -> QuerySet[Case]:
    """Cases the user is an assigned officer of (whatever else their roles let them see)."""
    return Case.objects.filter(assignments__officer__user=user, assignments__released_on__isnull=True).select_related("unit")


def deadlines_visible(user) -> QuerySet[CaseDeadline]:
    return scope.visible(CaseDeadline.objects.select_related("case", "case__unit"), user)


def my_deadlines(user) -> QuerySet[CaseDeadline]:
    """Active deadlines of the user's own cases, nearest first (overdue ones first of all)."""
    return (CaseDeadline.objects.filter(case__assignments__officer__user=user, case__assignments__released_on__isnull=True,
                                        status__in=CaseDeadline.ACTIVE)
            .select_related("case", "case__unit").order_by("due_on", "id"))


def unit_deadlines(user) -> QuerySet[CaseDeadline]:
    return deadlines_visible(user).filter(status__in=CaseDeadline.ACTIVE).order_by("due_on", "id")


def officer_open_cases(user, officer) -> QuerySet[Case]:
    return cases_visible(user).filter(assignments__officer=officer, assignments__released_on__isnull=True,
                                      status__in=Case.OPEN).order_by("-filed_on")


# --- legal review --------------------------------------------------------------------------------------


def review_queue(user) -> QuerySet[LegalReview]:
    return (scope.visible(LegalReview.objects.filter(status=LegalReview.Status.PENDING), user)
            .select_related("case", "case__unit", "case__item", "requested_by").order_by("requested_on", "id"))


def review_get(user, review_id) -> LegalReview:
    return scope.get_visible(LegalReview.objects.select_related("case", "case__unit", "case__item"), user, id=review_id)


def reviews_done(user) -> QuerySet[LegalReview]:
    return (scope.visible(LegalReview.objects.filter(status=LegalReview.Status.DONE), user)
            .select_related("case", "case__unit", "reviewer").order_by("-reviewed_on", "-id"))


# --- the case page ----------------------------------------------------------------------------------------


def case_detail(case: Case) -> dict[str, Any]:
    """Everything a case page shows, for a case already fetched through ``case_get``."""
    return {
        "parties": list(case.parties.all()),
        "assignments": list(CaseOfficer.objects.filter(case=case).select_related("officer").order_by("released_on", "role", "id")),
        "steps": list(case.steps.select_related("actor").order_by("occurred_on", "id")),
        "deadlines": list(case.deadlines.order_by("status", "due_on", "id")),
        "pauses": list(case.pauses.order_by("started_on")),
        "reviews": list(case.legal_reviews.select_related("reviewer", "requested_by").order_by("-id")),
        "evidence": list(case.evidence.select_related("added_by").order_by("id")),
        "disclosures": list(case.disclosures.order_by("-id")),
        "evaluation": PostEvaluation.objects.filter(case=case).first(),
        "challenges": list(case.challenges.order_by("filed_on", "id")),
    }


# --- statistics and contracts for other apps ------------------------------------------------------------------


def decided_cases(user, *, unit, year: int, kinds=("penalty", "coercion", "licensing")) -> QuerySet[Case]:
    """Cases of ``unit`` decided in ``year`` of the given kinds (the case-file review's population,
    R-SUP-6), through the user's scope."""
    return cases_visible(user).filter(unit=unit, kind__in=list(kinds), decided_on__year=year).order_by("decided_on", "id")


def correction_rate(user, *, year: int, unit=None) -> dict[str, Any]:
    """R-CAS-9: of the reconsiderations and litigations decided in ``year``, how many corrected the
    decision (撤销、变更、确认违法、责令履行)."""
    qs = scope.visible(Challenge.objects.filter(decided_on__year=year).exclude(outcome=""), user)
    if unit is not None:
        qs = qs.filter(case__unit=unit)
    rows = qs.values("kind").annotate(total=Count("id"), corrected=Count("id", filter=Q(outcome__in=Challenge.CORRECTIONS)))
    result: dict[str, Any] = {"year": year, "total": 0, "corrected": 0, "by_kind": {}}
    for r in rows:
        result["by_kind"][r["kind"]] = {"total": r["total"], "corrected": r["corrected"],
                                        "rate": round(r["corrected"] / r["total"], 4) if r["total"] else None}
        result["total"] += r["total"]
        result["corrected"] += r["corrected"]
    result["rate"] = round(result["corrected"] / result["total"], 4) if result["total"] else None
    return result


def supervision_counts(user) -> dict[str, int]:
    """Counts for dashboards: small partial indexes make each a cheap count even at 1M cases."""
    qs = cases_visible(user)
    return {
        "overdue": qs.filter(is_overdue=True).count(),
        "flagged": qs.filter(FLAGGED).count(),
        "reviews": review_queue(user).count(),
        "disclosures_pending": scope.visible(Disclosure.objects.filter(status=Disclosure.Status.PENDING), user).count(),
    }


def import_batches(user) -> QuerySet[ImportBatch]:
    return scope.visible(ImportBatch.objects.select_related("created_by", "unit"), user).order_by("-created_at", "-id")


# --- the public ---------------------------------------------------------------------------------------------------


def public_disclosures() -> QuerySet[Disclosure]:
    """Published (and withdrawn, with their reason) decisions. Only the masked snapshot columns are
    read: the public pages never touch a party's raw record."""
    return (Disclosure.objects.filter(status__in=(Disclosure.Status.PUBLISHED, Disclosure.Status.WITHDRAWN))
            .only("id", "status", "title", "unit_name", "kind", "decision_number", "party_display", "facts",
                  "decision_text", "legal_basis", "decided_on", "published_on", "withdrawn_on", "withdraw_reason")
            .order_by("-published_on", "-id"))
