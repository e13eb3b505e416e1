"""R-ORG-1…4: unit tree with materialized paths, legal bodies, staffing checks, duty routing."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core.errors import Conflict, InvalidInput
from jiandu.organization import selectors, services
from jiandu.organization.models import LegalBody, Unit


def test_paths_follow_the_tree(world):
    hrz = world.unit("hrz")
    district = world.unit("hr")
    assert hrz.path == f"{district.path}{hrz.pk}/"
    assert hrz.jurisdiction() == district
    assert world.unit("agency").jurisdiction() == district


def test_moving_a_unit_refreshes_its_subtree_paths(world):
    agency = world.agency
    parent = services.unit_create(actor=agency, name="测试中心", code="t-x1", kind=Unit.Kind.DEPARTMENT,
                                  parent=world.unit("hr"))
    child = services.unit_create(actor=agency, name="测试分队", code="t-x2", kind=Unit.Kind.DEPARTMENT, parent=parent)
    services.unit_move(actor=agency, unit=parent, new_parent=world.unit("scjg"))
    child.refresh_from_db()
    assert child.path.startswith(world.unit("scjg").path)
    assert child.path.endswith(f"/{parent.pk}/{child.pk}/")


def test_a_unit_cannot_move_below_itself(world):
    with pytest.raises(Conflict) as exc:
        services.unit_move(actor=world.agency, unit=world.unit("hr"), new_parent=world.unit("scjg"))
    assert exc.value.code == "unit_move_cycle"


def test_duplicate_unit_code_is_refused(world):
    with pytest.raises(Conflict):
        services.unit_create(actor=world.agency, name="重复", code="t-hrz", kind=Unit.Kind.TOWNSHIP, parent=world.unit("hr"))


def test_staffing_report_flags_units_without_legal_body_and_agency_shortfall(world):
    agency_user = world.agency
    report = selectors.staffing_report(agency_user, on=date(2026, 6, 1))
    assert report.agency_full_time == 3 and report.agency_minimum == 3 and report.agency_shortfall == 0
    services.unit_create(actor=agency_user, name="华容区新设执法局", code="t-new", kind=Unit.Kind.DEPARTMENT,
                         parent=world.unit("hr"), is_enforcement_unit=True)
    report = selectors.staffing_report(agency_user, on=date(2026, 6, 1))
    assert "华容区新设执法局" in [u.name for u in report.units_without_legal_body]
    # The minimum is a dated parameter: raising it shows a shortfall from that date only.
    from jiandu.core import services as core_services

    core_services.policy_set_value(actor=agency_user, key="organization.agency_min_full_time_staff", value=5,
                                   effective_from=date(2027, 1, 1), legal_reference="测试")
    assert selectors.staffing_report(agency_user, on=date(2027, 1, 2)).agency_shortfall == 2
    assert selectors.staffing_report(agency_user, on=date(2026, 12, 31)).agency_shortfall == 0


def test_a_legal_body_with_an_unknown_duty_is_refused(world):
    with pytest.raises(InvalidInput):
        services.legal_body_set(actor=world.agency, unit=world.unit("hrz"), name="司法所", duties=["cooking"])


def test_legal_staff_claiming_qualification_needs_the_certificate_number(world):
    body = LegalBody.objects.get(unit=world.unit("hrz"))
    with pytest.raises(InvalidInput) as exc:
        services.legal_staff_add(actor=world.agency, legal_body=body, name="李四", has_legal_qualification=True)
    assert "qualification_number" in exc.value.details


def test_a_duty_the_unit_body_lacks_is_routed_to_the_agency(world):
    body = LegalBody.objects.get(unit=world.unit("gdz"))
    services.legal_body_set(actor=world.agency, unit=world.unit("gdz"), name=body.name,
                            duties=[LegalBody.Duty.LEGAL_REVIEW])
    assert selectors.legal_body_for_duty(world.unit("gdz"), LegalBody.Duty.LEGAL_REVIEW).unit == world.unit("gdz")
    routed = selectors.legal_body_for_duty(world.unit("gdz"), LegalBody.Duty.COMPLAINT_HANDLING)
    assert routed.unit == world.unit("agency")
    assert world.agency in selectors.users_for_duty(world.unit("gdz"), LegalBody.Duty.COMPLAINT_HANDLING)


def test_unit_pages_are_scoped(client_for, world):
    c = client_for("hrz_legal")
    assert c.get(f"/org/units/{world.unit('hrz').pk}/").status_code == 200
    assert c.get(f"/org/units/{world.unit('gdz').pk}/").status_code == 404
    listing = client_for("agency").get("/org/units/").content.decode()
    assert "葛店镇人民政府" in listing and "梁子湖区市场监督管理局" not in listing
