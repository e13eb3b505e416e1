"""R-SUP-6: the yearly case-file review — self-review coverage per unit, the recorded seeded draw
(2–4 per category per unit, never more than the population), verification, scoring with vetoes
and dated cut-offs, problems into the ledger, the results notice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jiandu.cases.models import Case
from jiandu.core.errors import Conflict, InvalidInput, NotFound
from jiandu.core.models import AuditEvent, Notification
from jiandu.oversight import selectors
from jiandu.oversight.models import Rectification, ReviewFile
from jiandu.oversight.rules import draw as draw_rules
from jiandu.oversight.services import reviews as rv
from jiandu.oversight.tests.cases_data import make_cases


@pytest.fixture
def files(world):
    """区市场监管局: 6 penalty, 1 coercion, 3 licensing; 区城管局: 5 penalty; plus files the review
    must ignore (inspection, undecided, another year, another district)."""
    data = {
        "scjg_penalty": make_cases(world, "scjg", "penalty", 6),
        "scjg_coercion": make_cases(world, "scjg", "coercion", 1),
        "scjg_licensing": make_cases(world, "scjg", "licensing", 3),
        "cgj_penalty": make_cases(world, "cgj", "penalty", 5),
    }
    make_cases(world, "scjg", "inspection", 4)
    make_cases(world, "scjg", "penalty", 2, start=50, decided=False)
    make_cases(world, "scjg", "penalty", 2, start=60, year=2025)
    make_cases(world, "lzh-scjg", "penalty", 3)
    return data


def _launch(world):
    return rv.review_launch(actor=world.agency, year=2026, title="2026年度行政执法案卷集中评查",
                            self_review_due_on=date(2026, 7, 31))


def _full(campaign, minus=None):
    awarded = {i["code"]: i["points"] for s in ("form", "content") for i in campaign.rubric[s]}
    for k, v in (minus or {}).items():
        awarded[k] -= v
    return awarded


def test_a_campaign_copies_the_default_rubric_and_categories_from_the_parameters(world):
    campaign = _launch(world)
    assert campaign.categories == ["penalty", "coercion", "licensing"]
    assert len(campaign.rubric["veto"]) == 8 and sum(i["points"] for i in campaign.rubric["form"]) == 20
    assert campaign.status == "self_review" and campaign.unit == world.unit("agency")


def test_the_rubric_is_editable_until_the_draw_only(world, files):
    campaign = _launch(world)
    rubric = dict(campaign.rubric, form=campaign.rubric["form"][:-1] + [{"code": "F5", "text": "送达规范", "points": 3}])
    rubric["veto"] = rubric["veto"] + [{"code": "V9", "text": "未超过法定期限"}]
    campaign = rv.review_rubric_set(campaign=campaign, actor=world.agency, rubric=rubric)
    assert campaign.rubric["veto"][-1]["code"] == "V9"
    with pytest.raises(InvalidInput):
        rv.review_rubric_set(campaign=campaign, actor=world.agency, rubric=dict(rubric, form=[]))
    with pytest.raises(NotFound):  # the campaign's settings are the agency's
        rv.review_rubric_set(campaign=campaign, actor=world.scjg_legal, rubric=rubric)
    campaign = rv.review_draw(campaign=campaign, actor=world.agency, size=2, seed="abc")
    with pytest.raises(Conflict):
        rv.review_rubric_set(campaign=campaign, actor=world.agency, rubric=rubric)


def test_the_population_is_the_jurisdictions_decided_files_of_the_year_in_the_categories(world, files):
    campaign = _launch(world)
    population = rv.collect_population(campaign)
    scjg, cgj = world.unit("scjg").pk, world.unit("cgj").pk
    assert set(population) == {(scjg, "penalty"), (scjg, "coercion"), (scjg, "licensing"), (cgj, "penalty")}
    assert population[(scjg, "penalty")] == sorted(c.pk for c in files["scjg_penalty"])


def test_self_review_coverage_is_shown_per_unit(world, files):
    campaign = _launch(world)
    for case in files["scjg_penalty"][:4] + files["scjg_licensing"]:
        rv.self_review_record(campaign=campaign, case=case, actor=world.scjg_legal, score=Decimal("88"))
    rv.self_review_record(campaign=campaign, case=files["scjg_penalty"][0], actor=world.scjg_legal, score=95)  # again
    rows = {c.unit_name: c for c in rv.coverage_by_unit(campaign)}
    assert (rows["区市场监管局"].files, rows["区市场监管局"].reviewed, rows["区市场监管局"].percent) == (10, 7, Decimal("70.0"))
    assert (rows["区城管局"].reviewed, rows["区城管局"].percent) == (0, Decimal("0.0"))
    assert campaign.self_reviews.get(case=files["scjg_penalty"][0]).grade == "excellent"


def test_a_unit_self_reviews_only_its_own_files_of_the_campaign(world, files):
    campaign = _launch(world)
    with pytest.raises(NotFound):
        rv.self_review_record(campaign=campaign, case=files["cgj_penalty"][0], actor=world.scjg_legal)
    inspection_case = Case.objects.filter(unit=world.unit("scjg"), kind="inspection").first()
    with pytest.raises(InvalidInput) as exc:
        rv.self_review_record(campaign=campaign, case=inspection_case, actor=world.scjg_legal)
    assert "不属于本次评查范围" in exc.value.details["case"]
    with pytest.raises(InvalidInput):
        rv.self_review_record(campaign=campaign, case=files["scjg_penalty"][0], actor=world.scjg_legal, score=120)


def test_the_draw_records_seed_population_and_digest_and_creates_the_files(world, files):
    """Issue #5 point 3: 2–4 per category per unit, never more than the population."""
    campaign = rv.review_draw(campaign=_launch(world), actor=world.agency, size=3, seed="5eed2026")
    scjg, cgj = world.unit("scjg").pk, world.unit("cgj").pk
    drawn = draw_rules.from_json(campaign.draw_result)
    assert {s: len(ids) for s, ids in drawn.items()} == {
        (scjg, "penalty"): 3, (scjg, "coercion"): 1, (scjg, "licensing"): 3, (cgj, "penalty"): 3}
    assert campaign.population_digest == draw_rules.population_digest(rv.collect_population(campaign))
    assert campaign.files.count() == 10 and campaign.status == "drawn"
    assert (campaign.sample_min, campaign.sample_max) == (2, 4)
    assert drawn == draw_rules.draw(rv.collect_population(campaign), seed="5eed2026", size=3, minimum=2, maximum=4)
    event = AuditEvent.objects.get(action="review.draw", object_id=str(campaign.pk))
    assert event.after["seed"] == "5eed2026" and event.after["digest"] == campaign.population_digest
    assert Notification.objects.filter(recipient=world.scjg_legal, title__contains="7 件案卷被抽中").exists()


def test_a_draw_size_outside_the_parameters_is_refused(world, files):
    with pytest.raises(InvalidInput):
        rv.review_draw(campaign=_launch(world), actor=world.agency, size=5)


def test_a_draw_without_any_file_is_refused(world):
    with pytest.raises(Conflict) as exc:
        rv.review_draw(campaign=_launch(world), actor=world.agency, size=2)
    assert exc.value.code == "empty_population"


def test_verify_draw_confirms_the_draw_and_detects_a_changed_population(world, files):
    """Issue #5 point 3: ``manage.py verify_draw`` re-runs the draw and detects a changed population."""
    campaign = rv.review_draw(campaign=_launch(world), actor=world.agency, size=2)
    out = StringIO()
    call_command("verify_draw", str(campaign.pk), stdout=out)
    assert "抽取结果可以复现" in out.getvalue() and "抽取总体未变" in out.getvalue()
    late = make_cases(world, "cgj", "penalty", 1, start=90)[0]  # a file added to the year afterwards
    result = rv.review_verify(campaign)
    assert result.draw_reproduced and not result.population_unchanged
    assert result.changes[0].added == (late.pk,)
    with pytest.raises(CommandError) as exc:
        call_command("verify_draw", str(campaign.pk), stdout=StringIO())
    assert "抽取总体已变化" in str(exc.value)


def test_verify_draw_detects_a_recorded_draw_edited_in_the_database(world, files):
    campaign = rv.review_draw(campaign=_launch(world), actor=world.agency, size=2)
    data = campaign.draw_result
    key = next(k for k, v in data.items() if len(campaign.population[k]) > 2)
    outsider = next(i for i in campaign.population[key] if i not in data[key])
    data[key] = [outsider] + data[key][1:]
    type(campaign).objects.filter(pk=campaign.pk).update(draw_result=data)
    campaign.refresh_from_db()
    assert not rv.review_verify(campaign).draw_reproduced
    with pytest.raises(CommandError) as exc:
        call_command("verify_draw", str(campaign.pk), stdout=StringIO())
    assert "抽取结果与记录不一致" in str(exc.value)


def test_scoring_applies_vetoes_and_cut_offs_and_problems_go_to_the_ledger(world, files):
    """Issue #5 point 4 and R-SUP-3: a vetoed file fails whatever its points."""
    campaign = rv.review_draw(campaign=_launch(world), actor=world.agency, size=2)
    first, second, third = list(campaign.files.filter(unit=world.unit("scjg")))[:3]
    f1 = rv.review_score(review_file=first, actor=world.agency, failed_vetoes=[], awarded=_full(campaign))
    assert (f1.total, f1.grade, f1.rectification) == (Decimal("100.0"), "excellent", None)
    f2 = rv.review_score(review_file=second, actor=world.agency, failed_vetoes=["V3"], awarded=_full(campaign),
                         problems="调查询问笔录仅一名执法人员签名")
    assert f2.grade == "fail" and f2.total == 100
    assert f2.rectification.source_type == "case_review" and f2.rectification.unit == world.unit("scjg")
    assert "否决项：执法人员不少于两人" in f2.rectification.problem
    with pytest.raises(InvalidInput) as exc:
        rv.review_score(review_file=third, actor=world.agency, failed_vetoes=[], awarded=_full(campaign, {"C2": 15, "C5": 15, "C1": 10, "C3": 5}))
    assert "problems" in exc.value.details  # a failed file must say what is wrong
    with pytest.raises(NotFound):
        rv.review_score(review_file=third, actor=world.scjg_legal, failed_vetoes=[], awarded=_full(campaign))
    # Scoring again updates the file but does not raise a second rectification.
    f2 = rv.review_score(review_file=second, actor=world.agency, failed_vetoes=["V3"], awarded=_full(campaign),
                         problems="调查询问笔录仅一名执法人员签名；送达回证缺失")
    assert Rectification.objects.filter(source_type="case_review", unit=world.unit("scjg")).count() == 1


def test_conclusion_needs_every_file_scored_and_the_notice_is_published(world, files):
    campaign = rv.review_draw(campaign=_launch(world), actor=world.agency, size=2)
    with pytest.raises(Conflict) as exc:
        rv.review_conclude(campaign=campaign, actor=world.agency)
    assert exc.value.code == "files_not_scored"
    for n, f in enumerate(campaign.files.all()):
        rv.review_score(review_file=f, actor=world.agency, failed_vetoes=[],
                        awarded=_full(campaign, {"C2": n % 3 * 5}))
    campaign = rv.review_conclude(campaign=campaign, actor=world.agency)
    results = {r.unit_name: r for r in rv.results_by_unit(campaign)}
    assert results["区市场监管局"].files == 5 and results["区城管局"].files == 2
    assert sum(r.excellent + r.passed + r.failed for r in results.values()) == 7
    assert campaign not in selectors.published_reviews()
    campaign = rv.review_publish(campaign=campaign, actor=world.agency, notice_title="关于2026年度行政执法案卷评查情况的通报",
                                 notice_summary="本次共抽评案卷 7 件。")
    assert campaign.status == "published" and campaign.notice_document.kind_label == "行政执法案卷评查结果通报"
    assert campaign.seed in str(campaign.notice_document.context)
    assert list(selectors.published_reviews()) == [campaign]


def test_units_see_only_their_own_drawn_files(world, files):
    """Issue #5 point 6."""
    campaign = rv.review_draw(campaign=_launch(world), actor=world.agency, size=2)
    from jiandu.core import scope

    mine = scope.visible(ReviewFile.objects.filter(campaign=campaign), world.scjg_legal)
    assert set(mine.values_list("unit_id", flat=True)) == {world.unit("scjg").pk}
    assert campaign in selectors.reviews_for_unit(world.scjg_legal)
    assert campaign not in selectors.reviews_for_unit(world.lzh_agency)
