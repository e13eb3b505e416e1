from __future__ import annotations

from django.http import HttpResponse


def campaign_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def campaign_list(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def campaign_new(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def inspection_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def inspection_list(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def inspection_new(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)

