"""R-PLT-3: policy figures are dated values per jurisdiction, read through one mechanism."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core import policy, services
from jiandu.core.errors import Conflict, Forbidden, InvalidInput
from jiandu.core.models import AuditEvent, PolicyParameter


def test_every_shipped_default_names_its_legal_reference(db):
    entries = policy.read_defaults()
    assert entries, "no policy defaults shipped"
    for entry in entries:
        assert entry["legal_reference"].strip(), entry["key"]
    keys = [(e["key"], str(e["effective_from"])) for e in entries]
    assert len(keys) == len(set(keys)), "a default is shipped twice"


def test_defaults_are_loaded_after_migrate(db):
    assert policy.value("organization.agency_min_full_time_staff", on=date(2026, 1, 1)) == 3


def test_a_new_dated_value_applies_from_its_date_and_the_old_one_before(world):
    services.policy_set_value(actor=world.agency, key="organization.agency_min_full_time_staff", value=5,
                              effective_from=date(2027, 1, 1), legal_reference="区政府常务会议纪要〔2026〕9号")
    assert policy.value("organization.agency_min_full_time_staff", on=date(2026, 12, 31)) == 3
    assert policy.value("organization.agency_min_full_time_staff", on=date(2027, 1, 1)) == 5
    event = AuditEvent.objects.filter(action="policy.set").latest("seq")
    assert event.legal_basis == "区政府常务会议纪要〔2026〕9号"


def test_a_jurisdiction_value_beats_the_default_for_units_below_it_only(world):
    PolicyParameter.objects.create(key="organization.agency_min_full_time_staff", jurisdiction=world.unit("hrz"),
                                   effective_from=date(2024, 1, 1), value=1, label="x", legal_reference="测试")
    assert policy.value("organization.agency_min_full_time_staff", on=date(2026, 1, 1), jurisdiction=world.unit("hrz")) == 1
    assert policy.value("organization.agency_min_full_time_staff", on=date(2026, 1, 1), jurisdiction=world.unit("gdz")) == 3
    # Before the township's value takes effect, the default applies there too.
    assert policy.value("organization.agency_min_full_time_staff", on=date(2023, 6, 1), jurisdiction=world.unit("hrz")) == 3


def test_a_date_before_any_value_raises_a_clear_error(db):
    with pytest.raises(policy.PolicyMissing) as exc:
        policy.value("organization.agency_min_full_time_staff", on=date(2000, 1, 1))
    assert "organization.agency_min_full_time_staff" in exc.value.message


def test_bad_policy_values_are_refused_and_change_nothing(world):
    count = PolicyParameter.objects.count()
    with pytest.raises(InvalidInput):
        services.policy_set_value(actor=world.agency, key="organization.agency_min_full_time_staff", value="三",
                                  effective_from=date(2027, 1, 1), legal_reference="x")
    with pytest.raises(InvalidInput):
        services.policy_set_value(actor=world.agency, key="no.such.key", value=1,
                                  effective_from=date(2027, 1, 1), legal_reference="x")
    with pytest.raises(InvalidInput):
        services.policy_set_value(actor=world.agency, key="organization.agency_min_full_time_staff", value=4,
                                  effective_from=date(2027, 1, 1), legal_reference=" ")
    with pytest.raises(Conflict):
        services.policy_set_value(actor=world.agency, key="organization.agency_min_full_time_staff", value=4,
                                  effective_from=date(2023, 3, 20), legal_reference="x")
    with pytest.raises(Forbidden):
        services.policy_set_value(actor=world.hrz_legal, key="organization.agency_min_full_time_staff", value=4,
                                  effective_from=date(2027, 1, 1), legal_reference="x")
    assert PolicyParameter.objects.count() == count


def test_policy_page_lists_parameters_and_adds_a_value(client_for):
    c = client_for("agency")
    page = c.get("/system/policy/")
    assert page.status_code == 200
    assert "行政执法监督机构专职工作人员最低人数" in page.content.decode()
    response = c.post("/system/policy/", {
        "key": "organization.agency_min_full_time_staff", "value": "4", "effective_from": "2027-01-01",
        "legal_reference": "测试依据", "note": "",
    })
    assert response.status_code == 302
    assert policy.value("organization.agency_min_full_time_staff", on=date(2027, 2, 1)) == 4
