"""Browser: the public portal's standards pages — published versions only, searchable, CSV that
matches the page (issue #3, must hold 1, 4, 6). Screenshots in test-artifacts/screenshots/."""

from __future__ import annotations

import csv
import io

import pytest

from jiandu.testing.browser import shot

pytestmark = pytest.mark.browser


def test_the_public_reads_the_published_standards_and_downloads_them(page, demo):
    page.goto(f"{page.base_url}/public/")
    page.get_by_role("link", name="行政执法事项清单").first.click()
    page.wait_for_url("**/public/standards/items/")
    assert page.locator("h1").inner_text() == "行政执法事项清单"
    page.select_option("#p-unit", label="华容区市场监督管理局")
    page.click("[data-testid=public-filters] button[type=submit]")
    table = page.locator("[data-testid=public-items]")
    text = table.inner_text()
    # Version 2 is published; version 1 is superseded and version 3 is a draft: neither is public.
    assert "SCJG-CF-011" in text and "第 2 版" in text
    assert "SCJG-CF-012" not in text and "第 3 版" not in text and "第 1 版" not in text
    shot(page, "public-items")

    codes_on_page = [c.strip() for c in table.locator("tbody td.jd-mono").all_inner_texts()]
    with page.expect_download() as download:
        page.click("[data-testid=download-csv]")
    content = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [r["事项编码"] for r in rows] == codes_on_page
    assert {r["编制单位"] for r in rows} == {"华容区市场监督管理局"}

    page.fill("#p-q", "广告")
    page.click("[data-testid=public-filters] button[type=submit]")
    found = page.locator("[data-testid=public-items] tbody tr").all_inner_texts()
    assert len(found) == 3 and all("广告" in row for row in found)  # 广告法 items: two penalties and one coercion

    page.click("text=四张清单")
    page.wait_for_url("**/public/standards/four-lists/")
    four = page.locator("[data-testid=public-four-lists]").inner_text()
    assert "不予处罚" in four and "免予行政强制" in four and "生态环境" not in four
    shot(page, "public-four-lists")

    page.click("nav >> text=裁量基准")
    page.wait_for_url("**/public/standards/benchmarks/")
    assert "罚款" in page.locator("[data-testid=public-benchmarks]").inner_text()
    shot(page, "public-benchmarks")

    page.click("nav >> text=三项制度")
    page.wait_for_url("**/public/standards/systems/")
    systems = page.locator("[data-testid=public-systems]").inner_text()
    assert "（2025年修订）" in systems and "征求意见稿" not in systems
    shot(page, "public-systems")

    page.click("nav >> text=执法标准公示")
    assert page.locator("[data-testid=standards-index] .card").count() == 4
    shot(page, "public-standards-index")
