"""Staff pages of the standards: every page renders for those in scope, another unit's pages are
404 (issue #3, must hold 5), the import flow, the four-lists refusal on the page (must hold 2)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jiandu.personnel.models import Officer
from jiandu.standards.models import Exemption, FourList, ItemList
from jiandu.standards.services import benchmarks, exemptions, four_lists, items, ledgers, systems
from jiandu.standards.tests.excel_files import filled_template
from jiandu.standards.tests.helpers import SCJG_ROWS, publish_benchmark, publish_four_list, publish_list


@pytest.fixture
def scjg(world):
    """区市场监管局 with something in every ledger, as its legal officer made it."""
    unit, actor = world.unit("scjg"), world.scjg_legal
    lst = publish_list(unit, actor)
    bset = publish_benchmark(unit, actor)
    fl = publish_four_list(unit, actor)
    advisor = ledgers.advisor_add(unit=unit, actor=actor, org_kind="law_firm", org_name="湖北楚天律师事务所", person_name="张律师")
    venue = ledgers.venue_save(unit=unit, actor=actor, name="询问室", purpose="interrogation", floor=1)
    room = ledgers.equipment_room_add(unit=unit, actor=actor, name="装备室", location="一楼", custodian="李", custody_rules="制度")
    gear = ledgers.equipment_add(room=room, actor=actor, asset_number="ZB-1", name="执法记录仪", category="bodycam")
    av = ledgers.av_register(unit=unit, actor=actor, title="现场录像", source="bodycam", recorded_on=date(2026, 1, 5),
                             recorded_by="徐明", storage_location="NAS-01", custodian="李", sha256="b" * 64, size=10, file_name="a.mp4")
    doc = systems.system_document_upload(unit=unit, actor=actor, system="disclosure", title="公示制度",
                                         upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"))
    exemption = exemptions.exemption_request(unit=unit, actor=actor, ground="four_lists", matter="依清单不予处罚后再次违法",
                                             facts="依清单不予处罚。")
    return {
        "unit": unit, "list": lst, "bset": bset, "benchmark": bset.benchmarks.get(), "four_list": fl, "advisor": advisor,
        "venue": venue, "gear": gear, "av": av, "doc": doc, "exemption": exemption,
    }


def urls(o) -> list[str]:
    u = o["unit"].pk
    return [
        f"/standards/items/unit/{u}/", f"/standards/items/list/{o['list'].pk}/", f"/standards/items/list/{o['list'].pk}/export.xlsx",
        f"/standards/items/unit/{u}/import/", f"/standards/items/unit/{u}/template.xlsx",
        f"/standards/four-lists/unit/{u}/", f"/standards/four-lists/list/{o['four_list'].pk}/",
        f"/standards/benchmarks/unit/{u}/", f"/standards/benchmarks/set/{o['bset'].pk}/",
        f"/standards/benchmarks/item/{o['benchmark'].pk}/", f"/standards/benchmarks/tier/{o['benchmark'].tiers.first().pk}/edit/",
        f"/standards/systems/unit/{u}/", f"/standards/systems/doc/{o['doc'].pk}/download/",
        f"/standards/advisors/unit/{u}/", f"/standards/advisors/{o['advisor'].pk}/",
        f"/standards/venues/unit/{u}/", f"/standards/venues/unit/{u}/room/{o['venue'].pk}/",
        f"/standards/equipment/unit/{u}/", f"/standards/equipment/item/{o['gear'].pk}/",
        f"/standards/av/{o['av'].pk}/", f"/standards/exemptions/{o['exemption'].pk}/",
    ]


OVERVIEWS = ["/standards/items/", "/standards/four-lists/", "/standards/benchmarks/", "/standards/systems/", "/standards/advisors/",
             "/standards/venues/", "/standards/equipment/", "/standards/av/", "/standards/exemptions/", "/standards/exemptions/new/",
             "/standards/av/new/", "/"]


def test_every_page_renders_for_the_units_legal_officer_and_the_agency(scjg, client_for):
    for who in ("scjg_legal", "agency"):
        client = client_for(who)
        for url in urls(scjg) + OVERVIEWS:
            response = client.get(url, follow=True)
            assert response.status_code == 200, (who, url)


def test_another_units_pages_are_not_found_like_missing_ones(scjg, client_for):
    for who in ("cgj_legal", "hrz_legal", "lzh_agency"):
        client = client_for(who)
        for url in urls(scjg):
            assert client.get(url).status_code == 404, (who, url)
    assert client_for("cgj_legal").get("/standards/items/list/999999/").status_code == 404


def test_posting_to_another_units_list_is_not_found_and_changes_nothing(scjg, client_for):
    draft = items.item_list_open_draft(unit=scjg["unit"], actor=scjg["unit"].users.get(username="scjg_legal"))
    client = client_for("cgj_legal")
    assert client.post(f"/standards/items/list/{draft.pk}/publish/").status_code == 404
    assert client.post(f"/standards/items/list/{draft.pk}/add/", {"code": "X-1", "name": "x", "kind": "penalty",
                                                                   "law_name": "法"}).status_code == 404
    assert client.post(f"/standards/items/unit/{scjg['unit'].pk}/import/",
                       {"file": filled_template(SCJG_ROWS), "mode": "replace"}).status_code == 404
    assert ItemList.objects.get(pk=draft.pk).status == "draft" and draft.items.count() == 5


def test_overviews_list_only_units_in_scope(scjg, client_for):
    page = client_for("hrz_legal").get("/standards/items/").content.decode()
    assert "华容镇人民政府" in page and "华容区市场监督管理局" not in page
    page = client_for("agency").get("/standards/items/").content.decode()
    assert "华容区市场监督管理局" in page and "华容镇人民政府" in page and "梁子湖区" not in page


def test_an_enforcement_officer_may_read_the_units_list_but_not_change_it(scjg, client_for):
    client = client_for("scjg_officer")
    assert client.get(f"/standards/items/list/{scjg['list'].pk}/").status_code == 200
    response = client.post(f"/standards/items/unit/{scjg['unit'].pk}/draft/", follow=True)
    assert "您没有执行此操作的权限" in response.content.decode()
    assert not ItemList.objects.filter(unit=scjg["unit"], status="draft").exists()
    assert "修订清单" not in response.content.decode()


def test_the_import_page_shows_the_error_report_then_a_good_file_publishes(world, client_for):
    unit = world.unit("scjg")
    client = client_for("scjg_legal")
    bad = [dict(r) for r in SCJG_ROWS]
    bad[2]["kind"] = "行政指导"
    response = client.post(f"/standards/items/unit/{unit.pk}/import/", {"file": filled_template(bad), "mode": "replace",
                                                                         "publish": "on"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/standards/items/import/")
    assert 'data-testid="job-errors"' in page and "事项类别“行政指导”不在清单范围内" in page and "<td>4</td>" in page
    assert "下载错误报告" in page
    job_id = response.redirect_chain[-1][0].split("/")[-2]
    report = client.get(f"/standards/items/import/{job_id}/errors.csv").content.decode("utf-8-sig").splitlines()
    assert report[0] == "行号,字段,问题" and report[1].startswith("4,事项类别,")
    assert not ItemList.objects.filter(unit=unit).exists()
    response = client.post(f"/standards/items/unit/{unit.pk}/import/", {"file": filled_template(SCJG_ROWS), "mode": "replace",
                                                                         "publish": "on"}, follow=True)
    assert "并已公布" in response.content.decode()
    assert ItemList.objects.get(unit=unit, status="published").items.count() == 5
    assert "SC-002" in client.get("/public/standards/items/").content.decode()


def test_the_import_form_refuses_other_file_types_on_the_page(world, client_for):
    response = client_for("scjg_legal").post(f"/standards/items/unit/{world.unit('scjg').pk}/import/",
                                             {"file": SimpleUploadedFile("清单.csv", b"a,b"), "mode": "replace"})
    assert response.status_code == 200 and "请上传 .xlsx 格式的 Excel 文件" in response.content.decode()


def test_items_are_added_edited_and_published_through_the_pages(world, client_for):
    unit = world.unit("scjg")
    client = client_for("scjg_legal")
    client.post(f"/standards/items/unit/{unit.pk}/draft/")
    draft = ItemList.objects.get(unit=unit, status="draft")
    response = client.post(f"/standards/items/list/{draft.pk}/add/", {"code": "SC-1", "name": "对某违法行为的处罚",
                                                                       "kind": "penalty", "law_name": "《某法》"})
    assert response.status_code == 302
    refused = client.post(f"/standards/items/list/{draft.pk}/add/", {"code": "SC-1", "name": "重复", "kind": "penalty", "law_name": "《某法》"})
    assert "已在草稿中" in refused.content.decode()
    item = draft.items.get()
    client.post(f"/standards/items/item/{item.pk}/edit/", {"code": "SC-1", "name": "对某违法行为的处罚（修订）", "kind": "penalty",
                                                          "law_name": "《某法》", "law_article": "第一条"})
    item.refresh_from_db()
    assert item.name.endswith("（修订）") and item.law_article == "第一条"
    response = client.post(f"/standards/items/list/{draft.pk}/publish/", follow=True)
    assert "第 1 版事项清单已公布" in response.content.decode()
    assert ItemList.objects.get(pk=draft.pk).status == "published"
    response = client.post(f"/standards/items/item/{item.pk}/delete/", follow=True)  # frozen now
    assert "已公布" in response.content.decode() and draft.items.count() == 1


def test_a_four_lists_entry_in_an_excluded_domain_is_refused_on_the_page(world, client_for):
    unit = world.unit("scjg")
    publish_list(unit, world.scjg_legal)
    draft = four_lists.four_list_open_draft(unit=unit, actor=world.scjg_legal)
    response = client_for("scjg_legal").post(f"/standards/four-lists/list/{draft.pk}/", {
        "kind": "no_penalty", "item_code": "SC-001", "conditions": "首次违法", "legal_basis": "《行政处罚法》第三十三条"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "属于食品药品安全领域" in page and "§二(三)5" in page and "不得列入四张清单" in page
    assert not draft.entries.exists()
    ok = client_for("scjg_legal").post(f"/standards/four-lists/list/{draft.pk}/", {
        "kind": "no_penalty", "item_code": "SC-003", "conditions": "首次违法", "legal_basis": "《行政处罚法》第三十三条"})
    assert ok.status_code == 302 and draft.entries.count() == 1


def test_the_four_lists_page_of_a_unit_in_an_excluded_domain_says_so(world, client_for):
    page = client_for("agency").get(f"/standards/four-lists/unit/{world.unit('yjj').pk}/").content.decode()
    assert "属于安全生产领域" in page and "不实行“四张清单”制度" in page


def test_the_benchmark_page_checks_a_proposed_penalty(scjg, client_for):
    url = f"/standards/benchmarks/item/{scjg['benchmark'].pk}/"
    page = client_for("scjg_legal").post(url, {"form": "check", "check-circumstance": "一般", "check-fine": "6000"}).content.decode()
    assert "罚款 6,000 元超出“一般”情形 1,000–5,000 元的裁量幅度" in page
    page = client_for("scjg_legal").post(url, {"form": "check", "check-circumstance": "一般", "check-fine": "3000"}).content.decode()
    assert "在“一般”等级的裁量幅度内" in page


def test_tiers_are_added_on_a_draft_through_the_page(world, client_for):
    unit = world.unit("scjg")
    publish_list(unit, world.scjg_legal)
    draft = benchmarks.benchmark_set_open_draft(unit=unit, actor=world.scjg_legal)
    client = client_for("scjg_legal")
    client.post(f"/standards/benchmarks/set/{draft.pk}/", {"item_code": "SC-002", "legal_basis": "《广告法》第五十五条"})
    b = draft.benchmarks.get()
    response = client.post(f"/standards/benchmarks/item/{b.pk}/", {
        "form": "tier", "tier-label": "一般", "tier-fine_mode": "fixed", "tier-fine_required": "on", "tier-min_value": "1000",
        "tier-max_value": "500", "tier-min_inclusive": "on", "tier-max_inclusive": "on"})
    assert "上限不能小于下限" in response.content.decode()
    client.post(f"/standards/benchmarks/item/{b.pk}/", {
        "form": "tier", "tier-label": "一般", "tier-fine_mode": "fixed", "tier-fine_required": "on", "tier-min_value": "1000",
        "tier-max_value": "5000", "tier-min_inclusive": "on", "tier-other_penalties": ["警告"]})
    tier = b.tiers.get()
    assert (tier.min_value, tier.max_inclusive, tier.other_penalties) == (1000, False, ["警告"])


def test_exemptions_are_requested_and_decided_through_the_pages(world, client_for):
    unit = world.unit("scjg")
    officer = Officer.objects.create(unit=unit, name="徐明", gender="M", id_number="420703199001011234", post="执法员")
    response = client_for("scjg_legal").post("/standards/exemptions/new/", {
        "unit": unit.pk, "ground": "technical_limits", "matter": "未及时发现夜间经营", "facts": "巡查手段有限。",
        "officer": officer.pk, "subject_type": "", "subject_id": "", "subject_label": ""})
    e = Exemption.objects.get()
    assert response.status_code == 302 and e.officer == officer
    assert "作出决定" not in client_for("scjg_legal").get(f"/standards/exemptions/{e.pk}/").content.decode()
    client_for("agency").post(f"/standards/exemptions/{e.pk}/", {"decision": "approve", "reason": "符合情形。"})
    e.refresh_from_db()
    assert e.status == "approved"


def test_the_agency_dashboard_shows_the_standards_and_advisor_cards(scjg, client_for):
    page = client_for("agency").get("/").content.decode()
    assert 'data-testid="standards-widget"' in page and 'data-testid="advisor-widget"' in page
    assert "未聘请法律顾问" in page


def test_the_exemption_panel_renders_on_the_officer_file(world, rf):
    """What personnel's officer file will render: the card template of ``officer_panels``."""
    from django.template.loader import render_to_string

    from jiandu.standards import panels

    unit = world.unit("scjg")
    officer = Officer.objects.create(unit=unit, name="徐明", gender="M", id_number="420703199001011234", post="执法员")
    e = exemptions.exemption_request(unit=unit, actor=world.scjg_legal, ground="technical_limits", matter="夜间无证经营未及时发现",
                                     facts="巡查手段有限。", officer=officer, subject_label="某案")
    exemptions.exemption_decide(exemption=e, actor=world.agency, approve=True, reason="符合情形。")
    (card,) = panels.officer_panels(world.agency, officer)
    html = render_to_string(card.template, {"w": card, "ctx": card.context})
    assert "夜间无证经营未及时发现" in html and "予以免责" in html and "某案" in html and f"/standards/exemptions/{e.pk}/" in html


def test_nav_shows_the_standards_group_to_legal_officers_and_the_agency_only(world):
    from jiandu.standards import nav

    labels = [i.label for i in nav.items(world.scjg_legal)]
    assert labels[:3] == ["执法事项清单", "四张清单", "裁量基准"]
    assert nav.items(world.scjg_officer) == [] and nav.items(world.jw_liaison) == []
    exemptions.exemption_request(unit=world.unit("scjg"), actor=world.scjg_legal, ground="four_lists", matter="x", facts="y")
    assert next(i for i in nav.items(world.agency) if i.label == "尽职免责").badge == 1
    assert FourList.objects.count() == 0


def test_a_unit_legal_officer_sees_its_own_standards_card_without_the_agencys_queue(scjg, client_for):
    page = client_for("scjg_legal").get("/").content.decode()
    assert 'data-testid="standards-widget"' in page and "免责申请待决定" in page and "待决定的免责申请" not in page
    assert client_for("jw_liaison").get("/").content.decode().count('data-testid="standards-widget"') == 0
