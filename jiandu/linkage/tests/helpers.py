"""Building blocks for the linkage tests: items and penalty cases as the cases app stores them.

The cases services are built in parallel; these helpers write the rows the way a decided case
looks in the cases tables, so the linkage services are tested against the real database.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiandu.cases.models import Case, CaseParty
from jiandu.standards.models import EnforcementItem, ItemList

_numbers = itertools.count(1)
PACKAGE = ("transfer_letter", "investigation_report", "items_list")


def item(unit, code="SC-101", name="对销售伪劣产品的处罚", actor=None):
    from jiandu.organization.models import User

    actor = actor or User.objects.filter(unit=unit).first() or User.objects.first()
    item_list = ItemList.objects.filter(unit=unit, status="published").first() or ItemList.objects.create(
        unit=unit, version=1, status="published", created_by=actor)
    found = EnforcementItem.objects.filter(item_list=item_list, code=code).first()
    return found or EnforcementItem.objects.create(
        item_list=item_list, code=code, name=name, kind="penalty", law_name="《中华人民共和国产品质量法》",
        law_article="第五十条", responsible_unit=unit, domain="市场监管")


def penalty_case(unit, *, code="SC-101", goods_value=None, illegal_gain=None, fine=Decimal("5000"),
                 decided_on: date | None = date(2026, 3, 2), filed_on=None, party="华容区某某商贸有限公司",
                 id_number="91420703MA4XXXXX1K", status=None, outcome=Case.Outcome.PENALIZED, violation_ended_on=None,
                 kind=Case.Kind.PENALTY):
    n = next(_numbers)
    filed_on = filed_on or ((decided_on - timedelta(days=40)) if decided_on else date(2026, 1, 5))
    case = Case.objects.create(
        unit=unit, number=f"T-{unit.code}-{n:05d}", kind=kind, item=item(unit, code), procedure=Case.Procedure.GENERAL,
        status=status or (Case.Status.DECIDED if decided_on else Case.Status.INVESTIGATING),
        title="销售伪劣产品案", facts="当事人销售以假充真的电线电缆。", party_name=party, filed_on=filed_on,
        decided_on=decided_on, outcome=outcome if decided_on else "", fine_amount=fine if decided_on else None,
        goods_value=goods_value, illegal_gain=illegal_gain, violation_ended_on=violation_ended_on,
        penalties=["fine"] if decided_on else [],
    )
    CaseParty.objects.create(case=case, kind=Case.PartyKind.ORGANISATION, name=party, id_number=id_number)
    return case


def upload(name="移送书.pdf", content=b"%PDF-1.4 transfer letter"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def local(y, m, d, h=10, minute=0):
    return timezone.make_aware(datetime.combine(date(y, m, d), time(h, minute)))


def attach_package(transfer, actor, kinds=PACKAGE):
    from jiandu.linkage import services

    for kind in kinds:
        services.transfer_material_add(actor=actor, transfer=transfer, kind=kind, title="",
                                       upload=upload(f"{kind}.pdf", f"{kind} of {transfer.number}".encode()))
