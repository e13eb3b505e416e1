from __future__ import annotations

from django.http import HttpResponse


def review_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def review_list(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def review_new(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)

