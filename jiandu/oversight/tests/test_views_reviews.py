"""R-SUP-6 pages: the agency edits the rubric, draws, scores and publishes; units self-review
their own files only; the public verification page re-runs every recorded draw."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from jiandu.oversight.models import ReviewFile, SelfReview
from jiandu.oversight.services import reviews as rv
from jiandu.oversight.tests.cases_data import make_cases


@pytest.fixture
def campaign(world):
    make_cases(world, "scjg", "penalty", 5)
    make_cases(world, "scjg", "licensing", 2)
    make_cases(world, "cgj", "penalty", 3)
    return rv.review_launch(actor=world.agency, year=2026, title="2026年度行政执法案卷集中评查",
                            self_review_due_on=date(2026, 7, 31))


def test_the_agency_edits_the_rubric_as_lines_and_draws(client_for, world, campaign):
    agency, url = client_for("agency"), f"/oversight/reviews/{campaign.pk}/"
    page = agency.get(url).content.decode()
    assert 'data-testid="coverage-table"' in page and "V1 | 执法主体合法" in page
    lines = {"rubric-veto": "V1 | 执法主体合法\nV2 | 执法人员具有执法资格",
             "rubric-form": "F1 | 材料齐全 | 10\nF2 | 文书规范 | 10",
             "rubric-content": "C1 | 事实清楚 | 40\nC2 | 程序合法 | 40"}
    bad = agency.post(url, {"action": "rubric", **lines, "rubric-content": "C1 | 事实清楚 | 50"})
    assert bad.status_code == 200 and "合计应为 100 分，现为 70 分" in bad.content.decode()
    assert agency.post(url, {"action": "rubric", **lines}).status_code == 302
    campaign.refresh_from_db()
    assert [i["code"] for i in campaign.rubric["content"]] == ["C1", "C2"]
    assert agency.post(url, {"action": "draw", "draw-size": "2", "draw-seed": "20260615"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.seed == "20260615" and campaign.files.count() == 6
    page = agency.get(url).content.decode()
    assert 'data-testid="review-files"' in page and "20260615" in page and 'data-testid="action-rubric"' not in page


def test_scoring_a_file_on_its_page_and_the_veto(client_for, world, campaign):
    rv.review_draw(campaign=campaign, actor=world.agency, size=2, seed="s")
    item = campaign.files.order_by("id").first()
    url = f"/oversight/reviews/{campaign.pk}/files/{item.pk}/"
    agency = client_for("agency")
    data = {f"pts_{i['code']}": i["points"] for s in ("form", "content") for i in campaign.rubric[s]}
    response = agency.post(url, {**data, "veto_V2": "on", "problems": "执法人员无执法证"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.grade == "fail" and item.total == 100 and item.rectification is not None
    page = agency.get(url).content.decode()
    assert "不合格" in page and "不符合否决项：" in page and "V2 执法人员具有行政执法资格" in page
    assert client_for("scjg_legal").post(url, data).status_code in (403, 404)


def test_a_unit_self_reviews_its_files_and_sees_only_its_own(client_for, world, campaign):
    unit, url = client_for("scjg_legal"), f"/oversight/reviews/{campaign.pk}/"
    page = unit.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="self-review-form"' in text and "cgj-penalty" not in text and "scjg-penalty-2026-001" in text
    ids = list(rv.population_cases(campaign).filter(unit=world.unit("scjg")).values_list("pk", flat=True)[:3])
    assert unit.post(url, {"action": "self_review", "self-cases": ids, "self-score": "92"}).status_code == 302
    assert SelfReview.objects.filter(campaign=campaign, unit=world.unit("scjg")).count() == 3
    other = rv.population_cases(campaign).filter(unit=world.unit("cgj")).first()
    refused = unit.post(url, {"action": "self_review", "self-cases": [other.pk]})
    assert refused.status_code == 200 and not SelfReview.objects.filter(case=other).exists()
    coverage = {c.unit_name: c.percent for c in rv.coverage_by_unit(campaign)}
    assert str(coverage["区市场监管局"]) == "42.9"


def test_the_public_draw_page_shows_the_verification_and_a_changed_population(world, campaign):
    rv.review_draw(campaign=campaign, actor=world.agency, size=2, seed="abcdef")
    client = Client()
    page = client.get(f"/public/oversight/reviews/{campaign.pk}/draw/").content.decode()
    assert "与记录一致" in page and "未发生变化" in page and "abcdef" in page
    assert campaign.title in client.get("/public/oversight/reviews/").content.decode()
    make_cases(world, "scjg", "penalty", 1, start=77)
    page = client.get(f"/public/oversight/reviews/{campaign.pk}/draw/").content.decode()
    assert "已发生变化" in page and "新增" in page
    api = client.get(f"/api/v1/oversight/public/reviews/{campaign.pk}/verify").json()
    assert api["draw_reproduced"] is True and api["population_unchanged"] is False and api["changes"]


def test_results_are_public_only_once_published(world, campaign):
    client = Client()
    assert client.get(f"/public/oversight/reviews/{campaign.pk}/").status_code == 404
    assert client.get(f"/public/oversight/reviews/{campaign.pk}/draw/").status_code == 404  # not drawn yet
    rv.review_draw(campaign=campaign, actor=world.agency, size=2, seed="s")
    for item in ReviewFile.objects.filter(campaign=campaign):
        awarded = {i["code"]: i["points"] for s in ("form", "content") for i in campaign.rubric[s]}
        rv.review_score(review_file=item, actor=world.agency, failed_vetoes=[], awarded=awarded)
    rv.review_conclude(campaign=campaign, actor=world.agency)
    rv.review_publish(campaign=campaign, actor=world.agency, notice_title="评查通报", notice_summary="结果如下。")
    page = client.get(f"/public/oversight/reviews/{campaign.pk}/").content.decode()
    assert "评查通报" in page and "区市场监管局" in page and 'data-testid="public-review-results"' in page
