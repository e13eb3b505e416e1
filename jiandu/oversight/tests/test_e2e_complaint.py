"""Browser: a member of the public files a complaint, staff handle it, the public reads the reply
with the tracking code; a wrong code shows nothing (issue #5 must hold 1 and 7, R-SUP-1)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone

from jiandu.core import holidays
from jiandu.core import services as core_services
from jiandu.organization.models import User
from jiandu.oversight.models import Complaint
from jiandu.testing.browser import login, shot

pytestmark = pytest.mark.browser


def next_year_calendar_entered() -> None:
    """Late in a year the 45-working-day handling deadline runs into the next one: the admin has
    entered next year's holidays (as the admin dashboard asks). Earlier in the year: nothing to do."""
    today = timezone.localdate()
    year = holidays.missing_upcoming_year(today)
    if year is None:
        return
    admin = User.objects.get(username="jd_admin")
    core_services.calendar_day_set(actor=admin, day=date(year, 1, 1), is_workday=False, name="元旦")
    core_services.calendar_year_confirm(actor=admin, year=year)


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


def answer_challenge(page) -> None:
    label = page.locator("label[for=id_challenge]").inner_text()
    a, op, b = re.search(r"(\d+)\s*([+-])\s*(\d+)", label).groups()
    page.fill("#id_challenge", str(int(a) + int(b) if op == "+" else int(a) - int(b)))


def track(page, code: str) -> None:
    page.goto(f"{page.base_url}/public/oversight/complaints/track/")
    page.fill("#id_code", code)
    page.click("[data-testid=track-form] button[type=submit]")
    page.wait_for_load_state()


def test_the_public_files_a_complaint_staff_handle_it_and_the_public_reads_the_reply_with_the_code(page, demo):
    """R-SUP-1: public filing (no login) → code → accept and assign (agency) → handle and reply (unit)
    → the code shows the reply; a wrong code shows nothing about anyone's complaint."""
    next_year_calendar_entered()
    title = "执法人员检查时索要财物"
    # 1. The public form, no login.
    page.goto(f"{page.base_url}/public/oversight/complaints/new/")
    page.check("input[name=kind][value=complaint]")
    page.fill("#id_filer_name", "张晓明")
    page.fill("#id_filer_phone", "13912345678")
    page.select_option("#id_subject_unit", label=page.locator("#id_subject_unit option", has_text="市场监督管理局").first.inner_text())
    page.fill("#id_title", title)
    page.fill("#id_content", "本月初区市场监管局两名执法人员到我店检查，暗示要“意思意思”，本人拒绝后被要求停业整顿。")
    page.fill("#id_request", "请求调查处理。")
    answer_challenge(page)
    shot(page, "oversight-public-complaint-form")
    page.click("[data-testid=public-complaint-form] button[type=submit]")
    page.wait_for_url("**/complaints/submitted/")
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    shot(page, "oversight-public-complaint-code")
    complaint = Complaint.objects.get(title=title)
    assert complaint.channel == "online" and complaint.status == "received"
    assert code not in str(Complaint.objects.filter(pk=complaint.pk).values().get())  # never stored in clear

    track(page, code)
    status = page.locator("[data-testid=public-status]")
    assert "待受理" in status.inner_text() and title in status.inner_text()
    shot(page, "oversight-public-track-received")

    # 2. The agency accepts and assigns it to 区市场监管局.
    login(page, "jd_agency", demo)
    page.goto(f"{page.base_url}/oversight/complaints/")
    page.click(f"[data-testid=complaint-table] a:has-text('{title}')")
    page.wait_for_url(f"**/oversight/complaints/{complaint.pk}/")
    shot(page, "oversight-staff-complaint-received")
    act(page, "accept", note="属于行政执法监督受理范围，予以受理。")
    act(page, "assign", unit=str(complaint.subject_unit_id))
    complaint.refresh_from_db()
    assert complaint.status == "assigned" and complaint.handle_due_on is not None
    shot(page, "oversight-staff-complaint-assigned")

    # 3. The unit's legal officer handles it and replies.
    page.context.clear_cookies()
    login(page, "scjg_legal", demo)
    page.goto(f"{page.base_url}/oversight/complaints/{complaint.pk}/")
    act(page, "handle", finding="partly",
        result="经调查询问当事执法人员并调取执法记录仪视频，未发现索要财物的事实；责令停业整顿缺乏依据，已予纠正。")
    reply = "您反映的问题经核查部分属实：责令停业整顿缺乏法律依据，已撤销并对相关执法人员批评教育；索要财物问题经调查未发现相关事实。"
    act(page, "reply", reply=reply)
    complaint.refresh_from_db()
    assert complaint.status == "replied" and complaint.replied_on == timezone.localdate()
    shot(page, "oversight-unit-complaint-replied")

    # 4. The public, logged out, reads the reply with the code.
    page.context.clear_cookies()
    track(page, code.lower().replace("-", ""))  # case and dashes do not matter
    status = page.locator("[data-testid=public-status]")
    assert "已反馈" in status.inner_text()
    assert reply in page.locator("[data-testid=public-reply]").inner_text()
    assert "执法记录仪视频" not in page.content()  # the internal handling notes stay internal
    shot(page, "oversight-public-track-replied")

    # 5. A wrong code (one character changed) shows nothing about this or any other complaint.
    wrong = ("0" if code[0] != "0" else "1") + code[1:]
    track(page, wrong)
    assert page.locator("[data-testid=track-error]").is_visible()
    assert page.locator("[data-testid=public-status]").count() == 0
    body = page.content()
    for other_title in Complaint.objects.values_list("title", flat=True):
        assert other_title not in body
    shot(page, "oversight-public-track-wrong-code")
