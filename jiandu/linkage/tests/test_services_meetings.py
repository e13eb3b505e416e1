"""Joint meetings and their follow-up tasks (R-LNK-4)."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core import holidays
from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import Notification
from jiandu.linkage import selectors, services
from jiandu.linkage.sweeps import sweep

pytestmark = pytest.mark.django_db


def meeting(world, **kw):
    fields = dict(title="2026年第三季度两法衔接联席会议", held_on=date(2026, 9, 15), attendee_units=[world.gaj, world.jcy, world.scjg],
                  topics="通报移送情况", decisions="一、建立线索双向通报机制；二、市场监管局补移送两起案件。",
                  location="区司法局三楼会议室")
    fields.update(kw)
    return services.meeting_record(actor=world.agency, **fields)


def test_a_meeting_records_attendees_and_decisions_and_its_tasks_are_tracked_until_done(world):
    """R-LNK-4: attendees (units), decisions, follow-up tasks with owner, deadline, done."""
    m = meeting(world)
    assert set(m.attendee_units.all()) == {world.gaj, world.jcy, world.scjg}
    task = services.meeting_task_add(actor=world.agency, meeting=m, description="补移送两起销售伪劣产品案件",
                                     owner_unit=world.scjg, due_on=date(2026, 10, 15))
    assert Notification.objects.filter(recipient=world.scjg_legal, title__contains="议定任务").exists()
    assert task in selectors.open_tasks(world.scjg_legal)
    first = sweep(date(2026, 10, 20), holidays.load_calendar())
    again = sweep(date(2026, 10, 20), holidays.load_calendar())
    assert first["task_overdue"] == 1 and again["task_overdue"] == 0
    task.refresh_from_db()
    assert task.is_overdue
    with pytest.raises(Forbidden):
        services.meeting_task_complete(actor=world.ga_liaison, task=task, done_on=date(2026, 10, 21), note="x")
    done = services.meeting_task_complete(actor=world.scjg_legal, task=task, done_on=date(2026, 10, 21), note="已移送两起")
    assert done.status == "done" and done.is_late
    with pytest.raises(Conflict):
        services.meeting_task_complete(actor=world.agency, task=task, done_on=date(2026, 10, 21), note="again")


def test_attending_units_see_the_meeting_and_others_do_not(world):
    m = meeting(world)
    assert m in selectors.meetings_visible(world.ga_liaison)  # the police attended
    assert m in selectors.meetings_visible(world.jcy_liaison)
    assert m in selectors.meetings_visible(world.scjg_legal)
    assert m not in selectors.meetings_visible(world.cgj_legal)
    assert m not in selectors.meetings_visible(world.lzh_agency)
    with pytest.raises(NotFound):
        selectors.meeting_get(world.cgj_legal, m.pk)


def test_a_meeting_needs_its_essentials_and_units_of_the_jurisdiction(world):
    with pytest.raises(InvalidInput) as exc:
        services.meeting_record(actor=world.agency, title="", held_on=date(2030, 1, 1), attendee_units=[world.lzh_scjg],
                                topics="", decisions="")
    assert {"title", "held_on", "attendee_units", "topics", "decisions"} == set(exc.value.details)
    with pytest.raises(Forbidden):
        meeting_by_unit = services.meeting_record  # noqa: F841
        services.meeting_record(actor=world.scjg_legal, title="x", held_on=date(2026, 9, 1), attendee_units=[world.gaj],
                                topics="x", decisions="y")
    m = meeting(world)
    with pytest.raises(InvalidInput) as exc:
        services.meeting_task_add(actor=world.agency, meeting=m, description="x", owner_unit=world.scjg,
                                  due_on=date(2026, 9, 1))
    assert "due_on" in exc.value.details


def test_the_procuratorate_may_convene_a_meeting_too(world):
    m = services.meeting_record(actor=world.jcy_liaison, title="检察院牵头联席会议", held_on=date(2026, 8, 1),
                                attendee_units=[world.gaj, world.unit("agency")], topics="立案监督", decisions="按季度通报")
    assert m.convener == world.jcy and m in selectors.meetings_visible(world.agency)
