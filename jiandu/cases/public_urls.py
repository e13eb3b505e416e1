"""Public pages of this app (no login), mounted under /public/ by jiandu/urls.py."""

from __future__ import annotations

app_name = "cases_public"

urlpatterns: list = []
