from __future__ import annotations

app_name = "standards"

urlpatterns: list = []
