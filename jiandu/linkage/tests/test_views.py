"""Pages of the criminal linkage (R-LNK-1…4): each role's page, the forms, scope on pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jiandu.core import ui
from jiandu.linkage import services
from jiandu.linkage.models import Transfer
from jiandu.linkage.tests.helpers import attach_package, item, penalty_case

pytestmark = pytest.mark.django_db


def sent_transfer(world):
    case = penalty_case(world.scjg, goods_value=80000)
    t = services.transfer_propose(actor=world.scjg_legal, case=case, suspected_offence="销售伪劣产品罪", grounds="八万元")
    t = services.transfer_act(actor=world.scjg_legal, transfer=t, action="approve", approver_name="李四")
    attach_package(t, world.scjg_legal)
    return services.transfer_act(actor=world.scjg_legal, transfer=t, action="send")


def test_the_unit_proposes_a_transfer_on_the_page_and_records_the_heads_approval(world, client_for):
    """R-LNK-1: the unit's legal officer proposes and records approval."""
    c = client_for("scjg_legal")
    case = penalty_case(world.scjg, goods_value=80000)
    page = c.get(f"/linkage/transfers/new/?case={case.pk}")
    assert page.status_code == 200 and case.number in page.content.decode()
    r = c.post("/linkage/transfers/new/", {"case": case.pk, "suspected_offence": "销售伪劣产品罪", "grounds": "销售金额八万元",
                                           "police_unit": world.gaj.pk})
    assert r.status_code == 302
    t = Transfer.objects.get(case=case)
    detail = c.get(r.url).content.decode()
    assert "负责人作出是否批准移送的决定" in detail and 'data-testid="action-approve"' in detail
    r = c.post(f"/linkage/transfers/{t.pk}/act/", {"action": "approve", "approver_name": ""}, follow=True)
    assert "请填写作出决定的负责人姓名" in r.content.decode()
    c.post(f"/linkage/transfers/{t.pk}/act/", {"action": "approve", "approver_name": "局长 李四"})
    t.refresh_from_db()
    assert t.status == "approved" and t.approver_name == "局长 李四"
    r = c.post(f"/linkage/transfers/{t.pk}/act/", {"action": "send"}, follow=True)
    assert "移送材料不全" in r.content.decode()


def test_the_police_queue_lists_transfers_to_their_unit_and_accepting_works_from_the_page(world, client_for):
    t = sent_transfer(world)
    police = client_for("ga_liaison")
    assert police.get("/linkage/transfers/").url == "/linkage/transfers/received/"
    queue = police.get("/linkage/transfers/received/").content.decode()
    assert t.number in queue
    page = police.get(f"/linkage/transfers/{t.pk}/").content.decode()
    assert 'data-testid="action-accept"' in page and 'data-testid="action-approve"' not in page
    police.post(f"/linkage/transfers/{t.pk}/act/", {"action": "accept", "police_reference": "受案9号"})
    t.refresh_from_db()
    assert t.status == "accepted"


def test_another_units_legal_officer_gets_404_on_a_transfer_page_that_is_not_theirs(world, client_for):
    """Scope on pages: 404 like a missing record."""
    t = sent_transfer(world)
    other = client_for("cgj_legal")
    assert other.get(f"/linkage/transfers/{t.pk}/").status_code == 404
    assert other.post(f"/linkage/transfers/{t.pk}/act/", {"action": "accept"}).status_code == 404
    assert other.get(f"/linkage/transfers/{t.pk}/materials/{t.materials.first().pk}/").status_code == 404
    assert t.number not in other.get("/linkage/transfers/").content.decode()


def test_the_procuratorate_supervision_view_shows_every_transfer_with_its_deadline(world, client_for):
    """R-LNK-1: 检察院 supervision view (all transfers of the jurisdiction with their deadlines)."""
    t = sent_transfer(world)
    jcy = client_for("jcy_liaison")
    page = jcy.get("/linkage/supervision/").content.decode()
    assert t.number in page and "区市场监管局" in page and t.next_due_at is not None
    detail = jcy.get(f"/linkage/transfers/{t.pk}/").content.decode()
    assert 'data-testid="supervision-form"' in detail and "公安机关审查并书面答复" in detail
    jcy.post(f"/linkage/transfers/{t.pk}/supervise/", {"kind": "opinion", "content": "请按期答复", "recorded_on": "2026-11-20"})
    assert t.supervision_records.count() == 1
    assert client_for("scjg_legal").get("/linkage/supervision/").status_code == 403


def test_materials_upload_and_download_through_the_pages(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = penalty_case(world.scjg)
    t = services.transfer_propose(actor=world.scjg_legal, case=case, suspected_offence="x", grounds="y")
    c = client_for("scjg_legal")
    c.post(f"/linkage/transfers/{t.pk}/materials/", {"kind": "transfer_letter", "title": "移送书",
                                                     "file": SimpleUploadedFile("letter.pdf", b"letter")})
    material = t.materials.get()
    assert b"".join(c.get(f"/linkage/transfers/{t.pk}/materials/{material.pk}/").streaming_content) == b"letter"


def test_risk_flags_page_and_resolution_by_the_agency(world, client_for):
    """R-LNK-3: the agency's risk-flag list and the resolve form."""
    item(world.scjg, "SC-101")
    services.risk_rule_create(actor=world.agency, unit=world.scjg, item_code="SC-101", suspected_offence="销售伪劣产品罪",
                              legal_reference="追诉标准", effective_from=date(2025, 1, 1), amount_field="goods_value",
                              amount_threshold=Decimal("50000"))
    case = penalty_case(world.scjg, goods_value=Decimal("70000"))
    flag = services.risk_evaluate_case(actor=world.scjg_legal, case=case)[0]
    agency = client_for("agency")
    page = agency.get("/linkage/flags/").content.decode()
    assert case.number in page and "以罚代刑" in page
    unit_page = client_for("scjg_legal").get(f"/linkage/flags/{flag.pk}/").content.decode()
    assert "resolve-form" not in unit_page and "提请移送" in unit_page
    r = agency.post(f"/linkage/flags/{flag.pk}/", {"resolution": "justified", "reason": "已另案移送"})
    assert r.status_code == 302
    flag.refresh_from_db()
    assert flag.status == "resolved"
    assert client_for("cgj_legal").get(f"/linkage/flags/{flag.pk}/").status_code == 404
    rules_page = agency.get("/linkage/rules/").content.decode()
    assert "SC-101" in rules_page and 'data-testid="rule-form"' in rules_page


def test_the_case_panel_shows_flags_and_offers_the_quantity_and_reevaluation(world, client_for):
    """R-LNK-1/3: linkage/panels.py::case_panels(user, case)."""
    case = penalty_case(world.scjg, goods_value=Decimal("70000"))
    panels = ui.panels("case_panels", world.scjg_legal, case)
    mine = [p for p in panels if p.template == "linkage/panels/case.html"]
    assert len(mine) == 1 and mine[0].context["can_propose"]
    assert not [p for p in ui.panels("case_panels", world.cgj_legal, case) if p.template == "linkage/panels/case.html"]
    c = client_for("scjg_legal")
    r = c.post(f"/linkage/cases/{case.pk}/quantity/", {"quantity": "12", "quantity_unit": "条", "next": "/linkage/flags/"})
    assert r.status_code == 302 and case.linkage_quantity.quantity == Decimal("12")
    assert c.post(f"/linkage/cases/{case.pk}/evaluate/", {"next": "/"}).status_code == 302
    assert client_for("cgj_legal").post(f"/linkage/cases/{case.pk}/evaluate/").status_code == 404


def test_meetings_are_recorded_and_tasks_completed_on_the_pages(world, client_for):
    """R-LNK-4."""
    agency = client_for("agency")
    r = agency.post("/linkage/meetings/new/", {"title": "第三季度联席会议", "held_on": "2026-09-10",
                                               "attendee_units": [world.gaj.pk, world.jcy.pk], "topics": "通报",
                                               "decisions": "按月通报"})
    assert r.status_code == 302
    meeting_url = r.url
    agency.post(meeting_url, {"description": "建立通报机制", "owner_unit": world.gaj.pk, "due_on": "2026-10-10"})
    police = client_for("ga_liaison")
    page = police.get(meeting_url).content.decode()
    assert "建立通报机制" in page and "task-done-" in page
    task_id = page.split('data-testid="task-done-')[1].split('"')[0]
    police.post(f"/linkage/tasks/{task_id}/done/", {"done_on": "2026-10-01", "note": "已建立"})
    assert "已办结" in police.get(meeting_url).content.decode()
    assert "第三季度联席会议" in police.get("/linkage/meetings/").content.decode()
    assert client_for("cgj_legal").get(meeting_url).status_code == 404


@pytest.mark.parametrize("username", ["agency", "scjg_legal", "ga_liaison", "jcy_liaison", "leader"])
def test_each_role_gets_its_linkage_entries_and_dashboard_card(world, client_for, username):
    sent_transfer(world)
    page = client_for(username).get("/").content.decode()
    assert "两法衔接" in page
    assert ("police-queue-widget" in page) == (username == "ga_liaison")
    assert ("linkage-widget" in page) == (username != "ga_liaison")
