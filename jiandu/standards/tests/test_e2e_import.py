"""Browser: a unit legal officer imports the item list from Excel — the template, the progress,
the row-level error report, then a good file published and visible to the public (issue #3,
must hold 1 and 6); and the four-lists refusal and the benchmark check on the pages (must hold 2, 3)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from jiandu.standards.rules.items import COLUMNS
from jiandu.testing.browser import login, shot

pytestmark = pytest.mark.browser

ROWS = [
    ("SCJG-CF-101", "对网络交易经营者未公示营业执照信息的处罚", "行政处罚", "《中华人民共和国电子商务法》", "第七十六条", "", "", "市场监管"),
    ("SCJG-CF-102", "对经营者销售不符合强制性标准的产品的处罚", "行政处罚", "《中华人民共和国产品质量法》", "第四十九条", "", "", "市场监管"),
    ("SCJG-JC-101", "网络交易监督检查", "行政检查", "《网络交易监督管理办法》", "第三十五条", "", "", "市场监管"),
]


def fill(template_path: str, rows, out_path: str) -> str:
    with open(template_path, "rb") as fh:  # Playwright saves downloads without an extension
        wb = load_workbook(io.BytesIO(fh.read()))
    ws = wb["事项清单"]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value or None)
    wb.save(out_path)
    return out_path


def test_a_unit_imports_its_item_list_from_excel(page, demo, tmp_path):
    assert [h for _, h, _, _ in COLUMNS][0] == "事项编码"
    login(page, "scjg_legal", demo)
    page.click("text=执法事项清单")
    page.click("text=华容区市场监督管理局")
    page.click("text=Excel 导入")
    page.wait_for_url("**/import/")
    shot(page, "import-page")
    with page.expect_download() as download:
        page.click("[data-testid=template-link]")
    assert download.value.suggested_filename == "区市场监管局事项清单导入模板.xlsx"
    template = download.value.path()

    bad = list(ROWS) + [("SCJG-CF-101", "重复编码的事项", "行政处罚", "《某法》", "", "", "", ""),
                        ("SCJG-CF-103", "", "行政指导", "", "", "", "区城管局", "")]
    page.set_input_files("#id_file", fill(template, bad, str(tmp_path / "有错误的清单.xlsx")))
    page.check("#id_publish")
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_url("**/items/import/**")
    progress = page.locator("[data-testid=job-progress]")
    assert "失败" in progress.inner_text() and "100%" in progress.inner_text()
    errors = page.locator("[data-testid=job-errors]").inner_text()
    assert "事项编码“SCJG-CF-101”与第 2 行重复" in errors
    assert "“事项名称”为必填项" in errors and "事项类别“行政指导”不在清单范围内" in errors
    assert "不属于本单位或其下级单位" in errors
    assert "整批未导入" in page.locator("[data-testid=job-message]").inner_text()
    shot(page, "import-error-report")

    page.click("text=重新上传")
    page.set_input_files("#id_file", fill(template, ROWS, str(tmp_path / "清单.xlsx")))
    page.check("#id_mode_1")  # append to the open draft (version 3)
    page.check("#id_publish")
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_url("**/items/import/**")
    result = page.locator("[data-testid=job-result]").inner_text()
    assert "已导入 3 个事项" in result and "第 3 版" in result and "并已公布" in result
    shot(page, "import-succeeded")

    page.click("text=查看结果")
    assert "已公布" in page.locator("[data-testid=list-meta]").inner_text()
    assert "SCJG-CF-101" in page.locator("[data-testid=items]").inner_text()
    shot(page, "item-list-published")

    page.goto(f"{page.base_url}/public/standards/items/?q=网络交易")
    public = page.locator("[data-testid=public-items]").inner_text()
    assert "SCJG-CF-101" in public and "SCJG-JC-101" in public and "第 3 版" in public
    shot(page, "public-items-after-import")


def test_four_lists_refusal_and_benchmark_check_on_the_pages(page, demo):
    login(page, "scjg_legal", demo)
    page.click("text=四张清单")
    page.click("text=华容区市场监督管理局")
    page.click("text=修订")
    page.select_option("#id_kind", "no_penalty")
    page.select_option("#id_item_code", "SCJG-CF-002")  # 食品安全法: 食品药品安全
    page.fill("#id_conditions", "首次违法且及时改正")
    page.fill("#id_legal_basis", "《中华人民共和国行政处罚法》第三十三条第一款")
    page.click("#add-entry button[type=submit]")
    error = page.locator("[data-testid=field-error]").inner_text()
    assert "食品药品安全领域" in error and "§二(三)5" in error
    page.evaluate("window.scrollTo(0, 0)")  # the form posts to #add-entry; a full-page shot wants the top
    shot(page, "four-lists-refused")

    page.click("text=裁量基准")
    page.click("text=华容区市场监督管理局")
    page.click("text=第 1 版")
    page.click("text=对经营者虚假或者引人误解的商业宣传的处罚")
    page.select_option("#id_check-circumstance", "一般")
    page.fill("#id_check-fine", "600000")
    page.click("[data-testid=check]")
    result = page.locator("[data-testid=check-result]").inner_text()
    assert "罚款 600,000 元超出“一般”情形 200,000–500,000 元的裁量幅度" in result
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "benchmark-check")


def test_the_agency_sees_the_standards_on_its_dashboard(page, demo):
    login(page, "jd_agency", demo)
    widget = page.locator("[data-testid=standards-widget]").inner_text()
    assert "未聘顾问或合同到期" in widget and "办案场所未达“六有”" in widget
    assert "区城管局" in page.locator("[data-testid=advisor-widget]").inner_text()
    shot(page, "dashboard-agency-standards")
    page.click("text=办案场所")
    assert "未设听证室" in page.locator("[data-testid=venue-compliance]").inner_text()
    shot(page, "venues-compliance")
    page.click("text=尽职免责")
    page.click("text=夜间违规倾倒建筑垃圾未能及时发现")
    page.check("#id_decision_0")
    page.fill("#id_reason", "城乡结合部无监控覆盖，属于现有监管手段限制未能及时发现的情形。")
    page.click("text=确定")
    assert "予以免责" in page.locator(".card-header").first.inner_text()
    shot(page, "exemption-decided")
