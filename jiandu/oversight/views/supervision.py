from __future__ import annotations

from django.http import HttpResponse


def joint_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def joint_list(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def joint_new(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def supervisor_detail(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)


def supervisor_list(request, **kwargs):  # placeholder until the page exists
    return HttpResponse(status=501)

