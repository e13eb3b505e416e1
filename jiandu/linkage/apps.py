from __future__ import annotations

from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "jiandu.linkage"
    label = "linkage"
    verbose_name = "两法衔接"
