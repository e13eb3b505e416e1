"""R-STD-1, R-PLT-7: the Excel import runs as a background job with progress and a row-level
error report; nothing is written when a row is bad (issue #3, must hold 1)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from jiandu.core.errors import InvalidInput, NotFound
from jiandu.core.models import BackgroundJob
from jiandu.standards import excel
from jiandu.standards.models import EnforcementItem, ItemList
from jiandu.standards.services import items
from jiandu.standards.tests.excel_files import filled_template
from jiandu.standards.tests.helpers import SCJG_ROWS


def test_the_template_has_chinese_headers_a_kind_drop_down_and_instructions():
    wb = load_workbook(io.BytesIO(excel.workbook(kinds=dict(EnforcementItem.Kind.choices), units=[("华容镇人民政府", "t-hrz")])))
    ws = wb[excel.SHEET]
    assert [c.value for c in ws[1]] == ["事项编码*", "事项名称*", "事项类别*", "法律依据（法律法规名称）*", "条款",
                                        "依据条文摘要", "实施主体", "执法领域"]
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and "行政处罚" in validation.formula1 and "C2:C5001" in str(validation.sqref)
    notes = [row for row in wb["填写说明"].iter_rows(values_only=True)]
    assert ("华容镇人民政府", "t-hrz") in notes


def test_an_exported_list_reads_back_as_the_same_rows():
    content = excel.workbook(kinds=dict(EnforcementItem.Kind.choices), rows=[{**SCJG_ROWS[0], "kind": "penalty"}])
    (number, values), = excel.read_rows(io.BytesIO(content))
    assert number == 2 and values["code"] == "SC-001" and values["kind"] == "行政处罚"


def test_a_good_workbook_imported_by_the_job_publishes_a_new_version(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    job = items.item_import_start(unit=unit, actor=actor, upload=filled_template(SCJG_ROWS), publish=True)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.SUCCEEDED, job.message
    assert (job.progress_done, job.progress_total, job.percent, job.stage) == (5, 5, 100, "已写入")
    assert job.result["created"] == 5 and job.result["published"] is True
    assert "并已公布" in job.result["summary"] and job.result["link"] == f"/standards/items/list/{job.result['item_list_id']}/"
    published = ItemList.objects.get(unit=unit, status="published")
    assert sorted(published.items.values_list("code", flat=True)) == [r["code"] for r in SCJG_ROWS]


def test_a_workbook_with_bad_rows_fails_the_job_with_the_report_and_writes_nothing(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    bad = [dict(r) for r in SCJG_ROWS] + [{"code": "SC-001", "name": "重复", "kind": "行政处罚", "law_name": "某法"},
                                          {"code": "SC-009", "name": "", "kind": "行政指导", "law_name": "某法"}]
    job = items.item_import_start(unit=unit, actor=actor, upload=filled_template(bad), publish=True)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED
    assert "整批未导入" in job.message
    assert job.errors == [
        {"row": 7, "field": "事项编码", "message": "事项编码“SC-001”与第 2 行重复。"},
        {"row": 8, "field": "事项名称", "message": "“事项名称”为必填项。"},
        {"row": 8, "field": "事项类别", "message": "事项类别“行政指导”不在清单范围内（可选：行政处罚、行政强制、行政许可、行政检查、"
                                             "行政征收征用、行政确认、行政裁决、行政给付、行政奖励、其他行政权力）。"},
    ]
    assert job.progress_done == job.progress_total == 7  # every row was checked before refusing
    assert not ItemList.objects.filter(unit=unit).exists()


def test_blank_rows_in_the_workbook_are_skipped_and_row_numbers_stay_excels(world):
    rows = [SCJG_ROWS[0], {}, {"code": "SC-002", "name": "", "kind": "处罚", "law_name": "法"}]
    job = items.item_import_start(unit=world.unit("scjg"), actor=world.scjg_legal, upload=filled_template(rows))
    job.refresh_from_db()
    assert [e["row"] for e in job.errors] == [4]


def test_a_workbook_without_the_required_columns_is_refused_on_row_one(world):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["编码", "名称"])
    wb.active.append(["A-1", "某事项"])
    buffer = io.BytesIO()
    wb.save(buffer)
    job = items.item_import_start(unit=world.unit("scjg"), actor=world.scjg_legal,
                                  upload=SimpleUploadedFile("旧表.xlsx", buffer.getvalue()))
    job.refresh_from_db()
    assert job.status == "failed" and job.message.startswith("导入文件的表头不符合模板")
    assert {(e["row"], e["field"]) for e in job.errors} == {(1, "事项类别"), (1, "法律依据（法律法规名称）")}


def test_a_file_that_is_not_a_workbook_fails_with_a_clear_message(world):
    job = items.item_import_start(unit=world.unit("scjg"), actor=world.scjg_legal,
                                  upload=SimpleUploadedFile("假的.xlsx", b"not a zip"))
    job.refresh_from_db()
    assert job.status == "failed" and "无法读取该文件" in job.message


def test_only_xlsx_files_start_a_job_and_only_for_units_in_scope(world):
    with pytest.raises(InvalidInput) as err:
        items.item_import_start(unit=world.unit("scjg"), actor=world.scjg_legal, upload=SimpleUploadedFile("清单.xls", b"x"))
    assert "file" in err.value.details
    with pytest.raises(NotFound):
        items.item_import_start(unit=world.unit("scjg"), actor=world.cgj_legal, upload=filled_template(SCJG_ROWS))
    assert not BackgroundJob.objects.exists()
