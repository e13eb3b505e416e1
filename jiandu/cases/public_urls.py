"""Public pages of this app (no login), mounted under /public/decisions/ by jiandu/urls.py."""

from __future__ import annotations

from django.urls import path

from jiandu.cases import public_views

app_name = "cases_public"

urlpatterns = [
    path("", public_views.decision_list, name="list"),
    path("open-data.csv", public_views.open_data_csv, name="open_data_csv"),
    path("open-data.json", public_views.open_data_json, name="open_data_json"),
    path("<int:disclosure_id>/", public_views.decision_detail, name="detail"),
]
