from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_reference_data(sender, using="default", **kwargs) -> None:
    """After every migrate (and every test-database flush): shipped policy defaults and the
    bundled working-day calendar. Both are idempotent and never overwrite edits."""
    if sender.name != "jiandu.core":
        return
    from jiandu.core import holidays, policy

    policy.load_defaults()
    holidays.seed_from_chinese_calendar()


class CoreConfig(AppConfig):
    name = "jiandu.core"
    label = "core"
    verbose_name = "平台公共机制"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        post_migrate.connect(_seed_reference_data, dispatch_uid="jiandu.core.seed_reference_data")
        # Job handlers register themselves on import.
        autodiscover_modules("jobs")
