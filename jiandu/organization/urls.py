from __future__ import annotations

from django.urls import path

from jiandu.organization import views

app_name = "organization"

urlpatterns = [
    path("units/", views.unit_list, name="units"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
]
