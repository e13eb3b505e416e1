"""Pure rules of four lists (R-STD-5), venues (R-STD-7), advisor coverage (R-STD-3) and workflows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.core.errors import Conflict
from jiandu.standards.rules import advisors, four_lists, venues
from jiandu.standards.rules.workflow import EXEMPTION_TRANSITIONS, VERSION_TRANSITIONS, transition

EXCLUDED = ["安全生产", "食品药品安全", "生态环保", "卫生防疫"]


# --- four lists ------------------------------------------------------------------------------------

@pytest.mark.parametrize("domains, expected", [
    (["食品药品安全"], "食品药品安全"),
    (["市场监管", "生态环保"], "生态环保"),       # the unit's domain counts as well as the item's
    (["生态环保执法"], "生态环保"),              # a domain naming an excluded one falls in it
    (["  安全生产 "], "安全生产"),
    (["市场监管", "城市管理"], None),
    (["", None], None),                          # blank domains never match
    ([], None),
])
def test_excluded_domain_is_found_in_any_of_the_domains(domains, expected):
    assert four_lists.excluded_domain(domains, EXCLUDED) == expected


def test_the_excluded_domains_are_whatever_the_parameter_says():
    assert four_lists.excluded_domain(["市场监管"], ["市场监管"]) == "市场监管"
    assert four_lists.excluded_domain(["生态环保"], []) is None


def test_the_refusal_names_the_item_the_domain_and_the_plan():
    message = four_lists.excluded_domain_message(item_name="对超标排污的处罚", domain="生态环保",
                                                 legal_reference="华容区实施方案 §二(三)5")
    assert "对超标排污的处罚" in message and "生态环保" in message and "§二(三)5" in message


@pytest.mark.parametrize("entry_kind", ["no_penalty", "lighter_penalty", "mitigated_penalty"])
def test_penalty_lists_take_only_penalty_items(entry_kind):
    assert four_lists.kind_fits(entry_kind, "penalty") is None
    for other in ("coercion", "licensing", "inspection"):
        assert four_lists.kind_fits(entry_kind, other) == "不予、从轻、减轻处罚清单只能列入行政处罚事项。"


def test_the_coercion_exempt_list_takes_only_coercion_items():
    assert four_lists.kind_fits("coercion_exempt", "coercion") is None
    assert four_lists.kind_fits("coercion_exempt", "penalty") == "免予行政强制清单只能列入行政强制事项。"


# --- venues ----------------------------------------------------------------------------------------

ALL = {key: True for key, _ in venues.FEATURES}


def test_a_room_with_all_six_haves_lacks_nothing():
    assert venues.venue_missing(ALL, floor=3, window_guard_min_floor=2) == []


@pytest.mark.parametrize("floor, required", [(-1, False), (1, False), (2, True), (5, True)])
def test_the_window_guard_is_only_required_from_the_threshold_floor(floor, required):
    no_guard = {**ALL, "window_guard": False}
    assert (venues.venue_missing(no_guard, floor=floor, window_guard_min_floor=2) == ["窗户防护栏"]) is required


def test_the_window_guard_threshold_is_a_parameter():
    no_guard = {**ALL, "window_guard": False}
    assert venues.venue_missing(no_guard, floor=2, window_guard_min_floor=3) == []


def test_missing_features_are_listed_in_the_plans_order():
    assert venues.venue_missing({}, floor=1, window_guard_min_floor=2) == ["专用房间", "配套桌椅", "音视频监控", "电脑打印设备", "专用席卡"]


def test_a_combined_room_serves_as_both_interrogation_and_hearing_room():
    result = venues.unit_compliance([venues.RoomFacts("询问听证室", "combined", ())])
    assert result.compliant and result.has_interrogation and result.has_hearing


def test_a_unit_without_a_hearing_room_does_not_comply():
    result = venues.unit_compliance([venues.RoomFacts("询问室", "interrogation", ())])
    assert not result.compliant and result.problems == ["未设听证室"]


def test_a_unit_without_any_room_is_told_both_are_missing():
    assert venues.unit_compliance([]).problems == ["未设询问室", "未设听证室"]


def test_every_room_in_use_must_meet_the_standard():
    rooms = [venues.RoomFacts("一号询问室", "interrogation", ()), venues.RoomFacts("二号询问室", "interrogation", ("音视频监控",)),
             venues.RoomFacts("听证室", "hearing", ())]
    result = venues.unit_compliance(rooms)
    assert not result.compliant and result.problems == ["询问室“二号询问室”缺少：音视频监控"]


# --- advisor coverage -------------------------------------------------------------------------------

TODAY = date(2026, 6, 15)


def cover(contracts, *, advisors_=1, warning=30):
    return advisors.coverage(advisor_count=advisors_, contracts=contracts, today=TODAY, warning_days=warning)


def test_a_unit_without_advisors_is_flagged():
    c = cover([], advisors_=0)
    assert c.status == advisors.NO_ADVISOR and c.flagged and c.label == "未聘请法律顾问"


def test_an_advisor_without_a_contract_is_flagged():
    assert cover([]).status == advisors.NO_CONTRACT


def test_a_contract_that_ended_yesterday_is_expired_and_flagged():
    c = cover([(date(2025, 6, 15), TODAY - timedelta(days=1))])
    assert (c.status, c.ends_on, c.flagged) == (advisors.EXPIRED, TODAY - timedelta(days=1), True)


def test_a_contract_is_in_force_on_its_first_and_last_day():
    assert not cover([(TODAY, TODAY + timedelta(days=400))]).flagged
    assert cover([(date(2025, 1, 1), TODAY)]).status == advisors.EXPIRING


def test_a_contract_not_yet_started_gives_no_cover_today():
    c = cover([(TODAY + timedelta(days=1), TODAY + timedelta(days=366))])
    assert c.status == advisors.NOT_STARTED and c.flagged


@pytest.mark.parametrize("days_left, status", [(30, advisors.EXPIRING), (31, advisors.OK), (0, advisors.EXPIRING)])
def test_a_contract_ending_within_the_warning_period_is_expiring(days_left, status):
    assert cover([(date(2025, 1, 1), TODAY + timedelta(days=days_left))]).status == status


def test_a_renewal_starting_the_next_day_continues_the_cover():
    ends = TODAY + timedelta(days=10)
    c = cover([(date(2025, 1, 1), ends), (ends + timedelta(days=1), ends + timedelta(days=365))])
    assert c.status == advisors.OK and c.ends_on == ends + timedelta(days=365)


def test_a_renewal_after_a_gap_does_not_continue_the_cover():
    ends = TODAY + timedelta(days=10)
    assert cover([(date(2025, 1, 1), ends), (ends + timedelta(days=5), ends + timedelta(days=365))]).status == advisors.EXPIRING


@given(st.lists(st.tuples(st.integers(-800, 800), st.integers(0, 800)), max_size=6))
def test_a_unit_is_flagged_exactly_when_no_contract_is_in_force_today(spans):
    contracts = [(TODAY + timedelta(days=s), TODAY + timedelta(days=s + length)) for s, length in spans]
    in_force = any(start <= TODAY <= end for start, end in contracts)
    assert cover(contracts).flagged is (not in_force)


# --- workflows -------------------------------------------------------------------------------------

def test_legal_exemption_transitions_name_the_permission():
    assert transition(EXEMPTION_TRANSITIONS, "pending", "approve", what="x") == ("approved", "standards.decide_exemption")
    assert transition(EXEMPTION_TRANSITIONS, "pending", "withdraw", what="x") == ("withdrawn", "standards.manage")


@pytest.mark.parametrize("state", ["approved", "rejected", "withdrawn"])
@pytest.mark.parametrize("action", ["approve", "reject", "withdraw"])
def test_a_decided_exemption_cannot_change_again(state, action):
    with pytest.raises(Conflict) as err:
        transition(EXEMPTION_TRANSITIONS, state, action, what="该免责申请")
    assert err.value.code == "invalid_transition" and "不能执行此操作" in err.value.message


@pytest.mark.parametrize("state", ["published", "superseded"])
@pytest.mark.parametrize("action", ["edit", "publish", "discard"])
def test_a_published_or_superseded_version_is_frozen(state, action):
    with pytest.raises(Conflict):
        transition(VERSION_TRANSITIONS, state, action, what="事项清单第1版")


def test_only_a_draft_can_be_edited_published_or_discarded():
    for action in ("edit", "publish", "discard"):
        assert transition(VERSION_TRANSITIONS, "draft", action, what="x")[0] in ("draft", "published", "discarded")
