"""Helpers shared by the personnel services: dates, policy figures, the issuing agency,
documents about officers, notifications and input checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.urls import reverse
from django.utils import timezone

from jiandu.core import documents, notifications, policy
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.organization.models import LegalBody, Unit, User
from jiandu.organization.roles import Role
from jiandu.organization.selectors import users_for_duty
from jiandu.personnel.models import Officer, OfficerDocument


def today() -> date:
    return timezone.localdate()


def param(key: str, *, on: date, unit: Unit | None) -> Any:
    """A dated policy figure as in force on ``on`` for ``unit``'s jurisdiction."""
    return policy.value(key, on=on, jurisdiction=unit)


def decimal_param(key: str, *, on: date, unit: Unit | None) -> Decimal:
    return Decimal(str(param(key, on=on, unit=unit)))


def agency_for(unit: Unit) -> Unit:
    """The supervision agency of ``unit``'s jurisdiction: it issues the sanctions, decisions and
    notices (plan §二(二)2 "由区行政执法监督机构…")."""
    jurisdiction = unit.jurisdiction() or unit
    agency = (
        Unit.objects.filter(kind=Unit.Kind.AGENCY, path__startswith=jurisdiction.path, is_active=True)
        .order_by("depth", "id").first()
    )
    if agency is None:
        raise Conflict("agency_missing", f"{jurisdiction.name}尚未设置行政执法监督机构，无法出具文书。")
    return agency


def discipline_unit_for(unit: Unit) -> Unit:
    jurisdiction = unit.jurisdiction() or unit
    found = (
        Unit.objects.filter(liaison_kind=Unit.LiaisonKind.DISCIPLINE, path__startswith=jurisdiction.path, is_active=True)
        .order_by("depth", "id").first()
    )
    if found is None:
        raise Conflict("discipline_unit_missing", f"{jurisdiction.name}尚未设置纪检监察机关，无法移送线索。")
    return found


def check_date(value: date | None, field: str, label: str, *, not_after: date | None = None,
               not_before: date | None = None, not_before_label: str = "") -> dict[str, str]:
    """Field errors for a date: required, not in the future, not before a given date."""
    if value is None:
        return {field: f"请填写{label}。"}
    if not_after is not None and value > not_after:
        return {field: f"{label}不能晚于{not_after:%Y-%m-%d}（不能是将来的日期）。"}
    if not_before is not None and value < not_before:
        return {field: f"{label}不能早于{not_before_label or f'{not_before:%Y-%m-%d}'}。"}
    return {}


def to_decimal(value: Any, field: str, label: str, *, minimum: Decimal | int = 0, maximum: Decimal | int | None = None,
               allow_zero: bool = False) -> tuple[Decimal | None, dict[str, str]]:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError, TypeError):
        return None, {field: f"{label}应为数字。"}
    if number < minimum or (number == minimum and not allow_zero):
        return None, {field: f"{label}应大于{minimum}。" if not allow_zero else f"{label}不能小于{minimum}。"}
    if maximum is not None and number > maximum:
        return None, {field: f"{label}不能大于{maximum}。"}
    return number, {}


def raise_if(errors: dict[str, str], message: str = "提交的内容有误，请检查后重试。") -> None:
    if errors:
        raise InvalidInput(message, details=errors)


def officer_link(officer: Officer) -> str:
    return reverse("personnel:officer", args=[officer.pk])


def issue_officer_document(
    *,
    officer: Officer,
    kind: str,
    kind_label: str,
    title: str,
    paragraphs: list[str],
    actor,
    recipient: str = "",
    recipient_unit: Unit | None = None,
    also_concerns: Iterable[Officer] = (),
):
    """Issue a numbered document in the agency's name about ``officer`` and list it in their
    file (and in the files of ``also_concerns``). Call inside the service's transaction."""
    agency = agency_for(officer.unit)
    document = documents.issue(
        kind=kind, kind_label=kind_label, title=title, paragraphs=paragraphs, issuer=agency, unit=officer.unit,
        actor=actor, recipient=recipient or f"{officer.name}同志", recipient_unit=recipient_unit or officer.unit,
        subject=officer, subject_user=officer.user,
    )
    link_document(document, [officer, *also_concerns])
    return document


def link_document(document, officers: Iterable[Officer]) -> None:
    OfficerDocument.objects.bulk_create(
        [OfficerDocument(officer=o, document=document) for o in {o.pk: o for o in officers}.values()],
        ignore_conflicts=True,
    )


def notify_unit(unit: Unit, *, title: str, body: str = "", link: str = "", dedupe_key: str | None = None) -> int:
    """Tell the unit's legal body (the holder of team management, R-ORG-4) about its officers."""
    recipients = users_for_duty(unit, LegalBody.Duty.TEAM_MANAGEMENT)
    return notifications.notify(recipients, title=title, body=body, link=link, category="personnel",
                                dedupe_key=dedupe_key)


def notify_officer(officer: Officer, *, title: str, body: str = "", link: str = "", dedupe_key: str | None = None) -> int:
    if officer.user_id is None:
        return 0
    return notifications.notify([officer.user], title=title, body=body, link=link, category="personnel",
                                dedupe_key=dedupe_key)


def notify_agency(unit: Unit, *, title: str, body: str = "", link: str = "", dedupe_key: str | None = None) -> int:
    agency = agency_for(unit)
    recipients = User.objects.filter(unit=agency, roles__role=Role.AGENCY_OFFICER, is_active=True).distinct()
    return notifications.notify(recipients, title=title, body=body, link=link, category="personnel",
                                dedupe_key=dedupe_key)


def chinese_date(d: date) -> str:
    return documents.chinese_date(d)
