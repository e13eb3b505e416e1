"""Public pages (no login): disclosure, certificate check, complaints, open data (R-PUB)."""

from __future__ import annotations

from django.shortcuts import render

from jiandu.portal import sections


def home(request):
    return render(request, "portal/home.html", {"sections": sections.all_sections(), "page_title": "公众服务"})
