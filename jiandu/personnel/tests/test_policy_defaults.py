"""R-PLT-3 for personnel: every plan or statute figure the rules use is a dated parameter with its
legal reference, and a later-dated value changes the outcome from its date without code changes."""

from __future__ import annotations

from datetime import date

from jiandu.core import policy
from jiandu.core.models import PolicyParameter
from jiandu.personnel import rules, services

KEYS = {
    "personnel.review.district_seats", "personnel.certificate.issuer", "personnel.certificate.validity_years",
    "personnel.certificate.exam_pass_score", "personnel.conduct.window", "personnel.suspension.revoke_at",
    "personnel.assessment.consecutive_incompetent_revoke", "personnel.return.min_training_hours",
    "personnel.training.min_hours", "personnel.test.pass_score", "personnel.referral.receipt_working_days",
    "personnel.transfer.due_working_days",
}


def test_every_personnel_figure_ships_with_a_legal_reference(db):
    shipped = {e["key"]: e for e in policy.read_defaults() if e["key"].startswith("personnel.")}
    assert set(shipped) == KEYS
    for entry in shipped.values():
        assert entry["legal_reference"].strip() and entry["label"].strip()
    assert policy.value("personnel.training.min_hours", on=date(2026, 1, 1)) == 40
    assert policy.value("personnel.suspension.revoke_at", on=date(2026, 1, 1)) == 2
    assert policy.value("personnel.review.district_seats", on=date(2026, 1, 1)) == list(rules.DISTRICT_SEATS)


def test_a_new_dated_training_minimum_applies_from_its_date_only(world):
    PolicyParameter.objects.create(key="personnel.training.min_hours", effective_from=date(2027, 1, 1), value=48,
                                   label="每名执法人员每年集中培训最低学时", legal_reference="测试：2027年起提高到48学时")
    unit = world.unit("hrz")
    assert services.training_target(unit, 2026, on=date(2026, 6, 1)) == 40
    assert services.training_target(unit, 2027, on=date(2027, 3, 1)) == 48


def test_a_township_may_set_its_own_value_which_beats_the_district_default(world):
    PolicyParameter.objects.create(key="personnel.training.min_hours", jurisdiction=world.unit("gdz"),
                                   effective_from=date(2026, 1, 1), value=60, label="每名执法人员每年集中培训最低学时",
                                   legal_reference="测试：葛店镇自定更高标准")
    assert services.training_target(world.unit("gdz"), 2026, on=date(2026, 6, 1)) == 60
    assert services.training_target(world.unit("hrz"), 2026, on=date(2026, 6, 1)) == 40
