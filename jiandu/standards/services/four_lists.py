"""Four lists (R-STD-5): entries tied to a published item, refused in the excluded domains.

Plan §二(三)5: the lists do not apply to 安全生产, 食品药品安全, 生态环保, 卫生防疫 (a dated parameter,
read on the day of the change for the unit's jurisdiction). An entry is refused when its item,
the item's responsible unit or the compiling unit belongs to one of them — on adding, on editing
and again on publishing (the parameter may have changed since the entry was drafted).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jiandu.core import audit, policy
from jiandu.core.errors import InvalidInput
from jiandu.organization.models import Unit
from jiandu.standards.models import EnforcementItem, FourList, FourListEntry, VersionStatus
from jiandu.standards.rules import four_lists as rules
from jiandu.standards.services import versions

EXCLUDED_KEY = "standards.four_lists.excluded_domains"
ENTRY_FIELDS = ("kind", "item_code", "item_name", "item", "conditions", "legal_basis", "sort_order")


def published_item(unit: Unit, code: str) -> EnforcementItem | None:
    return (EnforcementItem.objects.select_related("item_list__unit", "responsible_unit")
            .filter(item_list__unit=unit, item_list__status=VersionStatus.PUBLISHED, code=code).first())


def check_domain(item: EnforcementItem, *, unit: Unit) -> None:
    """Refuse (``four_lists_excluded_domain``) an item in an excluded domain (plan §二(三)5)."""
    resolved = policy.resolve(EXCLUDED_KEY, on=timezone.localdate(), jurisdiction=unit)
    domain = rules.excluded_domain([item.domain, item.responsible_unit.domain, unit.domain], resolved.value)
    if domain is not None:
        message = rules.excluded_domain_message(item_name=item.name, domain=domain, legal_reference=resolved.legal_reference)
        raise InvalidInput(message, code="four_lists_excluded_domain", details={"item_code": message})


def _item_for(four_list: FourList, *, kind: str, item_code: str) -> EnforcementItem:
    if kind not in FourListEntry.Kind.values:
        raise InvalidInput(details={"kind": "清单类别应为不予处罚、从轻处罚、减轻处罚或免予行政强制。"})
    code = (item_code or "").strip()
    item = published_item(four_list.unit, code) if code else None
    if item is None:
        raise InvalidInput(details={"item_code": f"事项编码“{code}”不在本单位已公布的行政执法事项清单中。"})
    check_domain(item, unit=four_list.unit)
    problem = rules.kind_fits(kind, item.kind)
    if problem:
        raise InvalidInput(details={"kind": problem})
    return item


def _texts(conditions: str, legal_basis: str) -> tuple[str, str]:
    errors = {}
    if not (conditions or "").strip():
        errors["conditions"] = "请填写适用情形与条件（如：初次违法且危害后果轻微并及时改正）。"
    if not (legal_basis or "").strip():
        errors["legal_basis"] = "请填写法律依据（如：《中华人民共和国行政处罚法》第三十三条第一款）。"
    if errors:
        raise InvalidInput(details=errors)
    return conditions.strip(), legal_basis.strip()


def _copy_entries(published: FourList, draft: FourList) -> int:
    rows = [FourListEntry(four_list=draft, **{f: getattr(e, f) for f in ENTRY_FIELDS}) for e in published.entries.all()]
    FourListEntry.objects.bulk_create(rows)
    return len(rows)


def four_list_open_draft(*, unit: Unit, actor) -> FourList:
    return versions.open_draft(model=FourList, unit=unit, actor=actor, copy=_copy_entries)


@transaction.atomic
def four_list_entry_add(*, four_list: FourList, actor, kind: str, item_code: str, conditions: str, legal_basis: str,
                        sort_order: int = 0) -> FourListEntry:
    versions.check_draft(four_list, actor=actor)
    item = _item_for(four_list, kind=kind, item_code=item_code)
    conditions, legal_basis = _texts(conditions, legal_basis)
    entry = FourListEntry.objects.create(four_list=four_list, kind=kind, item=item, item_code=item.code,
                                         item_name=item.name, conditions=conditions, legal_basis=legal_basis,
                                         sort_order=sort_order)
    audit.record(actor=actor, action="four_list_entry.add", obj=entry, unit=four_list.unit,
                 after=audit.snapshot(entry, ENTRY_FIELDS))
    return entry


@transaction.atomic
def four_list_entry_update(*, entry: FourListEntry, actor, kind: str, item_code: str, conditions: str,
                           legal_basis: str, sort_order: int = 0) -> FourListEntry:
    versions.check_draft(entry.four_list, actor=actor)
    item = _item_for(entry.four_list, kind=kind, item_code=item_code)
    conditions, legal_basis = _texts(conditions, legal_basis)
    before = audit.snapshot(entry, ENTRY_FIELDS)
    entry.kind, entry.item, entry.item_code, entry.item_name = kind, item, item.code, item.name
    entry.conditions, entry.legal_basis, entry.sort_order = conditions, legal_basis, sort_order
    entry.save()
    audit.record(actor=actor, action="four_list_entry.update", obj=entry, unit=entry.four_list.unit,
                 before=before, after=audit.snapshot(entry, ENTRY_FIELDS))
    return entry


@transaction.atomic
def four_list_entry_delete(*, entry: FourListEntry, actor) -> None:
    versions.check_draft(entry.four_list, actor=actor)
    before, pk, unit = audit.snapshot(entry, ENTRY_FIELDS), entry.pk, entry.four_list.unit
    entry.delete()
    audit.record(actor=actor, action="four_list_entry.delete", object_type="standards.fourlistentry", object_id=pk,
                 unit=unit, before=before)


def _validate_for_publish(four_list: FourList) -> None:
    """Every entry must still name a published item outside the excluded domains; entries are
    re-linked to the item rows of the current published list."""
    entries = list(four_list.entries.all())
    versions.refuse_empty(len(entries), "四张清单草稿")
    problems = {}
    for entry in entries:
        item = published_item(four_list.unit, entry.item_code)
        if item is None:
            problems[entry.item_code] = f"事项“{entry.item_name}”（{entry.item_code}）已不在现行事项清单中，请删除或更正该条目。"
            continue
        check_domain(item, unit=four_list.unit)
        if item.pk != entry.item_id:
            FourListEntry.objects.filter(pk=entry.pk).update(item=item, item_name=item.name)
    if problems:
        raise InvalidInput("四张清单中有条目对应的事项已不在现行事项清单中，不能公布。", code="four_lists_item_missing",
                           details=problems)


def four_list_publish(*, four_list: FourList, actor) -> FourList:
    """“谁编制、谁公示”: the compiling unit (or the agency) publishes its own four lists."""
    return versions.publish(obj=four_list, actor=actor, validate=_validate_for_publish)


def four_list_discard(*, four_list: FourList, actor) -> None:
    versions.discard(obj=four_list, actor=actor, delete_rows=lambda obj: obj.entries.all().delete())
