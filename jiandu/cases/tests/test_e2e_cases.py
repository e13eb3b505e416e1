"""Browser: the officer, legal-review, agency and public flows of enforcement cases on the full
demo (issue #4 must hold 2, 3, 4 and 7). The transfer flow has its own test in the linkage app."""

from __future__ import annotations

import hashlib

import pytest
from django.utils import timezone

from jiandu.cases import services
from jiandu.cases.models import Case, Disclosure, LegalReview
from jiandu.core import masking
from jiandu.core.models import AuditEvent
from jiandu.testing.browser import login, shot

pytestmark = pytest.mark.browser


def messages(page) -> str:
    return " ".join(page.locator(".alert").all_inner_texts())


def submit_step(page):
    page.click("[data-testid=step-submit]")
    page.wait_for_load_state()


def outside_benchmark(review: LegalReview) -> bool:
    checks = services.review_checks(review.case, review, timezone.localdate())
    return any(c.code == "benchmark" and c.level == "fail" for c in checks)


def test_officer_sees_his_cases_and_deadlines_records_a_step_adds_evidence_and_submits_for_review(page, demo):
    """R-CAS-2, R-CAS-3, R-CAS-6, R-CAS-4: 徐明's "my work", a step, an upload with its SHA-256, the submission."""
    login(page, "scjg_officer", demo)
    page.goto(f"{page.base_url}/cases/mine/")
    deadlines = page.locator("[data-testid=my-deadlines] tbody tr")
    assert deadlines.count() >= 8
    assert "已超期" in page.locator("[data-testid=my-deadlines]").inner_text()
    assert page.locator("[data-testid=my-cases] tbody tr").count() >= 8
    shot(page, "cases-officer-my-work")

    case = (Case.objects.filter(assignments__officer__user__username="scjg_officer", status=Case.Status.INVESTIGATING,
                                is_overdue=False, next_due_on__isnull=False).order_by("next_due_on").last())
    page.click(f"[data-testid=my-cases] a[href='/cases/{case.pk}/']")
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert case.number in page.content()
    shot(page, "cases-officer-case")

    content = f"现场检查照片 {case.number}".encode()
    form = page.locator("[data-testid=evidence-form]")
    form.locator("select[name=kind]").select_option("photo")
    form.locator("input[name=title]").fill("现场检查照片（货架）")
    form.locator("input[name=file]").set_input_files(files=[{"name": "货架.jpg", "mimeType": "image/jpeg", "buffer": content}])
    form.locator("button").click()
    page.wait_for_load_state()
    assert "已上传并登记校验值" in messages(page)
    evidence = page.locator("[data-testid=evidence]").inner_text()
    assert "现场检查照片（货架）" in evidence and hashlib.sha256(content).hexdigest()[:12] in evidence
    shot(page, "cases-officer-evidence")

    page.click("[data-testid=action-notify]")
    page.check("input[name=hearing_rights_notified]")
    page.check("input[name=hearing_waived]")
    page.fill("textarea[name=note]", "已向当事人送达《行政处罚事先告知书》，当事人书面放弃陈述、申辩和听证。")
    shot(page, "cases-officer-notify-form")
    submit_step(page)
    assert "已办理：事先告知" in messages(page)

    page.click("[data-testid=action-submit_review]")
    page.check("input[name=proposed_penalties][value=fine]")
    page.fill("input[name=proposed_fine]", "3000")
    if page.locator("select[name=circumstance]").count():
        page.select_option("select[name=circumstance]", index=1)
    page.fill("textarea[name=submission_note]", "调查终结，事实清楚，拟给予罚款，提请法制审核。")
    shot(page, "cases-officer-submit-review")
    submit_step(page)
    assert "已办理：提交法制审核" in messages(page)
    case.refresh_from_db()
    assert case.status == Case.Status.LEGAL_REVIEW
    assert case.legal_reviews.get(status=LegalReview.Status.PENDING).proposed_fine == 3000
    shot(page, "cases-officer-submitted")


def test_legal_officer_is_refused_a_decision_without_review_then_reviews_flags_the_fine_and_decides(page, demo):
    """R-CAS-4, R-CAS-5, R-CAS-6: no decision without a written opinion; the benchmark check at review;
    the decision; evidence frozen afterwards (the attempt refused and audited)."""
    login(page, "scjg_legal", demo)
    notified = Case.objects.filter(unit__short_name="区市场监管局", kind="penalty", procedure="general",
                                   status=Case.Status.NOTIFIED, legal_reviews__isnull=True).first()
    page.goto(f"{page.base_url}/cases/{notified.pk}/")
    page.click("[data-testid=action-decide]")
    page.check("input[name=penalties][value=fine]")
    page.fill("input[name=fine_amount]", "2000")
    submit_step(page)
    error = page.locator("[data-testid=form-error]").inner_text()
    assert "须经法制审核" in error and "不得作出决定" in error
    notified.refresh_from_db()
    assert notified.status == Case.Status.NOTIFIED and notified.decided_on is None
    shot(page, "cases-legal-decision-refused")

    page.goto(f"{page.base_url}/cases/reviews/")
    shot(page, "cases-legal-review-queue")
    review = next(r for r in LegalReview.objects.filter(status="pending", case__unit__short_name="区市场监管局",
                                                        case__kind="penalty").select_related("case", "case__item")
                  if outside_benchmark(r))
    page.goto(f"{page.base_url}/cases/reviews/{review.pk}/")
    checks = page.locator("[data-testid=checks]").inner_text()
    assert "裁量基准" in checks and "超出" in checks
    page.check("input[name=conclusion][value=approved]")
    page.fill("textarea[name=opinion]", "拟罚款超出裁量基准对应情形的幅度；鉴于当事人拒不改正，经集体讨论同意从重处罚，请在决定书中说明理由。")
    shot(page, "cases-legal-review-form")
    page.click("[data-testid=review-submit]")
    page.wait_for_url(f"**/cases/{review.case_id}/")
    assert "已出具法制审核意见" in messages(page)
    assert "超裁量基准" in page.locator(".jd-case-meta").inner_text()
    shot(page, "cases-legal-reviewed")

    page.click("[data-testid=action-decide]")
    assert "审核时发现拟罚款超出裁量基准" in page.content()
    shot(page, "cases-legal-decide-form")
    submit_step(page)
    assert "已办理：作出决定" in messages(page)
    case = Case.objects.get(pk=review.case_id)
    assert case.status == Case.Status.DECIDED and case.fine_amount == review.proposed_fine and case.benchmark_flag
    assert "已作出决定：记录只能补充，不能修改或删除" in page.locator("[data-testid=evidence]").inner_text()
    assert page.locator("[data-testid=evidence] form[action*='/remove/']").count() == 0
    shot(page, "cases-legal-decided")

    # A crafted request to withdraw a file after the decision is refused and audited.
    evidence = case.evidence.first()
    with page.expect_navigation():
        page.evaluate("""(url) => { const f = document.createElement('form'); f.method = 'post'; f.action = url;
        const t = document.createElement('input'); t.name = 'csrfmiddlewaretoken';
        t.value = document.querySelector('[name=csrfmiddlewaretoken]').value; f.appendChild(t);
        document.body.appendChild(f); f.submit(); }""", f"/cases/evidence/{evidence.pk}/remove/")
    page.wait_for_load_state()
    assert "只能补充，不能修改或删除" in messages(page)
    evidence.refresh_from_db()
    assert evidence.removed_at is None
    assert AuditEvent.objects.filter(action="case.evidence_remove_refused", object_id=str(case.pk)).exists()
    shot(page, "cases-legal-evidence-frozen")


def test_agency_filters_the_district_case_list_and_sees_the_flags(page, demo):
    """R-CAS-1, R-CAS-2, R-CAS-3, R-CAS-5, R-CAS-7: all units' cases, filters, overdue and flagged tabs."""
    login(page, "jd_agency", demo)
    page.goto(f"{page.base_url}/cases/")
    table = page.locator("[data-testid=case-table]")
    assert table.locator("tbody tr").count() == 20
    shot(page, "cases-agency-list")

    cgj = Case.objects.filter(unit__short_name="区城管局").first().unit
    page.select_option("[data-testid=case-filters] select[name=unit]", str(cgj.pk))
    page.select_option("[data-testid=case-filters] select[name=kind]", "penalty")
    page.click("[data-testid=case-filters] button[type=submit]")
    page.wait_for_load_state()
    rows = table.locator("tbody tr")
    assert rows.count() >= 5
    assert all("区城管局" in t and "行政处罚" in t for t in rows.all_inner_texts())
    shot(page, "cases-agency-filtered")

    page.click("[data-testid=tab-flagged]")
    page.wait_for_load_state()
    flagged = table.inner_text()
    for label in ("人员资格", "超裁量基准", "公示超期", "记录异常"):
        assert label in flagged, label
    shot(page, "cases-agency-flagged")

    page.click("[data-testid=tab-overdue]")
    page.wait_for_load_state()
    overdue = Case.objects.filter(is_overdue=True)
    assert table.locator("tbody tr").count() == overdue.count()
    assert all(c.number in table.inner_text() for c in overdue)
    shot(page, "cases-agency-overdue")

    case = Case.objects.get(officer_flag=True)
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    assert "人员资格" in page.locator(".jd-case-meta").inner_text()
    flagged = case.assignments.exclude(flagged_reason="").get()
    assert flagged.flagged_reason in page.locator("[data-testid=officers]").inner_text()
    shot(page, "cases-agency-officer-flag")


def test_public_decisions_show_masked_personal_data_only(page, demo):
    """R-CAS-7, R-PUB-1, R-PUB-4: the public list, a decision against a person and the open data, masked."""
    page.goto(f"{page.base_url}/public/decisions/")
    assert page.locator("[data-testid=public-decisions] tbody tr").count() >= 10
    shot(page, "cases-public-list")
    disclosure = (Disclosure.objects.filter(status=Disclosure.Status.PUBLISHED, case__party_kind="person")
                  .select_related("case").first())
    party = disclosure.case.parties.get()
    page.goto(f"{page.base_url}/public/decisions/{disclosure.pk}/")
    html = page.content()
    assert disclosure.decision_number in html
    assert masking.mask_name(party.name) in html and masking.mask_id_number(party.id_number) in html
    for raw in (party.name, party.id_number, party.phone, party.address):
        assert raw not in html, raw
    shot(page, "cases-public-decision")

    people = [p for d in Disclosure.objects.filter(status="published", case__party_kind="person").select_related("case")
              for p in d.case.parties.all()]
    for url in ("/public/decisions/", "/public/decisions/open-data.csv", "/public/decisions/open-data.json"):
        body = page.request.get(f"{page.base_url}{url}").text()
        for p in people:
            assert p.id_number not in body and p.phone not in body and p.name not in body, (url, p.name)
