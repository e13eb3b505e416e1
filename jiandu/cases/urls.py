from __future__ import annotations

app_name = "cases"

urlpatterns: list = []
