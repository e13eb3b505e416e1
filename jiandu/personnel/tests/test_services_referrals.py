"""R-PER-8: clue referral to discipline inspection with tracked receipt (working days across
国庆 and 春节 2026) and outcome; overdue receipts flagged once by the sweep."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import Notification
from jiandu.personnel import services, sweeps
from jiandu.personnel.models import Referral
from jiandu.personnel.tests.conftest import text_of


def refer(world, officer, on):
    return services.referral_create(actor=world.agency, officer=officer, referred_on=on,
                                    facts="2026年在执法检查中多次接受管理相对人宴请，线索来源于群众实名举报，附举报材料3份。")


def test_a_referral_goes_with_a_numbered_letter_to_the_districts_discipline_body(world, people):
    officer = people.certified("scjg", name="孙十一")
    referral = refer(world, officer, date(2026, 6, 1))
    assert referral.recipient == world.unit("jw") and referral.status == Referral.Status.SENT
    assert referral.document.kind_label == "违法违纪线索移送函" and "孙十一" in text_of(referral.document)
    assert Notification.objects.filter(recipient=world.jw_liaison, link__endswith=f"/referrals/{referral.pk}/").exists()
    assert referral.document.subject_user is None  # the officer is not shown the letter about them


def test_receipt_is_due_five_working_days_later_across_national_day_2026(world, people):
    # 9-30 (Wed) → working days 10-8, 10-9, 10-10 (make-up Saturday), 10-12, 10-13.
    assert refer(world, people.certified("scjg"), date(2026, 9, 30)).due_on == date(2026, 10, 13)


def test_receipt_is_due_five_working_days_later_across_spring_festival_2026(world, people):
    # 2-13 (Fri) → 2-14 (make-up Saturday), then the holiday 2-15…2-23, then 2-24, 2-25, 2-26, 2-27.
    assert refer(world, people.certified("scjg"), date(2026, 2, 13)).due_on == date(2026, 2, 27)
    # 2-23 (last holiday) → 2-24 … 2-27, then 2-28 (make-up Saturday).
    assert refer(world, people.certified("scjg"), date(2026, 2, 23)).due_on == date(2026, 2, 28)


def test_the_discipline_liaison_receives_and_concludes(world, people):
    referral = refer(world, people.certified("scjg"), date(2026, 6, 1))
    services.referral_receive(actor=world.jw_liaison, referral=referral, received_on=date(2026, 6, 3), note="已登记")
    with pytest.raises(Conflict) as exc:
        services.referral_receive(actor=world.jw_liaison, referral=referral)
    assert exc.value.code == "referral_already_received"
    done = services.referral_conclude(actor=world.jw_liaison, referral=referral, outcome="admonished",
                                      outcome_note="予以诫勉谈话（华纪诫〔2026〕3号）", concluded_on=date(2026, 7, 1))
    assert done.status == Referral.Status.CONCLUDED and done.get_outcome_display() == "批评教育、诫勉谈话等"
    assert Notification.objects.filter(recipient=world.agency, title__contains="已办结").exists()


def test_out_of_order_and_unauthorised_referral_actions_are_refused(world, people, unchanged):
    referral = refer(world, people.certified("scjg"), date(2026, 6, 1))
    with unchanged(), pytest.raises(Conflict) as exc:
        services.referral_conclude(actor=world.jw_liaison, referral=referral, outcome="no_action", outcome_note="x")
    assert exc.value.code == "referral_not_received"
    with unchanged(), pytest.raises(Forbidden):
        services.referral_receive(actor=world.scjg_legal, referral=referral)
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.referral_receive(actor=world.jw_liaison, referral=referral, received_on=date(2026, 5, 30))
    assert "移送日期" in exc.value.details["received_on"]
    with unchanged(), pytest.raises(NotFound):
        services.referral_create(actor=world.lzh_agency, officer=referral.officer, facts="线索内容足够详细的描述。")
    with unchanged(), pytest.raises(InvalidInput):
        services.referral_create(actor=world.agency, officer=referral.officer, facts="太短")


def test_an_overdue_receipt_is_flagged_once_however_often_the_sweep_runs(world, people):
    from jiandu.core import holidays

    referral = refer(world, people.certified("scjg"), date(2026, 6, 1))
    calendar = holidays.load_calendar()
    assert sweeps.sweep(referral.due_on, calendar)["referrals_overdue"] == 0  # due today: not yet overdue
    assert sweeps.sweep(date(2026, 6, 20), calendar)["referrals_overdue"] == 1
    assert sweeps.sweep(date(2026, 6, 21), calendar)["referrals_overdue"] == 0
    assert Notification.objects.filter(recipient=world.jw_liaison, title__startswith="逾期未接收").count() == 1
    referral.refresh_from_db()
    assert referral.is_overdue(date(2026, 6, 20)) and referral.overdue_notified_on == date(2026, 6, 20)


def test_an_overdue_transfer_task_is_flagged_once(world, people):
    from jiandu.core import holidays
    from jiandu.personnel import rules

    officer = people.certified("cgj")
    services.officer_revoke(actor=world.agency, officer=officer, trigger=rules.TRIGGER_BRUTAL, reason="查实。",
                            effective_on=date(2026, 6, 1))
    calendar = holidays.load_calendar()
    assert sweeps.sweep(date(2026, 8, 1), calendar)["transfers_overdue"] == 1
    assert sweeps.sweep(date(2026, 8, 2), calendar)["transfers_overdue"] == 0
    assert Notification.objects.filter(recipient=world.cgj_legal, title__startswith="逾期未调离").count() == 1
