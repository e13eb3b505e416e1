"""Background jobs of the standards app (R-PLT-7): the Excel import of an item list."""

from __future__ import annotations

from django.urls import reverse

from jiandu.core import jobs
from jiandu.organization.models import Unit
from jiandu.standards import excel
from jiandu.standards.services import items

IMPORT_KIND = "standards.item_import"


@jobs.handler(IMPORT_KIND)
def import_item_list(job, progress) -> dict:
    """Read the workbook, validate every row (progress per row), then write all or nothing."""
    unit = Unit.objects.get(pk=job.params["unit_id"])
    progress.update(0, 1, stage="读取文件")
    with job.input_file.open("rb") as fh:
        rows = excel.read_rows(fh)
    progress.update(0, len(rows) or 1, stage="逐行校验")
    result = items.item_list_import(
        unit=unit, actor=job.created_by, rows=rows, mode=job.params.get("mode", "replace"),
        publish=bool(job.params.get("publish")), source=f"Excel 文件“{job.params.get('file_name', '')}”",
        progress=lambda done, total: progress.update(done, total),
    )
    progress.update(len(rows), len(rows), stage="已写入")
    return {
        "summary": result.summary, "created": result.created, "version": result.item_list.version,
        "item_list_id": result.item_list.pk, "published": result.published,
        "link": reverse("standards:item_list", args=[result.item_list.pk]),
    }
