"""Workbooks for the import tests, filled the way a unit fills the downloaded template."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from jiandu.standards import excel
from jiandu.standards.models import EnforcementItem
from jiandu.standards.rules.items import COLUMNS


def filled_template(rows: list[dict], *, name: str = "事项清单.xlsx") -> SimpleUploadedFile:
    """The real template (as downloaded) with ``rows`` typed in from row 2."""
    wb = load_workbook(io.BytesIO(excel.workbook(kinds=dict(EnforcementItem.Kind.choices))))
    ws = wb[excel.SHEET]
    for r, row in enumerate(rows, start=2):
        for c, (key, *_rest) in enumerate(COLUMNS, start=1):
            ws.cell(row=r, column=c, value=row.get(key))
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
