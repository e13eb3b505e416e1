"""R-CAS-1…4 against the real database: filing, officers, the steps of each kind, the legal review
gate, hearings and pauses that move deadlines."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from jiandu.cases import services
from jiandu.cases.models import Case, CaseDeadline, CasePause, CaseStep, Disclosure, LegalReview
from jiandu.cases.tests import factories as f
from jiandu.core.errors import Conflict, InvalidInput, NotFound
from jiandu.core.models import AuditEvent


def approve(world, case, on=date(2026, 9, 11)):
    review = case.legal_reviews.get(status=LegalReview.Status.PENDING)
    return services.legal_review_record(actor=world.scjg_legal, review=review, conclusion="approved",
                                        opinion="事实清楚，证据确凿，适用依据正确，程序合法，同意。", reviewed_on=on)


def test_filing_a_case_numbers_it_and_opens_the_90_day_decision_deadline(world):
    """R-CAS-1/2: number, party, officers, the art. 60 deadline and the audited filing."""
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit)
    assert case.status == "filed" and case.number.startswith("华市监罚案〔2026〕")
    assert case.parties.get().name == f.COMPANY["name"]
    assert case.assignments.count() == 2 and case.assignments.filter(role="lead").count() == 1
    deadline = case.deadlines.get(kind=CaseDeadline.Kind.DECISION)
    assert deadline.due_on == date(2026, 9, 1) + timedelta(days=90)
    assert "第六十条" in deadline.legal_reference
    assert case.next_due_on == deadline.due_on
    assert CaseStep.objects.get(case=case).action == "file"
    assert AuditEvent.objects.filter(action="case.create", object_id=str(case.pk)).exists()


def test_a_case_must_use_an_item_of_the_units_published_list_of_the_same_kind(world):
    unit, other = world.unit("scjg"), world.unit("cgj")
    with pytest.raises(InvalidInput) as exc:
        f.file_case(world.scjg_legal, unit, item=f.item_for(other))
    assert "已公布的行政执法事项清单" in exc.value.details["item"]
    with pytest.raises(InvalidInput) as exc:
        f.file_case(world.scjg_legal, unit, item=f.item_for(unit, "licensing"))
    assert "不一致" in exc.value.details["item"]


def test_only_penalties_may_use_simple_procedure(world):
    unit = world.unit("scjg")
    with pytest.raises(InvalidInput) as exc:
        f.file_case(world.scjg_legal, unit, kind="licensing", procedure="simple")
    assert "简易程序" in exc.value.details["procedure"]


def test_a_general_case_needs_two_certified_officers_and_a_simple_one_may_have_one(world):
    """R-CAS-3, art. 42 / art. 52 (parameters cases.officers.min_general / min_simple)."""
    unit = world.unit("scjg")
    one = [f.officer(unit, "王一")]
    with pytest.raises(InvalidInput) as exc:
        f.file_case(world.scjg_legal, unit, officers=one)
    assert exc.value.code == "too_few_officers"
    case = f.file_case(world.scjg_legal, unit, officers=one, procedure="simple")
    assert case.procedure == "simple"


def test_an_officer_with_a_suspended_or_revoked_certificate_cannot_be_assigned(world):
    """R-CAS-3."""
    unit = world.unit("scjg")
    suspended = f.officer(unit, "赵暂扣", status="suspended", changed_on=date(2026, 5, 1))
    revoked = f.officer(unit, "钱收回", status="revoked", changed_on=date(2026, 5, 1))
    with pytest.raises(InvalidInput) as exc:
        f.file_case(world.scjg_legal, unit, officers=[f.officer(unit, "孙有效"), suspended])
    assert exc.value.code == "officer_not_certified" and "暂扣" in str(exc.value.details)
    case = f.file_case(world.scjg_legal, unit)
    with pytest.raises(InvalidInput) as exc:
        services.case_assign_officer(actor=world.scjg_legal, case=case, officer=revoked, assigned_on=date(2026, 9, 2))
    assert "收回" in str(exc.value.details)
    auxiliary = f.officer(unit, "李辅助", category="auxiliary")
    with pytest.raises(InvalidInput):
        services.case_assign_officer(actor=world.scjg_legal, case=case, officer=auxiliary, assigned_on=date(2026, 9, 2))


def test_a_unit_cannot_file_or_touch_another_units_case(world):
    """R-ORG-5: out of scope is NotFound, like a missing case."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    with pytest.raises(NotFound):
        f.file_case(world.hrz_legal, world.unit("scjg"))
    with pytest.raises(NotFound):
        services.case_step(actor=world.hrz_legal, case=case, action="investigate", occurred_on=date(2026, 9, 2))


def test_an_officer_files_for_their_own_unit_and_records_steps_only_on_their_own_cases(world):
    unit = world.unit("scjg")
    me = world.scjg_officer
    mine = f.file_case(me, unit, officers=f.pair(unit, with_user=me))
    services.case_step(actor=me, case=mine, action="investigate", occurred_on=date(2026, 9, 2))
    other = f.file_case(world.scjg_legal, unit)
    with pytest.raises(NotFound):
        services.case_step(actor=me, case=other, action="investigate", occurred_on=date(2026, 9, 2))
    with pytest.raises(NotFound):
        f.file_case(me, world.unit("cgj"))


def test_every_enforcement_step_checks_the_officers_certificates_on_the_steps_date(world):
    """R-CAS-3: valid on the date of the step, replayed from the certificate's history."""
    unit = world.unit("scjg")
    officers = f.pair(unit)
    case = f.file_case(world.scjg_legal, unit, officers=officers)
    f.suspend(officers[1], date(2026, 9, 5))
    services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 9, 4))
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 6))
    assert exc.value.code == "officers_not_valid" and "暂扣" in exc.value.message


def test_an_illegal_move_is_refused_with_the_moves_allowed_now(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="serve", occurred_on=date(2026, 9, 2))
    assert exc.value.code == "transition_refused" and "调查取证" in exc.value.message


def test_steps_cannot_be_dated_in_the_future_or_before_the_previous_step(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    with pytest.raises(InvalidInput):
        services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 8, 30))
    with pytest.raises(InvalidInput):
        services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date.today() + timedelta(days=3))


def test_a_general_procedure_penalty_decision_without_a_legal_review_opinion_is_refused(world):
    """R-CAS-4 (must hold 2): no written opinion, no decision — even straight after the notice."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 9, 2))
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 3))
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 4),
                           outcome="penalized", penalties=["fine"], fine_amount="5000")
    assert exc.value.code == "legal_review_required"
    assert "法制审核" in exc.value.message
    services.case_step(actor=world.scjg_legal, case=case, action="submit_review", occurred_on=date(2026, 9, 4),
                       proposed_penalties=["fine"], proposed_fine="5000")
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 5),
                           outcome="penalized", penalties=["fine"], fine_amount="5000")
    assert exc.value.code == "legal_review_required"  # submitted but no opinion yet
    assert Case.objects.get(pk=case.pk).decided_on is None


def test_a_simple_procedure_penalty_is_decided_on_the_spot_without_review(world):
    """R-CAS-4 (must hold 2): simple procedure is accepted without a review."""
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, procedure="simple", officers=[f.officer(unit, "单人")], party=f.PERSON)
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 1))
    case = services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 1),
                              outcome="penalized", penalties=["fine"], fine_amount="200")
    assert case.status == "decided" and case.fine_amount == Decimal("200.00")
    assert not Disclosure.objects.filter(case=case).exists()  # simple procedure is not disclosed (parameter)


def test_a_simple_procedure_fine_above_the_limit_is_refused(world):
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, procedure="simple", officers=[f.officer(unit, "单人")], party=f.PERSON)
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 1))
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 1),
                           outcome="penalized", penalties=["fine"], fine_amount="201")
    assert exc.value.code == "simple_procedure_not_allowed"


def test_the_whole_general_penalty_walks_to_closing_with_its_deadlines(world):
    """R-CAS-2: decision → service (7 working days, across 国庆) → payment (15 days) → late fee at closing."""
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit)
    f.walk_to_review(world.scjg_legal, case)
    approve(world, case)
    case = services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 30),
                              outcome="penalized", penalties=["fine", "confiscate_gain"], fine_amount="5000",
                              confiscated_amount="1200", decision_text="罚款5000元，没收违法所得1200元。")
    assert case.decision_number.startswith("华市监罚决〔2026〕")
    assert case.deadlines.get(kind="decision").status == "done"
    assert case.deadlines.get(kind="service").due_on == date(2026, 10, 15)
    disclosure = Disclosure.objects.get(case=case)
    assert disclosure.status == "pending" and disclosure.due_on == date(2026, 10, 15)
    case = services.case_step(actor=world.scjg_legal, case=case, action="serve", occurred_on=date(2026, 10, 9))
    assert case.deadlines.get(kind="service").status == "done"
    assert case.deadlines.get(kind="payment").due_on == date(2026, 10, 24)
    case = services.case_step(actor=world.scjg_legal, case=case, action="execute", occurred_on=date(2026, 10, 20))
    case = services.case_step(actor=world.scjg_legal, case=case, action="close", occurred_on=date(2026, 10, 27),
                              paid_on=date(2026, 10, 26))
    assert case.status == "closed" and case.closed_on == date(2026, 10, 27)
    step = case.steps.get(action="close")
    assert Decimal(step.data["late_fee"]) == Decimal("300.00")  # 2 days × 3% × 5000
    assert not case.deadlines.filter(status__in=CaseDeadline.ACTIVE).exclude(kind="disclosure").exists()


def test_after_the_hearing_rights_notice_no_decision_inside_the_5_working_day_window(world):
    """art. 64(1): the party has 5 working days (across 国庆 here) to ask for a hearing."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 9, 20))
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 29),
                       hearing_rights_notified=True)
    window = case.deadlines.get(kind="hearing_request")
    assert window.due_on == date(2026, 10, 12)  # Sep 30, Oct 8, 9, the make-up Saturday Oct 10, Oct 12
    services.case_step(actor=world.scjg_legal, case=case, action="submit_review", occurred_on=date(2026, 9, 30),
                       proposed_penalties=["fine"], proposed_fine="150000")
    approve(world, case, on=date(2026, 10, 8))
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 10, 12),
                           outcome="penalized", penalties=["fine"], fine_amount="150000")
    assert exc.value.code == "hearing_window_open"
    case = services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 10, 13),
                              outcome="penalized", penalties=["fine"], fine_amount="150000")
    assert case.status == "decided"


def test_a_hearing_pauses_the_decision_deadline_and_must_be_noticed_7_working_days_ahead(world):
    """art. 64(2) and the pause: the days from the request to the hearing are not counted."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"), filed_on=date(2026, 8, 3))
    services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 8, 10))
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 21),
                       hearing_rights_notified=True)
    decision = case.deadlines.get(kind="decision")
    assert decision.due_on == date(2026, 11, 1)
    with pytest.raises(InvalidInput) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="request_hearing", occurred_on=date(2026, 9, 24),
                           hearing_notice_on=date(2026, 9, 25), hearing_on=date(2026, 10, 9))
    assert "2026年10月12日" in exc.value.details["hearing_on"]  # 7 working days after Sep 25 across 国庆
    services.case_step(actor=world.scjg_legal, case=case, action="request_hearing", occurred_on=date(2026, 9, 24),
                       hearing_notice_on=date(2026, 9, 25), hearing_on=date(2026, 10, 12))
    decision.refresh_from_db()
    assert decision.due_on is None and decision.note == "期限中止计算中"  # the clock is stopped
    assert case.deadlines.get(kind="hearing_request").status == "done"
    services.case_step(actor=world.scjg_legal, case=case, action="submit_review", occurred_on=date(2026, 10, 13),
                       hearing_held_on=date(2026, 10, 12), proposed_penalties=["fine"], proposed_fine="150000")
    decision.refresh_from_db()
    pause = CasePause.objects.get(case=case)
    assert (pause.started_on, pause.ended_on) == (date(2026, 9, 24), date(2026, 10, 12))
    assert decision.due_on == date(2026, 11, 1) + timedelta(days=19)  # Sep 24 … Oct 12 inclusive


def test_a_testing_pause_extends_the_licensing_deadline_across_national_day(world):
    """行政许可法 art. 42/45: 20 working days, testing time excluded."""
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, kind="licensing", filed_on=date(2026, 9, 21), party=f.COMPANY)
    deadline = case.deadlines.get(kind="licensing_decision")
    assert deadline.due_on == date(2026, 10, 26)
    pause = services.case_pause_start(actor=world.scjg_legal, case=case, reason="testing", started_on=date(2026, 9, 28))
    deadline.refresh_from_db()
    assert deadline.due_on is None
    with pytest.raises(Conflict):
        services.case_pause_start(actor=world.scjg_legal, case=case, reason="appraisal", started_on=date(2026, 9, 29))
    services.case_pause_end(actor=world.scjg_legal, pause=pause, ended_on=date(2026, 10, 9))
    deadline.refresh_from_db()
    assert deadline.due_on == date(2026, 11, 2)


def test_a_deadline_is_extended_once_with_approval(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    with pytest.raises(InvalidInput):
        services.case_step(actor=world.scjg_legal, case=case, action="extend", occurred_on=date(2026, 9, 2))
    services.case_step(actor=world.scjg_legal, case=case, action="extend", occurred_on=date(2026, 9, 2),
                       approval="局长王某某批准（华市监延〔2026〕3号）")
    assert case.deadlines.get(kind="decision").due_on == date(2026, 9, 1) + timedelta(days=120)
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="extend", occurred_on=date(2026, 9, 3), approval="再次")
    assert exc.value.code == "already_extended"


def test_an_officer_cannot_extend_or_terminate_only_the_unit_can(world):
    unit = world.unit("scjg")
    me = world.scjg_officer
    case = f.file_case(me, unit, officers=f.pair(unit, with_user=me))
    with pytest.raises(Exception) as exc:
        services.case_step(actor=me, case=case, action="terminate", occurred_on=date(2026, 9, 2), reason="撤案")
    assert getattr(exc.value, "status", None) == 403
    services.case_step(actor=world.scjg_legal, case=case, action="terminate", occurred_on=date(2026, 9, 2),
                       reason="违法事实不能成立")
    case.refresh_from_db()
    assert case.status == "terminated" and case.outcome == "terminated"
    assert not case.deadlines.filter(status__in=CaseDeadline.ACTIVE).exists()


def test_coercion_runs_a_30_day_term_extended_once_and_paused_for_testing(world):
    """行政强制法 art. 25."""
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, kind="coercion", filed_on=date(2026, 9, 1))
    services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 9, 1))
    services.case_step(actor=world.scjg_legal, case=case, action="submit_review", occurred_on=date(2026, 9, 2))
    approve(world, case, on=date(2026, 9, 2))
    services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 3), outcome="coercion_applied")
    term = case.deadlines.get(kind="coercion_term")
    assert term.due_on == date(2026, 10, 3)
    services.case_step(actor=world.scjg_legal, case=case, action="serve", occurred_on=date(2026, 9, 3))
    services.case_step(actor=world.scjg_legal, case=case, action="execute", occurred_on=date(2026, 9, 3))
    services.case_step(actor=world.scjg_legal, case=case, action="extend", occurred_on=date(2026, 9, 20), approval="负责人批准")
    term.refresh_from_db()
    assert term.due_on == date(2026, 11, 2)
    pause = services.case_pause_start(actor=world.scjg_legal, case=case, reason="testing", started_on=date(2026, 9, 21))
    services.case_pause_end(actor=world.scjg_legal, pause=pause, ended_on=date(2026, 9, 30))
    term.refresh_from_db()
    assert term.due_on == date(2026, 11, 12)


def test_inspection_concludes_without_review(world):
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, kind="inspection")
    services.case_step(actor=world.scjg_legal, case=case, action="inspect", occurred_on=date(2026, 9, 2))
    case = services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 3),
                              outcome="rectification_ordered")
    assert case.status == "decided" and case.deadlines.get(kind="inspection").status == "done"
    assert not case.legal_reviews.exists()


def test_a_major_decision_needs_review_whatever_its_kind_and_gets_a_post_evaluation(world):
    """R-CAS-4, R-CAS-8."""
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, kind="licensing", is_major=True)
    services.case_step(actor=world.scjg_legal, case=case, action="examine", occurred_on=date(2026, 9, 2))
    with pytest.raises(Conflict) as exc:
        services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 3), outcome="licensed")
    assert exc.value.code == "legal_review_required" and "重大" in exc.value.message
    services.case_step(actor=world.scjg_legal, case=case, action="submit_review", occurred_on=date(2026, 9, 3))
    approve(world, case, on=date(2026, 9, 4))
    case = services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 4), outcome="licensed")
    assert case.post_evaluation.due_on == date(2026, 9, 4) + timedelta(days=180)
    assert case.deadlines.get(kind="licence_issue").due_on == date(2026, 9, 18)
