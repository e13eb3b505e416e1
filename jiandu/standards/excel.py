"""Excel in and out for item lists (R-STD-1): the template units fill in, the export of a list in
the same layout (so a list can be edited in Excel and imported again), and the reader."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any, BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jiandu.core.errors import InvalidInput
from jiandu.standards.rules.items import COLUMNS, RowError, map_headers

SHEET = "事项清单"
WIDTHS = {"code": 16, "name": 40, "kind": 14, "law_name": 36, "law_article": 16, "legal_basis": 40,
          "responsible_unit": 22, "domain": 14}
HEADER_FILL = PatternFill("solid", fgColor="1A4B8C")
REQUIRED_FILL = PatternFill("solid", fgColor="C0262D")
VALIDATED_ROWS = 5001


def workbook(*, kinds: dict[str, str], units: Iterable[tuple[str, str]] = (), rows: Iterable[dict[str, Any]] = (),
             title: str = "") -> bytes:
    """The import template (empty ``rows``) or an export of a list in the template's layout.

    ``kinds``: code → label (the drop-down list of the kind column). ``units``: (name, code) of
    the units the list may name as responsible unit, listed on the instructions sheet.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, (key, header, required, _) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=f"{header}*" if required else header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = REQUIRED_FILL if required else HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(key, 16)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"
    kind_col = get_column_letter(next(i for i, c in enumerate(COLUMNS, start=1) if c[0] == "kind"))
    validation = DataValidation(
        type="list", formula1='"' + ",".join(kinds.values()) + '"', allow_blank=True, showDropDown=False,
        showErrorMessage=True, errorTitle="事项类别", error="请从下拉列表中选择事项类别。",
        showInputMessage=True, promptTitle="事项类别", prompt="请从下拉列表中选择",
    )
    validation.add(f"{kind_col}2:{kind_col}{VALIDATED_ROWS}")
    ws.add_data_validation(validation)
    labels = dict(kinds)
    for r, row in enumerate(rows, start=2):
        for col, (key, _, _, _) in enumerate(COLUMNS, start=1):
            value = row.get(key, "")
            ws.cell(row=r, column=col, value=labels.get(value, value) if key == "kind" else value)

    notes = wb.create_sheet("填写说明")
    notes.column_dimensions["A"].width = 30
    notes.column_dimensions["B"].width = 70
    lines = [
        (title or "行政执法事项清单导入模板", ""),
        ("", ""),
        ("列名", "填写要求"),
        ("事项编码*", "必填；本单位内唯一，只能由字母、数字及“-”“_”“.”组成，如 SCJG-CF-001。"),
        ("事项名称*", "必填；不超过 200 字。"),
        ("事项类别*", "必填；从下拉列表选择：" + "、".join(kinds.values()) + "。"),
        ("法律依据（法律法规名称）*", "必填；如《中华人民共和国食品安全法》。"),
        ("条款", "选填；如 第一百二十四条第一款。"),
        ("依据条文摘要", "选填；法律条文的原文或摘要。"),
        ("实施主体", "选填；不填即为本单位。可填写本单位或下级单位的全称、简称或单位编码（见下表）。"),
        ("执法领域", "选填；如 市场监管、食品药品安全。四张清单的禁止领域按此判断。"),
        ("", ""),
        ("导入规则", "整表校验：任何一行有误，整批不导入，并逐行列出错误原因；全部无误后形成清单草稿，可选择导入后直接公布为新版本。"),
        ("", ""),
        ("可填写的实施主体", "单位编码"),
    ]
    lines += [(name, code) for name, code in units]
    for r, (a, b) in enumerate(lines, start=1):
        notes.cell(row=r, column=1, value=a)
        notes.cell(row=r, column=2, value=b).alignment = Alignment(wrap_text=True)
    notes["A1"].font = Font(bold=True, size=14)
    for cell in ("A3", "B3", "A13", "A15", "B15"):
        notes[cell].font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_rows(fh: BinaryIO) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of an uploaded workbook: (Excel row number, values by key). Blank rows are
    skipped. A file that is not a workbook, or whose header lacks a required column, is refused
    with ``InvalidInput`` (code ``import_invalid``) naming the problem."""
    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not .xlsx
        raise InvalidInput("无法读取该文件，请上传由模板填写的 Excel 文件（.xlsx）。", code="import_unreadable") from None
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        rows_iter = ws.iter_rows(values_only=True)
        header = next(rows_iter, None)
        if header is None:
            raise InvalidInput("文件是空的，请按模板填写后再导入。", code="import_empty")
        index, errors = map_headers(header)
        if errors:
            raise _report(errors)
        rows = []
        for number, values in enumerate(rows_iter, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            rows.append((number, {key: values[i] if i < len(values) else None for key, i in index.items()}))
        return rows
    finally:
        wb.close()


def _report(errors: list[RowError]) -> InvalidInput:
    return InvalidInput("导入文件的表头不符合模板，整批未导入。", code="import_invalid", details=[e.as_dict() for e in errors])
