from __future__ import annotations

from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "jiandu.personnel"
    label = "personnel"
    verbose_name = "执法队伍"
