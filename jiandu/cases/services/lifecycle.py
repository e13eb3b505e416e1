"""Filing a case, assigning officers, recording its steps and pausing its clock (R-CAS-1…4)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from jiandu.cases import contracts, rules
from jiandu.cases.models import Case, CaseDeadline, CaseOfficer, CaseParty, CasePause, CaseStep, Disclosure, LegalReview, PostEvaluation
from jiandu.cases.services import _common as c
from jiandu.core import audit, documents, holidays, scope
from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.personnel.models import Officer
from jiandu.personnel.selectors import officers_certified_on

CASE_FIELDS = ("number", "kind", "item", "procedure", "is_major", "status", "title", "party_name", "filed_on",
               "decided_on", "served_on", "closed_on", "outcome", "penalties", "fine_amount", "confiscated_amount",
               "decision_number", "hearing_rights_notified_on", "illegal_gain", "goods_value")
KIND_ABBR = {"penalty": "罚", "coercion": "强", "licensing": "许", "inspection": "检"}
ID_NUMBER = re.compile(r"^[0-9]{17}[0-9X]$")
CREDIT_CODE = re.compile(r"^[0-9A-Z]{18}$")
OUTCOMES = {
    "penalty": (Case.Outcome.PENALIZED, Case.Outcome.NO_PENALTY),
    "coercion": (Case.Outcome.COERCION_APPLIED,),
    "licensing": (Case.Outcome.LICENSED, Case.Outcome.LICENCE_REFUSED),
    "inspection": (Case.Outcome.NO_VIOLATION, Case.Outcome.RECTIFICATION_ORDERED),
}
MAIN_DEADLINE = {  # the deadline that runs from filing (or acceptance) to the decision
    "penalty_general": (CaseDeadline.Kind.DECISION, "cases.penalty.decision_days", rules.CALENDAR),
    "licensing": (CaseDeadline.Kind.LICENSING_DECISION, "cases.licensing.decision_working_days", rules.WORKING),
    "inspection": (CaseDeadline.Kind.INSPECTION, "cases.inspection.conclusion_days", rules.CALENDAR),
}


def _can_file(actor, unit) -> None:
    if scope.has_permission(actor, "cases.manage"):
        scope.require(actor, "cases.manage", unit=unit, area="cases")
        return
    if scope.has_permission(actor, "cases.record_step"):
        scope.require(actor, "cases.record_step")
        if actor.unit_id != unit.pk:
            raise NotFound()
        return
    raise Forbidden()


def _party(data: dict[str, Any]) -> CaseParty:
    errors = {}
    kind = data.get("kind") or ""
    if kind not in Case.PartyKind.values:
        errors["party_kind"] = "请选择当事人类型（自然人或法人、其他组织）。"
    name = (data.get("name") or "").strip()
    if not name:
        errors["party_name"] = "请填写当事人名称或姓名。"
    id_number = (data.get("id_number") or "").strip().upper()
    if id_number:
        if kind == Case.PartyKind.PERSON and not ID_NUMBER.match(id_number):
            errors["party_id_number"] = "身份证号应为18位（末位可为X）。"
        if kind == Case.PartyKind.ORGANISATION and not CREDIT_CODE.match(id_number):
            errors["party_id_number"] = "统一社会信用代码应为18位数字或大写字母。"
    if errors:
        raise InvalidInput(details=errors)
    return CaseParty(kind=kind, name=name, id_number=id_number, phone=(data.get("phone") or "").strip(),
                     address=(data.get("address") or "").strip(),
                     legal_representative=(data.get("legal_representative") or "").strip())


def _check_officers_valid(officer_ids: Sequence[int], on: date, unit) -> dict[int, Officer]:
    officers = {o.id: o for o in Officer.objects.filter(id__in=list(officer_ids))}
    problems = {}
    for oid in officer_ids:
        o = officers.get(oid)
        if o is None or o.unit_id != unit.pk:
            problems[str(oid)] = "执法人员不存在或不属于本单位。"
    certified = officers_certified_on(list(officers), on)
    for oid, why in certified.items():
        if why:
            problems[str(oid)] = f"不能指派：{why}"
    if problems:
        raise InvalidInput("所选执法人员不符合要求（R-CAS-3：须持有效行政执法证）。", code="officer_not_certified",
                           details={"officers": list(problems.values())})
    return officers


def _money(value, field: str, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise InvalidInput(details={field: f"{label}应为金额数字。"}) from None
    if amount < 0:
        raise InvalidInput(details={field: f"{label}不能为负数。"})
    return amount


@transaction.atomic
def case_create(
    *, actor, unit, kind: str, item, procedure: str, title: str, party: dict[str, Any], filed_on: date,
    officer_ids: Sequence[int], lead_officer_id: int | None = None, is_major: bool = False, facts: str = "",
    violation_ended_on: date | None = None, discovered_on: date | None = None,
    harm_to_life_or_finance: bool = False, circumstance: str = "",
) -> Case:
    """File a case (立案 / 受理) against an item of the unit's published list, with its officers
    (each holding a valid certificate on the filing date, at least the legal minimum), its party,
    and the deadline that runs to the decision."""
    _can_file(actor, unit)
    errors = {}
    if kind not in Case.Kind.values:
        errors["kind"] = "请选择案件类别。"
    if procedure not in Case.Procedure.values:
        errors["procedure"] = "请选择程序。"
    elif procedure == Case.Procedure.SIMPLE and kind != Case.Kind.PENALTY:
        errors["procedure"] = "只有行政处罚可以适用简易程序。"
    if not (title or "").strip():
        errors["title"] = "请填写案由。"
    if item is None or not contracts.published_items(unit).filter(pk=item.pk).exists():
        errors["item"] = "执法事项须选自本单位已公布的行政执法事项清单。"
    elif item.kind != kind:
        errors["item"] = f"所选事项属于“{item.get_kind_display()}”，与案件类别不一致。"
    if not unit.is_enforcement_unit:
        errors["unit"] = "该单位不是行政执法单位。"
    if errors:
        raise InvalidInput(details=errors)
    c.not_future("filed_on", filed_on, "立案日期")
    c.not_future("discovered_on", discovered_on, "发现日期")
    the_party = _party(party)
    officer_ids = list(dict.fromkeys(int(i) for i in officer_ids))
    minimum = int(c.figure("cases.officers.min_simple" if procedure == "simple" else "cases.officers.min_general", unit, filed_on))
    if len(officer_ids) < minimum:
        raise InvalidInput(f"须指派至少{minimum}名持有效执法证的执法人员。", code="too_few_officers",
                           details={"officer_ids": f"须至少{minimum}名执法人员（行政处罚法第四十二条）。"})
    _check_officers_valid(officer_ids, filed_on, unit)
    flow = rules.flow_of(kind, procedure)
    prefix = f"{unit.doc_prefix or unit.display_name}{KIND_ABBR[kind]}案"[:20]
    case = Case.objects.create(
        unit=unit, number=documents.allocate_number(prefix, filed_on.year), kind=kind, item=item, procedure=procedure,
        is_major=is_major, status=rules.START_STATUS[flow], title=title.strip(), facts=facts.strip(),
        party_kind=the_party.kind, party_name=the_party.name, filed_on=filed_on,
        violation_ended_on=violation_ended_on, discovered_on=discovered_on or (filed_on if kind == "penalty" else None),
        harm_to_life_or_finance=harm_to_life_or_finance, circumstance=circumstance.strip(), created_by=actor,
    )
    the_party.case = case
    the_party.save()
    lead = lead_officer_id if lead_officer_id in officer_ids else officer_ids[0]
    CaseOfficer.objects.bulk_create([
        CaseOfficer(case=case, officer_id=oid, role=CaseOfficer.Role.LEAD if oid == lead else CaseOfficer.Role.ASSIST,
                    assigned_on=filed_on)
        for oid in officer_ids
    ])
    if flow in MAIN_DEADLINE:
        kind_, key, counting = MAIN_DEADLINE[flow]
        c.deadline_open(case, kind_, starts_on=filed_on, days_key=key, counting=counting, pausable=True)
    c.refresh_case_summary(case)
    CaseStep.objects.create(case=case, action="file", to_status=case.status, occurred_on=filed_on,
                            officer_ids=officer_ids, actor=actor, note="立案" if kind != "licensing" else "受理")
    audit.record(actor=actor, action="case.create", obj=case, unit=unit,
                 after={**audit.snapshot(case, CASE_FIELDS), "officers": officer_ids})
    return case


@transaction.atomic
def case_assign_officer(*, actor, case: Case, officer: Officer, assigned_on: date, role: str = CaseOfficer.Role.ASSIST) -> CaseOfficer:
    """R-CAS-3: only an officer of the unit holding a valid certificate on ``assigned_on``."""
    c.require_on_case(actor, ("cases.manage",), case)
    case = c.lock(case)
    if case.status in Case.FINISHED:
        raise Conflict("case_finished", "案件已办结，不能再指派执法人员。")
    c.not_future("assigned_on", assigned_on, "指派日期")
    _check_officers_valid([officer.pk], assigned_on, case.unit)
    existing = CaseOfficer.objects.filter(case=case, officer=officer).first()
    if existing is not None and existing.released_on is None:
        raise Conflict("officer_already_assigned", f"{officer.name}已是本案承办人员。")
    if existing is not None:
        existing.released_on, existing.assigned_on, existing.role, existing.flagged_reason = None, assigned_on, role, ""
        existing.save()
        assignment = existing
    else:
        assignment = CaseOfficer.objects.create(case=case, officer=officer, role=role, assigned_on=assigned_on)
    _refresh_officer_flag(case)
    audit.record(actor=actor, action="case.assign_officer", obj=case, unit=case.unit,
                 after={"officer": officer.pk, "role": role, "assigned_on": assigned_on})
    return assignment


@transaction.atomic
def case_release_officer(*, actor, case: Case, officer: Officer, released_on: date, reason: str) -> CaseOfficer:
    c.require_on_case(actor, ("cases.manage",), case)
    case = c.lock(case)
    if not reason.strip():
        raise InvalidInput(details={"reason": "请填写调整原因。"})
    assignment = CaseOfficer.objects.filter(case=case, officer=officer, released_on__isnull=True).first()
    if assignment is None:
        raise NotFound()
    assignment.released_on = released_on
    assignment.save(update_fields=["released_on"])
    _refresh_officer_flag(case)
    audit.record(actor=actor, action="case.release_officer", obj=case, unit=case.unit, reason=reason,
                 after={"officer": officer.pk, "released_on": released_on})
    return assignment


def _refresh_officer_flag(case: Case) -> None:
    flagged = CaseOfficer.objects.filter(case=case, released_on__isnull=True).exclude(flagged_reason="").exists()
    Case.objects.filter(pk=case.pk).update(officer_flag=flagged)
    case.officer_flag = flagged


# --- steps ---------------------------------------------------------------------------------------------


def _officers_for_step(case: Case, officer_ids: Sequence[int] | None, on: date, procedure: str) -> list[int]:
    assigned = c.active_officer_ids(case)
    ids = list(dict.fromkeys(int(i) for i in (officer_ids if officer_ids else assigned)))
    minimum = int(c.figure("cases.officers.min_simple" if procedure == "simple" else "cases.officers.min_general", case, on))
    names = dict(Officer.objects.filter(id__in=ids).values_list("id", "name"))
    decision = rules.officers_on_step(officer_ids=ids, assigned_ids=assigned, certified=officers_certified_on(ids, on),
                                      minimum=minimum, names=names)
    if not decision.ok:
        raise Conflict("officers_not_valid", f"执法人员不符合要求：{decision.reason}", details={"officers": list(decision.reasons)})
    return ids


def review_gate(case: Case) -> None:
    """R-CAS-4: a decision that needs legal review cannot be recorded before an approving written
    opinion (recorded by an eligible reviewer, which ``legal_review_record`` guarantees)."""
    review_kinds = c.figure("cases.legal_review.kinds", case, c.today())
    required, why = rules.legal_review_required(kind=case.kind, procedure=case.procedure, is_major=case.is_major,
                                                review_kinds=review_kinds)
    if not required:
        return
    latest = LegalReview.objects.filter(case=case).order_by("-id").first()
    if latest is None or latest.status != LegalReview.Status.DONE:
        raise Conflict("legal_review_required", f"{why}：未经法制审核或审核未通过的，不得作出决定。请先提交法制审核，"
                                                f"待法制审核机构出具书面审核意见后再作决定。")
    if latest.conclusion != LegalReview.Conclusion.APPROVED:
        raise Conflict("legal_review_not_approved", "法制审核意见为“" + latest.get_conclusion_display() + "”，不得作出决定。")


def _hearing_window_gate(case: Case, on: date) -> None:
    """art. 64: once told of the right to a hearing, the party has its window; no decision inside it."""
    window = CaseDeadline.objects.filter(case=case, kind=CaseDeadline.Kind.HEARING_REQUEST,
                                         status=CaseDeadline.Status.OPEN).first()
    if window is not None and window.due_on is not None and on <= window.due_on:
        raise Conflict("hearing_window_open", f"当事人申请听证的期限至{window.due_on:%Y年%m月%d日}届满，期满前不得作出决定"
                                              f"（当事人放弃听证的，请在“告知”环节如实记录）。")


@transaction.atomic
def case_step(
    *, actor, case: Case, action: str, occurred_on: date, officer_ids: Sequence[int] | None = None,
    note: str = "", **fields: Any,
) -> Case:
    """Record one lifecycle step. The transition table says whether the step fits the current
    state and who may record it; an enforcement step needs its officers (R-CAS-3) on its date;
    a decision needs its legal review (R-CAS-4). Deadlines open and close with the steps."""
    flow = rules.flow_of(case.kind, case.procedure)
    case = c.lock(case)  # the current state, whatever the caller's copy says
    try:
        transition = rules.next_state(flow, case.status, action)
    except rules.TransitionRefused as exc:
        c.require_on_case(actor, rules.RECORD | {"cases.legal_review", "cases.supervise"}, case)
        raise Conflict("transition_refused", exc.message) from None
    c.require_on_case(actor, transition.permissions, case)
    if action == "return_for_revision":
        raise Conflict("use_legal_review", "退回补充调查须由法制审核人员在审核意见中作出。")
    c.not_future("occurred_on", occurred_on, "办理日期")
    last = CaseStep.objects.filter(case=case).order_by("-occurred_on", "-id").values_list("occurred_on", flat=True).first()
    if last is not None and occurred_on < last:
        raise InvalidInput(details={"occurred_on": f"办理日期不能早于上一环节（{last:%Y年%m月%d日}）。"})
    present = _officers_for_step(case, officer_ids, occurred_on, case.procedure) if transition.enforcement else list(officer_ids or [])
    before = audit.snapshot(case, CASE_FIELDS)
    data = _STEP_HANDLERS.get(action, _plain)(case, occurred_on, fields, actor) or {}
    old_status = case.status
    case.status = transition.to
    case.save()
    CaseStep.objects.create(case=case, action=action, from_status=old_status, to_status=case.status,
                            occurred_on=occurred_on, officer_ids=present, note=note.strip(), data=audit.canonical(data), actor=actor)
    c.refresh_deadlines(case)
    audit.record(actor=actor, action=f"case.{action}", obj=case, unit=case.unit, before=before,
                 after={**audit.snapshot(case, CASE_FIELDS), **({"data": data} if data else {})}, reason=note.strip())
    return case


def _plain(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    return {}


def _notify(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    if case.kind == "penalty" and fields.get("hearing_rights_notified"):
        case.hearing_rights_notified_on = on
        if case.procedure == "general" and not fields.get("hearing_waived"):
            c.deadline_open(case, CaseDeadline.Kind.HEARING_REQUEST, starts_on=on,
                            days_key="cases.hearing.request_working_days", counting=rules.WORKING)
    return {"hearing_rights_notified": bool(fields.get("hearing_rights_notified")),
            "hearing_waived": bool(fields.get("hearing_waived"))}


def _request_hearing(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    notice_on, hearing_on = fields.get("hearing_notice_on"), fields.get("hearing_on")
    if not notice_on or not hearing_on:
        raise InvalidInput(details={"hearing_on": "请填写听证通知日期和举行听证日期。"})
    calendar = holidays.load_calendar()
    days = int(c.figure("cases.hearing.notice_working_days", case, on))
    earliest = rules.earliest_hearing_on(notice_on, days, calendar)
    if notice_on < on:
        raise InvalidInput(details={"hearing_notice_on": "听证通知日期不能早于当事人申请听证日期。"})
    if hearing_on < earliest:
        raise InvalidInput(details={"hearing_on": f"应当在举行听证的{days}个工作日前通知当事人：最早可于{earliest:%Y年%m月%d日}举行听证（行政处罚法第六十四条）。"})
    c.deadline_done(case, [CaseDeadline.Kind.HEARING_REQUEST], on)
    CasePause.objects.create(case=case, reason=CasePause.Reason.HEARING, started_on=on, created_by=actor,
                             note=f"听证：{hearing_on:%Y年%m月%d日}")
    return {"hearing_notice_on": notice_on, "hearing_on": hearing_on, "chair": fields.get("chair", "")}


def _leave_hearing(case: Case, on: date, fields: dict[str, Any]) -> dict:
    if case.status != Case.Status.HEARING:
        return {}
    held_on = fields.get("hearing_held_on") or on
    if held_on > on:
        raise InvalidInput(details={"hearing_held_on": "听证举行日期不能晚于本环节日期。"})
    CasePause.objects.filter(case=case, reason=CasePause.Reason.HEARING, ended_on__isnull=True).update(ended_on=held_on)
    return {"hearing_held_on": held_on}


def _submit_review(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    data = _leave_hearing(case, on, fields)
    penalties = [p for p in fields.get("proposed_penalties") or [] if p]
    unknown = [p for p in penalties if p not in rules.PENALTY_LABELS]
    if unknown:
        raise InvalidInput(details={"proposed_penalties": f"未知处罚种类：{'、'.join(unknown)}"})
    fine = _money(fields.get("proposed_fine"), "proposed_fine", "拟罚款金额")
    if case.kind == "penalty" and "fine" in penalties and fine is None:
        raise InvalidInput(details={"proposed_fine": "拟给予罚款的，请填写拟罚款金额。"})
    circumstance = (fields.get("circumstance") or case.circumstance or "").strip()
    # Benchmark tiers counted in multiples of the illegal gain or the goods value (R-STD-6) are
    # checked at review against the figures the investigation established.
    for field, label in (("illegal_gain", "违法所得"), ("goods_value", "涉案货值")):
        amount = _money(fields.get(field), field, label)
        if amount is not None:
            setattr(case, field, amount)
    review = LegalReview.objects.create(
        case=case, requested_on=on, requested_by=actor, proposed_penalties=penalties, proposed_fine=fine,
        circumstance=circumstance, submission_note=(fields.get("submission_note") or "").strip(),
    )
    if circumstance != case.circumstance:
        case.circumstance = circumstance
    from jiandu.organization.selectors import users_for_duty

    c.notify_case(case, users_for_duty(case.unit, "legal_review"), title=f"待法制审核：{case.number}",
                  body=f"{case.title}（{case.unit.display_name}）已提交法制审核。", dedupe_key=f"cases:review:{review.pk}")
    return {**data, "review": review.pk, "proposed_penalties": penalties, "proposed_fine": fine,
            **{k: getattr(case, k) for k in ("illegal_gain", "goods_value") if getattr(case, k) is not None}}


def _decide(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    data = _leave_hearing(case, on, fields)
    outcome = fields.get("outcome") or ""
    if outcome not in OUTCOMES[case.kind]:
        allowed = "、".join(Case.Outcome(o).label for o in OUTCOMES[case.kind])
        raise InvalidInput(details={"outcome": f"请选择处理结果：{allowed}。"})
    penalties = [p for p in fields.get("penalties") or [] if p]
    fine = _money(fields.get("fine_amount"), "fine_amount", "罚款金额")
    confiscated = _money(fields.get("confiscated_amount"), "confiscated_amount", "没收金额")
    if case.kind == "penalty" and outcome == Case.Outcome.PENALIZED:
        unknown = [p for p in penalties if p not in rules.PENALTY_LABELS]
        if not penalties or unknown:
            raise InvalidInput(details={"penalties": "请选择处罚种类。"})
        if "fine" in penalties and not fine:
            raise InvalidInput(details={"fine_amount": "给予罚款的，请填写罚款金额。"})
        if case.procedure == "simple":
            d = rules.simple_procedure_allowed(
                party_kind=case.party_kind, penalties=penalties, fine=fine,
                max_person=Decimal(str(c.figure("cases.simple.max_fine_person", case, on))),
                max_organisation=Decimal(str(c.figure("cases.simple.max_fine_organisation", case, on))))
            if not d.ok:
                raise Conflict("simple_procedure_not_allowed", d.reason)
        if case.violation_ended_on and case.discovered_on:
            d = rules.limitation_check(
                violation_ended_on=case.violation_ended_on, discovered_on=case.discovered_on,
                harm_to_life_or_finance=case.harm_to_life_or_finance,
                years=int(c.figure("cases.limitation.years", case, on)),
                extended_years=int(c.figure("cases.limitation.extended_years", case, on)))
            if not d.ok:
                raise Conflict("limitation_expired", d.reason)
    else:
        penalties, fine = [], None
    review_gate(case)
    _hearing_window_gate(case, on)
    case.outcome, case.penalties, case.fine_amount, case.confiscated_amount = outcome, penalties, fine, confiscated
    case.decided_on = on
    case.decision_text = (fields.get("decision_text") or "").strip()
    case.legal_basis = (fields.get("legal_basis") or case.legal_basis or "").strip()
    prefix = f"{case.unit.doc_prefix or case.unit.display_name}{KIND_ABBR[case.kind]}决"[:20]
    case.decision_number = (fields.get("decision_number") or "").strip() or documents.allocate_number(prefix, on.year)
    c.deadline_done(case, [CaseDeadline.Kind.DECISION, CaseDeadline.Kind.LICENSING_DECISION,
                           CaseDeadline.Kind.INSPECTION, CaseDeadline.Kind.HEARING_REQUEST], on)
    if case.kind == "penalty":
        if case.procedure == "simple":
            pass  # delivered on the spot (art. 52): the "serve" step follows the same day
        else:
            c.deadline_open(case, CaseDeadline.Kind.SERVICE, starts_on=on, days_key="cases.penalty.service_working_days",
                            counting=rules.WORKING)
    elif case.kind == "coercion":
        c.deadline_open(case, CaseDeadline.Kind.COERCION_TERM, starts_on=on, days_key="cases.coercion.term_days",
                        counting=rules.CALENDAR, pausable=True)
    elif case.kind == "licensing" and outcome == Case.Outcome.LICENSED:
        c.deadline_open(case, CaseDeadline.Kind.LICENCE_ISSUE, starts_on=on, days_key="cases.licensing.issue_working_days",
                        counting=rules.WORKING)
    if rules.disclosure_required(kind=case.kind, procedure=case.procedure, outcome=outcome,
                                 kinds=c.figure("cases.disclosure.kinds", case, on),
                                 include_simple=bool(c.figure("cases.disclosure.include_simple", case, on))):
        deadline = c.deadline_open(case, CaseDeadline.Kind.DISCLOSURE, starts_on=on, days_key="cases.disclosure.working_days",
                                   counting=rules.WORKING)
        Disclosure.objects.create(case=case, kind=case.kind, due_on=deadline.due_on, decided_on=on)
    if case.is_major:
        deadline = c.deadline_open(case, CaseDeadline.Kind.POST_EVALUATION, starts_on=on, days_key="cases.post_evaluation.days",
                                   counting=rules.CALENDAR)
        PostEvaluation.objects.create(case=case, due_on=deadline.due_on or on)
    return {**data, "outcome": outcome, "penalties": penalties, "fine_amount": fine, "decision_number": case.decision_number}


def _serve(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    case.served_on = on
    c.deadline_done(case, [CaseDeadline.Kind.SERVICE, CaseDeadline.Kind.LICENCE_ISSUE], on)
    if case.kind == "penalty" and case.fine_amount:
        c.deadline_open(case, CaseDeadline.Kind.PAYMENT, starts_on=on, days_key="cases.penalty.payment_days",
                        counting=rules.CALENDAR)
    return {"served_on": on, "method": fields.get("method", "")}


def _extend(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    approval = (fields.get("approval") or "").strip()
    if not approval:
        raise InvalidInput(details={"approval": "延长期限须经批准：请填写批准人及批准文书。"})
    target = {
        "penalty": (CaseDeadline.Kind.DECISION, "cases.penalty.decision_extension_days"),
        "licensing": (CaseDeadline.Kind.LICENSING_DECISION, "cases.licensing.extension_working_days"),
        "coercion": (CaseDeadline.Kind.COERCION_TERM, "cases.coercion.extension_days"),
    }.get(case.kind)
    deadline = CaseDeadline.objects.filter(case=case, kind=target[0], status__in=CaseDeadline.ACTIVE).first() if target else None
    if deadline is None:
        raise Conflict("nothing_to_extend", "本案没有可延长的办案期限。")
    if deadline.extension_days:
        raise Conflict("already_extended", "该期限已延长过一次，不能再次延长。")
    days = int(c.figure(target[1], case, on))
    CaseDeadline.objects.filter(pk=deadline.pk).update(extension_days=days, note=f"经批准延长{days}日")
    return {"deadline": deadline.kind, "extension_days": days, "approval": approval}


def _close(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    data: dict[str, Any] = {}
    paid_on = fields.get("paid_on")
    payment = CaseDeadline.objects.filter(case=case, kind=CaseDeadline.Kind.PAYMENT).first()
    if payment is not None and paid_on:
        if payment.due_on and case.fine_amount:
            fee = rules.late_payment_fee(fine=case.fine_amount, due_on=payment.due_on, paid_on=paid_on,
                                         percent_per_day=Decimal(str(c.figure("cases.penalty.late_fee_percent_per_day", case, on))))
            data["late_fee"] = fee
        c.deadline_done(case, [CaseDeadline.Kind.PAYMENT], paid_on)
        data["paid_on"] = paid_on
    c.deadline_done(case, [CaseDeadline.Kind.SERVICE, CaseDeadline.Kind.COERCION_TERM, CaseDeadline.Kind.LICENCE_ISSUE,
                           CaseDeadline.Kind.PAYMENT], on)
    CasePause.objects.filter(case=case, ended_on__isnull=True).update(ended_on=on)
    case.closed_on = on
    return data


def _terminate(case: Case, on: date, fields: dict[str, Any], actor) -> dict:
    reason = (fields.get("reason") or "").strip()
    if not reason:
        raise InvalidInput(details={"reason": "请填写终止（撤销立案）的理由。"})
    c.deadline_cancel(case)
    CasePause.objects.filter(case=case, ended_on__isnull=True).update(ended_on=on)
    LegalReview.objects.filter(case=case, status=LegalReview.Status.PENDING).delete()
    case.outcome, case.closed_on = Case.Outcome.TERMINATED, on
    return {"reason": reason}


_STEP_HANDLERS = {
    "notify": _notify, "request_hearing": _request_hearing, "submit_review": _submit_review, "decide": _decide,
    "serve": _serve, "extend": _extend, "close": _close, "terminate": _terminate,
}


# --- pauses --------------------------------------------------------------------------------------------


@transaction.atomic
def case_pause_start(*, actor, case: Case, reason: str, started_on: date, note: str = "") -> CasePause:
    """Stop the clock of the case's pausable deadlines (听证、检测、检验、鉴定…不计入期限)."""
    c.require_on_case(actor, rules.RECORD, case)
    case = c.lock(case)
    if reason not in CasePause.Reason.values:
        raise InvalidInput(details={"reason": "请选择中止事由。"})
    if case.status in Case.FINISHED:
        raise Conflict("case_finished", "案件已办结，无需中止期限。")
    if CasePause.objects.filter(case=case, ended_on__isnull=True).exists():
        raise Conflict("pause_open", "本案已有进行中的期限中止，请先结束它。")
    if started_on < case.filed_on:
        raise InvalidInput(details={"started_on": "中止开始日期不能早于立案日期。"})
    c.not_future("started_on", started_on, "中止开始日期")
    pause = CasePause.objects.create(case=case, reason=reason, started_on=started_on, note=note.strip(), created_by=actor)
    c.refresh_deadlines(case)
    audit.record(actor=actor, action="case.pause_start", obj=case, unit=case.unit,
                 after={"pause": pause.pk, "reason": reason, "started_on": started_on}, reason=note)
    return pause


@transaction.atomic
def case_pause_end(*, actor, pause: CasePause, ended_on: date) -> CasePause:
    case = pause.case
    c.require_on_case(actor, rules.RECORD, case)
    c.lock(case)
    pause = CasePause.objects.get(pk=pause.pk)
    if pause.ended_on is not None:
        raise Conflict("pause_closed", "该期限中止已结束。")
    if ended_on < pause.started_on:
        raise InvalidInput(details={"ended_on": "结束日期不能早于开始日期。"})
    c.not_future("ended_on", ended_on, "中止结束日期")
    pause.ended_on = ended_on
    pause.save(update_fields=["ended_on"])
    c.refresh_deadlines(case)
    audit.record(actor=actor, action="case.pause_end", obj=case, unit=case.unit,
                 after={"pause": pause.pk, "ended_on": ended_on})
    return pause
