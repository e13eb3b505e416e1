from __future__ import annotations

from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "jiandu.organization"
    label = "organization"
    verbose_name = "机构与用户"
