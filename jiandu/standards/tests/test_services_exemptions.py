"""R-STD-2: due-diligence exemptions — requested on one of the five grounds, decided by the agency
with reasons, visible on the officer's file and the subject."""

from __future__ import annotations

import pytest

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import AuditEvent, Notification
from jiandu.personnel.models import Officer
from jiandu.standards import selectors
from jiandu.standards.models import Exemption
from jiandu.standards.services import exemptions


def officer(unit, id_number="420703199001011234"):
    return Officer.objects.create(unit=unit, name="徐明", gender="M", id_number=id_number, post="执法员")


def request(world, **kw):
    values = {"unit": world.unit("scjg"), "actor": world.scjg_legal, "ground": "technical_limits",
              "matter": "未能及时发现夜间无证经营", "facts": "现有巡查手段无法覆盖夜间时段。"}
    return exemptions.exemption_request(**{**values, **kw})


def test_a_request_notifies_the_agency_and_awaits_its_decision(world):
    e = request(world)
    assert e.status == "pending" and e.requested_by == world.scjg_legal
    notified = set(Notification.objects.filter(dedupe_key=f"standards.exemption.request.{e.pk}").values_list("recipient__username", flat=True))
    assert notified == {"agency", "agency2", "agency3"}  # not the other district's agency
    assert AuditEvent.objects.get(action="exemption.request", object_id=str(e.pk)).legal_basis.endswith("§二(三)2")


def test_the_ground_must_be_one_of_the_five(world):
    with pytest.raises(InvalidInput) as err:
        request(world, ground="good_intentions", matter="", facts="")
    assert set(err.value.details) == {"ground", "matter", "facts"}
    assert len(Exemption.Ground.values) == 5


def test_the_officer_must_belong_to_the_requesting_unit(world):
    with pytest.raises(InvalidInput) as err:
        request(world, officer=officer(world.unit("cgj")))
    assert err.value.details == {"officer": "涉及的执法人员须属于申请单位。"}


def test_a_subject_is_referenced_by_type_and_id(world):
    subject = world.unit("scjg")  # any model instance stands for the case record
    e = request(world, subject=subject)
    assert (e.subject_type, e.subject_id, e.subject_label) == ("organization.unit", str(subject.pk), str(subject))
    with pytest.raises(InvalidInput):
        request(world, subject_type="cases.case")


def test_the_agency_approves_with_reasons_and_the_exemption_then_applies(world):
    o = officer(world.unit("scjg"))
    e = request(world, officer=o)
    assert not selectors.exemption_applies(officer=o)
    with pytest.raises(InvalidInput):
        exemptions.exemption_decide(exemption=e, actor=world.agency, approve=True, reason=" ")
    decided = exemptions.exemption_decide(exemption=e, actor=world.agency, approve=True, reason="符合技术与监管手段限制情形。")
    assert (decided.status, decided.decided_by, decided.decision_reason) == ("approved", world.agency, "符合技术与监管手段限制情形。")
    assert selectors.exemption_applies(officer=o)
    assert Notification.objects.filter(recipient=world.scjg_legal, dedupe_key=f"standards.exemption.decided.{e.pk}").exists()
    event = AuditEvent.objects.get(action="exemption.approve", object_id=str(e.pk))
    assert event.before["status"] == "pending" and event.after["status"] == "approved"


def test_a_rejected_exemption_does_not_apply(world):
    o = officer(world.unit("scjg"))
    e = exemptions.exemption_decide(exemption=request(world, officer=o), actor=world.agency, approve=False, reason="不属于免责情形。")
    assert e.status == "rejected" and not selectors.exemption_applies(officer=o)


def test_only_the_agency_decides(world):
    with pytest.raises(Forbidden):
        exemptions.exemption_decide(exemption=request(world), actor=world.scjg_legal, approve=True, reason="自己批准")


def test_a_decision_is_final(world):
    e = exemptions.exemption_decide(exemption=request(world), actor=world.agency, approve=True, reason="同意")
    with pytest.raises(Conflict):
        exemptions.exemption_decide(exemption=e, actor=world.agency, approve=False, reason="反悔")
    with pytest.raises(Conflict):
        exemptions.exemption_withdraw(exemption=e, actor=world.scjg_legal)


def test_the_unit_may_withdraw_a_pending_request(world):
    e = exemptions.exemption_withdraw(exemption=request(world), actor=world.scjg_legal, reason="情况已查明")
    assert e.status == "withdrawn"


def test_other_units_and_districts_cannot_see_or_act_on_the_request(world):
    e = request(world)
    assert not selectors.exemptions_visible(world.cgj_legal).filter(pk=e.pk).exists()
    assert selectors.exemptions_visible(world.agency).filter(pk=e.pk).exists()
    with pytest.raises(NotFound):
        exemptions.exemption_decide(exemption=e, actor=world.lzh_agency, approve=True, reason="越界")
    with pytest.raises(NotFound):
        exemptions.exemption_request(unit=world.unit("scjg"), actor=world.hrz_legal, ground="four_lists", matter="x", facts="y")
