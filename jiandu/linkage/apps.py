from __future__ import annotations

from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "jiandu.linkage"
    label = "linkage"
    verbose_name = "两法衔接"

    def ready(self) -> None:
        # Risk flags are raised when a penalty case is decided without touching the cases app:
        # a post_save receiver that evaluates the case after its transaction commits (R-LNK-3).
        from django.db.models.signals import post_save

        from jiandu.cases.models import Case
        from jiandu.linkage.services.risk import on_case_saved

        post_save.connect(on_case_saved, sender=Case, dispatch_uid="linkage.risk.on_case_saved")
