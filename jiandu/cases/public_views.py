"""Public disclosure of decisions (R-CAS-7, R-PUB-1, R-PUB-4): no login. Only the masked snapshot
stored on ``Disclosure`` is read — never a party's raw record."""

from __future__ import annotations

import csv
import json

from django.db.models import Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from jiandu.cases import selectors
from jiandu.cases.models import Case, Disclosure
from jiandu.core.paging import keyset_page

OPEN_DATA_FIELDS = [
    ("id", "编号"), ("status", "状态"), ("kind", "类别"), ("title", "标题"), ("unit_name", "执法机关"),
    ("decision_number", "决定书文号"), ("party_display", "当事人"), ("facts", "主要违法事实"),
    ("decision_text", "处理决定"), ("legal_basis", "依据"), ("decided_on", "决定日期"), ("published_on", "公示日期"),
    ("withdrawn_on", "撤回日期"), ("withdraw_reason", "撤回理由"),
]
STATUS = dict(Disclosure.Status.choices)
KINDS = dict(Case.Kind.choices)


def _public(d: Disclosure) -> dict:
    row = {name: getattr(d, name) for name, _ in OPEN_DATA_FIELDS}
    row["status"], row["kind"] = STATUS.get(d.status, d.status), KINDS.get(d.kind, d.kind)
    if d.status == Disclosure.Status.WITHDRAWN:  # art. 48: the decision is withdrawn, the reason stays
        row.update(facts="", decision_text="", party_display="")
    for key in ("decided_on", "published_on", "withdrawn_on"):
        row[key] = row[key].isoformat() if row[key] else ""
    return row


def decision_list(request):
    qs = selectors.public_disclosures()
    kind = request.GET.get("kind", "")
    if kind in KINDS:
        qs = qs.filter(kind=kind)
    if q := (request.GET.get("q") or "").strip()[:40]:
        qs = qs.filter(Q(title__contains=q) | Q(unit_name__contains=q) | Q(decision_number=q))
    page = keyset_page(request, qs, order=("-published_on", "-id"), per_page=15)
    return render(request, "cases/public/list.html", {"page": page, "kind": kind, "q": q, "kinds": [(k, KINDS[k]) for k in ("penalty", "licensing")],
                                                       "page_title": "行政执法决定公示"})


def decision_detail(request, disclosure_id: int):
    d = selectors.public_disclosures().filter(pk=disclosure_id).first()
    if d is None:
        raise Http404
    return render(request, "cases/public/detail.html", {"d": d, "row": _public(d), "page_title": d.title})


class _Echo:
    def write(self, value):
        return value


def open_data_csv(request):
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # Excel opens UTF-8 CSV correctly with a BOM
        yield writer.writerow([label for _, label in OPEN_DATA_FIELDS])
        for d in selectors.public_disclosures().iterator(chunk_size=2000):
            row = _public(d)
            yield writer.writerow([row[name] for name, _ in OPEN_DATA_FIELDS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="xingzheng-zhifa-gongshi.csv"'
    return response


def open_data_json(request):
    data = {"title": "行政执法决定公示", "fields": dict(OPEN_DATA_FIELDS),
            "records": [_public(d) for d in selectors.public_disclosures()[:50000]]}
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")
