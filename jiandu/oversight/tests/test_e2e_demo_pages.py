"""Browser: the supervision office's pages on the demo, as the agency, a unit, a social supervisor
and the public see them (R-SUP-1…8, issue #5 points 5–7)."""

from __future__ import annotations

import pytest

from jiandu.organization.models import Unit
from jiandu.oversight.models import Complaint, Inspection, OpinionLetter, Rectification, ReviewCampaign
from jiandu.testing.browser import login, shot

pytestmark = pytest.mark.browser


def visit(page, path: str, name: str) -> str:
    page.goto(f"{page.base_url}{path}")
    shot(page, name)
    return page.locator("main").inner_text()


def test_the_agency_the_unit_the_supervisor_and_the_public_each_see_their_part_of_the_demo(page, demo):
    """R-SUP-3: one ledger with overdue items per unit; R-SUP-1/2: lists with overdue marks;
    R-SUP-6: the demo review's results; R-SUP-7: shjd's own observations; public: published only."""
    login(page, "jd_agency", demo)
    visit(page, "/", "oversight-demo-dashboard-agency")
    ledger = visit(page, "/oversight/rectifications/", "oversight-demo-ledger-agency")
    for source in Rectification.Source.labels:
        assert source in ledger
    overdue_units = {Unit.objects.get(pk=u).display_name for u in Rectification.objects.filter(
        is_overdue=True, status__in=Rectification.WORKING).values_list("unit_id", flat=True)}
    assert len(overdue_units) >= 2 and all(name in ledger for name in overdue_units)
    complaints = visit(page, "/oversight/complaints/", "oversight-demo-complaints-agency")
    assert "当前环节已超期" in complaints
    visit(page, "/oversight/letters/", "oversight-demo-letters-agency")
    visit(page, "/oversight/inspections/", "oversight-demo-inspections")
    published = Inspection.objects.get(status="published")
    inspection = visit(page, f"/oversight/inspections/{published.pk}/", "oversight-demo-inspection-published")
    assert published.notice_title in inspection
    for target in published.targets.select_related("unit"):  # the history names each step's unit and kind
        assert f"{target.unit.display_name}：一听：听取工作汇报" in inspection
    returned = Rectification.objects.get(status="returned")
    detail = visit(page, f"/oversight/rectifications/{returned.pk}/", "oversight-demo-rectification-returned")
    assert returned.return_reason in detail
    review = ReviewCampaign.objects.get(status="published")
    results = visit(page, f"/oversight/reviews/{review.pk}/", "oversight-demo-review")
    assert review.seed in results and "不合格" in results
    visit(page, "/oversight/supervisors/", "oversight-demo-supervisors")
    visit(page, "/oversight/joint/", "oversight-demo-joint-inputs")

    page.context.clear_cookies()
    login(page, "scjg_legal", demo)
    visit(page, "/", "oversight-demo-dashboard-unit")
    mine = visit(page, "/oversight/rectifications/", "oversight-demo-ledger-unit")
    for item in Rectification.objects.exclude(unit__short_name="区市场监管局"):
        assert item.number not in mine
    assert Rectification.objects.filter(unit__short_name="区市场监管局").first().number in mine
    letters = visit(page, "/oversight/letters/", "oversight-demo-letters-unit")
    for letter in OpinionLetter.objects.exclude(unit__short_name="区市场监管局"):
        assert letter.title not in letters
    letter = OpinionLetter.objects.get(unit__short_name="区市场监管局", status="closed")
    visit(page, f"/oversight/letters/{letter.pk}/", "oversight-demo-letter-closed")

    page.context.clear_cookies()
    login(page, "shjd", demo)
    observations = visit(page, "/oversight/observations/", "oversight-demo-observations-shjd")
    assert Complaint.objects.get(channel="supervisor").title in observations

    page.context.clear_cookies()
    public = visit(page, "/public/oversight/reviews/", "oversight-demo-public-reviews")
    assert review.title in public
    notices = visit(page, "/public/oversight/inspections/", "oversight-demo-public-inspections")
    assert "上半年" in notices and "下半年" not in notices  # the running inspection is not published
    visit(page, f"/public/oversight/reviews/{review.pk}/", "oversight-demo-public-review-results")
