from __future__ import annotations

from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "jiandu.oversight"
    label = "oversight"
    verbose_name = "执法监督"
