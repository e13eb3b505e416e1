from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "jiandu.portal"
    label = "portal"
    verbose_name = "公众服务"
