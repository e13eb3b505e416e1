"""Open data of the public portal (R-PUB-4): no login, published versions only.

``GET /api/v1/public/standards/{dataset}`` with ``dataset`` one of ``items``, ``four-lists``,
``benchmarks``, ``systems`` returns the same rows as the public page and its CSV/JSON files.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema

from jiandu.core.errors import NotFound

router = Router(tags=["公众服务"])


class OpenDataOut(Schema):
    dataset: str
    title: str
    count: int
    offset: int
    limit: int
    fields: list[dict[str, str]]
    rows: list[dict[str, Any]]


@router.get("/standards/{dataset}", response=OpenDataOut, auth=None,
            summary="开放数据：执法事项清单、四张清单、裁量基准、三项制度（仅现行公布版本）")
def standards_open_data(request, dataset: str, unit_id: int | None = None, q: str = "", kind: str = "",
                        offset: int = 0, limit: int = 100):
    from jiandu.standards import open_data

    ds = open_data.DATASETS.get(dataset)
    if ds is None:
        raise NotFound("没有该开放数据集（可选：items、four-lists、benchmarks、systems）。")
    offset, limit = max(0, offset), min(max(1, limit), 1000)
    qs = ds.queryset(unit_id=unit_id, q=q.strip()[:60], kind=kind)
    rows = [row for obj in qs[offset:offset + limit] for row in ds.rows(obj)]
    return {"dataset": ds.slug, "title": ds.title, "count": qs.count(), "offset": offset, "limit": limit,
            "fields": [{"key": k, "title": t} for k, t in ds.columns], "rows": rows}
