"""Inspections (法治督察, R-SUP-4) and special campaigns (专项整治, R-SUP-5).

An inspection is planned with its target units, each target goes through the four steps of
一听二查三问四反, problems found become rectification items, and the result is published as a
numbered notice (and on the public portal). A campaign collects problems into the same ledger.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jiandu.core import audit, documents
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import Unit
from jiandu.oversight.models import Campaign, Inspection, InspectionStep, InspectionTarget, Rectification
from jiandu.oversight.rules import workflow
from jiandu.oversight.services._common import actor_agency, required_text, step_date, today
from jiandu.oversight.services.rectifications import rectification_open

INSPECTION_LABELS = dict(Inspection.Status.choices)
CAMPAIGN_LABELS = dict(Campaign.Status.choices)


def _check_period(starts_on: date | None, ends_on: date | None, year: int) -> None:
    problems = {}
    if starts_on is None:
        problems["starts_on"] = "请填写开始日期。"
    if ends_on is None:
        problems["ends_on"] = "请填写结束日期。"
    if starts_on and ends_on and ends_on < starts_on:
        problems["ends_on"] = "结束日期不能早于开始日期。"
    if starts_on and starts_on.year != year:
        problems["starts_on"] = f"开始日期应在{year}年内。"
    if problems:
        raise InvalidInput(details=problems)


def _targets(actor, units: list[Unit]) -> list[Unit]:
    units = list(dict.fromkeys(units))
    if not units:
        raise InvalidInput(details={"target_units": "请至少选择一个被督察单位。"})
    for unit in units:
        require(actor, "oversight.manage", unit=unit)
        if not unit.is_enforcement_unit:
            raise InvalidInput(details={"target_units": f"{unit.name}不是行政执法单位。"})
    return units


@transaction.atomic
def inspection_plan(*, actor, title: str, year: int, plan: str, starts_on: date, ends_on: date,
                    target_units: list[Unit]) -> Inspection:
    require(actor, "oversight.manage")
    agency = actor_agency(actor)
    title = required_text(title, field="title", label="督察名称", max_length=120)
    plan = required_text(plan, field="plan", label="督察方案", max_length=5000)
    _check_period(starts_on, ends_on, year)
    units = _targets(actor, target_units)
    inspection = Inspection.objects.create(unit=agency, year=year, title=title, plan=plan, starts_on=starts_on,
                                           ends_on=ends_on, created_by=actor)
    InspectionTarget.objects.bulk_create([InspectionTarget(inspection=inspection, unit=u) for u in units])
    audit.record(actor=actor, action="inspection.plan", obj=inspection,
                 after=audit.snapshot(inspection, ("year", "title", "starts_on", "ends_on")) | {"targets": [u.pk for u in units]})
    return inspection


def _target(inspection: Inspection, unit: Unit) -> InspectionTarget:
    target = inspection.targets.filter(unit=unit).first()
    if target is None:
        raise InvalidInput(details={"target_unit": f"{unit.name}不是本次督察的被督察单位。"})
    return target


@transaction.atomic
def inspection_record_step(*, inspection: Inspection, actor, target_unit: Unit, kind: str, summary: str,
                           done_on: date | None = None, participants: str = "") -> InspectionStep:
    """Record one of 一听二查三问四反 at one target unit. Each step is recorded once."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    new_state, _ = workflow.move(workflow.INSPECTION, inspection.status, "record_step", labels=INSPECTION_LABELS,
                                 action_label="记录督察环节")
    require(actor, "oversight.manage", unit=inspection.unit)
    if kind not in InspectionStep.Kind.values:
        raise InvalidInput(details={"kind": "请选择督察环节。"})
    target = _target(inspection, target_unit)
    if target.steps.filter(kind=kind).exists():
        raise Conflict("step_recorded", f"{target_unit.display_name}的“{dict(InspectionStep.Kind.choices)[kind]}”环节已记录。")
    summary = required_text(summary, field="summary", label="情况记录", max_length=5000)
    day = step_date(done_on, not_before=None, label="环节日期", field="done_on")
    step = InspectionStep.objects.create(target=target, kind=kind, done_on=day, summary=summary,
                                         participants=(participants or "").strip()[:200], recorded_by=actor)
    if inspection.status != new_state:
        Inspection.objects.filter(pk=inspection.pk).update(status=new_state)
    audit.record(actor=actor, action="inspection.record_step", obj=inspection, unit=inspection.unit,
                 after={"target": target_unit.pk, "kind": kind, "done_on": day, "summary": summary})
    return step


@transaction.atomic
def inspection_add_finding(*, inspection: Inspection, actor, target_unit: Unit, problem: str,
                           deadline: date | None = None, found_on: date | None = None) -> Rectification:
    """A problem found at a target unit goes straight onto the rectification ledger."""
    inspection = Inspection.objects.get(pk=inspection.pk)
    if inspection.status not in (Inspection.Status.IN_PROGRESS, Inspection.Status.CONCLUDED):
        raise Conflict("inspection_not_running", "督察开始后、通报前才能登记发现的问题。")
    require(actor, "oversight.manage", unit=inspection.unit)
    _target(inspection, target_unit)
    return rectification_open(source_type=Rectification.Source.INSPECTION, source_id=inspection.pk, unit=target_unit,
                              problem=problem, deadline=deadline, actor=actor, source_label=inspection.title,
                              found_on=found_on)


def missing_steps(inspection: Inspection) -> list[tuple[Unit, list[str]]]:
    """Per target, the steps not yet recorded (an inspection concludes only when none is missing)."""
    labels = dict(InspectionStep.Kind.choices)
    result = []
    for target in inspection.targets.select_related("unit").prefetch_related("steps"):
        done = {s.kind for s in target.steps.all()}
        missing = [labels[k] for k in InspectionStep.Kind.values if k not in done]
        if missing:
            result.append((target.unit, missing))
    return result


@transaction.atomic
def inspection_conclude(*, inspection: Inspection, actor, on: date | None = None) -> Inspection:
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    new_state, _ = workflow.move(workflow.INSPECTION, inspection.status, "conclude", labels=INSPECTION_LABELS,
                                 action_label="完成督察")
    require(actor, "oversight.manage", unit=inspection.unit)
    missing = missing_steps(inspection)
    if missing:
        detail = "；".join(f"{u.display_name}缺“{'、'.join(m)}”" for u, m in missing)
        raise Conflict("inspection_steps_missing", f"一听二查三问四反尚未全部记录：{detail}。")
    day = step_date(on, not_before=inspection.starts_on, label="完成日期")
    inspection.status, inspection.concluded_on = new_state, day
    inspection.save(update_fields=["status", "concluded_on"])
    audit.record(actor=actor, action="inspection.conclude", obj=inspection, after={"status": new_state, "concluded_on": day})
    return inspection


@transaction.atomic
def inspection_publish(*, inspection: Inspection, actor, notice_title: str, notice_summary: str) -> Inspection:
    """The result notice: a numbered document and a page on the public portal (R-SUP-4)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    new_state, _ = workflow.move(workflow.INSPECTION, inspection.status, "publish", labels=INSPECTION_LABELS,
                                 action_label="发布通报")
    require(actor, "oversight.manage", unit=inspection.unit)
    notice_title = required_text(notice_title, field="notice_title", label="通报标题", max_length=200)
    notice_summary = required_text(notice_summary, field="notice_summary", label="通报内容", max_length=10000)
    day = today()
    inspection.notice_document = documents.issue(
        kind="oversight.inspection_notice", kind_label="法治督察情况通报", title=notice_title,
        paragraphs=[p.strip() for p in notice_summary.splitlines() if p.strip()], issuer=inspection.unit,
        unit=inspection.unit, actor=actor, recipient="各行政执法单位", subject=inspection,
    )
    inspection.status, inspection.published_on = new_state, day
    inspection.notice_title, inspection.notice_summary = notice_title, notice_summary
    inspection.save(update_fields=["status", "published_on", "notice_title", "notice_summary", "notice_document"])
    audit.record(actor=actor, action="inspection.publish", obj=inspection,
                 after={"status": new_state, "published_on": day, "document": inspection.notice_document.number})
    return inspection


# --- special campaigns -----------------------------------------------------------------------------


@transaction.atomic
def campaign_launch(*, actor, title: str, year: int, focus: list[str], description: str, starts_on: date,
                    ends_on: date) -> Campaign:
    require(actor, "oversight.manage")
    agency = actor_agency(actor)
    title = required_text(title, field="title", label="专项整治名称", max_length=120)
    description = required_text(description, field="description", label="工作方案", max_length=5000)
    focus = list(dict.fromkeys(focus or []))
    if not focus or any(f not in Campaign.Focus.values for f in focus):
        raise InvalidInput(details={"focus": "请选择整治重点（执法不严格、不规范、不公正、不文明、不廉洁）。"})
    _check_period(starts_on, ends_on, year)
    campaign = Campaign.objects.create(unit=agency, year=year, title=title, focus=focus, description=description,
                                       starts_on=starts_on, ends_on=ends_on, created_by=actor)
    audit.record(actor=actor, action="campaign.launch", obj=campaign,
                 after=audit.snapshot(campaign, ("year", "title", "focus", "starts_on", "ends_on")))
    return campaign


@transaction.atomic
def campaign_add_problem(*, campaign: Campaign, actor, unit: Unit, problem: str, deadline: date | None = None,
                         found_on: date | None = None) -> Rectification:
    campaign = Campaign.objects.get(pk=campaign.pk)
    if campaign.status != Campaign.Status.ONGOING:
        raise Conflict("campaign_concluded", "专项整治已结束，不能再登记问题。")
    require(actor, "oversight.manage", unit=campaign.unit)
    return rectification_open(source_type=Rectification.Source.CAMPAIGN, source_id=campaign.pk, unit=unit,
                              problem=problem, deadline=deadline, actor=actor, source_label=campaign.title,
                              found_on=found_on)


@transaction.atomic
def campaign_conclude(*, campaign: Campaign, actor, summary: str, on: date | None = None) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    new_state, _ = workflow.move(workflow.CAMPAIGN, campaign.status, "conclude", labels=CAMPAIGN_LABELS,
                                 action_label="结束专项整治")
    require(actor, "oversight.manage", unit=campaign.unit)
    summary = required_text(summary, field="summary", label="工作总结", max_length=5000)
    day = step_date(on, not_before=campaign.starts_on, label="结束日期")
    campaign.status, campaign.summary, campaign.concluded_on = new_state, summary, day
    campaign.save(update_fields=["status", "summary", "concluded_on"])
    audit.record(actor=actor, action="campaign.conclude", obj=campaign, after={"status": new_state, "concluded_on": day},
                 reason=summary)
    return campaign
