"""Background jobs of the cases app (R-PLT-7): the Excel import runs here with visible progress."""

from __future__ import annotations

import io
from typing import Any

from jiandu.cases.services.intake import COLUMNS, HEADERS, case_import
from jiandu.core import jobs
from jiandu.core.errors import InvalidInput


def read_workbook(content: bytes) -> tuple[list[dict[str, Any]], int]:
    """Rows of the first sheet as dicts keyed by field name (headers are the Chinese column names
    of the template, in any order). Returns (rows, sheet row number of the first data row)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises several types for a file that is not a workbook
        raise InvalidInput(details={"file": "无法读取文件：请上传 .xlsx 格式的 Excel 文件。"}) from None
    sheet = wb.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    header = next(rows_iter, None) or ()
    names = [HEADERS.get(str(h).strip().rstrip("*") if h is not None else "") for h in header]
    missing = [label for name, label, required in COLUMNS if required and name not in names]
    if missing:
        raise InvalidInput(f"表头缺少必填列：{'、'.join(missing)}。请使用平台提供的导入模板。", code="import_bad_header",
                           details={"columns": missing})
    rows = []
    for values in rows_iter:
        if values is None or all(v in (None, "") for v in values):
            continue
        rows.append({name: value for name, value in zip(names, values, strict=False) if name})
    wb.close()
    return rows, 2


def template_bytes() -> bytes:
    """The import template: one header row (required columns marked *) and one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "案件导入"
    ws.append([f"{label}{'*' if required else ''}" for _, label, required in COLUMNS])
    ws.append(["XZCF-2026-000123", "420703-market", "行政处罚", "SCJG-CF-001", "普通程序", "销售过期食品案", "法人或其他组织",
               "鄂州市华容区某某食品有限公司", "91420703MA4F000001", "0711-5551234", "华容区葛店镇工业园", "2026-03-02", "已结案",
               "2026-04-20", "给予行政处罚", "5000", "华市监罚决〔2026〕12号", "否"])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1A4B8C")
    for column in ws.columns:
        ws.column_dimensions[column[0].column_letter].width = 18
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@jobs.handler("cases.import_excel")
def import_excel(job, progress) -> dict[str, Any]:
    progress.update(0, 1, stage="读取文件")
    with job.input_file.open("rb") as fh:
        rows, first_row = read_workbook(fh.read())
    batch = case_import(actor=job.created_by, source_system=job.params.get("source_system", ""), rows=rows,
                        channel="excel", job=job, first_row=first_row, progress=progress)
    return {"batch": batch.pk, "created": batch.created_count, "skipped": batch.skipped_count, "rows": batch.total_rows}
