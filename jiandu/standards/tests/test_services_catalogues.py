"""R-STD-5 four lists and R-STD-6 benchmarks: compiled on drafts, checked, published by the unit
(issue #3, must hold 2, 3 and 5)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from jiandu.core.errors import Conflict, InvalidInput, NotFound
from jiandu.core.models import PolicyParameter
from jiandu.standards import selectors
from jiandu.standards.models import BenchmarkSet, FourList
from jiandu.standards.services import benchmarks, four_lists, items
from jiandu.standards.tests.helpers import SCJG_ROWS, publish_benchmark, publish_four_list, publish_list

CONDITIONS, BASIS = "初次违法且危害后果轻微并及时改正", "《中华人民共和国行政处罚法》第三十三条第一款"


def add(draft, actor, code, kind="no_penalty"):
    return four_lists.four_list_entry_add(four_list=draft, actor=actor, kind=kind, item_code=code, conditions=CONDITIONS,
                                          legal_basis=BASIS)


# --- four lists: excluded domains (must hold 2) ----------------------------------------------------

def test_an_item_in_an_excluded_domain_is_refused_with_the_domain_and_the_plan(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    with pytest.raises(InvalidInput) as err:
        add(draft, actor, "SC-001")  # 食品安全法 item: domain 食品药品安全
    assert err.value.code == "four_lists_excluded_domain"
    assert err.value.status == 422
    assert "食品药品安全" in err.value.message and "§二(三)5" in err.value.message
    assert err.value.details == {"item_code": err.value.message}
    assert not draft.entries.exists()


def test_every_item_of_a_unit_in_an_excluded_domain_is_refused(world):
    """区应急局's domain is 安全生产: even an item without a domain of its own is refused."""
    unit, actor = world.unit("yjj"), world.agency
    publish_list(unit, actor, rows=[{"code": "YJ-001", "name": "对未按规定进行安全生产教育培训的处罚", "kind": "行政处罚",
                                     "law_name": "《中华人民共和国安全生产法》", "law_article": "第九十七条"}])
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    with pytest.raises(InvalidInput) as err:
        add(draft, actor, "YJ-001")
    assert err.value.code == "four_lists_excluded_domain" and "安全生产" in err.value.message


def test_an_item_whose_responsible_unit_is_in_an_excluded_domain_is_refused(world):
    unit = world.unit("hrz")
    publish_list(unit, world.hrz_legal, rows=[{"code": "HR-001", "name": "对无证行医的处罚", "kind": "处罚", "law_name": "某法"}])
    unit.domain = "卫生防疫"
    unit.save(update_fields=["domain"])
    draft = four_lists.four_list_open_draft(unit=unit, actor=world.hrz_legal)
    with pytest.raises(InvalidInput) as err:
        add(draft, world.hrz_legal, "HR-001")
    assert "卫生防疫" in err.value.message


def test_other_domains_are_accepted_and_published_by_the_compiling_unit(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    published = publish_four_list(unit, actor)
    assert published.status == "published" and published.published_by == actor
    assert [e.item_code for e in published.entries.all()] == ["SC-003"]


def test_the_excluded_domains_are_read_as_of_the_day(world):
    """A later dated value of the parameter applies from its date: publishing re-checks entries."""
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    add(draft, actor, "SC-003")
    PolicyParameter.objects.create(key="standards.four_lists.excluded_domains", effective_from=timezone.localdate(),
                                   value=["市场监管"], label="不实行“四张清单”的执法领域", legal_reference="某区新方案 §三")
    with pytest.raises(InvalidInput) as err:
        four_lists.four_list_publish(four_list=draft, actor=actor)
    assert err.value.code == "four_lists_excluded_domain" and "某区新方案 §三" in err.value.message
    assert FourList.objects.get(pk=draft.pk).status == "draft"


def test_a_value_dated_in_the_future_does_not_apply_yet(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    PolicyParameter.objects.create(key="standards.four_lists.excluded_domains",
                                   effective_from=timezone.localdate() + timedelta(days=30),
                                   value=["市场监管"], label="x", legal_reference="y")
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    assert add(draft, actor, "SC-003").item_code == "SC-003"


def test_a_jurisdiction_may_set_its_own_excluded_domains(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    PolicyParameter.objects.create(key="standards.four_lists.excluded_domains", jurisdiction=world.unit("hr"),
                                   effective_from=date(2023, 1, 1), value=["安全生产"], label="x", legal_reference="华容区另行规定")
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    assert add(draft, actor, "SC-001").item_code == "SC-001"  # food safety no longer excluded in this district


def test_entries_must_name_a_published_item_of_the_right_kind(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    with pytest.raises(InvalidInput) as err:
        add(draft, actor, "SC-404")
    assert err.value.details == {"item_code": "事项编码“SC-404”不在本单位已公布的行政执法事项清单中。"}
    with pytest.raises(InvalidInput) as err:
        add(draft, actor, "SC-004")  # a coercion item on a penalty list
    assert err.value.details == {"kind": "不予、从轻、减轻处罚清单只能列入行政处罚事项。"}
    assert add(draft, actor, "SC-004", kind="coercion_exempt").item.kind == "coercion"
    with pytest.raises(InvalidInput) as err:
        four_lists.four_list_entry_add(four_list=draft, actor=actor, kind="no_penalty", item_code="SC-003", conditions=" ",
                                       legal_basis="")
    assert set(err.value.details) == {"conditions", "legal_basis"}


def test_publishing_relinks_entries_to_the_current_item_rows(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    entry = add(draft, actor, "SC-003")
    items.item_list_publish(item_list=items.item_list_open_draft(unit=unit, actor=actor), actor=actor)  # list v2
    four_lists.four_list_publish(four_list=draft, actor=actor)
    entry.refresh_from_db()
    assert entry.item == selectors.published_items(unit).get(code="SC-003")


def test_publishing_refuses_entries_whose_item_left_the_list(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    add(draft, actor, "SC-003")
    items.item_list_import(unit=unit, actor=actor, rows=list(enumerate(SCJG_ROWS[:2], start=2)), publish=True)
    with pytest.raises(InvalidInput) as err:
        four_lists.four_list_publish(four_list=draft, actor=actor)
    assert err.value.code == "four_lists_item_missing" and "SC-003" in err.value.details


def test_a_published_four_list_is_frozen_and_a_revision_copies_it(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    published = publish_four_list(unit, actor)
    with pytest.raises(Conflict):
        add(published, actor, "SC-002")
    revision = four_lists.four_list_open_draft(unit=unit, actor=actor)
    assert revision.version == 2 and revision.entries.count() == 1
    four_lists.four_list_entry_delete(entry=revision.entries.get(), actor=actor)
    add(revision, actor, "SC-002", kind="lighter_penalty")
    four_lists.four_list_publish(four_list=revision, actor=actor)
    assert FourList.objects.get(pk=published.pk).status == "superseded"
    assert published.entries.get().item_code == "SC-003"


def test_another_unit_cannot_compile_or_publish_these_four_lists(world):
    unit = world.unit("scjg")
    publish_list(unit, world.scjg_legal)
    draft = four_lists.four_list_open_draft(unit=unit, actor=world.scjg_legal)
    with pytest.raises(NotFound):
        add(draft, world.cgj_legal, "SC-003")
    with pytest.raises(NotFound):
        four_lists.four_list_publish(four_list=draft, actor=world.hrz_legal)


# --- benchmarks ---------------------------------------------------------------------------------------

def test_benchmarks_are_made_only_for_published_penalty_items(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = benchmarks.benchmark_set_open_draft(unit=unit, actor=actor)
    with pytest.raises(InvalidInput) as err:
        benchmarks.benchmark_add(benchmark_set=draft, actor=actor, item_code="SC-005", legal_basis="x")
    assert "不是行政处罚事项" in err.value.details["item_code"]
    benchmarks.benchmark_add(benchmark_set=draft, actor=actor, item_code="SC-002", legal_basis="《广告法》第五十五条")
    with pytest.raises(InvalidInput):
        benchmarks.benchmark_add(benchmark_set=draft, actor=actor, item_code="SC-002", legal_basis="again")


@pytest.mark.parametrize("values, field", [
    ({"label": ""}, "label"),
    ({"label": "一般", "fine_mode": "fixed"}, "min_value"),
    ({"label": "一般", "min_value": 500, "max_value": 100}, "max_value"),
    ({"label": "一般", "fine_mode": "none", "min_value": 1}, "fine_mode"),
    ({"label": "一般", "min_value": 1, "floor_amount": 5}, "floor_amount"),
    ({"label": "一般", "fine_mode": "gain_multiple", "min_value": 1, "floor_amount": 9, "cap_amount": 5}, "cap_amount"),
    ({"label": "一般", "min_value": -1}, "min_value"),
    ({"label": "一般", "min_value": "abc"}, "min_value"),
    ({"label": "一般", "min_value": 1, "other_penalties": ["打板子"]}, "other_penalties"),
    ({"label": "一般", "fine_mode": "percent", "min_value": 1}, "fine_mode"),
])
def test_tiers_with_inconsistent_figures_are_refused_field_by_field(world, values, field):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = benchmarks.benchmark_set_open_draft(unit=unit, actor=actor)
    b = benchmarks.benchmark_add(benchmark_set=draft, actor=actor, item_code="SC-002", legal_basis="x")
    with pytest.raises(InvalidInput) as err:
        benchmarks.benchmark_tier_add(benchmark=b, actor=actor, **values)
    assert field in err.value.details


def test_a_tier_label_is_unique_within_its_benchmark(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    bset = publish_benchmark(unit, actor)
    revision = benchmarks.benchmark_set_open_draft(unit=unit, actor=actor)
    b = revision.benchmarks.get()
    assert [t.label for t in b.tiers.all()] == ["一般", "严重"]  # copied from the published version
    with pytest.raises(InvalidInput):
        benchmarks.benchmark_tier_add(benchmark=b, actor=actor, label="一般", min_value=1)
    tier = b.tiers.get(label="一般")
    benchmarks.benchmark_tier_update(tier=tier, actor=actor, label="一般", min_value=Decimal(2000), max_value=Decimal(6000))
    benchmarks.benchmark_set_publish(benchmark_set=revision, actor=actor)
    item = selectors.published_items(unit).get(code="SC-002")
    assert selectors.benchmark_check(item=item, circumstance="一般", fine=Decimal(6000)).ok
    assert BenchmarkSet.objects.get(pk=bset.pk).status == "superseded"


def test_a_benchmark_without_tiers_cannot_be_published(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = benchmarks.benchmark_set_open_draft(unit=unit, actor=actor)
    benchmarks.benchmark_add(benchmark_set=draft, actor=actor, item_code="SC-002", legal_basis="x")
    with pytest.raises(InvalidInput) as err:
        benchmarks.benchmark_set_publish(benchmark_set=draft, actor=actor)
    assert err.value.code == "benchmarks_incomplete" and err.value.details == {"SC-002": "“对发布虚假广告的处罚”尚未设置裁量等级。"}


def test_published_benchmarks_are_frozen(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    bset = publish_benchmark(unit, actor)
    b = bset.benchmarks.get()
    for call in (lambda: benchmarks.benchmark_tier_add(benchmark=b, actor=actor, label="轻微", fine_mode="none"),
                 lambda: benchmarks.benchmark_tier_delete(tier=b.tiers.first(), actor=actor),
                 lambda: benchmarks.benchmark_delete(benchmark=b, actor=actor),
                 lambda: benchmarks.benchmark_update(benchmark=b, actor=actor, legal_basis="改")):
        with pytest.raises(Conflict):
            call()


def test_another_unit_cannot_touch_these_benchmarks(world):
    unit = world.unit("scjg")
    publish_list(unit, world.scjg_legal)
    draft = benchmarks.benchmark_set_open_draft(unit=unit, actor=world.scjg_legal)
    with pytest.raises(NotFound):
        benchmarks.benchmark_add(benchmark_set=draft, actor=world.gdz_legal, item_code="SC-002", legal_basis="x")
    with pytest.raises(NotFound):
        benchmarks.benchmark_set_open_draft(unit=unit, actor=world.cgj_legal)
