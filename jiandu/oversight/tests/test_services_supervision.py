"""R-SUP-7 social supervisors and R-SUP-8 joint supervision inputs."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.oversight import selectors
from jiandu.oversight.services import supervision as ss


def _appoint(world, actor=None, unit="scjg", **kw):
    fields = dict(actor=actor or world.scjg_legal, unit=world.unit(unit), name="陈立新", category="journalist",
                  organisation="鄂州日报社记者", term_start=date(2026, 1, 1), term_end=date(2027, 12, 31),
                  duties="监督本单位执法行为，收集社会意见", phone="13600001234")
    fields.update(kw)
    return ss.supervisor_appoint(**fields)


def test_a_unit_appoints_its_own_social_supervisors_for_a_term(world):
    supervisor = _appoint(world)
    assert supervisor.serving_on(date(2026, 6, 15)) and not supervisor.serving_on(date(2028, 1, 1))
    with pytest.raises(NotFound):
        _appoint(world, unit="cgj")  # not the legal officer's unit
    with pytest.raises(Forbidden):
        _appoint(world, actor=world.scjg_officer)
    with pytest.raises(InvalidInput) as exc:
        _appoint(world, category="celebrity", term_end=date(2025, 1, 1))
    assert set(exc.value.details) == {"category", "term_end"}


def test_only_an_account_with_the_supervisor_role_can_be_linked(world, shjd):
    with pytest.raises(InvalidInput):
        _appoint(world, user=world.scjg_officer)
    assert _appoint(world, user=shjd).user == shjd


def test_a_dismissed_supervisor_no_longer_serves(world, shjd):
    from jiandu.oversight.services.complaints import observation_submit

    appointment = selectors.supervisors_visible(world.agency).get(user=shjd)
    ss.supervisor_dismiss(supervisor=appointment, actor=world.scjg_legal, reason="本人申请")
    with pytest.raises(Forbidden):
        observation_submit(actor=shjd, title="解聘后", content="不应受理")


def test_units_see_their_own_supervisors_and_a_supervisor_sees_only_their_appointment(world, shjd):
    other = _appoint(world, actor=world.cgj_legal, unit="cgj")
    assert other not in selectors.supervisors_visible(world.scjg_legal)
    assert other in selectors.supervisors_visible(world.agency)


def test_a_joint_input_is_recorded_against_a_unit_and_any_record(world):
    """R-SUP-8: 检察建议 about a case, by generic reference (cases exist in their own app)."""
    item = ss.joint_input_record(actor=world.agency, unit=world.unit("cgj"), source="procuratorate",
                                 source_org="华容区人民检察院", document_kind="检察建议书", document_number="华检行建〔2026〕3号",
                                 summary="对违法占道行为处罚后未跟踪整改", subject_type="cases.case", subject_id="41",
                                 subject_label="华城管罚〔2026〕41号", reply_due_on=date(2026, 8, 15))
    assert item.status == "received" and str(item) == "检察监督：检察建议书 华检行建〔2026〕3号"
    assert item in selectors.joint_inputs_visible(world.cgj_legal)
    assert item not in selectors.joint_inputs_visible(world.scjg_legal)
    item = ss.joint_input_respond(joint_input=item, actor=world.agency, response="已督促区城管局整改并回复检察院")
    assert item.status == "responded"
    with pytest.raises(Conflict):
        ss.joint_input_respond(joint_input=item, actor=world.agency, response="重复办理")


@pytest.mark.parametrize("source", ["npc", "procuratorate", "supervision_commission", "court"])
def test_inputs_from_the_four_bodies_are_accepted(world, source):
    item = ss.joint_input_record(actor=world.agency, unit=world.unit("scjg"), source=source, source_org="来文机关",
                                 document_kind="建议", summary="内容")
    assert item.get_source_display() in {"人大监督", "检察监督", "监察监督", "司法监督（人民法院）"}


def test_a_half_subject_reference_and_an_early_reply_date_are_refused(world):
    with pytest.raises(InvalidInput) as exc:
        ss.joint_input_record(actor=world.agency, unit=world.unit("scjg"), source="court", source_org="华容区人民法院",
                              document_kind="司法建议书", summary="s", subject_type="cases.case",
                              reply_due_on=date(2026, 1, 1))
    assert set(exc.value.details) in ({"reply_due_on"}, {"subject_id"})
