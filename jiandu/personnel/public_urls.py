"""Public pages of this app (no login), mounted under /public/certificate/ by jiandu/urls.py."""

from __future__ import annotations

from django.urls import path

from jiandu.personnel.views import public

app_name = "personnel_public"

urlpatterns = [
    path("", public.certificate_check, name="check"),
]
