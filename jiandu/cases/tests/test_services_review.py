"""R-CAS-4/5 against the real database: who may review, the checks stored with the opinion, a fine
outside its benchmark tier flagged at review."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.cases import services
from jiandu.cases.models import Case, LegalReview
from jiandu.cases.tests import factories as f
from jiandu.core.errors import Conflict, InvalidInput, NotFound
from jiandu.core.models import AuditEvent

OPINION = "经审核，本案事实清楚，证据确凿，适用依据正确，程序合法，同意按拟处理意见作出决定。"


def pending(case) -> LegalReview:
    return case.legal_reviews.get(status=LegalReview.Status.PENDING)


def record(actor, case, conclusion="approved", on=date(2026, 9, 11), opinion=OPINION):
    return services.legal_review_record(actor=actor, review=pending(case), conclusion=conclusion, opinion=opinion, reviewed_on=on)


def test_an_eligible_reviewer_records_the_opinion_with_the_automatic_checks(world):
    """R-CAS-4/5: the opinion, who gave it, and every check with its reason are stored together."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case)
    review = record(world.scjg_legal, case)
    assert review.status == "done" and review.reviewer == world.scjg_legal
    assert review.reviewer_staff.legal_body.unit == world.unit("scjg")
    codes = [c["code"] for c in review.checks]
    assert codes == ["benchmark", "four_lists", "limitation", "hearing_rights", "procedure"]
    assert all(c["reason"] for c in review.checks)
    event = AuditEvent.objects.filter(action="case.legal_review", object_id=str(case.pk)).get()
    assert event.legal_basis == "《行政处罚法》第五十八条"


def test_a_written_opinion_is_required(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case)
    with pytest.raises(InvalidInput) as exc:
        record(world.scjg_legal, case, opinion="  ")
    assert "书面审核意见" in exc.value.details["opinion"]


def test_an_investigator_of_the_case_may_not_review_it(world):
    """R-CAS-4: the reviewer is not an investigator of this case."""
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, officers=f.pair(unit, with_user=world.scjg_legal))
    f.walk_to_review(world.scjg_legal, case)
    with pytest.raises(Conflict) as exc:
        record(world.scjg_legal, case)
    assert exc.value.code == "reviewer_not_eligible" and "参与了本案调查" in exc.value.message


def test_a_first_time_reviewer_without_the_legal_qualification_is_refused_and_an_experienced_one_is_not(world):
    """art. 58: first-time = no earlier opinion on the platform. 黄涛 (葛店镇司法所) holds no 法律职业资格."""
    unit = world.unit("gdz")
    case = f.file_case(world.gdz_legal, unit)
    f.walk_to_review(world.gdz_legal, case)
    with pytest.raises(Conflict) as exc:
        record(world.gdz_legal, case)
    assert "法律职业资格" in exc.value.message
    earlier = f.file_case(world.gdz_legal, unit)
    LegalReview.objects.create(case=earlier, status="done", requested_on=date(2025, 1, 1), requested_by=world.gdz_legal,
                               reviewer=world.gdz_legal, conclusion="approved", opinion="同意。", reviewed_on=date(2025, 1, 2))
    assert record(world.gdz_legal, case).status == "done"


def test_a_legal_officer_outside_the_reviewing_body_is_refused_and_another_unit_sees_nothing(world):
    """R-CAS-4: the reviewer belongs to the unit's legal body; another unit answers NotFound."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case)
    with pytest.raises(Conflict) as exc:
        record(world.agency, case)  # the agency sees the case but scjg's own body holds the review duty
    assert "法制审核机构" in exc.value.message
    with pytest.raises(NotFound):
        record(world.cgj_legal, case)
    with pytest.raises(Exception) as exc:
        record(world.scjg_officer, case)
    assert getattr(exc.value, "status", None) == 403


def test_returning_for_revision_sends_the_case_back_and_a_new_submission_is_a_new_review(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case)
    record(world.scjg_legal, case, conclusion="revise", opinion="证据不足，请补充当事人进货票据。")
    case.refresh_from_db()
    assert case.status == "investigating"
    assert case.steps.filter(action="return_for_revision").exists()
    with pytest.raises(Conflict):
        services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 12),
                           outcome="penalized", penalties=["fine"], fine_amount="5000")
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 12))
    services.case_step(actor=world.scjg_legal, case=case, action="submit_review", occurred_on=date(2026, 9, 12),
                       proposed_penalties=["fine"], proposed_fine="4000")
    assert case.legal_reviews.count() == 2
    record(world.scjg_legal, case, on=date(2026, 9, 13))
    case = services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 14),
                              outcome="penalized", penalties=["fine"], fine_amount="4000")
    assert case.status == "decided"


def test_a_rejected_review_blocks_the_decision(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case)
    record(world.scjg_legal, case, conclusion="rejected", opinion="违法事实不清，不同意处罚。")
    assert Case.objects.get(pk=case.pk).status == "investigating"


def published_standards(world):
    """The 区市场监管局's published item list, benchmark (SC-002: 一般 1,000–5,000 元 + 警告) and
    no-penalty list (SC-003), made through the standards services."""
    from jiandu.standards.models import EnforcementItem
    from jiandu.standards.tests.helpers import publish_benchmark, publish_four_list, publish_list

    unit = world.unit("scjg")
    publish_list(unit, world.scjg_legal)
    publish_benchmark(unit, world.scjg_legal, code="SC-002")
    publish_four_list(unit, world.scjg_legal, code="SC-003", kind="no_penalty")
    return {code: EnforcementItem.objects.get(item_list__unit=unit, item_list__status="published", code=code)
            for code in ("SC-002", "SC-003")}


def test_a_fine_outside_the_benchmark_tier_is_flagged_at_review(world):
    """R-CAS-5 / R-STD-6 (must hold 2) with the published benchmark: the outcome is stored with the
    opinion, the review and the case are flagged, the requester is told."""
    from jiandu.core.models import Notification

    items = published_standards(world)
    case = f.file_case(world.scjg_legal, world.unit("scjg"), item=items["SC-002"], title="发布虚假广告案")
    f.walk_to_review(world.scjg_legal, case, fine="8000", penalties=("warning", "fine"), circumstance="一般")
    review = record(world.scjg_legal, case)
    check = next(c for c in review.checks if c["code"] == "benchmark")
    assert check["level"] == "fail" and "8,000" in check["reason"] and "1,000–5,000" in check["reason"]
    assert review.outside_benchmark is True
    assert Case.objects.get(pk=case.pk).benchmark_flag is True
    assert Notification.objects.filter(recipient=world.scjg_legal, title__contains="法制审核意见").exists()


def test_a_fine_within_the_tier_is_not_flagged_and_a_penalty_the_tier_does_not_allow_is(world):
    items = published_standards(world)
    case = f.file_case(world.scjg_legal, world.unit("scjg"), item=items["SC-002"])
    f.walk_to_review(world.scjg_legal, case, fine="3000", penalties=("warning", "fine"), circumstance="一般")
    review = record(world.scjg_legal, case)
    check = next(c for c in review.checks if c["code"] == "benchmark")
    assert check["level"] == "ok" and "一般" in check["reason"]
    assert review.outside_benchmark is False and Case.objects.get(pk=case.pk).benchmark_flag is False
    other = f.file_case(world.scjg_legal, world.unit("scjg"), item=items["SC-002"])
    f.walk_to_review(world.scjg_legal, other, fine="3000", penalties=("revoke_licence", "fine"), circumstance="一般")
    assert record(world.scjg_legal, other).outside_benchmark is True


def test_an_item_without_a_published_benchmark_asks_for_a_manual_check(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case)
    check = next(c for c in record(world.scjg_legal, case).checks if c["code"] == "benchmark")
    assert check["level"] == "warn" and "未发布裁量基准" in check["reason"]


def test_an_item_on_the_no_penalty_list_is_pointed_out_at_review(world):
    """R-CAS-5 four-lists match: the item is on the 不予处罚 list, with its conditions."""
    items = published_standards(world)
    case = f.file_case(world.scjg_legal, world.unit("scjg"), item=items["SC-003"], title="未按时公示年度报告案")
    f.walk_to_review(world.scjg_legal, case, fine="1000")
    check = next(c for c in record(world.scjg_legal, case).checks if c["code"] == "four_lists")
    assert check["level"] == "warn"
    assert "不予处罚清单" in check["reason"] and "首次未按时公示年度报告" in check["reason"]


def test_a_large_fine_without_hearing_rights_notice_fails_its_check(world):
    """R-CAS-5: the hearing threshold is the per-jurisdiction parameter."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case, fine="150000")
    review = record(world.scjg_legal, case)
    check = next(c for c in review.checks if c["code"] == "hearing_rights")
    assert check["level"] == "fail" and "100,000" in check["reason"]


def test_the_hearing_threshold_set_for_a_unit_applies_to_its_cases(world):
    from jiandu.core.models import PolicyParameter

    PolicyParameter.objects.create(key="cases.hearing.fine_threshold_organisation", jurisdiction=world.unit("scjg"),
                                   effective_from=date(2021, 7, 15), value=50000, label="听证", legal_reference="湖北省规定（测试）")
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case, fine="60000")
    check = next(c for c in record(world.scjg_legal, case).checks if c["code"] == "hearing_rights")
    assert check["level"] == "fail" and "50,000" in check["reason"]


def test_a_case_past_its_limitation_period_fails_the_check_and_cannot_be_penalized(world):
    """art. 36: discovered more than 2 years after the violation ended."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"), violation_ended_on=date(2024, 6, 1), discovered_on=date(2026, 8, 1))
    f.walk_to_review(world.scjg_legal, case)
    review = record(world.scjg_legal, case)
    assert next(c for c in review.checks if c["code"] == "limitation")["level"] == "fail"
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 12),
                           outcome="penalized", penalties=["fine"], fine_amount="5000")
    assert exc.value.code == "limitation_expired"
    case = services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 12), outcome="no_penalty")
    assert case.outcome == "no_penalty"


def test_the_illegal_gain_given_when_submitting_for_review_is_what_a_gain_multiple_tier_is_checked_against(world):
    """R-CAS-5 / R-STD-6: the 严重 tier is 3–5 times the illegal gain (floor 200,000 元). The gain is
    recorded with the submission (page and API field ``illegal_gain``), so a fine of 400,000 元 on a
    gain of 100,000 元 passes, while the same fine without a recorded gain is flagged for review."""
    items = published_standards(world)
    checked = {}
    for gain in ("100000", None):
        case = f.file_case(world.scjg_legal, world.unit("scjg"), item=items["SC-002"], title="发布虚假广告案")
        services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 9, 10))
        services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 10))
        services.case_step(actor=world.scjg_legal, case=case, action="submit_review", occurred_on=date(2026, 9, 10),
                           proposed_penalties=["fine"], proposed_fine="400000", circumstance="严重",
                           **({"illegal_gain": gain} if gain else {}))
        checked[gain] = record(world.scjg_legal, case)
    assert Case.objects.get(pk=checked["100000"].case_id).illegal_gain == 100000
    assert checked["100000"].outside_benchmark is False
    assert checked[None].outside_benchmark is True
    event = AuditEvent.objects.filter(action="case.submit_review", object_id=str(checked["100000"].case_id)).get()
    assert event.after["illegal_gain"] in ("100000.00", 100000, "100000")


def test_a_negative_goods_value_is_refused_with_its_field_named(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 9, 10))
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 10))
    with pytest.raises(InvalidInput) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="submit_review", occurred_on=date(2026, 9, 10),
                           proposed_penalties=["fine"], proposed_fine="4000", goods_value="-1")
    assert exc.value.details == {"goods_value": "涉案货值不能为负数。"}
    assert not case.legal_reviews.exists()
