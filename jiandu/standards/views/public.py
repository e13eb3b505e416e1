"""Public pages of the standards (R-PUB-1, R-PUB-4): no login, published versions only, searchable,
each list downloadable as CSV (UTF-8 with BOM) and JSON built from the same query as the page."""

from __future__ import annotations

from urllib.parse import quote

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from jiandu.core.paging import offset_page
from jiandu.standards import open_data
from jiandu.standards.models import EnforcementItem, FourListEntry, SystemDocument, VersionStatus

KINDS = {
    "items": EnforcementItem.Kind.choices,
    "four-lists": FourListEntry.Kind.choices,
    "benchmarks": [],
    "systems": SystemDocument.System.choices,
}
TEMPLATES = {
    "items": "standards/public/items.html",
    "four-lists": "standards/public/four_lists.html",
    "benchmarks": "standards/public/benchmarks.html",
    "systems": "standards/public/systems.html",
}
PER_PAGE = {"items": 50, "four-lists": 50, "benchmarks": 10, "systems": 50}


def _filters(request, slug: str) -> dict:
    try:
        unit_id = int(request.GET.get("unit") or 0) or None
    except ValueError:
        unit_id = None
    kind = request.GET.get("kind", "")
    if kind not in {code for code, _ in KINDS[slug]}:
        kind = ""
    return {"unit_id": unit_id, "q": (request.GET.get("q") or "").strip()[:60], "kind": kind}


TILES = [
    ("items", "items", "journal-text", "个事项", "各执法单位现行公布的行政处罚、行政强制、行政许可等执法事项及其法律依据"),
    ("four-lists", "four_lists", "list-check", "条", "不予处罚、从轻处罚、减轻处罚、免予行政强制事项及其适用条件"),
    ("benchmarks", "benchmarks", "sliders", "个处罚事项", "行政处罚自由裁量权基准：裁量等级、罚款幅度与可并处的处罚"),
    ("systems", "systems", "file-earmark-text", "份制度文件", "行政执法公示、执法全过程记录、重大执法决定法制审核制度"),
]


def index(request):
    tiles = []
    for slug, name, icon, word, text in TILES:
        dataset = open_data.DATASETS[slug]
        tiles.append({"title": dataset.title, "url": f"standards_public:{name}", "csv": f"standards_public:{name}_csv",
                      "json": f"standards_public:{name}_json", "icon": icon, "text": text, "word": word,
                      "count": dataset.queryset().count(), "units": open_data.units_publishing(dataset).count()})
    return render(request, "standards/public/index.html", {"tiles": tiles, "page_title": "执法标准公示"})


def dataset_page(request, slug: str):
    dataset = open_data.DATASETS[slug]
    filters = _filters(request, slug)
    qs = dataset.queryset(**filters)
    page = offset_page(request, qs, per_page=PER_PAGE[slug])
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, TEMPLATES[slug], {
        "dataset": dataset, "page": page, "filters": filters, "kinds": KINDS[slug],
        "units": open_data.units_publishing(dataset), "query": query.urlencode(),
        "page_title": dataset.title,
    })


def dataset_csv(request, slug: str):
    dataset = open_data.DATASETS[slug]
    response = StreamingHttpResponse(open_data.csv_stream(dataset, dataset.queryset(**_filters(request, slug))),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(_filename(dataset, 'csv'))}"
    return response


def dataset_json(request, slug: str):
    dataset = open_data.DATASETS[slug]
    filters = _filters(request, slug)
    response = StreamingHttpResponse(open_data.json_stream(dataset, dataset.queryset(**filters), filters=filters),
                                     content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(_filename(dataset, 'json'))}"
    return response


def _filename(dataset, ext: str) -> str:
    return f"{dataset.title.replace('“', '').replace('”', '')}-{timezone.localdate():%Y%m%d}.{ext}"


def system_download(request, doc_id: int):
    """The file of a published three-systems document. Drafts and superseded versions are 404."""
    doc = SystemDocument.objects.filter(pk=doc_id, status=VersionStatus.PUBLISHED).first()
    if doc is None:
        raise Http404
    name = f"{doc.title}.{doc.extension}"
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=name)
