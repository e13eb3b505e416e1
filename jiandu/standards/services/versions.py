"""The life of a versioned catalogue (item list, four lists, benchmarks): open a draft, publish
it, discard it. Shared by the catalogue services so every catalogue behaves the same way.

- A draft copies the published version's rows (the ``copy`` callback), so editing never touches
  a published row: cases keep pointing at the rows they were filed against.
- Publishing supersedes the previous published version and freezes the draft, in one transaction
  (the partial unique constraints make "two published versions" impossible even under races).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from jiandu.core import audit
from jiandu.core.errors import Conflict
from jiandu.core.scope import require
from jiandu.standards.models import VersionStatus
from jiandu.standards.rules.workflow import VERSION_TRANSITIONS, transition

VERSION_FIELDS = ("unit", "version", "status", "note", "published_by", "published_at")


def label_of(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name)


def current(model, unit, status: str):
    return model.objects.filter(unit=unit, status=status).first()


def check_draft(obj, *, actor, action: str = "edit") -> None:
    """Refuse to change a published or superseded version; check the actor may act on the unit."""
    _, permission = transition(VERSION_TRANSITIONS, obj.status, action, what=f"{label_of(type(obj))}第{obj.version}版")
    require(actor, permission, unit=obj.unit, area="standards")


@transaction.atomic
def open_draft(*, model, unit, actor, note: str = "", copy: Callable | None = None):
    """The unit's draft, created (as a copy of the published version) when there is none."""
    require(actor, "standards.manage", unit=unit, area="standards")
    draft = model.objects.select_for_update().filter(unit=unit, status=VersionStatus.DRAFT).first()
    if draft is not None:
        return draft
    published = current(model, unit, VersionStatus.PUBLISHED)
    last = model.objects.filter(unit=unit).aggregate(m=Max("version"))["m"] or 0
    draft = model.objects.create(unit=unit, version=last + 1, status=VersionStatus.DRAFT, note=note, created_by=actor)
    copied = copy(published, draft) if (copy is not None and published is not None) else 0
    audit.record(actor=actor, action=f"{model._meta.model_name}.open_draft", obj=draft, unit=unit,
                 after={**audit.snapshot(draft, VERSION_FIELDS), "copied_from": getattr(published, "version", None),
                        "copied_rows": copied})
    return draft


@transaction.atomic
def publish(*, obj, actor, validate: Callable | None = None):
    """Publish a draft: the previous published version becomes superseded. ``validate(obj)``
    raises a ``DomainError`` when the draft may not be published as it stands."""
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    new_status, permission = transition(VERSION_TRANSITIONS, obj.status, "publish",
                                        what=f"{label_of(type(obj))}第{obj.version}版")
    require(actor, permission, unit=obj.unit, area="standards")
    if validate is not None:
        validate(obj)
    previous = type(obj).objects.select_for_update().filter(unit=obj.unit, status=VersionStatus.PUBLISHED).first()
    if previous is not None:
        before_prev = audit.snapshot(previous, VERSION_FIELDS)
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
        audit.record(actor=actor, action=f"{obj._meta.model_name}.supersede", obj=previous, unit=obj.unit,
                     before=before_prev, after=audit.snapshot(previous, VERSION_FIELDS))
    before = audit.snapshot(obj, VERSION_FIELDS)
    obj.status, obj.published_by, obj.published_at = new_status, actor, timezone.now()
    obj.save(update_fields=["status", "published_by", "published_at"])
    audit.record(actor=actor, action=f"{obj._meta.model_name}.publish", obj=obj, unit=obj.unit,
                 before=before, after=audit.snapshot(obj, VERSION_FIELDS))
    return obj


@transaction.atomic
def discard(*, obj, actor, delete_rows: Callable | None = None) -> None:
    """Throw a draft away (its rows with it). Published and superseded versions are never deleted."""
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    check_draft(obj, actor=actor, action="discard")
    before = audit.snapshot(obj, VERSION_FIELDS)
    if delete_rows is not None:
        delete_rows(obj)
    pk, unit = obj.pk, obj.unit
    obj.delete()
    audit.record(actor=actor, action=f"{obj._meta.model_name}.discard", object_type=obj._meta.label_lower,
                 object_id=pk, unit=unit, before=before)


def refuse_empty(count: int, what: str) -> None:
    if count == 0:
        raise Conflict("version_empty", f"{what}中还没有任何内容，不能公布。")
