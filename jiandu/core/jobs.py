"""Background jobs with visible progress (R-PLT-7), run by django-tasks workers.

A long operation (an import, a report, an export) is a *handler* registered under a kind::

    @jobs.handler("standards.item_import")
    def import_items(job, progress):
        progress.update(0, total, stage="校验")
        ...
        return {"created": 12}            # stored as job.result

``jobs.start(...)`` records a ``BackgroundJob`` row and enqueues it; any worker may run it
(``manage.py db_worker``). Pages poll the job's progress. A handler that raises ``DomainError``
fails the job with that message and its details (e.g. the row-level error report of an import);
anything else fails it with a generic message and is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from jiandu.core.errors import DomainError

logger = logging.getLogger("jiandu.jobs")

Handler = Callable[[Any, "Progress"], dict[str, Any] | None]
_HANDLERS: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return register


class Progress:
    """Writes progress straight to the job row; called outside the job's data transaction so a
    page sees it while the job runs. Updates are throttled to one per 1% (and every stage change)."""

    def __init__(self, job):
        self.job = job
        self._last_percent = -1

    def update(self, done: int, total: int | None = None, *, stage: str | None = None) -> None:
        from jiandu.core.models import BackgroundJob

        total = self.job.progress_total if total is None else total
        percent = int(done * 100 / total) if total else 0
        if percent == self._last_percent and stage is None and done != total:
            return
        self._last_percent = percent
        fields: dict[str, Any] = {"progress_done": done, "progress_total": total}
        if stage is not None:
            fields["stage"] = stage
            self.job.stage = stage
        self.job.progress_done, self.job.progress_total = done, total
        BackgroundJob.objects.filter(id=self.job.id).update(**fields)


def start(*, kind: str, label: str, actor, unit, params: dict[str, Any] | None = None, input_file=None):
    """Create the job and enqueue it. Returns the job (poll it for progress)."""
    from jiandu.core.models import BackgroundJob

    if kind not in _HANDLERS:
        raise ValueError(f"no job handler registered for {kind!r}")
    job = BackgroundJob(kind=kind, label=label, params=params or {}, unit=unit, created_by=actor)
    if input_file is not None:
        job.input_file.save(getattr(input_file, "name", "upload.bin"), input_file, save=False)
    job.save()
    run_job.enqueue(job.id)
    job.refresh_from_db()
    return job


@task()
def run_job(job_id: int) -> None:
    from jiandu.core.models import BackgroundJob

    # Compare-and-swap: only one worker moves a queued job to running.
    claimed = BackgroundJob.objects.filter(id=job_id, status=BackgroundJob.Status.QUEUED).update(
        status=BackgroundJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = BackgroundJob.objects.get(id=job_id)
    try:
        result = _HANDLERS[job.kind](job, Progress(job))
    except DomainError as exc:
        _finish(job, BackgroundJob.Status.FAILED, message=exc.message, errors=exc.details)
    except Exception:  # the job must end visibly failed, never stay "running" forever
        logger.exception("job %s (%s) crashed", job.id, job.kind)
        _finish(job, BackgroundJob.Status.FAILED, message="任务执行出错，已记录日志，请联系系统管理员。")
    else:
        _finish(job, BackgroundJob.Status.SUCCEEDED, result=result or {})


def _finish(job, status: str, *, message: str = "", errors: Any = None, result: Any = None) -> None:
    from jiandu.core.models import BackgroundJob

    with transaction.atomic():
        BackgroundJob.objects.filter(id=job.id).update(
            status=status, message=message, errors=errors, result=result, finished_at=timezone.now()
        )
