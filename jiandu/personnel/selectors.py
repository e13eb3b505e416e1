"""Reads of personnel data, always through the scope mechanism."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from jiandu.core import scope
from jiandu.personnel import rules
from jiandu.personnel.models import Certificate, CertificateEvent, Officer


def officers_visible(user) -> QuerySet[Officer]:
    return scope.visible(Officer.objects.select_related("unit"), user)


def officer_get(user, officer_id) -> Officer:
    return scope.get_visible(Officer.objects.select_related("unit", "user"), user, id=officer_id)


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
