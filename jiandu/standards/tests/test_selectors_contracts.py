"""The contracts other apps call: published_items, benchmark_check, four_list_entries_for and the
exemption panels (R-STD-1, R-STD-2, R-STD-5, R-STD-6, R-CAS-5)."""

from __future__ import annotations

from decimal import Decimal

from jiandu.core.ui import panels as collect_panels
from jiandu.personnel.models import Officer
from jiandu.standards import panels, selectors
from jiandu.standards.models import ItemList
from jiandu.standards.rules import PenaltyCheck
from jiandu.standards.services import exemptions, items
from jiandu.standards.tests.helpers import publish_benchmark, publish_four_list, publish_list


def test_published_items_are_the_current_published_list_only(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    assert not selectors.published_items(unit).exists()
    first = publish_list(unit, actor)
    draft = items.item_list_open_draft(unit=unit, actor=actor)
    items.item_add(item_list=draft, actor=actor, code="SC-099", name="新增事项", kind="行政检查", law_name="《某法》")
    assert set(selectors.published_items(unit).values_list("item_list", flat=True)) == {first.pk}
    assert "SC-099" not in set(selectors.published_items(unit).values_list("code", flat=True))
    items.item_list_publish(item_list=draft, actor=actor)
    assert "SC-099" in set(selectors.published_items(unit).values_list("code", flat=True))
    assert ItemList.objects.get(pk=first.pk).status == "superseded"
    # A superseded list's rows stay unchanged: cases filed against them keep their item.
    assert ItemList.objects.get(pk=first.pk).items.count() == 5


def test_benchmark_check_judges_the_fine_against_the_published_tier(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    publish_benchmark(unit, actor)
    item = selectors.published_items(unit).get(code="SC-002")
    assert selectors.benchmark_check(item=item, circumstance="一般", fine=Decimal(3000)).ok
    result = selectors.benchmark_check(item=item, circumstance="一般", fine=Decimal(6000))
    assert result.reasons == ["罚款 6,000 元超出“一般”情形 1,000–5,000 元的裁量幅度"]
    serious = selectors.benchmark_check(item=item, circumstance="严重", fine=Decimal(150000), illegal_gain=Decimal(10000),
                                        other_penalties=["吊销许可证件"])
    assert not serious.ok and "200,000" in serious.reasons[0]


def test_benchmark_check_without_a_benchmark_says_none_was_made(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    item = selectors.published_items(unit).get(code="SC-003")
    assert selectors.benchmark_check(item=item, circumstance="一般", fine=Decimal(100)) == PenaltyCheck(
        False, "", ["该事项未制定裁量基准"])


def test_benchmark_check_follows_the_item_code_across_list_versions(world):
    """A case filed against version 1 of the list is checked against today's published benchmark."""
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    old_item = selectors.published_items(unit).get(code="SC-002")
    items.item_list_publish(item_list=items.item_list_open_draft(unit=unit, actor=actor), actor=actor)
    publish_benchmark(unit, actor)
    assert ItemList.objects.get(pk=old_item.item_list_id).status == "superseded"
    assert selectors.benchmark_check(item=old_item, circumstance="一般", fine=Decimal(2000)).ok


def test_a_draft_benchmark_is_not_used_for_the_check(world):
    from jiandu.standards.services import benchmarks

    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    draft = benchmarks.benchmark_set_open_draft(unit=unit, actor=actor)
    b = benchmarks.benchmark_add(benchmark_set=draft, actor=actor, item_code="SC-002", legal_basis="《广告法》第五十五条")
    benchmarks.benchmark_tier_add(benchmark=b, actor=actor, label="一般", min_value=1, max_value=2)
    item = selectors.published_items(unit).get(code="SC-002")
    assert selectors.benchmark_check(item=item, circumstance="一般", fine=Decimal(1)).reasons == ["该事项未制定裁量基准"]


def test_four_list_entries_for_an_item_are_the_published_ones(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor)
    item = selectors.published_items(unit).get(code="SC-003")
    assert selectors.four_list_entries_for(item) == []
    publish_four_list(unit, actor)
    entries = selectors.four_list_entries_for(item)
    assert [(e.get_kind_display(), e.item_code) for e in entries] == [("不予处罚", "SC-003")]
    assert "补报" in entries[0].conditions
    other = selectors.published_items(unit).get(code="SC-002")
    assert selectors.four_list_entries_for(other) == []


def _officer(unit, name="徐明", id_number="420703199001011234", user=None):
    return Officer.objects.create(unit=unit, name=name, gender="M", id_number=id_number, post="执法员", user=user)


def test_officer_panels_show_the_officers_exemptions_to_those_in_scope(world):
    unit = world.unit("scjg")
    officer = _officer(unit, user=world.scjg_officer)
    assert panels.officer_panels(world.agency, officer) == []
    e = exemptions.exemption_request(unit=unit, actor=world.scjg_legal, officer=officer, ground="technical_limits",
                                     matter="未及时发现无证经营", facts="该经营户夜间经营，现有巡查手段无法及时发现。")
    exemptions.exemption_decide(exemption=e, actor=world.agency, approve=True, reason="符合技术与监管手段限制情形。")
    cards = panels.officer_panels(world.agency, officer)
    assert len(cards) == 1 and cards[0].context["exemptions"][0].status == "approved"
    assert panels.officer_panels(world.hrz_legal, officer) == []  # another township sees nothing
    assert len(panels.officer_panels(world.scjg_officer, officer)) == 1  # the officer sees their own
    # Discovered through core.ui.panels, as personnel's officer file calls it.
    assert any(w.template == "standards/panels/exemptions.html" for w in collect_panels("officer_panels", world.agency, officer))
    assert selectors.exemption_applies(officer=officer)


def test_case_panels_show_exemptions_whose_subject_is_the_case(world):
    """The case is referenced generically; any model instance works as the subject."""
    unit = world.unit("scjg")
    subject = publish_list(unit, world.scjg_legal)  # stands in for a case record
    e = exemptions.exemption_request(unit=unit, actor=world.scjg_legal, subject=subject, ground="four_lists",
                                     matter="适用不予处罚清单后当事人再次违法", facts="依清单不予处罚，事后发现再次违法。")
    cards = panels.case_panels(world.agency, subject)
    assert cards and cards[0].context["exemptions"] == [e]
    assert not selectors.exemption_applies(subject=subject)  # pending: not yet an exemption
    exemptions.exemption_decide(exemption=e, actor=world.agency, approve=False, reason="当事人再次违法与清单适用无关。")
    assert not selectors.exemption_applies(subject=subject)
    assert panels.case_panels(world.gdz_legal, subject) == []
