"""R-SUP-4 and R-SUP-5: inspections with 一听二查三问四反 and a published notice; special
campaigns; yearly counts against their dated parameters."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core.errors import Conflict, Forbidden, InvalidInput
from jiandu.oversight import selectors
from jiandu.oversight.models import InspectionStep
from jiandu.oversight.services import inspections as ins

STEPS = [k for k, _ in InspectionStep.Kind.choices]


def _plan(world, title="2026年第一次法治督察", targets=("scjg", "cgj")):
    return ins.inspection_plan(actor=world.agency, title=title, year=2026, plan="采取一听二查三问四反方式开展督察",
                               starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30),
                               target_units=[world.unit(t) for t in targets])


def _all_steps(world, inspection, unit):
    for kind in STEPS:
        ins.inspection_record_step(inspection=inspection, actor=world.agency, target_unit=world.unit(unit), kind=kind,
                                   summary=f"{kind} 记录", done_on=date(2026, 6, 10), participants="督察组 3 人")


def test_an_inspection_records_the_four_steps_for_each_target_before_it_concludes(world):
    inspection = _plan(world)
    assert inspection.status == "planned"
    _all_steps(world, inspection, "scjg")
    inspection.refresh_from_db()
    assert inspection.status == "in_progress"
    with pytest.raises(Conflict) as exc:
        ins.inspection_conclude(inspection=inspection, actor=world.agency)
    assert exc.value.code == "inspection_steps_missing" and "区城管局缺“一听：听取工作汇报、二查" in exc.value.message
    _all_steps(world, inspection, "cgj")
    inspection = ins.inspection_conclude(inspection=inspection, actor=world.agency)
    assert inspection.status == "concluded"


def test_a_step_is_recorded_once_and_only_for_a_target_unit(world):
    inspection = _plan(world)
    ins.inspection_record_step(inspection=inspection, actor=world.agency, target_unit=world.unit("scjg"), kind="listen",
                               summary="听取汇报")
    with pytest.raises(Conflict):
        ins.inspection_record_step(inspection=inspection, actor=world.agency, target_unit=world.unit("scjg"),
                                   kind="listen", summary="再次听取")
    with pytest.raises(InvalidInput):
        ins.inspection_record_step(inspection=inspection, actor=world.agency, target_unit=world.unit("hrz"),
                                   kind="listen", summary="非督察对象")


def test_findings_become_rectifications_of_the_target_unit(world):
    inspection = _plan(world)
    with pytest.raises(Conflict):  # not started yet
        ins.inspection_add_finding(inspection=inspection, actor=world.agency, target_unit=world.unit("scjg"), problem="x")
    _all_steps(world, inspection, "scjg")
    item = ins.inspection_add_finding(inspection=inspection, actor=world.agency, target_unit=world.unit("scjg"),
                                      problem="重大执法决定法制审核记录缺失", deadline=date(2026, 7, 31))
    assert item.source_type == "inspection" and item.unit == world.unit("scjg") and item.source_label == inspection.title


def test_the_published_notice_is_a_document_and_only_published_inspections_are_public(world):
    """Issue #5 point 6: the public sees only what is published."""
    done, open_one = _plan(world), _plan(world, title="2026年第二次法治督察", targets=("scjg",))
    for unit in ("scjg", "cgj"):
        _all_steps(world, done, unit)
    ins.inspection_conclude(inspection=done, actor=world.agency)
    with pytest.raises(InvalidInput):
        ins.inspection_publish(inspection=done, actor=world.agency, notice_title="", notice_summary="")
    done = ins.inspection_publish(inspection=done, actor=world.agency, notice_title="关于2026年第一次法治督察情况的通报",
                                  notice_summary="督察发现问题 5 个。\n已全部列入整改台账。")
    assert done.status == "published" and done.notice_document.kind_label == "法治督察情况通报"
    assert list(selectors.published_inspections()) == [done]
    assert open_one not in selectors.published_inspections()
    with pytest.raises(Conflict):
        ins.inspection_publish(inspection=open_one, actor=world.agency, notice_title="t", notice_summary="s")


def test_only_the_agency_plans_inspections(world):
    with pytest.raises(Forbidden):
        ins.inspection_plan(actor=world.scjg_legal, title="t", year=2026, plan="p", starts_on=date(2026, 6, 1),
                            ends_on=date(2026, 6, 2), target_units=[world.unit("scjg")])
    with pytest.raises(InvalidInput) as exc:
        ins.inspection_plan(actor=world.agency, title="t", year=2026, plan="p", starts_on=date(2026, 6, 5),
                            ends_on=date(2026, 6, 2), target_units=[])
    assert set(exc.value.details) == {"ends_on"} or set(exc.value.details) == {"target_units"}


def test_the_yearly_inspection_count_is_read_against_its_parameter(world):
    """R-SUP-4: 1–2 a year (plan §二(五)2)."""
    agency = world.agency
    count = selectors.inspection_year_count(agency, 2026, agency.unit)
    assert (count.count, count.minimum, count.maximum, count.status) == (0, 1, 2, "below")
    _plan(world)
    assert selectors.inspection_year_count(agency, 2026, agency.unit).status == "ok"
    _plan(world, title="第二次")
    _plan(world, title="第三次")
    count = selectors.inspection_year_count(agency, 2026, agency.unit)
    assert count.status == "above" and count.expected == "1–2 次"


def test_a_campaign_collects_problems_into_the_ledger_and_ends_with_a_summary(world):
    """R-SUP-5: at least one a year."""
    agency = world.agency
    assert selectors.campaign_year_count(agency, 2026, agency.unit).status == "below"
    campaign = ins.campaign_launch(actor=agency, title="2026年行政执法领域突出问题专项整治", year=2026,
                                   focus=["not_standard", "not_civil"], description="整治方案", starts_on=date(2026, 4, 1),
                                   ends_on=date(2026, 9, 30))
    assert campaign.focus_labels() == ["执法不规范", "执法不文明"]
    assert selectors.campaign_year_count(agency, 2026, agency.unit).status == "ok"
    item = ins.campaign_add_problem(campaign=campaign, actor=agency, unit=world.unit("hrz"), problem="执法着装不规范")
    assert item.source_type == "campaign" and item.unit == world.unit("hrz")
    ins.campaign_conclude(campaign=campaign, actor=agency, summary="共发现问题 1 个")
    with pytest.raises(Conflict):
        ins.campaign_add_problem(campaign=campaign, actor=agency, unit=world.unit("hrz"), problem="结束后再登记")
    with pytest.raises(InvalidInput):
        ins.campaign_launch(actor=agency, title="t", year=2026, focus=["whatever"], description="d",
                            starts_on=date(2026, 4, 1), ends_on=date(2026, 5, 1))
