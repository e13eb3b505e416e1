"""Browser (headless Chromium) walks of issue #2, must-hold 7: the agency opens an officer file;
a unit legal officer applies for a certificate, the three district seats, the city and the
province approve, the exam is passed and the certificate issued; two conduct entries produce
their two documents in the officer file. Screenshots land in test-artifacts/screenshots/."""

from __future__ import annotations

import re

import pytest

from jiandu.personnel import rules
from jiandu.personnel.models import Certificate, CertificateApplication, ConductRecord, Officer
from jiandu.testing.browser import login, shot

pytestmark = pytest.mark.browser


def switch_user(page, username: str, password: str) -> None:
    page.context.clear_cookies()
    login(page, username, password)


def fictitious_id(seq: int) -> str:
    first17 = f"42070319900615{seq:03d}"
    return first17 + rules.id_check_char(first17)


def test_the_agency_opens_an_officer_file_from_the_registry(page, demo):
    login(page, "jd_agency", demo)
    shot(page, "personnel-dashboard-agency")
    assert page.locator("[data-testid=widget-certificates]").is_visible()
    page.click("text=执法人员")
    page.wait_for_selector("[data-testid=officer-table]")
    shot(page, "personnel-officer-list")
    page.fill("input[name=q]", "徐明")
    page.click("button:has-text('筛选')")
    page.click("[data-testid=officer-table] >> text=徐明")
    page.wait_for_selector("[data-testid=certificates]")
    assert "区市场监管局" in page.locator("h1").inner_text() or "市场监督管理局" in page.locator("h1").inner_text()
    assert page.locator("[data-testid=certificate] [data-cert-status=valid]").count() == 1
    assert page.locator("[data-testid=training]").is_visible()
    assert page.locator("[data-testid=history]").is_visible()
    shot(page, "personnel-officer-file")
    # a suspended officer's file explains what the return still needs
    suspended = Officer.objects.filter(suspensions__status="active").first()
    page.goto(f"{page.base_url}/personnel/officers/{suspended.pk}/")
    assert "发还尚需" in page.locator("[data-testid=suspension-alert]").inner_text()
    shot(page, "personnel-officer-file-suspended")
    for url, name in [("/personnel/training/", "personnel-training"), ("/personnel/applications/", "personnel-applications"),
                      ("/personnel/tests/", "personnel-tests"), ("/personnel/referrals/", "personnel-referrals"),
                      ("/personnel/transfers/", "personnel-transfers")]:
        page.goto(f"{page.base_url}{url}")
        assert page.locator(".jd-page-title").is_visible()
        shot(page, name)


def test_an_application_walks_through_three_levels_exam_and_issuance(page, demo):
    login(page, "scjg_legal", demo)
    page.goto(f"{page.base_url}/personnel/officers/new/")
    page.fill("#id_name", "黎明远")
    page.fill("#id_id_number", fictitious_id(357))
    page.fill("#id_post", "执法大队队员")
    page.fill("#id_joined_on", "2019-07-01")
    shot(page, "personnel-officer-create")
    page.click("button:has-text('登记')")
    page.wait_for_selector("[data-testid=identity]")
    page.click("[data-testid=apply]")
    assert page.locator("text=符合申领条件").is_visible()
    shot(page, "personnel-apply")
    page.click("button:has-text('提交申请')")
    page.wait_for_selector("[data-testid=steps]")
    application_url = page.url
    application = CertificateApplication.objects.get(officer__name="黎明远")
    assert application.status == rules.DISTRICT_REVIEW
    shot(page, "personnel-application-submitted")

    for username in ("jd_agency", "bb_review", "cz_review", "city_review", "prov_review"):
        switch_user(page, username, demo)
        page.click("text=我的审查待办")
        page.click("[data-testid=review-queue] tr:has-text('黎明远') >> text=办理")
        page.fill("#id_reason", "经审核，符合申领条件，同意。")
        if username == "bb_review":
            shot(page, "personnel-review-establishment")
        page.click("[data-testid=submit-review]")
        page.wait_for_selector("[data-testid=message]")
    application.refresh_from_db()
    assert application.status == rules.EXAM_PENDING
    page.fill("#id_score", "86")
    shot(page, "personnel-exam")
    page.click("[data-testid=submit-exam]")
    page.wait_for_selector("[data-testid=submit-issue]")
    page.click("[data-testid=submit-issue]")
    page.wait_for_selector("[data-testid=issued]")
    shot(page, "personnel-certificate-issued")
    application.refresh_from_db()
    assert application.status == rules.ISSUED and page.url == application_url
    cert = Certificate.objects.get(officer__name="黎明远")
    assert cert.status == Certificate.Status.VALID and cert.number in page.locator("[data-testid=issued]").inner_text()
    assert page.locator("[data-testid=review-log] tbody tr").count() == 7

    # the public can now verify it, and sees nothing but name, unit, status and validity
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/public/certificate/?number={cert.number}")
    result = page.locator("[data-testid=check-result]").inner_text()
    assert "黎明远" in result and "有效" in result and fictitious_id(357) not in page.content()
    shot(page, "personnel-public-check")


def test_two_conduct_entries_put_both_documents_in_the_officer_file(page, demo):
    officer = Officer.objects.filter(unit__short_name="区交通运输局", certificates__status="valid",
                                     conduct_records__isnull=True).first()
    login(page, "jd_agency", demo)
    for text in ("在治超检查中未全程开启执法记录仪，未告知当事人权利。", "扣押车辆时未当场交付扣押决定书和清单。"):
        page.goto(f"{page.base_url}/personnel/officers/{officer.pk}/")
        page.click("[data-testid=more-actions]")
        page.click("[data-testid=action-conduct]")
        page.fill("#id_description", text)
        page.fill("#id_source", "案卷评查")
        shot(page, "personnel-conduct-form")
        page.click("button:has-text('记录并生成文书')")
        page.wait_for_selector("[data-testid=documents]")
    records = list(ConductRecord.objects.filter(officer=officer).order_by("id"))
    assert [r.get_sanction_display() for r in records] == ["谈话提醒", "通报批评"]
    documents = page.locator("[data-testid=documents] [data-testid=document]").all_inner_texts()
    for record in records:
        assert any(record.document.number in d for d in documents)
    assert any("谈话提醒通知" in d for d in documents) and any("通报批评" in d for d in documents)
    shot(page, "personnel-officer-file-documents")
    with page.expect_download() as download:
        page.locator("[data-testid=documents] a:has-text('下载')").first.click()
    assert re.search(r"\.docx$", download.value.suggested_filename)
