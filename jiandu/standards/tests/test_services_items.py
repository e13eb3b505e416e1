"""R-STD-1: item lists are versioned per unit, drafts editable, publishing freezes; the import is
all-or-nothing with a row-level report (issue #3, must hold 1 and 5)."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core import audit
from jiandu.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from jiandu.core.models import AuditEvent, PolicyParameter
from jiandu.standards.models import EnforcementItem, ItemList
from jiandu.standards.services import items
from jiandu.standards.tests.helpers import SCJG_ROWS, publish_list


def rows(data):
    return list(enumerate(data, start=2))


def test_a_good_batch_becomes_the_draft_and_then_publishes_as_a_new_version(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    result = items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS))
    draft = result.item_list
    assert (draft.version, draft.status, result.created, result.published) == (1, "draft", 5, False)
    assert "第 1 版" in result.summary and "草稿" in result.summary
    published = items.item_list_publish(item_list=draft, actor=actor)
    assert published.status == "published" and published.published_by == actor and published.published_at
    second = items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS[:3]), publish=True)
    assert (second.item_list.version, second.item_list.status) == (2, "published")
    assert ItemList.objects.get(pk=draft.pk).status == "superseded"
    assert ItemList.objects.get(pk=draft.pk).items.count() == 5  # the superseded version is kept unchanged


def test_a_batch_with_bad_rows_is_refused_whole_with_each_row_named(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    bad = [dict(r) for r in SCJG_ROWS]
    bad[1]["kind"] = "行政指导"
    bad[3]["code"] = "SC-001"
    bad[4]["law_name"] = ""
    with pytest.raises(InvalidInput) as err:
        items.item_list_import(unit=unit, actor=actor, rows=rows(bad), publish=True)
    assert err.value.code == "import_invalid"
    assert "3 行存在问题，整批未导入" in err.value.message
    assert [(d["row"], d["field"]) for d in err.value.details] == [
        (3, "事项类别"), (5, "事项编码"), (6, "法律依据（法律法规名称）")]
    assert not ItemList.objects.filter(unit=unit).exists()
    assert not EnforcementItem.objects.filter(item_list__unit=unit).exists()


def test_a_refused_batch_leaves_an_existing_draft_untouched(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    draft = items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS)).item_list
    with pytest.raises(InvalidInput):
        items.item_list_import(unit=unit, actor=actor, rows=rows([{"code": "X-1", "name": "", "kind": "处罚", "law_name": "某法"}]))
    assert sorted(draft.items.values_list("code", flat=True)) == [r["code"] for r in SCJG_ROWS]


def test_append_adds_to_the_draft_and_refuses_codes_already_in_it(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS[:2]))
    with pytest.raises(InvalidInput) as err:
        items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS[1:3]), mode="append")
    assert err.value.details == [{"row": 2, "field": "事项编码",
                                  "message": "事项编码“SC-002”已在草稿中（对发布虚假广告的处罚），不能重复添加。"}]
    result = items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS[2:]), mode="append")
    assert result.item_list.items.count() == 5


def test_replace_makes_the_draft_exactly_the_new_rows(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS))
    result = items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS[:1]), mode="replace")
    assert (result.replaced, list(result.item_list.items.values_list("code", flat=True))) == (5, ["SC-001"])


def test_an_empty_batch_and_an_unknown_mode_are_refused(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    with pytest.raises(InvalidInput) as err:
        items.item_list_import(unit=unit, actor=actor, rows=[])
    assert err.value.code == "import_empty"
    with pytest.raises(InvalidInput):
        items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS), mode="merge")


def test_the_row_limit_is_a_dated_parameter(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    PolicyParameter.objects.create(key="standards.item_import.max_rows", effective_from=date(2024, 1, 1), value=3,
                                   label="事项清单单次导入的最大行数", legal_reference="测试")
    with pytest.raises(InvalidInput) as err:
        items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS))
    assert err.value.code == "import_too_large" and "最多导入 3 行" in err.value.message


def test_a_responsible_unit_of_another_department_is_a_bad_row(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    with pytest.raises(InvalidInput) as err:
        items.item_list_import(unit=unit, actor=actor, rows=rows([{**SCJG_ROWS[0], "responsible_unit": "区城管局"}]))
    assert err.value.details[0]["message"] == "实施主体“华容区城市管理执法局”不属于本单位或其下级单位，不能列入本单位的清单。"


def test_a_published_list_is_frozen(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    published = publish_list(unit, actor)
    item = published.items.first()
    with pytest.raises(Conflict) as err:
        items.item_add(item_list=published, actor=actor, code="SC-100", name="新事项", kind="行政检查", law_name="某法")
    assert err.value.code == "invalid_transition" and "已公布" in err.value.message
    with pytest.raises(Conflict):
        items.item_update(item=item, actor=actor, code=item.code, name="改名", kind="行政处罚", law_name="某法")
    with pytest.raises(Conflict):
        items.item_delete(item=item, actor=actor)
    with pytest.raises(Conflict):
        items.item_list_publish(item_list=published, actor=actor)


def test_a_new_draft_copies_the_published_items_into_new_rows(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    published = publish_list(unit, actor)
    draft = items.item_list_open_draft(unit=unit, actor=actor)
    assert draft.version == 2 and draft.status == "draft"
    assert sorted(draft.items.values_list("code", flat=True)) == sorted(published.items.values_list("code", flat=True))
    assert not set(draft.items.values_list("id", flat=True)) & set(published.items.values_list("id", flat=True))
    assert items.item_list_open_draft(unit=unit, actor=actor) == draft  # one draft per unit
    edited = items.item_update(item=draft.items.get(code="SC-002"), actor=actor, code="SC-002", name="对发布虚假广告行为的处罚",
                               kind="处罚", law_name="《中华人民共和国广告法》")
    assert edited.name == "对发布虚假广告行为的处罚"
    assert published.items.get(code="SC-002").name == "对发布虚假广告的处罚"


def test_single_edits_are_validated_like_import_rows(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    draft = items.item_list_open_draft(unit=unit, actor=actor)
    items.item_add(item_list=draft, actor=actor, code="A-1", name="甲", kind="行政处罚", law_name="某法")
    with pytest.raises(InvalidInput) as err:
        items.item_add(item_list=draft, actor=actor, code="A-1", name="乙", kind="不存在", law_name="")
    assert set(err.value.details) == {"code", "kind", "law_name"}
    item = items.item_add(item_list=draft, actor=actor, code="A-2", name="乙", kind="inspection", law_name="某法",
                          responsible_unit=unit)
    assert item.responsible_unit == unit


def test_discarding_a_draft_removes_it_and_its_items(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    draft = items.item_list_import(unit=unit, actor=actor, rows=rows(SCJG_ROWS)).item_list
    items.item_list_discard(item_list=draft, actor=actor)
    assert not ItemList.objects.filter(pk=draft.pk).exists()
    assert AuditEvent.objects.filter(action="itemlist.discard", object_id=str(draft.pk)).exists()


def test_an_empty_draft_cannot_be_published(world):
    draft = items.item_list_open_draft(unit=world.unit("scjg"), actor=world.scjg_legal)
    with pytest.raises(Conflict) as err:
        items.item_list_publish(item_list=draft, actor=world.scjg_legal)
    assert err.value.code == "version_empty"


def test_every_change_is_in_the_audit_chain(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    published = publish_list(unit, actor)
    actions = list(audit.history(published).values_list("action", flat=True))
    assert actions == ["itemlist.open_draft", "item_list.import", "itemlist.publish"]
    assert audit.verify().ok


# --- scope (must hold 5) ----------------------------------------------------------------------------

def test_a_unit_cannot_edit_another_units_list_it_is_not_found(world):
    scjg = publish_list(world.unit("scjg"), world.scjg_legal)
    draft = items.item_list_open_draft(unit=world.unit("scjg"), actor=world.scjg_legal)
    for call in (
        lambda: items.item_list_open_draft(unit=world.unit("scjg"), actor=world.cgj_legal),
        lambda: items.item_list_import(unit=world.unit("scjg"), actor=world.hrz_legal, rows=rows(SCJG_ROWS)),
        lambda: items.item_add(item_list=draft, actor=world.cgj_legal, code="X-1", name="x", kind="处罚", law_name="法"),
        lambda: items.item_list_publish(item_list=draft, actor=world.hrz_legal),
        lambda: items.item_list_discard(item_list=draft, actor=world.cgj_legal),
    ):
        with pytest.raises(NotFound):
            call()
    assert scjg.status == "published"


def test_the_agency_may_edit_and_publish_any_units_list_of_its_district(world):
    result = items.item_list_import(unit=world.unit("cgj"), actor=world.agency, rows=rows(SCJG_ROWS), publish=True)
    assert result.item_list.status == "published"
    with pytest.raises(NotFound):  # but not the neighbouring district's
        items.item_list_open_draft(unit=world.unit("lzh-scjg"), actor=world.agency)


def test_an_enforcement_officer_may_not_edit_lists(world):
    with pytest.raises(Forbidden):
        items.item_list_open_draft(unit=world.unit("scjg"), actor=world.scjg_officer)


def test_refusals_are_domain_errors_with_chinese_messages(world):
    with pytest.raises(DomainError) as err:
        items.item_list_import(unit=world.unit("scjg"), actor=world.scjg_legal, rows=[])
    assert "没有任何事项" in err.value.message
