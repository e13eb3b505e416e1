from __future__ import annotations

from django.http import HttpResponse


def complaint_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def complaint_file(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def complaint_list(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def complaint_new(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def observation_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def observation_list(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)

