"""Joint meetings (联席会议) and their follow-up tasks, tracked until done (R-LNK-4)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jiandu.core import audit, notifications, scope
from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.linkage.models import JointMeeting, MeetingTask
from jiandu.linkage.services import _common as c
from jiandu.organization.models import Unit

LINKAGE_PERMISSIONS = ("linkage.meeting", "linkage.transfer", "linkage.receive", "linkage.procuratorate", "linkage.manage")


def _link(meeting: JointMeeting) -> str:
    return reverse("linkage:meeting", args=[meeting.pk])


@transaction.atomic
def meeting_record(
    *,
    actor,
    title: str,
    held_on: date,
    attendee_units: Iterable[Unit],
    topics: str,
    decisions: str,
    location: str = "",
    attendees_note: str = "",
    convener: Unit | None = None,
) -> JointMeeting:
    """Record a joint meeting held by the agency (or the procuratorate) with the units that attended."""
    convener = convener or actor.unit
    scope.require(actor, "linkage.meeting", unit=convener, area="linkage")
    attendees = list({u.pk: u for u in attendee_units}.values())
    jurisdiction = c.jurisdiction_of(convener)
    errors = {}
    if not (title or "").strip():
        errors["title"] = "请填写会议名称。"
    if held_on is None:
        errors["held_on"] = "请填写召开日期。"
    elif held_on > timezone.localdate():
        errors["held_on"] = "召开日期不能晚于今天（会议召开后再登记）。"
    if not attendees:
        errors["attendee_units"] = "请选择参会单位。"
    elif any(not c.in_jurisdiction(u, jurisdiction) for u in attendees):
        errors["attendee_units"] = "参会单位应为本辖区单位。"
    if not (topics or "").strip():
        errors["topics"] = "请填写会议议题。"
    if not (decisions or "").strip():
        errors["decisions"] = "请填写议定事项。"
    if errors:
        raise InvalidInput(details=errors)
    meeting = JointMeeting.objects.create(
        convener=convener, title=title.strip()[:200], held_on=held_on, location=(location or "").strip()[:100],
        attendees_note=(attendees_note or "").strip()[:500], topics=topics.strip(), decisions=decisions.strip(),
        created_by=actor,
    )
    meeting.attendee_units.set(attendees)
    audit.record(actor=actor, action="linkage.meeting.record", obj=meeting, unit=convener,
                 after={**audit.snapshot(meeting), "attendee_units": [u.pk for u in attendees]})
    return meeting


@transaction.atomic
def meeting_task_add(*, actor, meeting: JointMeeting, description: str, owner_unit: Unit, due_on: date) -> MeetingTask:
    scope.require(actor, "linkage.meeting", unit=meeting.convener, area="linkage")
    errors = {}
    if not (description or "").strip():
        errors["description"] = "请填写任务内容。"
    if owner_unit is None or not c.in_jurisdiction(owner_unit, c.jurisdiction_of(meeting.convener)):
        errors["owner_unit"] = "责任单位应为本辖区单位。"
    if due_on is None:
        errors["due_on"] = "请填写完成期限。"
    elif due_on < meeting.held_on:
        errors["due_on"] = "完成期限不能早于会议召开日期。"
    if errors:
        raise InvalidInput(details=errors)
    task = MeetingTask.objects.create(meeting=meeting, description=description.strip()[:300], owner_unit=owner_unit,
                                      due_on=due_on)
    audit.record(actor=actor, action="linkage.meeting.task_add", obj=meeting, unit=meeting.convener,
                 after={"task": task.pk, "description": task.description, "owner_unit": owner_unit.pk, "due_on": due_on})
    notifications.notify(c.liaison_users_of(owner_unit), title=f"联席会议议定任务：{task.description[:60]}",
                         body=f"{meeting.title}；完成期限：{due_on:%Y年%m月%d日}", link=_link(meeting),
                         category="linkage", dedupe_key=f"linkage.task.{task.pk}.assigned")
    return task


def can_complete(actor, task: MeetingTask) -> bool:
    if scope.has_permission(actor, "linkage.meeting") and scope.unit_visible(actor, task.meeting.convener, "linkage"):
        return True
    return actor.unit_id == task.owner_unit_id and any(scope.has_permission(actor, p) for p in LINKAGE_PERMISSIONS)


@transaction.atomic
def meeting_task_complete(*, actor, task: MeetingTask, done_on: date, note: str) -> MeetingTask:
    """The owner unit (or the convener) reports a task done, with what was done."""
    from jiandu.linkage.selectors import meetings_visible

    if not meetings_visible(actor).filter(pk=task.meeting_id).exists():
        raise NotFound()
    if not can_complete(actor, task):
        raise Forbidden("只有责任单位或会议召集单位可以办结该任务。", code="task_not_owner")
    errors = {}
    if not (note or "").strip():
        errors["note"] = "请填写办理情况。"
    if done_on is None:
        errors["done_on"] = "请填写办结日期。"
    elif done_on > timezone.localdate():
        errors["done_on"] = "办结日期不能晚于今天。"
    if errors:
        raise InvalidInput(details=errors)
    updated = MeetingTask.objects.filter(pk=task.pk, status=MeetingTask.Status.OPEN).update(
        status=MeetingTask.Status.DONE, done_on=done_on, done_note=note.strip(), done_by=actor)
    if not updated:
        raise Conflict("task_already_done", "该任务已办结。")
    task.refresh_from_db()
    audit.record(actor=actor, action="linkage.meeting.task_done", obj=task.meeting, unit=task.meeting.convener,
                 before={"task": task.pk, "status": "open"},
                 after={"task": task.pk, "status": "done", "done_on": done_on, "late": task.is_late},
                 reason=task.done_note)
    return task


def sweep_tasks(today: date) -> dict[str, int]:
    """Open tasks past their date → ``is_overdue`` (compare-and-swap) and one alert each."""
    flagged = 0
    overdue = MeetingTask.objects.filter(status=MeetingTask.Status.OPEN, is_overdue=False, due_on__lt=today)
    for task in overdue.select_related("meeting", "owner_unit", "meeting__convener").iterator(chunk_size=500):
        with transaction.atomic():
            if not MeetingTask.objects.filter(pk=task.pk, is_overdue=False, status=MeetingTask.Status.OPEN).update(
                    is_overdue=True):
                continue
            flagged += 1
            audit.record(actor=None, action="linkage.meeting.task_overdue", obj=task.meeting,
                         unit=task.meeting.convener, before={"task": task.pk, "is_overdue": False},
                         after={"task": task.pk, "is_overdue": True, "due_on": task.due_on})
            recipients = list(c.liaison_users_of(task.owner_unit)) + [task.meeting.created_by]
            notifications.notify(recipients, title=f"联席会议议定任务已超期：{task.description[:60]}",
                                 body=f"{task.meeting.title}；责任单位：{task.owner_unit.display_name}；"
                                      f"期限：{task.due_on:%Y年%m月%d日}",
                                 link=_link(task.meeting), category="linkage",
                                 dedupe_key=f"linkage.task.{task.pk}.overdue")
    return {"task_overdue": flagged}
