"""Case-file review (案卷评查, R-SUP-6).

A yearly campaign: every unit self-reviews all its penalty, coercion and licensing files of the
year (coverage per unit); the agency draws 2–4 files per category per unit with a recorded seed
and population (``rules.draw``), scores them on the campaign's rubric (``rules.scoring``), turns
the problems into rectification items and publishes a results notice. ``review_verify`` re-runs
the draw for ``manage.py verify_draw`` and the public page.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from jiandu.cases.models import Case
from jiandu.core import audit, documents, notifications, policy
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import Unit
from jiandu.oversight.models import Rectification, ReviewCampaign, ReviewFile, SelfReview
from jiandu.oversight.rules import draw as draw_rules
from jiandu.oversight.rules import scoring, workflow
from jiandu.oversight.services._common import (
    actor_agency, ensure_visible, link, require_any, required_text, step_date, today, unit_staff,
)
from jiandu.oversight.services.rectifications import rectification_open

STATUS_LABELS = dict(ReviewCampaign.Status.choices)
CATEGORY_LABELS = dict(Case.Kind.choices)


def _figure(campaign: ReviewCampaign, key: str) -> Any:
    # A campaign reads its figures as of its start, so one campaign applies one set of rules.
    return policy.value(key, on=campaign.starts_on, jurisdiction=campaign.unit)


def cutoffs(campaign: ReviewCampaign) -> dict[str, Any]:
    return {
        "excellent_min": _figure(campaign, "oversight.review.grade_excellent_min"),
        "pass_min": _figure(campaign, "oversight.review.grade_pass_min"),
        "full_marks": int(_figure(campaign, "oversight.review.full_marks")),
    }


def _move(campaign: ReviewCampaign, action: str, actor, label: str) -> str:
    ensure_visible(campaign, actor)
    new_state, permissions = workflow.move(workflow.REVIEW, campaign.status, action, labels=STATUS_LABELS,
                                           action_label=label)
    require_any(actor, permissions, unit=campaign.unit)
    return new_state


def _lock(campaign: ReviewCampaign) -> ReviewCampaign:
    return ReviewCampaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def review_launch(*, actor, year: int, title: str, self_review_due_on: date) -> ReviewCampaign:
    """Open the year's campaign with a copy of the default rubric and categories (dated parameters)."""
    require(actor, "oversight.manage")
    agency = actor_agency(actor)
    title = required_text(title, field="title", label="评查名称", max_length=120)
    day = today()
    if not 2000 <= int(year) <= day.year:
        raise InvalidInput(details={"year": "评查年度不能晚于今年。"})
    if self_review_due_on is None or self_review_due_on < day:
        raise InvalidInput(details={"self_review_due_on": "自评截止日期不能早于今天。"})
    full_marks = int(policy.value("oversight.review.full_marks", on=day, jurisdiction=agency))
    rubric = scoring.validate_rubric(policy.value("oversight.review.default_rubric", on=day, jurisdiction=agency),
                                     full_marks=full_marks)
    categories = list(policy.value("oversight.review.categories", on=day, jurisdiction=agency))
    campaign = ReviewCampaign.objects.create(unit=agency, year=year, title=title, categories=categories, rubric=rubric,
                                             starts_on=day, self_review_due_on=self_review_due_on, created_by=actor)
    audit.record(actor=actor, action="review.launch", obj=campaign,
                 after=audit.snapshot(campaign, ("year", "title", "categories", "rubric", "self_review_due_on")))
    return campaign


@transaction.atomic
def review_rubric_set(*, campaign: ReviewCampaign, actor, rubric: dict[str, Any]) -> ReviewCampaign:
    """Edit the campaign's rubric — only before the draw, so every sampled file meets one rubric."""
    campaign = _lock(campaign)
    _move(campaign, "edit_rubric", actor, "修改评分标准")
    clean = scoring.validate_rubric(rubric, full_marks=cutoffs(campaign)["full_marks"])
    before = copy.deepcopy(campaign.rubric)
    campaign.rubric = clean
    campaign.save(update_fields=["rubric"])
    audit.record(actor=actor, action="review.rubric_set", obj=campaign, before={"rubric": before}, after={"rubric": clean})
    return campaign


# --- the population and the self-review -------------------------------------------------------------


def population_cases(campaign: ReviewCampaign):
    """Every file of the campaign: its categories, decided in its year, by the units of its
    jurisdiction. One query; the index (unit, kind, decided_on) serves it."""
    jurisdiction = campaign.unit.jurisdiction()
    prefix = jurisdiction.path if jurisdiction is not None else campaign.unit.path
    return Case.objects.filter(
        unit__path__startswith=prefix, kind__in=campaign.categories,
        decided_on__gte=date(campaign.year, 1, 1), decided_on__lte=date(campaign.year, 12, 31),
    )


def collect_population(campaign: ReviewCampaign) -> dict[draw_rules.Stratum, list[int]]:
    population: dict[draw_rules.Stratum, list[int]] = defaultdict(list)
    for unit_id, kind, case_id in population_cases(campaign).order_by("unit_id", "kind", "id").values_list(
            "unit_id", "kind", "id"):
        population[(unit_id, kind)].append(case_id)
    return dict(population)


def _check_case(campaign: ReviewCampaign, case: Case) -> None:
    if not population_cases(campaign).filter(pk=case.pk).exists():
        raise InvalidInput(details={"case": f"案卷“{case.number}”不属于本次评查范围（{campaign.year}年作出决定的"
                                            f"{'、'.join(CATEGORY_LABELS.get(c, c) for c in campaign.categories)}案卷）。"})


@transaction.atomic
def self_review_record(*, campaign: ReviewCampaign, case: Case, actor, score: Decimal | None = None,
                       problems: str = "", on: date | None = None) -> SelfReview:
    """A unit records its self-review of one file (again: the latest record replaces it)."""
    if campaign.status not in (ReviewCampaign.Status.SELF_REVIEW, ReviewCampaign.Status.DRAWN):
        raise Conflict("self_review_closed", "本次评查已完成，不能再登记自评。")
    require_any(actor, ("oversight.respond", "oversight.manage"), unit=case.unit)
    _check_case(campaign, case)
    marks = cutoffs(campaign)
    grade = ""
    if score is not None:
        score = Decimal(str(score))
        if not 0 <= score <= marks["full_marks"]:
            raise InvalidInput(details={"score": f"自评得分应在 0～{marks['full_marks']} 分之间。"})
        grade = scoring.grade(score, vetoed=False, excellent_min=marks["excellent_min"], pass_min=marks["pass_min"],
                              full_marks=marks["full_marks"])
    day = step_date(on, not_before=None, label="自评日期")
    review, created = SelfReview.objects.update_or_create(
        campaign=campaign, case=case,
        defaults={"unit": case.unit, "score": score, "grade": grade, "problems": (problems or "").strip(),
                  "reviewed_by": actor, "reviewed_on": day},
    )
    audit.record(actor=actor, action="review.self_review", obj=review, unit=case.unit,
                 after={"campaign": campaign.pk, "case": case.pk, "score": score, "grade": grade, "created": created})
    return review


@transaction.atomic
def self_review_bulk(*, campaign: ReviewCampaign, cases: list[Case], actor, score: Decimal | None = None,
                     problems: str = "") -> int:
    """Record the self-review of several files at once (all or none)."""
    if not cases:
        raise InvalidInput(details={"cases": "请勾选已完成自评的案卷。"})
    for case in cases:
        self_review_record(campaign=campaign, case=case, actor=actor, score=score, problems=problems)
    return len(cases)


@dataclass(frozen=True)
class Coverage:
    unit_id: int
    unit_name: str
    files: int
    reviewed: int
    percent: Decimal | None


def coverage_by_unit(campaign: ReviewCampaign, *, units: list[int] | None = None) -> list[Coverage]:
    """Self-review coverage per unit (R-SUP-6): two grouped queries, whatever the number of files."""
    files = population_cases(campaign)
    if units is not None:
        files = files.filter(unit_id__in=units)
    totals = {r["unit_id"]: r["n"] for r in files.order_by().values("unit_id").annotate(n=Count("id"))}
    reviewed_qs = SelfReview.objects.filter(campaign=campaign, case__in=files)
    reviewed = {r["unit_id"]: r["n"] for r in reviewed_qs.order_by().values("unit_id").annotate(n=Count("id"))}
    names = {u.pk: u.display_name for u in Unit.objects.filter(pk__in=totals).order_by("sort_order", "id")}
    return [Coverage(uid, names[uid], totals[uid], reviewed.get(uid, 0), scoring.coverage(reviewed.get(uid, 0), totals[uid]))
            for uid in names]


# --- the draw ---------------------------------------------------------------------------------------


@transaction.atomic
def review_draw(*, campaign: ReviewCampaign, actor, size: int, seed: str | None = None) -> ReviewCampaign:
    """Draw ``size`` files per category per unit, recording the seed, the population and its digest."""
    campaign = _lock(campaign)
    new_state = _move(campaign, "draw", actor, "随机抽取案卷")
    minimum = int(_figure(campaign, "oversight.review.sample_min"))
    maximum = int(_figure(campaign, "oversight.review.sample_max"))
    seed = draw_rules.check_seed(seed) if seed else draw_rules.new_seed()
    population = draw_rules.normalize_population(collect_population(campaign))
    if not population:
        raise Conflict("empty_population", f"{campaign.year}年没有可供抽取的案卷。")
    result = draw_rules.draw(population, seed=seed, size=int(size), minimum=minimum, maximum=maximum)
    campaign.status = new_state
    campaign.seed, campaign.sample_size, campaign.sample_min, campaign.sample_max = seed, int(size), minimum, maximum
    campaign.population = draw_rules.to_json(population)
    campaign.population_digest = draw_rules.population_digest(population)
    campaign.draw_result = draw_rules.to_json(result)
    campaign.drawn_at, campaign.drawn_by = timezone.now(), actor
    campaign.save()
    ReviewFile.objects.bulk_create([
        ReviewFile(campaign=campaign, case_id=case_id, unit_id=unit_id, category=category, rank=i)
        for (unit_id, category), ids in result.items() for i, case_id in enumerate(ids, start=1)
    ])
    audit.record(actor=actor, action="review.draw", obj=campaign,
                 after={"seed": seed, "size": size, "range": [minimum, maximum], "digest": campaign.population_digest,
                        "population_size": sum(len(v) for v in population.values()), "draw": campaign.draw_result},
                 legal_basis="华容区实施方案 §二(五)3（分类别随机抽取 2-4 个案卷）")
    for unit in Unit.objects.filter(pk__in={u for u, _ in result}):
        numbers = list(ReviewFile.objects.filter(campaign=campaign, unit=unit).values_list("case__number", flat=True))
        notifications.notify(
            unit_staff(unit), title=f"{campaign.title}：你单位 {len(numbers)} 件案卷被抽中",
            body=f"请按要求报送案卷：{'、'.join(numbers[:12])}{'等' if len(numbers) > 12 else ''}。",
            link=link("review", campaign.pk), category="oversight.review",
            dedupe_key=f"oversight:review:{campaign.pk}:drawn",
        )
    return campaign


def review_verify(campaign: ReviewCampaign) -> draw_rules.Verification:
    """Re-run the recorded draw and compare the recorded population with today's (R-SUP-6)."""
    if not campaign.is_drawn:
        raise Conflict("not_drawn", "本次评查尚未抽取案卷，无需核验。")
    return draw_rules.verify(
        recorded_population=draw_rules.from_json(campaign.population), recorded_digest=campaign.population_digest,
        recorded_draw=draw_rules.from_json(campaign.draw_result), current_population=collect_population(campaign),
        seed=campaign.seed, size=campaign.sample_size, minimum=campaign.sample_min, maximum=campaign.sample_max,
    )


# --- scoring, conclusion and the notice --------------------------------------------------------------


@transaction.atomic
def review_score(*, review_file: ReviewFile, actor, failed_vetoes: list[str], awarded: dict[str, Any],
                 problems: str = "", rectification_deadline: date | None = None) -> ReviewFile:
    """Score one drawn file; its problems go onto the rectification ledger of its unit (once)."""
    item = ReviewFile.objects.select_for_update().select_related("campaign", "case", "unit").get(pk=review_file.pk)
    campaign = item.campaign
    _move(campaign, "score", actor, "评分")
    marks = cutoffs(campaign)
    result = scoring.score_file(campaign.rubric, failed_vetoes=set(failed_vetoes), awarded=awarded,
                                excellent_min=marks["excellent_min"], pass_min=marks["pass_min"],
                                full_marks=marks["full_marks"])
    problems = (problems or "").strip()
    if result.grade == scoring.FAIL and not problems:
        raise InvalidInput("不合格案卷须写明发现的问题。", details={"problems": "不合格案卷须写明发现的问题，以便列入整改台账。"})
    before = audit.snapshot(item, ("status", "total", "grade", "failed_vetoes"))
    item.status = ReviewFile.Status.SCORED
    item.failed_vetoes = list(result.failed_vetoes)
    item.awarded = {k: str(v) for k, v in awarded.items()}
    item.form_score, item.content_score, item.total = result.form, result.content, result.total
    item.grade, item.problems = result.grade, problems
    item.scored_by, item.scored_on = actor, today()
    if problems and item.rectification_id is None:
        vetoes = {v["code"]: v["text"] for v in campaign.rubric.get("veto", [])}
        veto_text = "；".join(f"否决项：{vetoes[c]}" for c in result.failed_vetoes)
        item.rectification = rectification_open(
            source_type=Rectification.Source.CASE_REVIEW, source_id=campaign.pk, unit=item.unit,
            problem=f"案卷 {item.case.number}（{result.grade_label}，{result.total} 分）：{problems}"
                    + (f"（{veto_text}）" if veto_text else ""),
            deadline=rectification_deadline, actor=actor, source_label=campaign.title,
        )
    item.save()
    audit.record(actor=actor, action="review.score", obj=item, unit=item.unit, before=before,
                 after=audit.snapshot(item, ("status", "total", "grade", "failed_vetoes")) | {"awarded": item.awarded})
    return item


@transaction.atomic
def review_conclude(*, campaign: ReviewCampaign, actor, on: date | None = None) -> ReviewCampaign:
    campaign = _lock(campaign)
    new_state = _move(campaign, "conclude", actor, "完成评查")
    pending = campaign.files.filter(status=ReviewFile.Status.PENDING).count()
    if pending:
        raise Conflict("files_not_scored", f"还有 {pending} 件抽中的案卷未评分。")
    day = step_date(on, not_before=campaign.starts_on, label="完成日期")
    campaign.status, campaign.concluded_on = new_state, day
    campaign.save(update_fields=["status", "concluded_on"])
    audit.record(actor=actor, action="review.conclude", obj=campaign, after={"status": new_state, "concluded_on": day})
    return campaign


@dataclass(frozen=True)
class UnitResult:
    unit_id: int
    unit_name: str
    files: int
    average: Decimal | None
    excellent: int
    passed: int
    failed: int


def results_by_unit(campaign: ReviewCampaign) -> list[UnitResult]:
    rows: dict[int, list[ReviewFile]] = defaultdict(list)
    for f in campaign.files.filter(status=ReviewFile.Status.SCORED).select_related("unit").order_by("unit__sort_order",
                                                                                                      "unit_id"):
        rows[f.unit_id].append(f)
    result = []
    for unit_id, files in rows.items():
        grades = [f.grade for f in files]
        result.append(UnitResult(unit_id, files[0].unit.display_name, len(files),
                                 scoring.average([f.total for f in files]), grades.count(scoring.EXCELLENT),
                                 grades.count(scoring.PASS), grades.count(scoring.FAIL)))
    return result


@transaction.atomic
def review_publish(*, campaign: ReviewCampaign, actor, notice_title: str, notice_summary: str) -> ReviewCampaign:
    """The results notice: a numbered document and the public results page (R-SUP-6)."""
    campaign = _lock(campaign)
    new_state = _move(campaign, "publish", actor, "发布评查结果通报")
    notice_title = required_text(notice_title, field="notice_title", label="通报标题", max_length=200)
    notice_summary = required_text(notice_summary, field="notice_summary", label="通报内容", max_length=10000)
    lines = [p.strip() for p in notice_summary.splitlines() if p.strip()]
    for r in results_by_unit(campaign):
        lines.append(f"{r.unit_name}：抽评 {r.files} 件，平均 {r.average} 分，优秀 {r.excellent} 件、合格 {r.passed} 件、"
                     f"不合格 {r.failed} 件。")
    lines.append(f"本次抽取的随机种子为 {campaign.seed}，抽取总体摘要（SHA-256）为 {campaign.population_digest}，"
                 "任何人可在公众服务平台复核抽取结果。")
    campaign.notice_document = documents.issue(
        kind="oversight.review_notice", kind_label="行政执法案卷评查结果通报", title=notice_title, paragraphs=lines,
        issuer=campaign.unit, unit=campaign.unit, actor=actor, recipient="各行政执法单位", subject=campaign,
    )
    campaign.status, campaign.published_on = new_state, today()
    campaign.notice_title, campaign.notice_summary = notice_title, notice_summary
    campaign.save(update_fields=["status", "published_on", "notice_title", "notice_summary", "notice_document"])
    audit.record(actor=actor, action="review.publish", obj=campaign,
                 after={"status": new_state, "document": campaign.notice_document.number})
    return campaign
