"""Transfers against the real database (R-LNK-1, R-LNK-2): the whole walk, the sides, the scope."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import AuditEvent, Notification
from jiandu.linkage import rules, selectors, services
from jiandu.linkage.models import Transfer, TransferDeadline
from jiandu.linkage.sweeps import sweep
from jiandu.linkage.tests.helpers import attach_package, local, penalty_case, upload
from jiandu.core import holidays
from jiandu.organization import services as org_services
from jiandu.organization.models import Unit
from jiandu.organization.roles import Role

pytestmark = pytest.mark.django_db


def propose(world, case=None, at=None, **kw):
    case = case or penalty_case(world.scjg, goods_value=80000)
    return services.transfer_propose(actor=world.scjg_legal, case=case, suspected_offence="销售伪劣产品罪",
                                     grounds="销售金额达到五万元以上，涉嫌犯罪。", proposed_at=at, **kw)


def deadline(transfer, kind) -> TransferDeadline:
    return transfer.deadlines.get(kind=kind)


def test_a_transfer_walks_every_step_with_its_deadline_from_proposal_to_conclusion(world):
    """R-LNK-1, R-LNK-2 (must hold 5): each step records its instant, meets its deadline, opens the next."""
    t = propose(world, at=local(2026, 9, 29, 9))
    assert t.status == rules.PROPOSED
    assert t.police_unit == world.gaj  # the jurisdiction's police by default
    assert t.number.startswith("华市监移〔2026〕")
    # art. 5: 3 days from Sep 29 is Oct 2, a 国庆 holiday → rolls to the first workday after, Oct 8.
    assert timezone.localtime(deadline(t, rules.APPROVAL).due_at) == local(2026, 10, 8, 23, 59) + timedelta(seconds=59)

    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="局长 李四",
                              occurred_at=local(2026, 9, 30, 15))
    assert deadline(t, rules.APPROVAL).status == TransferDeadline.Status.MET
    # art. 8: 24 hours by the clock, although Oct 1 is a holiday.
    assert deadline(t, rules.SEND).due_at == local(2026, 10, 1, 15)

    attach_package(t, world.scjg_legal)
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="send", occurred_at=local(2026, 9, 30, 17))
    assert deadline(t, rules.SEND).status == TransferDeadline.Status.MET
    assert timezone.localtime(deadline(t, rules.POLICE_REVIEW).due_at).date() == date(2026, 10, 8)

    t = services.transfer_act(actor=world.ga_liaison, transfer=t, action="accept", police_reference="华公受〔2026〕88号",
                              occurred_at=local(2026, 10, 8, 9))
    assert t.received_at == local(2026, 10, 8, 9) and t.police_reference == "华公受〔2026〕88号"
    t = services.transfer_act(actor=world.ga_liaison, transfer=t, action="file", occurred_at=local(2026, 10, 9, 9))
    assert deadline(t, rules.POLICE_REVIEW).status == TransferDeadline.Status.LATE  # decided Oct 9, due Oct 8
    # art. 12: hand over within 3 days of filing: Oct 12 (Oct 10 is a make-up workday, Oct 12 a Monday).
    assert timezone.localtime(deadline(t, rules.HAND_OVER).due_at).date() == date(2026, 10, 12)

    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="hand_over", occurred_at=local(2026, 10, 10, 10))
    t = services.transfer_act(actor=world.ga_liaison, transfer=t, action="conclude", reason="已移送审查起诉",
                              occurred_at=local(2026, 11, 2, 10))
    assert t.status == rules.CONCLUDED and t.outcome == "已移送审查起诉" and t.finished_at == local(2026, 11, 2, 10)
    assert t.next_due_at is None and not t.is_overdue
    assert list(t.steps.values_list("action", flat=True)) == ["propose", "approve", "send", "accept", "file", "hand_over", "conclude"]
    kinds = dict(t.deadlines.values_list("kind", "status"))
    assert kinds == {rules.APPROVAL: "met", rules.SEND: "met", rules.POLICE_REVIEW: "late", rules.HAND_OVER: "met"}
    actions = set(AuditEvent.objects.filter(object_type="linkage.transfer", object_id=str(t.pk)).values_list("action", flat=True))
    assert {"linkage.transfer.propose", "linkage.transfer.send", "linkage.transfer.conclude"} <= actions


def test_sending_without_the_art_6_package_is_refused_naming_what_is_missing(world):
    """R-LNK-1: 移送书、调查报告、涉案物品清单 (and 检验报告 when the case was tested)."""
    t = propose(world, has_inspection=True)
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四")
    attach_package(t, world.scjg_legal, kinds=("transfer_letter", "items_list"))
    with pytest.raises(Conflict) as exc:
        services.transfer_act(actor=world.scjg_legal, transfer=t, action="send")
    assert exc.value.code == "transfer_package_incomplete"
    assert exc.value.details["missing"] == ["涉嫌犯罪案件情况的调查报告", "检验报告或者鉴定结论"]
    attach_package(t, world.scjg_legal, kinds=("investigation_report", "inspection_report"))
    assert services.transfer_act(actor=world.scjg_legal, transfer=t, action="send").status == rules.SENT


def test_materials_keep_their_sha256_and_a_tampered_file_is_detected(world):
    """R-LNK-1: each attachment with SHA-256."""
    t = propose(world)
    material = services.transfer_material_add(actor=world.scjg_legal, transfer=t, kind="items_list", title="涉案物品清单",
                                              upload=upload("清单.pdf", b"list of seized cables"))
    import hashlib

    assert material.sha256 == hashlib.sha256(b"list of seized cables").hexdigest()
    assert services.material_verify(material)
    with open(material.file.path, "wb") as fh:
        fh.write(b"altered")
    assert not services.material_verify(material)


def test_each_side_may_only_take_its_own_steps(world):
    """R-LNK-1: the police cannot approve, the unit cannot file, the procuratorate cannot accept."""
    t = propose(world)
    with pytest.raises(Forbidden) as exc:
        services.transfer_act(actor=world.jcy_liaison, transfer=t, action="approve", approver_name="x")
    assert exc.value.code == "transfer_wrong_side"
    with pytest.raises(NotFound):  # the police do not see a transfer before it is sent
        services.transfer_act(actor=world.ga_liaison, transfer=t, action="approve", approver_name="x")
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四")
    attach_package(t, world.scjg_legal)
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="send")
    with pytest.raises(Forbidden) as exc:
        services.transfer_act(actor=world.scjg_legal, transfer=t, action="accept")
    assert exc.value.code == "transfer_wrong_side" and "公安机关" in exc.value.message
    with pytest.raises(Conflict) as exc:
        services.transfer_act(actor=world.ga_liaison, transfer=t, action="file")  # not accepted yet
    assert exc.value.code == "transfer_bad_transition"


def test_negative_decisions_need_their_written_reason_and_the_approval_its_head(world):
    t = propose(world)
    with pytest.raises(InvalidInput) as exc:
        services.transfer_act(actor=world.scjg_legal, transfer=t, action="reject", approver_name="李四")
    assert "reason" in exc.value.details
    with pytest.raises(InvalidInput) as exc:
        services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve")
    assert "approver_name" in exc.value.details
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="reject", approver_name="李四",
                              reason="证据尚不足以证明销售金额")
    assert t.status == rules.NOT_APPROVED and t.is_finished


def test_an_act_cannot_be_dated_in_the_future_or_before_the_previous_step(world):
    t = propose(world, at=local(2026, 6, 1, 9))
    with pytest.raises(InvalidInput) as exc:
        services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四",
                              occurred_at=local(2026, 5, 30, 9))
    assert "occurred_at" in exc.value.details
    with pytest.raises(InvalidInput):
        services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四",
                              occurred_at=timezone.now() + timedelta(days=1))


def test_only_penalty_cases_of_the_actors_own_units_can_be_proposed_once(world):
    """R-LNK-1 scope: another unit's legal officer is told the case does not exist."""
    case = penalty_case(world.scjg, goods_value=80000)
    with pytest.raises(NotFound):
        services.transfer_propose(actor=world.cgj_legal, case=case, suspected_offence="x", grounds="y")
    with pytest.raises(Forbidden):
        services.transfer_propose(actor=world.agency, case=case, suspected_offence="x", grounds="y")
    propose(world, case=case)
    with pytest.raises(Conflict) as exc:
        propose(world, case=case)
    assert exc.value.code == "transfer_exists"
    licensing = penalty_case(world.scjg, kind="licensing")
    with pytest.raises(Conflict) as exc:
        propose(world, case=licensing)
    assert exc.value.code == "transfer_case_kind"
    with pytest.raises(InvalidInput) as exc:
        services.transfer_propose(actor=world.scjg_legal, case=penalty_case(world.scjg), suspected_offence="",
                                  grounds="", police_unit=world.jcy)
    assert set(exc.value.details) == {"suspected_offence", "grounds", "police_unit"}


def _second_police(world):
    unit = org_services.unit_create(actor=None, name="华容区公安分局葛店派出所", code="t-gdpcs",
                                    kind=Unit.Kind.DEPARTMENT, parent=world.hr,
                                    liaison_kind=Unit.LiaisonKind.POLICE)
    user = org_services.user_create(actor=None, username="gd_police", full_name="葛店民警", unit=unit,
                                    roles=[Role.POLICE_LIAISON], password="Test-Pass-2026!")
    return unit, user


def test_a_police_liaison_sees_only_transfers_addressed_to_their_unit(world):
    """R-LNK-1 scope: the queue holds what was sent to their unit, nothing else."""
    other_unit, other_police = _second_police(world)
    mine = propose(world)
    theirs = propose(world, police_unit=other_unit)
    for t in (mine, theirs):
        t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四")
        attach_package(t, world.scjg_legal)
        services.transfer_act(actor=world.scjg_legal, transfer=t, action="send")
    assert set(selectors.transfers_received(world.ga_liaison)) == {mine}
    assert set(selectors.transfers_visible(other_police)) == {theirs}
    with pytest.raises(NotFound):
        selectors.transfer_get(world.ga_liaison, theirs.pk)
    with pytest.raises(NotFound):
        services.transfer_act(actor=world.ga_liaison, transfer=theirs, action="accept")
    assert Notification.objects.filter(recipient=other_police, title__contains=theirs.number).exists()
    assert not Notification.objects.filter(recipient=world.ga_liaison, title__contains=theirs.number).exists()


def test_the_procuratorate_sees_every_transfer_of_its_jurisdiction_and_other_units_see_none(world):
    """R-LNK-1: 检察院 supervision view; another unit's legal officer gets 404."""
    t = propose(world)
    assert t in selectors.transfers_visible(world.jcy_liaison)
    assert t in selectors.transfers_visible(world.agency)
    assert t not in selectors.transfers_visible(world.cgj_legal)
    assert t not in selectors.transfers_visible(world.lzh_agency)
    with pytest.raises(NotFound):
        selectors.transfer_get(world.cgj_legal, t.pk)


def test_refusal_to_file_then_reconsideration_then_supervision_leads_to_filing(world):
    """R-LNK-1: art. 9 — reconsideration within 3 days; the procuratorate's supervision."""
    t = propose(world)
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四")
    attach_package(t, world.scjg_legal)
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="send")
    t = services.transfer_act(actor=world.ga_liaison, transfer=t, action="accept")
    t = services.transfer_act(actor=world.ga_liaison, transfer=t, action="not_file", reason="犯罪事实显著轻微")
    assert deadline(t, rules.RECONSIDERATION_REQUEST).status == "open"
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="request_reconsideration",
                              reason="销售金额经审计已达八万元")
    t = services.transfer_act(actor=world.ga_liaison, transfer=t, action="reconsider_uphold", reason="维持原决定")
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="request_supervision", reason="请求立案监督")
    assert t.status == rules.UNDER_SUPERVISION
    assert Notification.objects.filter(recipient=world.jcy_liaison, title__contains="立案监督").exists()
    record = services.supervision_record(actor=world.jcy_liaison, transfer=t, kind="inquiry", content="要求公安机关说明不立案理由")
    assert record.pk and t.supervision_records.count() == 1
    with pytest.raises(Forbidden):
        services.supervision_record(actor=world.scjg_legal, transfer=t, kind="opinion", content="x")
    t = services.transfer_act(actor=world.jcy_liaison, transfer=t, action="supervision_file", reason="")
    assert t.status == rules.FILED and t.filed_at is not None
    assert deadline(t, rules.HAND_OVER).status == "open"


def test_reconsideration_after_its_three_day_window_is_refused(world):
    """R-LNK-1: the window is a right that lapses; the sweep marks it lapsed, nobody is alerted."""
    t = propose(world, at=local(2026, 6, 1, 9))
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四",
                              occurred_at=local(2026, 6, 1, 10))
    attach_package(t, world.scjg_legal)
    for action, at, extra in [("send", local(2026, 6, 1, 11), {}), ("accept", local(2026, 6, 2, 9), {}),
                              ("not_file", local(2026, 6, 3, 9), {"reason": "不构成犯罪"})]:
        actor = world.scjg_legal if action == "send" else world.ga_liaison
        t = services.transfer_act(actor=actor, transfer=t, action=action, occurred_at=at, **extra)
    counts = sweep(date(2026, 6, 10), holidays.load_calendar())
    assert counts["transfer_lapsed"] == 1
    assert t.deadlines.get(kind=rules.RECONSIDERATION_REQUEST).status == TransferDeadline.Status.LAPSED
    with pytest.raises(Conflict) as exc:
        services.transfer_act(actor=world.scjg_legal, transfer=t, action="request_reconsideration", reason="异议")
    assert exc.value.code == "reconsideration_window_closed"
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="request_supervision", reason="请求监督")
    assert t.status == rules.UNDER_SUPERVISION


def test_the_sweep_flags_an_overdue_police_review_once_and_alerts_police_and_procuratorate(world):
    """R-LNK-2: overdue steps alerted; idempotent (compare-and-swap, dedupe keys)."""
    t = propose(world, at=local(2026, 3, 2, 9))
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四",
                              occurred_at=local(2026, 3, 2, 10))
    attach_package(t, world.scjg_legal)
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="send", occurred_at=local(2026, 3, 2, 11))
    first = sweep(date(2026, 3, 10), holidays.load_calendar())
    second = sweep(date(2026, 3, 10), holidays.load_calendar())
    assert first["transfer_overdue"] == 1 and second["transfer_overdue"] == 0
    t.refresh_from_db()
    assert t.is_overdue
    assert deadline(t, rules.POLICE_REVIEW).status == TransferDeadline.Status.OVERDUE
    for user in (world.ga_liaison, world.jcy_liaison):
        assert Notification.objects.filter(recipient=user, title__startswith="移送期限已超期").count() == 1
    t = services.transfer_act(actor=world.ga_liaison, transfer=t, action="accept")
    t = services.transfer_act(actor=world.ga_liaison, transfer=t, action="file")
    assert deadline(t, rules.POLICE_REVIEW).status == TransferDeadline.Status.LATE
    assert not t.is_overdue  # the late step is done; only hand-over is open now


def test_the_sweep_reminds_once_before_a_deadline_runs_out(world):
    t = propose(world)  # proposed now: the approval deadline is 3 days away
    due = deadline(t, rules.APPROVAL).due_at
    from jiandu.linkage.services.transfers import sweep_deadlines

    assert sweep_deadlines(due - timedelta(hours=30), 24)["transfer_reminded"] == 0
    assert sweep_deadlines(due - timedelta(hours=20), 24)["transfer_reminded"] == 1
    assert sweep_deadlines(due - timedelta(hours=10), 24)["transfer_reminded"] == 0
    assert Notification.objects.filter(recipient=world.scjg_legal, title__startswith="移送期限临近").count() == 1


def test_a_finished_transfer_takes_no_more_materials_and_frees_the_case_for_a_new_proposal(world):
    case = penalty_case(world.scjg, goods_value=80000)
    t = propose(world, case=case)
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="withdraw", reason="补充调查后再行提请")
    assert t.status == rules.WITHDRAWN and deadline(t, rules.APPROVAL).status == "cancelled"
    with pytest.raises(Conflict):
        services.transfer_material_add(actor=world.scjg_legal, transfer=t, kind="other", title="x", upload=upload())
    again = propose(world, case=case)
    assert again.pk != t.pk and Transfer.objects.filter(case=case).count() == 2
