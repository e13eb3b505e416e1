"""Risk rules and flags against the real database (R-LNK-3): 以罚代刑 / 有案不移."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from jiandu.core import holidays
from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import Notification
from jiandu.linkage import rules, selectors, services
from jiandu.linkage.models import RiskFlag
from jiandu.linkage.sweeps import sweep
from jiandu.linkage.tests.helpers import attach_package, item, penalty_case

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


def goods_rule(world, **kw):
    item(world.scjg, "SC-101")
    fields = dict(unit=world.scjg, item_code="SC-101", suspected_offence="销售伪劣产品罪",
                  amount_field="goods_value", amount_threshold=Decimal("50000"),
                  legal_reference="《立案追诉标准（一）》第十六条：销售金额五万元以上", effective_from=date(2025, 1, 1))
    fields.update(kw)
    return services.risk_rule_create(actor=world.agency, **fields)


def test_the_sweep_flags_a_case_that_crossed_its_threshold_without_a_transfer(world):
    """R-LNK-3 (must hold 5): a decided penalty case over the threshold and never transferred is flagged once."""
    rule = goods_rule(world)
    crossed = penalty_case(world.scjg, goods_value=Decimal("80000"))
    below = penalty_case(world.scjg, goods_value=Decimal("49999"))
    transferred = penalty_case(world.scjg, goods_value=Decimal("90000"))
    t = services.transfer_propose(actor=world.scjg_legal, case=transferred, suspected_offence="销售伪劣产品罪", grounds="达到标准")
    assert t.pk
    other_item = penalty_case(world.scjg, code="SC-102", goods_value=Decimal("90000"))
    first = sweep(TODAY, holidays.load_calendar())
    second = sweep(TODAY, holidays.load_calendar())
    assert first["risk_flagged"] == 1 and second["risk_flagged"] == 0
    flag = RiskFlag.objects.get()
    assert (flag.case, flag.rule, flag.kind, flag.status) == (crossed, rule, rules.PENALTY_INSTEAD, "open")
    assert "涉案货值" in flag.reasons[0]
    assert not RiskFlag.objects.filter(case__in=[below, transferred, other_item]).exists()
    assert Notification.objects.filter(recipient=world.agency, title__contains=crossed.number).count() == 1
    assert flag in selectors.flags_visible(world.scjg_legal)
    assert flag not in selectors.flags_visible(world.cgj_legal)
    assert flag not in selectors.flags_visible(world.ga_liaison)


def test_a_proposal_the_head_refused_does_not_count_as_a_transfer(world):
    """R-LNK-3: 有案不移 — proposing and then not approving still leaves the case untransferred."""
    goods_rule(world)
    case = penalty_case(world.scjg, goods_value=Decimal("80000"))
    t = services.transfer_propose(actor=world.scjg_legal, case=case, suspected_offence="销售伪劣产品罪", grounds="x")
    services.transfer_act(actor=world.scjg_legal, transfer=t, action="reject", approver_name="王五", reason="不构成")
    assert sweep(TODAY, holidays.load_calendar())["risk_flagged"] == 1


def test_deciding_a_case_raises_its_flag_on_commit_without_waiting_for_the_sweep(world, django_capture_on_commit_callbacks):
    """R-LNK-3: flags are set when a case is decided (post_save receiver, no change to cases)."""
    goods_rule(world)
    case = penalty_case(world.scjg, goods_value=Decimal("60000"), decided_on=None)
    assert not RiskFlag.objects.filter(case=case).exists()
    with django_capture_on_commit_callbacks(execute=True):
        case.decided_on = date(2026, 3, 2)
        case.status = "decided"
        case.outcome = "penalized"
        case.save()
    assert RiskFlag.objects.filter(case=case).count() == 1


def test_a_repeat_offender_is_flagged_by_id_number_within_the_window(world):
    """R-LNK-3: the third penalty within two years for the same item and party."""
    goods_rule(world, amount_field="", amount_threshold=None, repeat_count=2, repeat_window_days=730)
    party = dict(party="葛店某某五金店", id_number="92420703MA4YYYYY2B")
    penalty_case(world.scjg, decided_on=date(2025, 3, 1), **party)
    penalty_case(world.scjg, decided_on=date(2025, 9, 1), **party)
    third = penalty_case(world.scjg, decided_on=date(2026, 4, 1), **party)
    stranger = penalty_case(world.scjg, decided_on=date(2026, 4, 2), party="另一商户", id_number="92420703MA4ZZZZZ3C")
    sweep(TODAY, holidays.load_calendar())
    assert list(RiskFlag.objects.values_list("case", flat=True)) == [third.pk]
    assert stranger.pk not in RiskFlag.objects.values_list("case", flat=True)
    assert "已受行政处罚2次" in RiskFlag.objects.get().reasons[0]


def test_a_quantity_recorded_on_the_case_is_compared_in_the_same_unit_and_evaluated_at_once(world):
    """R-LNK-3: quantity thresholds; recording the quantity re-evaluates the case."""
    goods_rule(world, amount_field="", amount_threshold=None, quantity_threshold=Decimal("100"), quantity_unit="条")
    case = penalty_case(world.scjg)
    services.case_quantity_record(actor=world.scjg_legal, case=case, quantity=Decimal("5"), quantity_unit="箱")
    assert not RiskFlag.objects.filter(case=case).exists()
    services.case_quantity_record(actor=world.scjg_legal, case=case, quantity=Decimal("120"), quantity_unit="条")
    assert RiskFlag.objects.filter(case=case).count() == 1
    with pytest.raises(NotFound):
        services.case_quantity_record(actor=world.cgj_legal, case=case, quantity=1, quantity_unit="条")


def test_reevaluating_on_demand_is_idempotent(world):
    goods_rule(world)
    case = penalty_case(world.scjg, goods_value=Decimal("70000"))
    assert len(services.risk_evaluate_case(actor=world.scjg_legal, case=case)) == 1
    assert services.risk_evaluate_case(actor=world.scjg_legal, case=case) == []
    assert services.risk_evaluate_case(actor=world.agency, case=case) == []


def test_a_rule_applies_only_to_cases_decided_while_it_is_in_force(world):
    goods_rule(world, effective_from=date(2026, 6, 1))
    before = penalty_case(world.scjg, goods_value=Decimal("80000"), decided_on=date(2026, 5, 31))
    after = penalty_case(world.scjg, goods_value=Decimal("80000"), decided_on=date(2026, 6, 1))
    sweep(TODAY, holidays.load_calendar())
    assert set(RiskFlag.objects.values_list("case", flat=True)) == {after.pk}
    assert before.pk not in RiskFlag.objects.values_list("case", flat=True)


def test_only_the_agency_resolves_a_flag_with_a_reason_and_transfer_made_needs_a_transfer(world):
    """R-LNK-3: resolved with a reason (transfer made, or written justification) by the agency."""
    goods_rule(world)
    case = penalty_case(world.scjg, goods_value=Decimal("80000"))
    flag = services.risk_evaluate_case(actor=world.scjg_legal, case=case)[0]
    with pytest.raises(Forbidden):
        services.risk_flag_resolve(actor=world.scjg_legal, flag=flag, resolution="justified", reason="x")
    with pytest.raises(InvalidInput) as exc:
        services.risk_flag_resolve(actor=world.agency, flag=flag, resolution="justified", reason=" ")
    assert "reason" in exc.value.details
    with pytest.raises(Conflict) as exc:
        services.risk_flag_resolve(actor=world.agency, flag=flag, resolution="transfer_made", reason="已移送")
    assert exc.value.code == "flag_no_transfer"
    t = services.transfer_propose(actor=world.scjg_legal, case=case, suspected_offence="销售伪劣产品罪", grounds="补移送")
    services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四")
    flag = services.risk_flag_resolve(actor=world.agency, flag=flag, resolution="transfer_made", reason="已补充移送公安机关")
    assert flag.status == "resolved" and flag.transfer == t and flag.resolved_by == world.agency
    with pytest.raises(Conflict) as exc:
        services.risk_flag_resolve(actor=world.agency, flag=flag, resolution="justified", reason="again")
    assert exc.value.code == "flag_already_resolved"
    with pytest.raises(NotFound):
        services.risk_flag_resolve(actor=world.lzh_agency, flag=flag, resolution="justified", reason="x")


def test_a_rule_needs_a_known_item_and_a_complete_threshold_and_only_the_agency_sets_one(world):
    item(world.scjg, "SC-101")
    with pytest.raises(InvalidInput) as exc:
        services.risk_rule_create(actor=world.agency, unit=world.scjg, item_code="NO-SUCH", suspected_offence="",
                                  legal_reference="", effective_from=date(2026, 1, 1))
    assert {"item_code", "suspected_offence", "legal_reference", "amount_threshold"} <= set(exc.value.details)
    with pytest.raises(Forbidden):
        goods_rule_by = services.risk_rule_create  # noqa: F841 - the unit legal officer may not configure
        services.risk_rule_create(actor=world.scjg_legal, unit=world.scjg, item_code="SC-101", suspected_offence="x",
                                  legal_reference="y", effective_from=date(2026, 1, 1), amount_field="goods_value",
                                  amount_threshold=1)
    rule = goods_rule(world)
    assert rule.item_name == "对销售伪劣产品的处罚" and "≥ 50,000 元" in rule.thresholds_text
    services.risk_rule_deactivate(actor=world.agency, rule=rule, reason="标准已修订")
    with pytest.raises(Conflict):
        services.risk_rule_deactivate(actor=world.agency, rule=rule, reason="again")
    penalty_case(world.scjg, goods_value=Decimal("80000"))
    assert sweep(TODAY, holidays.load_calendar())["risk_flagged"] == 0


def test_a_flag_is_raised_once_even_if_two_evaluations_race(world):
    """R-LNK-3: the (case, rule) unique constraint makes concurrent sweeps harmless."""
    rule = goods_rule(world)
    case = penalty_case(world.scjg, goods_value=Decimal("80000"))
    from jiandu.linkage.services.risk import _raise_flag

    outcome = rules.evaluate(rule.spec(), services.risk.case_facts(case, rule))
    with transaction.atomic():
        assert _raise_flag(case, rule, outcome, actor=None) is not None
        assert _raise_flag(case, rule, outcome, actor=None) is None
    assert RiskFlag.objects.filter(case=case).count() == 1
