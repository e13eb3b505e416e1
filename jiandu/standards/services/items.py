"""Enforcement item lists (R-STD-1): drafts, items, publishing, and the all-or-nothing import.

The Excel upload (``jobs.py``) and the JSON API both end in ``item_list_import``: every row is
validated first (``rules.items``), any bad row refuses the whole batch with a row-level report
(``InvalidInput`` with ``details=[{"row", "field", "message"}]``), and a good batch becomes the
unit's draft in one transaction — optionally published as the new version straight away.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiandu.core import audit, policy
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.core.scope import require, unit_visible
from jiandu.organization.models import Unit
from jiandu.standards.models import EnforcementItem, ItemList, VersionStatus
from jiandu.standards.rules import items as item_rules
from jiandu.standards.services import versions

ITEM_FIELDS = ("code", "name", "kind", "law_name", "law_article", "legal_basis", "responsible_unit", "domain")
IMPORT_MODES = {"replace": "替换草稿", "append": "追加到草稿"}


def kinds() -> dict[str, str]:
    return dict(EnforcementItem.Kind.choices)


def _copy_items(published: ItemList, draft: ItemList) -> int:
    rows = [
        EnforcementItem(item_list=draft, **{f: getattr(item, f) for f in ITEM_FIELDS if f != "responsible_unit"},
                        responsible_unit_id=item.responsible_unit_id)
        for item in published.items.all()
    ]
    EnforcementItem.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def item_list_open_draft(*, unit: Unit, actor, note: str = "") -> ItemList:
    """The unit's draft list; a new one copies the published list (a published list is frozen)."""
    return versions.open_draft(model=ItemList, unit=unit, actor=actor, note=note, copy=_copy_items)


def item_list_publish(*, item_list: ItemList, actor) -> ItemList:
    """Publish the draft as the unit's current list; the previous one is superseded (R-STD-1)."""
    return versions.publish(
        obj=item_list, actor=actor,
        validate=lambda obj: versions.refuse_empty(obj.items.count(), "事项清单草稿"),
    )


def item_list_discard(*, item_list: ItemList, actor) -> None:
    versions.discard(obj=item_list, actor=actor, delete_rows=lambda obj: obj.items.all().delete())


# --- lookups shared by single edits and imports ----------------------------------------------------


def unit_refs(*, unit: Unit, actor) -> dict[str, list[item_rules.UnitRef]]:
    """Every spelling of every unit of the list unit's jurisdiction → the units it may mean.

    A responsible unit is allowed when it is the list's unit or below it and within the actor's
    scope; other units of the jurisdiction are "known but not allowed" (a clearer message than
    "unknown").
    """
    jurisdiction = unit.jurisdiction()
    prefix = jurisdiction.path if jurisdiction is not None else unit.path
    refs: dict[str, list[item_rules.UnitRef]] = {}
    for u in Unit.objects.filter(path__startswith=prefix, is_active=True).only("id", "name", "short_name", "code", "path"):
        allowed = u.path.startswith(unit.path) and unit_visible(actor, u, "standards")
        ref = item_rules.UnitRef(u.id, u.name, allowed)
        for spelling in {u.name, u.short_name, u.code}:
            if spelling:
                refs.setdefault(spelling, []).append(ref)
    return refs


def _check_single(*, item_list: ItemList, actor, values: Mapping[str, Any], exclude_code: str | None = None) -> item_rules.CleanRow:
    existing = dict(item_list.items.exclude(code=exclude_code or "\0").values_list("code", "name"))
    row = {k: values.get(k, "") for k in ITEM_FIELDS}
    if isinstance(row["responsible_unit"], Unit):
        row["responsible_unit"] = row["responsible_unit"].code
    check = item_rules.validate_rows(
        [(1, row)], kinds=kinds(), units=unit_refs(unit=item_list.unit, actor=actor),
        default_unit_id=item_list.unit_id, existing_codes=existing,
    )
    if not check.ok:
        field_of = {header: key for key, header, _, _ in item_rules.COLUMNS}
        raise InvalidInput(details={field_of.get(e.field, e.field): e.message for e in check.errors})
    return check.rows[0]


def _item_values(clean: item_rules.CleanRow) -> dict[str, Any]:
    return {"code": clean.code, "name": clean.name, "kind": clean.kind, "law_name": clean.law_name,
            "law_article": clean.law_article, "legal_basis": clean.legal_basis,
            "responsible_unit_id": clean.responsible_unit_id, "domain": clean.domain}


@transaction.atomic
def item_add(*, item_list: ItemList, actor, **values: Any) -> EnforcementItem:
    """Add one item to a draft list. ``responsible_unit`` may be a Unit, its name or its code."""
    versions.check_draft(item_list, actor=actor)
    clean = _check_single(item_list=item_list, actor=actor, values=values)
    item = EnforcementItem.objects.create(item_list=item_list, **_item_values(clean))
    audit.record(actor=actor, action="enforcement_item.add", obj=item, unit=item_list.unit, after=audit.snapshot(item))
    return item


@transaction.atomic
def item_update(*, item: EnforcementItem, actor, **values: Any) -> EnforcementItem:
    versions.check_draft(item.item_list, actor=actor)
    clean = _check_single(item_list=item.item_list, actor=actor, values=values, exclude_code=item.code)
    before = audit.snapshot(item)
    for field, value in _item_values(clean).items():
        setattr(item, field, value)
    item.save()
    audit.record(actor=actor, action="enforcement_item.update", obj=item, unit=item.item_list.unit,
                 before=before, after=audit.snapshot(item))
    return item


@transaction.atomic
def item_delete(*, item: EnforcementItem, actor) -> None:
    versions.check_draft(item.item_list, actor=actor)
    before, pk, unit = audit.snapshot(item), item.pk, item.item_list.unit
    item.delete()
    audit.record(actor=actor, action="enforcement_item.delete", object_type="standards.enforcementitem",
                 object_id=pk, unit=unit, before=before)


# --- import ------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    item_list: ItemList
    created: int
    replaced: int
    published: bool

    @property
    def summary(self) -> str:
        text = f"已导入 {self.created} 个事项，形成{self.item_list.unit.display_name}事项清单第 {self.item_list.version} 版"
        return text + ("并已公布。" if self.published else "（草稿，核对无误后请公布）。")


def import_max_rows(unit: Unit) -> int:
    return int(policy.value("standards.item_import.max_rows", on=timezone.localdate(), jurisdiction=unit))


def item_list_import(
    *,
    unit: Unit,
    actor,
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    mode: str = "replace",
    publish: bool = False,
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate every row, then (only when all are good) write them as the unit's draft.

    ``mode``: ``replace`` — the draft becomes exactly these rows; ``append`` — the rows are added
    to the draft, and a code already in it is a bad row. ``publish``: publish the draft at once.
    Raises ``InvalidInput(code="import_invalid", details=[{row, field, message}, …])``.
    """
    require(actor, "standards.manage", unit=unit, area="standards")
    if publish:
        require(actor, "standards.publish", unit=unit, area="standards")
    if mode not in IMPORT_MODES:
        raise InvalidInput(details={"mode": "导入方式应为“替换草稿”或“追加到草稿”。"})
    if not rows:
        raise InvalidInput("文件中没有任何事项数据行，请按模板填写后再导入。", code="import_empty")
    limit = import_max_rows(unit)
    if len(rows) > limit:
        raise InvalidInput(f"单次最多导入 {limit} 行，本文件有 {len(rows)} 行，请拆分后分批导入。", code="import_too_large")

    draft = ItemList.objects.filter(unit=unit, status=VersionStatus.DRAFT).first()
    existing = dict(draft.items.values_list("code", "name")) if (draft is not None and mode == "append") else {}
    validator_units = unit_refs(unit=unit, actor=actor)
    check = item_rules.RowsCheck()
    total = len(rows)
    validator = item_rules.RowValidator(kinds=kinds(), units=validator_units, default_unit_id=unit.id,
                                        existing_codes=existing)
    for i, (number, raw) in enumerate(rows, start=1):
        validator.check(number, raw, into=check)
        if progress is not None:
            progress(i, total)
    if not check.ok:
        raise InvalidInput(
            f"导入文件有 {len({e.row for e in check.errors})} 行存在问题，整批未导入。请按错误报告修改后重新导入。",
            code="import_invalid", details=[e.as_dict() for e in check.errors],
        )
    return _write_import(unit=unit, actor=actor, clean=check.rows, mode=mode, publish=publish, source=source)


@transaction.atomic
def _write_import(*, unit, actor, clean, mode, publish, source) -> ImportResult:
    draft = item_list_open_draft(unit=unit, actor=actor, note=f"由{source or '批量导入'}形成")
    draft = ItemList.objects.select_for_update().get(pk=draft.pk)
    replaced = 0
    if mode == "replace":
        replaced, _ = draft.items.all().delete()
    elif draft.items.filter(code__in=[r.code for r in clean]).exists():
        # The draft changed between validation and writing (another import or an edit).
        raise Conflict("import_draft_changed", "草稿在校验期间已被修改，请重新导入。")
    EnforcementItem.objects.bulk_create(
        [EnforcementItem(item_list=draft, **_item_values(r)) for r in clean], batch_size=1000
    )
    audit.record(actor=actor, action="item_list.import", obj=draft, unit=unit,
                 after={"version": draft.version, "mode": mode, "created": len(clean), "replaced": replaced,
                        "source": source, "codes": [r.code for r in clean][:200]})
    if publish:
        draft = item_list_publish(item_list=draft, actor=actor)
    return ImportResult(item_list=draft, created=len(clean), replaced=replaced, published=publish)


def item_import_start(*, unit: Unit, actor, upload, mode: str = "replace", publish: bool = False):
    """Start the background import of an uploaded workbook; the page then polls its progress."""
    from jiandu.core import jobs as core_jobs
    from jiandu.standards.jobs import IMPORT_KIND

    require(actor, "standards.manage", unit=unit, area="standards")
    if publish:
        require(actor, "standards.publish", unit=unit, area="standards")
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise InvalidInput(details={"file": "请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。"})
    if upload.size > MAX_UPLOAD_BYTES:
        raise InvalidInput(details={"file": f"文件不能超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB。"})
    if mode not in IMPORT_MODES:
        raise InvalidInput(details={"mode": "导入方式无效。"})
    return core_jobs.start(
        kind=IMPORT_KIND, label=f"{unit.display_name}事项清单导入", actor=actor, unit=unit,
        params={"unit_id": unit.pk, "mode": mode, "publish": publish, "file_name": name[:100]}, input_file=upload,
    )


MAX_UPLOAD_BYTES = 10 * 1024 * 1024
