"""Staff pages of the supervision app: they render, act through the services, show refusals in
Chinese, and answer 404 for what is out of scope (R-SUP-1…8, issue #5 point 6)."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.oversight.models import Complaint, Rectification
from jiandu.oversight.services import complaints as cs
from jiandu.oversight.services import inspections as ins
from jiandu.oversight.services import rectification_open
from jiandu.oversight.services.letters import letter_issue
from jiandu.oversight.services.supervision import joint_input_record
from jiandu.oversight.tests.factories import handled_complaint, public_complaint

PAGES = ["/oversight/complaints/", "/oversight/letters/", "/oversight/rectifications/", "/oversight/inspections/",
         "/oversight/campaigns/", "/oversight/reviews/", "/oversight/supervisors/", "/oversight/joint/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_list_page_renders_for_the_agency_and_a_unit(client_for, url):
    for who in ("agency", "scjg_legal", "leader"):
        assert client_for(who).get(url).status_code == 200, (who, url)


@pytest.mark.parametrize("url", PAGES)
def test_an_enforcement_officer_sees_no_supervision_list(client_for, url):
    """Deny by default: no role grants the officer the supervision area, so every list is empty."""
    response = client_for("scjg_officer").get(url)
    assert response.status_code == 200
    assert 'class="jd-empty' in response.content.decode()


def test_the_nav_and_dashboard_show_the_supervision_cards(client_for, world):
    rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="逾期事项",
                       deadline=date(2026, 6, 1), actor=world.agency, found_on=date(2026, 5, 1))
    page = client_for("agency").get("/").content.decode()
    for testid in ("widget-complaints", "widget-ledger", "widget-yearly", "widget-review"):
        assert f'data-testid="{testid}"' in page
    assert "整改台账" in page and "法治督察" in page
    unit_page = client_for("scjg_legal").get("/").content.decode()
    assert 'data-testid="widget-unit-oversight"' in unit_page and "逾期未整改 1 项" in unit_page
    assert "法治督察" not in unit_page.split('aria-label="主导航"')[1].split("</nav>")[0]


def test_the_complaint_page_walks_the_steps_with_the_forms(client_for, world):
    complaint, _ = public_complaint(world)
    agency, url = client_for("agency"), f"/oversight/complaints/{complaint.pk}/"
    page = agency.get(url).content.decode()
    assert 'data-testid="action-accept"' in page and 'data-testid="action-handle"' not in page
    assert agency.post(url, {"action": "accept", "accept-note": "属于受理范围"}).status_code == 302
    response = agency.post(url, {"action": "assign", "assign-unit": world.unit("scjg").pk})
    assert response.status_code == 302
    unit = client_for("scjg_legal")
    bad = unit.post(url, {"action": "handle", "handle-finding": "", "handle-result": ""})
    assert bad.status_code == 200 and "field-error" in bad.content.decode()
    assert unit.post(url, {"action": "handle", "handle-finding": "substantiated", "handle-result": "属实"}).status_code == 302
    assert unit.post(url, {"action": "reply", "reply-reply": "已整改"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "replied"
    page = agency.get(url).content.decode()
    assert "据此制发监督意见书" in page and 'data-testid="action-rectify"' in page
    assert agency.post(url, {"action": "rectify", "rectify-unit": world.unit("scjg").pk, "rectify-problem": "亮证执法不到位"}
                       ).status_code == 302
    assert Rectification.objects.filter(source_type="complaint", source_id=str(complaint.pk)).exists()


def test_an_action_not_allowed_in_the_state_or_role_is_refused(client_for, world):
    complaint, _ = public_complaint(world)
    url = f"/oversight/complaints/{complaint.pk}/"
    assert client_for("agency").post(url, {"action": "reply", "reply-reply": "x"}).status_code == 403
    assert client_for("scjg_legal").get(url).status_code == 404  # not assigned to it yet


def test_out_of_scope_records_answer_404_like_missing_ones(client_for, world):
    """Issue #5 point 6."""
    complaint, _ = handled_complaint(world)
    item = rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="p",
                              deadline=date(2026, 7, 1), actor=world.agency)
    letter = letter_issue(actor=world.agency, unit=world.unit("scjg"), kind="supervision_opinion", source_type="other",
                          source_label="日常监督", title="t", problems="p", requirements="r")
    gdz = client_for("gdz_legal")
    for url in (f"/oversight/complaints/{complaint.pk}/", f"/oversight/rectifications/{item.pk}/",
                f"/oversight/letters/{letter.pk}/", "/oversight/complaints/999999/"):
        assert gdz.get(url).status_code == 404, url
    assert client_for("scjg_legal").get(f"/oversight/letters/{letter.pk}/").status_code == 200


def test_staff_register_a_phone_complaint_and_see_the_code_once(client_for, world):
    agency = client_for("agency")
    response = agency.post("/oversight/complaints/new/", {
        "channel": "phone", "kind": "report", "received_on": "2026-06-15", "anonymous": "on",
        "subject_unit": world.unit("cgj").pk, "title": "电话举报占道执法", "content": "来电反映……"}, follow=True)
    assert response.status_code == 200
    assert "查询码：" in response.content.decode()
    assert Complaint.objects.get(title="电话举报占道执法").channel == "phone"
    assert client_for("scjg_legal").get("/oversight/complaints/new/").status_code == 403


def test_the_ledger_filters_by_source_and_counts_per_unit(client_for, world):
    rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="其他来源问题",
                       deadline=date(2026, 7, 1), actor=world.agency)
    joint = joint_input_record(actor=world.agency, unit=world.unit("cgj"), source="court", source_org="华容区人民法院",
                               document_kind="司法建议书", summary="s")
    rectification_open(source_type="joint_input", source_id=joint.pk, unit=world.unit("cgj"), problem="法院建议的问题",
                       deadline=date(2026, 6, 1), actor=world.agency, found_on=date(2026, 5, 1))
    page = client_for("agency").get("/oversight/rectifications/?source=joint_input").content.decode()
    assert "法院建议的问题" in page and "其他来源问题" not in page
    assert 'data-testid="ledger-by-unit"' in page
    overdue = client_for("agency").get("/oversight/rectifications/?overdue=1").content.decode()
    assert "法院建议的问题" in overdue and "其他来源问题" not in overdue


def test_the_rectification_page_submit_close_out_and_evidence_download(client_for, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jiandu.oversight.tests.factories import PDF

    item = rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="p",
                              deadline=date(2026, 7, 1), actor=world.agency)
    url = f"/oversight/rectifications/{item.pk}/"
    unit = client_for("scjg_legal")
    assert 'data-testid="action-close_out"' not in unit.get(url).content.decode()
    response = unit.post(url, {"action": "submit", "submit-measures": "已整改", "submit-evidence": "",
                               "submit-files": [SimpleUploadedFile("证明.pdf", PDF)]})
    assert response.status_code == 302
    item.refresh_from_db()
    evidence = item.files.get()
    assert unit.get(f"{url}files/{evidence.pk}/").status_code == 200
    assert client_for("gdz_legal").get(f"{url}files/{evidence.pk}/").status_code == 404
    assert unit.post(url, {"action": "close_out", "close-note": ""}).status_code == 403
    assert client_for("agency").post(url, {"action": "close_out", "close-note": "同意"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "closed"


def test_the_inspection_page_records_steps_and_publishes(client_for, world):
    inspection = ins.inspection_plan(actor=world.agency, title="2026年第一次法治督察", year=2026, plan="方案",
                                     starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30), target_units=[world.unit("scjg")])
    url, agency = f"/oversight/inspections/{inspection.pk}/", client_for("agency")
    for kind in ("listen", "check", "ask", "feedback"):
        assert agency.post(url, {"action": "step", "step-unit": world.unit("scjg").pk, "step-kind": kind,
                                 "step-done_on": "2026-06-10", "step-summary": f"{kind} 记录"}).status_code == 302
    assert agency.post(url, {"action": "finding", "finding-unit": world.unit("scjg").pk, "finding-problem": "台账不全"}
                       ).status_code == 302
    assert agency.post(url, {"action": "conclude"}).status_code == 302
    page = agency.get(url).content.decode()
    assert "发现问题 1 个" in page  # the notice draft counts the findings
    assert agency.post(url, {"action": "publish", "publish-notice_title": "关于督察情况的通报",
                             "publish-notice_summary": "督察发现问题 1 个。"}).status_code == 302
    public = client_for("agency").get(f"/public/oversight/inspections/{inspection.pk}/")
    assert public.status_code == 200 and "督察发现问题 1 个。" in public.content.decode()


def test_unpublished_inspections_are_not_public(world, client):
    inspection = ins.inspection_plan(actor=world.agency, title="未发布的督察", year=2026, plan="方案",
                                     starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30), target_units=[world.unit("scjg")])
    assert client.get(f"/public/oversight/inspections/{inspection.pk}/").status_code == 404
    assert "未发布的督察" not in client.get("/public/oversight/inspections/").content.decode()


def test_campaign_supervisor_joint_and_letter_pages(client_for, world, shjd):
    agency = client_for("agency")
    response = agency.post("/oversight/campaigns/new/", {
        "title": "2026年专项整治", "year": 2026, "starts_on": "2026-05-01", "ends_on": "2026-10-31",
        "focus": ["not_standard", "not_fair"], "description": "方案"})
    assert response.status_code == 302
    assert agency.get(response["Location"]).status_code == 200
    response = agency.post("/oversight/joint/new/", {
        "unit": world.unit("cgj").pk, "source": "npc", "source_org": "区人大常委会", "document_kind": "审议意见",
        "received_on": "2026-06-10", "summary": "加强城管执法规范化"})
    assert response.status_code == 302 and agency.get(response["Location"]).status_code == 200
    response = agency.post("/oversight/letters/new/", {
        "unit": world.unit("scjg").pk, "kind": "supervision_suggestion", "source_type": "other",
        "source_label": "日常监督", "title": "监督建议书", "problems": "问题", "requirements": "建议"})
    assert response.status_code == 302 and "华司执监" in agency.get(response["Location"]).content.decode()
    supervisors = client_for("scjg_legal").get("/oversight/supervisors/").content.decode()
    assert "宋雨涵" in supervisors
    observer = client_for("t_shjd")
    assert observer.get("/oversight/observations/").status_code == 200
    response = observer.post("/oversight/observations/", {"unit": world.unit("scjg").pk, "title": "窗口态度",
                                                           "content": "态度生硬"})
    assert response.status_code == 302
    complaint = Complaint.objects.get(title="窗口态度")
    assert observer.get(f"/oversight/observations/{complaint.pk}/").status_code == 200
    assert observer.get("/oversight/complaints/").status_code == 200
    assert "窗口态度" not in observer.get("/oversight/complaints/").content.decode()
