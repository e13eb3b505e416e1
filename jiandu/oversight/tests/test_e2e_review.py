"""Browser: a case-file review campaign from the draw to the results notice (issue #5 must hold 3, 4
and 7, R-SUP-6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from jiandu.organization.models import User
from jiandu.oversight.models import ReviewCampaign, ReviewFile
from jiandu.oversight.services import reviews as rv
from jiandu.testing.browser import login, shot

pytestmark = pytest.mark.browser

SEED = "HRZ-2026-公开抽取-07"


def act(page, action, **fields):
    form = page.locator(f"[data-testid=action-{action}]")
    for name, value in fields.items():
        field = form.locator(f"[name$={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def score_on_page(page, *, deduct: dict[str, str], vetoes=(), problems="", deadline=None, next_file=False):
    """Fill the score sheet: every item full marks except ``deduct``; tick ``vetoes``."""
    sheet = page.locator("[data-testid=score-form]")
    for box in sheet.locator("input.jd-score-input").all():
        code = box.get_attribute("name").removeprefix("pts_")
        box.fill(deduct.get(code, box.get_attribute("max")))
    for code in vetoes:
        sheet.locator(f"input[name=veto_{code}]").check()
    if problems:
        sheet.locator("textarea[name=problems]").fill(problems)
    if deadline:
        sheet.locator("input[name=rectification_deadline]").fill(deadline.isoformat())
    sheet.locator("button[type=submit][name=next]" if next_file else "button[type=submit]:not([name])").click()
    page.wait_for_load_state()


def test_the_agency_runs_a_review_from_the_seeded_draw_through_scoring_to_the_results_notice(page, demo):
    """R-SUP-6: launch → seeded draw of 3 per category per unit (recorded, re-checkable) → score
    (one file fails on a veto item whatever its points) → grades → conclude → notice (.docx)."""
    today = timezone.localdate()
    title = f"{today.year}年度行政执法案卷集中评查（复查）"
    page.on("dialog", lambda dialog: dialog.accept())  # the draw and the notice ask for confirmation
    login(page, "jd_agency", demo)
    page.goto(f"{page.base_url}/oversight/reviews/")
    shot(page, "oversight-review-list")
    page.goto(f"{page.base_url}/oversight/reviews/new/")
    page.fill("#id_title", title)
    page.fill("#id_self_review_due_on", today.isoformat())
    page.click("form button:has-text('启动')")
    page.wait_for_url("**/oversight/reviews/*/")
    campaign = ReviewCampaign.objects.get(title=title)
    assert campaign.status == "self_review" and campaign.year == today.year
    shot(page, "oversight-review-launched")

    # The draw: 3 files per category per unit, with a seed typed in (e.g. drawn at a public meeting).
    act(page, "draw", size="3", seed=SEED)
    campaign.refresh_from_db()
    assert campaign.status == "drawn" and campaign.seed == SEED
    assert page.locator("[data-testid=review-seed]").inner_text().strip() == SEED
    population = rv.collect_population(campaign)
    files = ReviewFile.objects.filter(campaign=campaign)
    for (unit_id, category), ids in population.items():
        assert files.filter(unit_id=unit_id, category=category).count() == min(3, len(ids))
    assert rv.review_verify(campaign).ok
    shot(page, "oversight-review-drawn")

    # Scoring in the browser: the first file fails on a veto item despite high points, the next passes.
    first = files.order_by("unit__sort_order", "unit_id", "category", "rank").first()
    page.goto(f"{page.base_url}/oversight/reviews/{campaign.pk}/files/{first.pk}/")
    score_on_page(page, deduct={"C2": "10"}, vetoes=["V5"], deadline=today + timedelta(days=30), next_file=True,
                  problems="主要证据仅有当事人陈述，缺少现场检查笔录，违法事实认定证据不足。")
    first.refresh_from_db()
    assert first.grade == "fail" and first.total == 95 and first.failed_vetoes == ["V5"]
    assert first.rectification is not None and first.rectification.unit_id == first.unit_id
    assert "/files/" in page.url and f"/files/{first.pk}/" not in page.url  # on to the next pending file
    shot(page, "oversight-review-score-sheet")
    second_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    score_on_page(page, deduct={"F2": "3", "C5": "8", "C6": "6"})  # 100 − 2 − 7 − 4
    second = ReviewFile.objects.get(pk=second_id)
    assert second.grade == "pass" and second.total == 87 and second.rectification is None
    page.goto(f"{page.base_url}/oversight/reviews/{campaign.pk}/files/{first.pk}/")
    assert "不合格" in page.content() and "V5 主要证据确凿充分" in page.content()
    shot(page, "oversight-review-file-vetoed")

    # The other drawn files are scored by colleagues (through the same service, to keep this short).
    agency = User.objects.get(username="jd_agency")
    full = {i["code"]: str(i["points"]) for s in ("form", "content") for i in campaign.rubric[s]}
    for item in files.filter(status="pending"):
        rv.review_score(review_file=item, actor=agency, failed_vetoes=[], awarded=full)

    page.goto(f"{page.base_url}/oversight/reviews/{campaign.pk}/")
    table = page.locator("[data-testid=review-files]").inner_text()
    assert "不合格" in table and "合格" in table and "优秀" in table
    act(page, "conclude")
    campaign.refresh_from_db()
    assert campaign.status == "concluded"
    results = page.locator("[data-testid=review-results]").inner_text()
    assert first.unit.display_name in results
    shot(page, "oversight-review-concluded")
    act(page, "publish")
    campaign.refresh_from_db()
    assert campaign.status == "published" and campaign.notice_document is not None
    link = page.locator("a:has-text('结果通报（.docx）')")
    assert link.is_visible()
    response = page.request.get(page.base_url + link.get_attribute("href"))
    assert response.ok and response.body()[:2] == b"PK"  # a real .docx (a zip)
    shot(page, "oversight-review-published")

    # Anyone re-runs the draw on the public portal: same seed, same population, same files.
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/public/oversight/reviews/{campaign.pk}/draw/")
    assert "与记录一致" in page.locator("[data-testid=verify-draw]").inner_text()
    assert "未发生变化" in page.locator("[data-testid=verify-population]").inner_text()
    assert page.locator("[data-testid=draw-seed]").inner_text().strip() == SEED
    shot(page, "oversight-review-public-draw")
