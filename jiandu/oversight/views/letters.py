from __future__ import annotations

from django.http import HttpResponse


def letter_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def letter_list(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def letter_new(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)

