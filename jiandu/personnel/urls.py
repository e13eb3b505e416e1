from __future__ import annotations

app_name = "personnel"

urlpatterns: list = []
