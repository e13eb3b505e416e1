from __future__ import annotations

from django.http import HttpResponse


def ledger(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def rectification_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def rectification_file(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def rectification_new(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)

