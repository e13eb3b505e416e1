"""R-PUB-1, R-PUB-4: the public pages and their CSV/JSON open data show published versions only,
never drafts or superseded versions, and the downloads match the page (issue #3, must hold 1 and 4)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jiandu.standards.services import benchmarks, four_lists, items, systems
from jiandu.standards.tests.helpers import SCJG_ROWS, publish_benchmark, publish_four_list, publish_list


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def csv_rows(response) -> list[dict]:
    text = body(response)
    assert text.startswith("\ufeff")  # BOM: Excel opens it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture
def versions(world):
    """区市场监管局: version 1 (superseded, had SC-OLD), version 2 (published), version 3 (draft, has SC-DRAFT);
    benchmarks and four lists published with a draft revision of each; three-systems document v1 superseded,
    v2 published, v3 draft."""
    unit, actor = world.unit("scjg"), world.scjg_legal
    publish_list(unit, actor, rows=SCJG_ROWS + [{"code": "SC-OLD", "name": "已废止的旧事项", "kind": "行政检查", "law_name": "旧法"}])
    publish_list(unit, actor)
    draft = items.item_list_open_draft(unit=unit, actor=actor)
    items.item_add(item_list=draft, actor=actor, code="SC-DRAFT", name="征求意见中的新事项", kind="行政处罚", law_name="新法")
    publish_benchmark(unit, actor)
    bdraft = benchmarks.benchmark_set_open_draft(unit=unit, actor=actor)
    benchmarks.benchmark_tier_add(benchmark=bdraft.benchmarks.get(), actor=actor, label="草稿等级", min_value=1, max_value=2)
    publish_four_list(unit, actor)
    fdraft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    four_lists.four_list_entry_add(four_list=fdraft, actor=actor, kind="lighter_penalty", item_code="SC-002",
                                   conditions="草稿条件", legal_basis="草稿依据")
    docs = []
    for title, publish in (("公示制度（旧版）", True), ("公示制度（现行）", True), ("公示制度（草稿）", False)):
        doc = systems.system_document_upload(unit=unit, actor=actor, system="disclosure", title=title,
                                             upload=SimpleUploadedFile("a.pdf", f"%PDF {title}".encode()))
        if publish:
            doc = systems.system_document_publish(document=doc, actor=actor)
        docs.append(doc)
    return {"unit": unit, "docs": docs}


def test_public_pages_need_no_login(versions):
    client = Client()
    for url in ("/public/standards/", "/public/standards/items/", "/public/standards/four-lists/", "/public/standards/benchmarks/",
                "/public/standards/systems/", "/public/"):
        assert client.get(url).status_code == 200, url


def test_the_item_page_and_its_downloads_show_the_published_version_only(versions):
    client = Client()
    page = client.get("/public/standards/items/").content.decode()
    assert "SC-002" in page and "第 2 版" in page
    assert "SC-DRAFT" not in page and "SC-OLD" not in page and "第 1 版" not in page and "第 3 版" not in page
    rows = csv_rows(client.get("/public/standards/items.csv"))
    data = json.loads(body(client.get("/public/standards/items.json")))
    assert [r["事项编码"] for r in rows] == [r["code"] for r in data["rows"]] == [r["code"] for r in SCJG_ROWS]
    assert {r["清单版本"] for r in rows} == {"2"} and {r["version"] for r in data["rows"]} == {2}
    first = data["rows"][0]
    assert (first["name"], first["kind"], first["law_name"], first["law_article"], first["unit"]) == (
        SCJG_ROWS[0]["name"], "行政处罚", "《中华人民共和国食品安全法》", "第一百二十四条", "华容区市场监督管理局")
    assert rows[0]["事项名称"] == first["name"] and rows[0]["实施主体"] == first["responsible_unit"]


def test_the_downloads_follow_the_pages_filters(versions):
    client = Client()
    unit = versions["unit"].pk
    page = client.get(f"/public/standards/items/?unit={unit}&q=广告&kind=penalty").content.decode()
    assert "SC-002" in page and "SC-001" not in page
    assert f'items.csv?unit={unit}&amp;q=%E5%B9%BF%E5%91%8A&amp;kind=penalty' in page
    rows = csv_rows(client.get(f"/public/standards/items.csv?unit={unit}&q=广告&kind=penalty"))
    assert [r["事项编码"] for r in rows] == ["SC-002"]
    data = json.loads(body(client.get(f"/public/standards/items.json?q=广告")))
    assert data["filters"] == {"unit_id": None, "q": "广告", "kind": ""} and len(data["rows"]) == 1


def test_four_lists_and_benchmarks_show_no_draft_revision(versions):
    client = Client()
    four = client.get("/public/standards/four-lists/").content.decode()
    assert "首次未按时公示年度报告" in four and "草稿条件" not in four
    rows = csv_rows(client.get("/public/standards/four-lists.csv"))
    assert [(r["清单类别"], r["事项编码"]) for r in rows] == [("不予处罚", "SC-003")]
    bench = client.get("/public/standards/benchmarks/").content.decode()
    assert "罚款 1,000–5,000 元" in bench and "草稿等级" not in bench
    data = json.loads(body(client.get("/public/standards/benchmarks.json")))
    assert [r["tier"] for r in data["rows"]] == ["一般", "严重"]
    assert data["rows"][1]["fine"] == "处违法所得 3–5 倍，最低 200,000 元罚款" and data["rows"][1]["floor_amount"] == "200000"


def test_only_the_published_three_systems_document_is_listed_and_downloadable(versions):
    old, current, draft = versions["docs"]
    client = Client()
    page = client.get("/public/standards/systems/").content.decode()
    assert "公示制度（现行）" in page and "公示制度（旧版）" not in page and "公示制度（草稿）" not in page
    rows = csv_rows(client.get("/public/standards/systems.csv"))
    assert [(r["文件标题"], r["SHA-256"]) for r in rows] == [("公示制度（现行）", current.sha256)]
    download = client.get(f"/public/standards/systems/{current.pk}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == "%PDF 公示制度（现行）".encode()
    assert client.get(f"/public/standards/systems/{old.pk}/download/").status_code == 404
    assert client.get(f"/public/standards/systems/{draft.pk}/download/").status_code == 404


def test_the_open_data_api_serves_the_same_rows_without_login(versions):
    client = Client()
    response = client.get("/api/v1/public/standards/items?limit=2")
    data = response.json()
    assert response.status_code == 200 and data["count"] == 5 and [r["code"] for r in data["rows"]] == ["SC-001", "SC-002"]
    assert client.get("/api/v1/public/standards/items?q=SC-DRAFT").json()["count"] == 0
    assert client.get("/api/v1/public/standards/nothing").json()["code"] == "not_found"


def test_a_unit_without_published_lists_is_not_offered_in_the_unit_filter(versions, world):
    items.item_list_import(unit=world.unit("cgj"), actor=world.cgj_legal, rows=[(2, SCJG_ROWS[0])])  # a draft only
    page = Client().get("/public/standards/items/").content.decode()
    assert "华容区城市管理执法局" not in page and "华容区市场监督管理局" in page


def test_search_text_is_escaped_and_bad_filters_are_ignored(versions):
    client = Client()
    page = client.get("/public/standards/items/?q=<script>&unit=abc&kind=nonsense").content.decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_codes_are_found_whatever_their_letter_case(versions):
    page = Client().get("/public/standards/items/?q=sc-00").content.decode()
    assert "SC-001" in page and "SC-005" in page
