"""The test harness gives every demo test the same, whole demo (jiandu.testing.demo_snapshot)."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command

from jiandu.core.models import AuditEvent
from jiandu.organization.models import Unit, User
from jiandu.testing import demo_snapshot


def _counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label.startswith(("core", "organization", "personnel", "cases", "oversight"))}


def test_a_restored_demo_has_every_row_back_and_new_rows_take_fresh_ids(demo):
    """After a test changed the demo (or flushed it), the next one gets the demo back row for row;
    id sequences continue after the restored rows (R-PLT-2: the audit chain still verifies)."""
    before = _counts()
    assert before["organization.User"] > 10 and before["core.AuditEvent"] > 100
    User.objects.create(username="snapshot_probe")
    call_command("flush", interactive=False, verbosity=0)
    assert not Unit.objects.exists()

    demo_snapshot.load()

    assert _counts() == before
    assert not User.objects.filter(username="snapshot_probe").exists()
    probe = User.objects.create(username="snapshot_probe")
    assert probe.pk > User.objects.exclude(pk=probe.pk).order_by("-pk").values_list("pk", flat=True)[0]
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "OK" in out.getvalue() and AuditEvent.objects.count() == before["core.AuditEvent"]
