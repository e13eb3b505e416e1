"""R-PER-1: the registry — creation with ID validation, duplicates refused, edits, post changes,
leaving — every change audited, every refusal writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import AuditEvent
from jiandu.personnel import services
from jiandu.personnel.models import Certificate, CertificateEvent, Officer, PostHistory
from jiandu.personnel.tests.conftest import id_number


def test_a_unit_legal_officer_registers_an_officer_of_their_unit_with_gender_from_the_id(world):
    number = id_number(born=date(1988, 5, 6))
    officer = services.officer_create(actor=world.scjg_legal, unit=world.unit("scjg"), name="  李四 ", id_number=number,
                                      post="市场监管执法大队队员", joined_on=date(2012, 9, 1))
    assert officer.name == "李四" and officer.status == Officer.Status.ACTIVE
    assert officer.gender == ("M" if int(number[16]) % 2 else "F")
    history = list(PostHistory.objects.filter(officer=officer))
    assert [(h.post, h.started_on, h.ended_on) for h in history] == [("市场监管执法大队队员", date(2012, 9, 1), None)]
    event = AuditEvent.objects.get(action="officer.create", object_id=str(officer.pk))
    assert event.after["id_number"] == number and event.actor_id == world.scjg_legal.pk


def test_a_bad_id_number_is_refused_with_its_reason_and_nothing_is_written(world, unchanged):
    good = id_number()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.officer_create(actor=world.agency, unit=world.unit("scjg"), name="王五", id_number=bad, post="队员")
    assert "校验码" in exc.value.details["id_number"]


def test_missing_fields_and_a_future_joining_date_are_named(world, unchanged):
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.officer_create(actor=world.agency, unit=world.unit("scjg"), name=" ", id_number="123", post="",
                                phone="12345", joined_on=date(2999, 1, 1))
    assert set(exc.value.details) == {"name", "id_number", "post", "phone", "joined_on"}


def test_a_duplicate_id_number_is_refused_with_a_clear_message(world, people, unchanged):
    first = people.officer("scjg")
    with unchanged(), pytest.raises(Conflict) as exc:
        services.officer_create(actor=world.agency, unit=world.unit("hrz"), name="另一人", id_number=first.id_number.lower(),
                                post="队员")
    assert exc.value.code == "officer_id_number_taken"
    assert "已登记在册" in exc.value.message
    assert "区市场监管局" not in exc.value.message  # another unit's registry is not disclosed


def test_a_township_legal_officer_cannot_register_into_another_township(world, unchanged):
    with unchanged(), pytest.raises(NotFound):
        services.officer_create(actor=world.hrz_legal, unit=world.unit("gdz"), name="赵六", id_number=id_number(), post="队员")
    with pytest.raises(Forbidden):
        services.officer_create(actor=world.bb_review, unit=world.unit("bb"), name="赵六", id_number=id_number(), post="队员")


def test_editing_corrects_facts_and_records_before_and_after(world, people):
    officer = people.officer("hrz", name="钱七")
    services.officer_update(actor=world.hrz_legal, officer=officer, name="钱琦", on_establishment=False, phone="13871234567")
    officer.refresh_from_db()
    assert (officer.name, officer.on_establishment, officer.phone) == ("钱琦", False, "13871234567")
    event = AuditEvent.objects.filter(action="officer.update", object_id=str(officer.pk)).get()
    assert event.before["name"] == "钱七" and event.after["name"] == "钱琦"


def test_a_post_cannot_be_edited_directly_and_a_certified_officer_cannot_become_auxiliary(world, people, unchanged):
    officer = people.certified("scjg")
    with unchanged(), pytest.raises(InvalidInput):
        services.officer_update(actor=world.agency, officer=officer, post="新岗位")
    with unchanged(), pytest.raises(Conflict) as exc:
        services.officer_update(actor=world.agency, officer=officer, category=Officer.Category.AUXILIARY)
    assert exc.value.code == "officer_has_live_certificate"


def test_a_post_change_closes_the_current_row_and_opens_the_next(world, people):
    officer = people.officer("scjg", joined_on=date(2015, 3, 1))
    services.officer_change_post(actor=world.scjg_legal, officer=officer, post="稽查科科员", is_enforcement_post=True,
                                 started_on=date(2026, 4, 1), reason="内部轮岗")
    rows = list(PostHistory.objects.filter(officer=officer).order_by("started_on"))
    assert [(r.post, r.started_on, r.ended_on) for r in rows] == [
        ("执法队员", date(2015, 3, 1), date(2026, 3, 31)), ("稽查科科员", date(2026, 4, 1), None)]


def test_a_post_change_dated_before_the_current_post_is_refused(world, people, unchanged):
    officer = people.officer("scjg", joined_on=date(2020, 1, 1))
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.officer_change_post(actor=world.agency, officer=officer, post="科员", is_enforcement_post=True,
                                     started_on=date(2019, 12, 31), reason="调整")
    assert "2020-01-01" in exc.value.details["started_on"]


def test_moving_off_enforcement_posts_cancels_the_certificate_with_its_decision(world, people):
    officer = people.certified("scjg")
    services.officer_change_post(actor=world.agency, officer=officer, post="办公室文秘", is_enforcement_post=False,
                                 started_on=date(2026, 5, 6), reason="工作需要")
    officer.refresh_from_db()
    cert = Certificate.objects.get(officer=officer)
    assert officer.status == Officer.Status.OFF_POST and cert.status == Certificate.Status.CANCELLED
    event = CertificateEvent.objects.get(certificate=cert, action="cancel")
    assert event.effective_on == date(2026, 5, 6) and event.document.kind_label == "注销行政执法证决定书"


def test_a_township_cannot_move_its_officer_into_another_township(world, people, unchanged):
    officer = people.officer("hrz")
    with unchanged(), pytest.raises(NotFound):
        services.officer_change_post(actor=world.hrz_legal, officer=officer, unit=world.unit("gdz"), post="队员",
                                     is_enforcement_post=True, started_on=date(2026, 5, 1), reason="调动")


def test_the_agency_transfers_an_officer_between_units(world, people):
    officer = people.officer("hrz")
    services.officer_change_post(actor=world.agency, officer=officer, unit=world.unit("gdz"), post="综合执法队员",
                                 is_enforcement_post=True, started_on=date(2026, 5, 1), reason="跨乡镇调动")
    officer.refresh_from_db()
    assert officer.unit == world.unit("gdz")
    assert PostHistory.objects.filter(officer=officer, unit=world.unit("hrz"), ended_on=date(2026, 4, 30)).exists()


def test_leaving_cancels_the_certificate_and_the_officer_can_no_longer_change_post(world, people, unchanged):
    officer = people.certified("cgj", joined_on=date(2000, 1, 1))
    services.officer_leave(actor=world.cgj_legal, officer=officer, left_on=date(2026, 6, 30), reason="退休")
    officer.refresh_from_db()
    assert officer.status == Officer.Status.LEFT and officer.left_on == date(2026, 6, 30)
    assert Certificate.objects.get(officer=officer).status == Certificate.Status.CANCELLED
    with unchanged(), pytest.raises(Conflict) as exc:
        services.officer_leave(actor=world.cgj_legal, officer=officer, left_on=date(2026, 7, 1), reason="退休")
    assert exc.value.code == "officer_left"
