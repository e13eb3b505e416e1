"""The standards API (R-PLT-6): import with a row report, four-lists refusal code, the benchmark
check (issue #3, must hold 1, 2, 3, 5)."""

from __future__ import annotations

from decimal import Decimal

from jiandu.standards import selectors
from jiandu.standards.models import ItemList
from jiandu.standards.services import four_lists, ledgers
from jiandu.standards.tests.helpers import SCJG_ROWS, publish_benchmark, publish_list


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_json_import_publishes_a_new_version(world, client_for):
    unit = world.unit("scjg")
    response = post(client_for("scjg_legal"), f"/api/v1/standards/units/{unit.pk}/item-list/import",
                    {"mode": "replace", "publish": True, "rows": SCJG_ROWS})
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 1 and response.json()["published"] is True
    detail = client_for("agency").get(f"/api/v1/standards/item-lists/{response.json()['item_list_id']}").json()
    assert [i["code"] for i in detail["items"]] == [r["code"] for r in SCJG_ROWS]


def test_a_json_import_with_bad_rows_returns_the_row_report_and_writes_nothing(world, client_for):
    unit = world.unit("scjg")
    rows = [dict(r) for r in SCJG_ROWS]
    rows[1]["kind"] = "行政指导"
    rows[4]["code"] = "SC-001"
    response = post(client_for("scjg_legal"), f"/api/v1/standards/units/{unit.pk}/item-list/import", {"rows": rows, "publish": True})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "import_invalid" and "整批未导入" in body["message"]
    assert [(d["row"], d["field"]) for d in body["details"]] == [(2, "事项类别"), (5, "事项编码")]
    assert not ItemList.objects.filter(unit=unit).exists()


def test_a_missing_field_in_the_json_is_a_chinese_validation_error(world, client_for):
    response = post(client_for("scjg_legal"), f"/api/v1/standards/units/{world.unit('scjg').pk}/item-list/import",
                    {"rows": [{"code": "X"}]})
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    assert {"field": "rows.0.name", "message": "必填项未填写。"} in response.json()["details"]


def test_another_units_list_is_404_on_the_api(world, client_for):
    unit = world.unit("scjg")
    lst = publish_list(unit, world.scjg_legal)
    client = client_for("cgj_legal")
    assert post(client, f"/api/v1/standards/units/{unit.pk}/item-list/import", {"rows": SCJG_ROWS}).status_code == 404
    assert client.get(f"/api/v1/standards/item-lists/{lst.pk}").status_code == 404
    assert client.get("/api/v1/standards/item-lists").json() == []


def test_a_four_lists_entry_in_an_excluded_domain_is_refused_on_the_api(world, client_for):
    unit = world.unit("scjg")
    publish_list(unit, world.scjg_legal)
    draft = four_lists.four_list_open_draft(unit=unit, actor=world.scjg_legal)
    client = client_for("scjg_legal")
    response = post(client, f"/api/v1/standards/four-lists/{draft.pk}/entries", {
        "kind": "no_penalty", "item_code": "SC-001", "conditions": "首次违法", "legal_basis": "《行政处罚法》第三十三条"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "four_lists_excluded_domain"
    assert "食品药品安全" in body["message"] and "§二(三)5" in body["message"]
    ok = post(client, f"/api/v1/standards/four-lists/{draft.pk}/entries", {
        "kind": "no_penalty", "item_code": "SC-003", "conditions": "首次违法", "legal_basis": "《行政处罚法》第三十三条"})
    assert ok.status_code == 201 and ok.json()["item_code"] == "SC-003"
    published = post(client, f"/api/v1/standards/four-lists/{draft.pk}/publish", {})
    assert published.json()["status"] == "published"


def test_the_benchmark_check_is_exposed_on_the_api(world, client_for):
    unit = world.unit("scjg")
    publish_list(unit, world.scjg_legal)
    publish_benchmark(unit, world.scjg_legal)
    item = selectors.published_items(unit).get(code="SC-002")
    client = client_for("scjg_legal")
    response = post(client, "/api/v1/standards/benchmarks/check", {"item_id": item.pk, "circumstance": "一般", "fine": "6000",
                                                                   "other_penalties": ["警告"]})
    assert response.status_code == 200
    body = response.json()
    assert (body["ok"], body["tier_label"], body["reasons"], body["range_text"]) == (
        False, "一般", ["罚款 6,000 元超出“一般”情形 1,000–5,000 元的裁量幅度"], "1,000–5,000 元")
    assert (Decimal(body["fine_min"]), Decimal(body["fine_max"])) == (1000, 5000)
    serious = post(client, "/api/v1/standards/benchmarks/check", {"item_id": item.pk, "circumstance": "严重", "fine": 250000,
                                                                  "illegal_gain": 60000, "other_penalties": ["吊销许可证件"]}).json()
    assert serious["ok"] and Decimal(serious["fine_min"]) == 200000 and Decimal(serious["fine_max"]) == 300000
    none = post(client, "/api/v1/standards/benchmarks/check", {"item_id": selectors.published_items(unit).get(code="SC-003").pk,
                                                               "circumstance": "一般", "fine": 1}).json()
    assert none["reasons"] == ["该事项未制定裁量基准"]
    assert post(client_for("cgj_legal"), "/api/v1/standards/benchmarks/check",
                {"item_id": item.pk, "circumstance": "一般", "fine": 1}).status_code == 404
    assert post(client, "/api/v1/standards/benchmarks/check", {"item_id": item.pk, "circumstance": "一般", "fine": "六千"}).status_code == 422


def test_benchmarks_are_compiled_and_published_on_the_api(world, client_for):
    unit = world.unit("scjg")
    publish_list(unit, world.scjg_legal)
    client = client_for("scjg_legal")
    bset = post(client, f"/api/v1/standards/units/{unit.pk}/benchmark-set/draft", {}).json()
    b = post(client, f"/api/v1/standards/benchmark-sets/{bset['id']}/benchmarks", {"item_code": "SC-002", "legal_basis": "《广告法》"})
    assert b.status_code == 201
    tier = post(client, f"/api/v1/standards/benchmarks/{b.json()['id']}/tiers",
                {"label": "一般", "fine_mode": "gain_multiple", "min_value": "1", "max_value": "3", "floor_amount": "100000"})
    assert tier.status_code == 201 and Decimal(tier.json()["floor_amount"]) == 100000
    assert post(client, f"/api/v1/standards/benchmark-sets/{bset['id']}/publish", {}).json()["status"] == "published"


def test_exemptions_on_the_api_are_decided_by_the_agency_only(world, client_for):
    unit = world.unit("scjg")
    created = post(client_for("scjg_legal"), "/api/v1/standards/exemptions", {
        "unit_id": unit.pk, "ground": "notification_commitment", "matter": "告知承诺后发现申请人承诺不实", "facts": "核查周期内无法发现。"})
    assert created.status_code == 201 and created.json()["status"] == "pending"
    url = f"/api/v1/standards/exemptions/{created.json()['id']}/decision"
    assert post(client_for("scjg_legal"), url, {"approve": True, "reason": "x"}).status_code == 403
    decided = post(client_for("agency"), url, {"approve": True, "reason": "符合证明事项告知承诺制情形。"})
    assert decided.json()["status_label"] == "予以免责"
    again = post(client_for("agency"), url, {"approve": False, "reason": "改变主意"})
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"


def test_issuing_issued_equipment_is_a_409_on_the_api(world, client_for):
    room = ledgers.equipment_room_add(unit=world.unit("scjg"), actor=world.scjg_legal, name="装备室", location="一楼",
                                      custodian="李", custody_rules="制度")
    gear = ledgers.equipment_add(room=room, actor=world.scjg_legal, asset_number="ZB-1", name="记录仪", category="bodycam")
    client = client_for("scjg_legal")
    first = post(client, f"/api/v1/standards/equipment/{gear.pk}/issue", {"borrower": "徐明", "purpose": "巡查"})
    second = post(client, f"/api/v1/standards/equipment/{gear.pk}/issue", {"borrower": "王五", "purpose": "检查"})
    assert first.status_code == 201 and second.status_code == 409 and second.json()["code"] == "equipment_already_issued"
    returned = client.post(f"/api/v1/standards/equipment-loans/{first.json()['id']}/return")
    assert returned.json()["returned_at"]


def test_coverage_and_compliance_lists_on_the_api(world, client_for):
    coverage = client_for("agency").get("/api/v1/standards/advisors/coverage?flagged=true").json()
    assert {c["unit"] for c in coverage} >= {"华容区市场监督管理局", "华容镇人民政府"} and all(c["flagged"] for c in coverage)
    compliance = client_for("hrz_legal").get("/api/v1/standards/venues/compliance").json()
    assert compliance == [{"unit_id": world.unit("hrz").pk, "unit": "华容镇人民政府", "compliant": False, "has_interrogation": False,
                           "has_hearing": False, "problems": ["未设询问室", "未设听证室"]}]


def test_the_openapi_document_lists_the_standards_endpoints(client_for):
    paths = client_for("agency").get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/standards/benchmarks/check" in paths
    assert "/api/v1/public/standards/{dataset}" in paths
