from __future__ import annotations

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "jiandu.cases"
    label = "cases"
    verbose_name = "执法案件"
