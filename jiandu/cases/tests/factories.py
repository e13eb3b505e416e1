"""Test data for the cases app: published items, certified officers, cases walked to a step.

Reference data of other apps (item lists, officers and certificates) is created directly here:
it is what those apps' services would have produced, and the cases tests only read it.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from jiandu.cases import services
from jiandu.cases.models import Case
from jiandu.organization.models import User
from jiandu.personnel.models import Certificate, CertificateEvent, Officer
from jiandu.standards.models import EnforcementItem, ItemList

_seq = itertools.count(1)


def _id_number() -> str:
    return f"4207031980010{next(_seq) % 10000:04d}X"


def item_for(unit, kind: str = "penalty", code: str | None = None, *, actor: User | None = None) -> EnforcementItem:
    """An item of ``unit``'s published list (the list is created and published when missing)."""
    actor = actor or User.objects.filter(unit=unit).first() or User.objects.first()
    item_list = ItemList.objects.filter(unit=unit, status=ItemList.Status.PUBLISHED).first()
    if item_list is None:
        version = (ItemList.objects.filter(unit=unit).order_by("-version").values_list("version", flat=True).first() or 0) + 1
        item_list = ItemList.objects.create(unit=unit, version=version, status=ItemList.Status.PUBLISHED, created_by=actor)
    code = code or f"{kind[:3].upper()}-{next(_seq):04d}"
    names = {"penalty": "销售不符合食品安全标准的食品", "coercion": "查封、扣押不符合食品安全标准的食品",
             "licensing": "食品经营许可", "inspection": "食品经营日常监督检查"}
    return EnforcementItem.objects.create(
        item_list=item_list, code=code, name=names.get(kind, "执法事项"), kind=kind, law_name="《中华人民共和国食品安全法》",
        law_article="第一百二十四条", responsible_unit=unit, domain=unit.domain or "市场监管",
    )


def officer(unit, name: str, *, user: User | None = None, status: str = "valid", changed_on: date | None = None,
            category: str = Officer.Category.OFFICER) -> Officer:
    """An officer of ``unit`` holding a certificate issued 2020-01-01 (valid to 2030), optionally
    suspended/revoked on ``changed_on``."""
    o = Officer.objects.create(unit=unit, user=user, name=name, gender="M", id_number=_id_number(), post="执法岗",
                               category=category)
    if category != Officer.Category.OFFICER:
        return o
    cert = Certificate.objects.create(officer=o, number=f"42070{next(_seq):06d}", issued_on=date(2020, 1, 1),
                                      valid_until=date(2030, 1, 1), status=status)
    CertificateEvent.objects.create(certificate=cert, action="issue", to_status="valid", effective_on=date(2020, 1, 1),
                                    reason="发证")
    if status != "valid":
        CertificateEvent.objects.create(certificate=cert, action={"suspended": "suspend", "revoked": "revoke"}.get(status, "cancel"),
                                        from_status="valid", to_status=status, effective_on=changed_on or date(2026, 6, 1),
                                        reason="测试")
    return o


def suspend(o: Officer, on: date) -> None:
    cert = o.certificates.get(status="valid")
    cert.status = "suspended"
    cert.save(update_fields=["status"])
    CertificateEvent.objects.create(certificate=cert, action="suspend", from_status="valid", to_status="suspended",
                                    effective_on=on, reason="年度考核不称职")


def pair(unit, *, with_user: User | None = None) -> list[Officer]:
    """Two certified officers of ``unit``; the first linked to ``with_user`` when given."""
    return [officer(unit, "徐明", user=with_user), officer(unit, "陈刚")]


PERSON = {"kind": "person", "name": "张三丰", "id_number": "420703199001011234", "phone": "13812345678",
          "address": "湖北省鄂州市华容区华容镇临江大道88号3栋2单元501"}
COMPANY = {"kind": "organisation", "name": "鄂州市华容区鑫源食品有限公司", "id_number": "91420703MA4F000001",
           "phone": "0711-5551234", "address": "湖北省鄂州市华容区葛店镇工业园", "legal_representative": "李建华"}


def file_case(actor, unit, *, kind: str = "penalty", procedure: str = "general", officers: list[Officer] | None = None,
              party: dict | None = None, filed_on: date = date(2026, 9, 1), is_major: bool = False, item=None,
              **extra) -> Case:
    officers = officers if officers is not None else pair(unit)
    return services.case_create(
        actor=actor, unit=unit, kind=kind, item=item or item_for(unit, kind), procedure=procedure,
        title=extra.pop("title", "销售过期食品案"), party=party or COMPANY, filed_on=filed_on,
        officer_ids=[o.pk for o in officers], is_major=is_major,
        violation_ended_on=extra.pop("violation_ended_on", date(2026, 8, 20)),
        discovered_on=extra.pop("discovered_on", filed_on if kind == "penalty" else None),
        facts=extra.pop("facts", "经查，当事人于2026年8月销售超过保质期的食品。"), **extra,
    )


def walk_to_review(actor, case: Case, *, on: date = date(2026, 9, 10), fine: str = "5000", penalties=("fine",),
                   hearing_rights: bool = False, circumstance: str = "一般情节") -> Case:
    """调查取证 → 告知 → 提交法制审核 (a general-procedure penalty)."""
    services.case_step(actor=actor, case=case, action="investigate", occurred_on=on)
    services.case_step(actor=actor, case=case, action="notify", occurred_on=on, hearing_rights_notified=hearing_rights,
                       hearing_waived=hearing_rights)
    return services.case_step(actor=actor, case=case, action="submit_review", occurred_on=on,
                              proposed_penalties=list(penalties), proposed_fine=Decimal(fine) if fine else None,
                              circumstance=circumstance)
