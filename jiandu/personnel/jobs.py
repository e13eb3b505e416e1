"""Background jobs of the personnel app (R-PLT-7)."""

from __future__ import annotations

from jiandu.core import jobs
from jiandu.organization.models import User
from jiandu.personnel.models import TrainingSession


@jobs.handler("personnel.attendance_import")
def attendance_import(job, progress):
    """Import training attendance from the uploaded Excel file: all rows or none, with a
    row-level error report on the job page when any row is wrong."""
    from jiandu.personnel.services import training_attendance_import

    actor = User.objects.get(pk=job.created_by_id)
    session = TrainingSession.objects.get(pk=job.params["session_id"])
    with job.input_file.open("rb") as fh:
        content = fh.read()
    result = training_attendance_import(actor=actor, session=session, content=content, progress=progress)
    result["link"] = f"/personnel/training/sessions/{session.pk}/"
    return result
