from __future__ import annotations

from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "jiandu.standards"
    label = "standards"
    verbose_name = "规范执法"
