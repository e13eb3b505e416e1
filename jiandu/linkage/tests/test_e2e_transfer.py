"""Browser: the transfer flow across the three sides (issue #4 must hold 7, R-LNK-1…3)."""

from __future__ import annotations

import pytest

from jiandu.linkage.models import Transfer
from jiandu.testing.browser import login, shot

pytestmark = pytest.mark.browser


def switch_user(page, username, password):
    page.context.clear_cookies()
    login(page, username, password)


def act(page, action, **fields):
    form = page.locator(f"[data-testid=action-{action}]")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_unit_proposes_and_approves_then_sends_the_police_accept_and_file_and_the_procuratorate_sees_it(page, demo):
    """R-LNK-1/2: unit proposes and approves → transfers → police liaison accepts and files → procuratorate sees it."""
    login(page, "scjg_legal", demo)
    page.goto(f"{page.base_url}/linkage/transfers/")
    shot(page, "linkage-unit-transfers")
    page.click("[data-testid=propose-transfer]")
    options = page.locator("#id_case option")
    value = options.nth(1).get_attribute("value")
    page.select_option("#id_case", value)
    page.fill("#id_suspected_offence", "销售伪劣产品罪")
    page.fill("#id_grounds", "经查，当事人销售金额达到五万元以上，涉嫌销售伪劣产品罪，依法移送公安机关。")
    page.fill("#id_items_note", "涉案产品 300 件，存放于罚没物品仓库")
    shot(page, "linkage-propose-form")
    page.click("[data-testid=propose-form] button[type=submit]")
    page.wait_for_url("**/linkage/transfers/*/")
    transfer = Transfer.objects.get(case_id=int(value))
    assert "待负责人审批" in page.locator("[data-testid=transfer-status]").inner_text()
    assert "负责人作出是否批准移送的决定" in page.locator("[data-testid=deadline-table]").inner_text()

    act(page, "approve", approver_name="局长 陈国华")
    assert "已批准，待移送" in page.locator("[data-testid=transfer-status]").inner_text()
    act(page, "send")
    assert "移送材料不全" in page.locator(".jd-messages, .alert").first.inner_text()
    for kind, label in [("transfer_letter", "移送书"), ("investigation_report", "调查报告"), ("items_list", "涉案物品清单")]:
        form = page.locator("[data-testid=material-form]")
        form.locator("select[name=kind]").select_option(kind)
        form.locator("input[name=file]").set_input_files(
            files=[{"name": f"{label}.pdf", "mimeType": "application/pdf", "buffer": f"%PDF {label}".encode()}])
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
    assert page.locator("[data-testid=material-table] tbody tr").count() == 3
    shot(page, "linkage-transfer-approved")
    act(page, "send")
    assert "已移送，待公安受理" in page.locator("[data-testid=transfer-status]").inner_text()
    shot(page, "linkage-transfer-sent")

    switch_user(page, "ga_liaison", demo)
    page.goto(f"{page.base_url}/linkage/transfers/received/")
    assert transfer.number in page.locator("[data-testid=transfer-table]").inner_text()
    shot(page, "linkage-police-queue")
    page.click(f"text={transfer.number}")
    assert page.locator("[data-testid=action-approve]").count() == 0
    act(page, "accept", police_reference="华公(经)受字〔2026〕140号")
    assert "公安机关已受理" in page.locator("[data-testid=transfer-status]").inner_text()
    act(page, "file", police_reference="华公(经)立字〔2026〕71号")
    assert "公安机关已立案" in page.locator("[data-testid=transfer-status]").inner_text()
    shot(page, "linkage-police-filed")

    switch_user(page, "jcy_liaison", demo)
    page.goto(f"{page.base_url}/linkage/supervision/")
    table = page.locator("[data-testid=transfer-table]").inner_text()
    assert transfer.number in table and "已立案" in table
    assert int(page.locator("[data-testid=overdue-count]").inner_text().split()[0]) >= 1  # the demo's overdue review
    shot(page, "linkage-procuratorate-supervision")
    page.click(f"text={transfer.number}")
    assert "立案后移交涉案物品及有关材料" in page.locator("[data-testid=deadline-table]").inner_text()
    timeline = page.locator("[data-testid=timeline]").inner_text()
    for step in ("提请移送", "负责人批准移送", "移送公安机关", "公安机关书面受理", "公安机关决定立案"):
        assert step in timeline
    shot(page, "linkage-procuratorate-detail")
    transfer.refresh_from_db()
    assert transfer.status == "filed"


def test_the_agency_sees_the_risk_flag_on_its_dashboard_and_resolves_it(page, demo):
    """R-LNK-3: the flag on the agency dashboard (widget) and the list page; resolved with a reason."""
    login(page, "jd_agency", demo)
    widget = page.locator("[data-testid=linkage-widget]")
    assert widget.is_visible() and "1" in widget.locator("[data-testid=widget-open-flags]").inner_text()
    shot(page, "linkage-agency-dashboard")
    page.goto(f"{page.base_url}/linkage/flags/")
    assert "以罚代刑" in page.locator("[data-testid=flag-table]").inner_text()
    shot(page, "linkage-flags")
    page.locator("[data-testid=flag-table] a").first.click()
    shot(page, "linkage-flag-detail")
    page.check("input[name=resolution][value=justified]")
    page.fill("textarea[name=reason]", "经审查，涉案产品系同一批次，已并入华市场移〔2026〕1号移送，不再重复移送。")
    page.click("[data-testid=resolve-form] button")
    assert "经审查不需移送" in page.locator("main").inner_text()
    page.goto(f"{page.base_url}/linkage/rules/")
    shot(page, "linkage-rules")
    page.goto(f"{page.base_url}/linkage/meetings/")
    assert "已超期" in page.locator("[data-testid=open-tasks]").inner_text()
    shot(page, "linkage-meetings")
    page.locator("[data-testid=meeting-table] a").first.click()
    shot(page, "linkage-meeting-detail")
