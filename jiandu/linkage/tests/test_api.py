"""The linkage API under /api/v1/linkage/ (R-LNK-1…4, R-PLT-6): the walk, refusals, scope."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jiandu.linkage.tests.helpers import item, penalty_case

pytestmark = pytest.mark.django_db
BASE = "/api/v1/linkage"


def post(client, url, data):
    return client.post(f"{BASE}{url}", data=data, content_type="application/json")


def test_a_transfer_is_walked_through_the_api_by_each_side(world, client_for):
    """R-LNK-1: unit proposes, approves, uploads, sends; police accept and file; procuratorate sees it."""
    unit, police, jcy = client_for("scjg_legal"), client_for("ga_liaison"), client_for("jcy_liaison")
    case = penalty_case(world.scjg, goods_value=80000)
    r = post(unit, "/transfers", {"case_id": case.pk, "suspected_offence": "销售伪劣产品罪", "grounds": "销售金额八万元"})
    assert r.status_code == 201, r.content
    body = r.json()
    tid = body["id"]
    assert body["status"] == "proposed" and body["deadlines"][0]["kind"] == "approval"
    assert body["allowed_actions"] == ["approve", "reject", "withdraw"]
    r = post(unit, f"/transfers/{tid}/actions/approve", {"approver_name": "局长 李四"})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    r = post(unit, f"/transfers/{tid}/actions/send", {})
    assert r.status_code == 409 and r.json()["code"] == "transfer_package_incomplete"
    assert "涉嫌犯罪案件移送书" in r.json()["details"]["missing"]
    for kind in ("transfer_letter", "investigation_report", "items_list"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        r = unit.post(f"{BASE}/transfers/{tid}/materials",
                      {"kind": kind, "file": SimpleUploadedFile(f"{kind}.pdf", kind.encode())})
        assert r.status_code == 201 and len(r.json()["sha256"]) == 64
    assert post(unit, f"/transfers/{tid}/actions/send", {}).json()["status"] == "sent"
    assert [t["id"] for t in police.get(f"{BASE}/transfers?received=true").json()] == [tid]
    r = post(police, f"/transfers/{tid}/actions/approve", {"approver_name": "x"})
    assert r.status_code == 409 and r.json()["code"] == "transfer_bad_transition"
    assert post(police, f"/transfers/{tid}/actions/accept", {"police_reference": "华公受〔2026〕9号"}).status_code == 200
    r = post(unit, f"/transfers/{tid}/actions/file", {})
    assert r.status_code == 403 and r.json()["code"] == "transfer_wrong_side"
    assert post(police, f"/transfers/{tid}/actions/file", {}).json()["status"] == "filed"
    seen = jcy.get(f"{BASE}/transfers/{tid}").json()
    assert seen["status"] == "filed" and {d["kind"] for d in seen["deadlines"]} >= {"hand_over", "police_review"}
    r = post(jcy, f"/transfers/{tid}/supervision", {"kind": "opinion", "content": "请按期移交涉案物品"})
    assert r.status_code == 201


def test_another_units_legal_officer_gets_404_and_bad_input_gets_422_in_chinese(world, client_for):
    """Scope: a transfer that isn't theirs answers 404 exactly like a missing one."""
    case = penalty_case(world.scjg, goods_value=80000)
    tid = post(client_for("scjg_legal"), "/transfers", {"case_id": case.pk, "suspected_offence": "x", "grounds": "y"}).json()["id"]
    other = client_for("cgj_legal")
    r = other.get(f"{BASE}/transfers/{tid}")
    assert r.status_code == 404 and r.json() == {"code": "not_found", "message": "记录不存在或无权查看。"}
    assert other.get(f"{BASE}/transfers/999999").json() == r.json()
    assert post(other, f"/transfers/{tid}/actions/approve", {"approver_name": "x"}).status_code == 404
    assert client_for("ga_liaison").get(f"{BASE}/transfers/{tid}").status_code == 404  # not sent yet
    r = post(client_for("scjg_legal"), "/transfers", {"case_id": penalty_case(world.scjg).pk, "suspected_offence": "",
                                                       "grounds": ""})
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"
    assert r.json()["details"]["grounds"] == "请填写涉嫌犯罪的事实及移送理由。"
    r = post(client_for("scjg_legal"), "/transfers", {"case_id": "abc"})
    assert r.status_code == 422


def test_rules_flags_and_resolution_through_the_api(world, client_for):
    """R-LNK-3: rule set by the agency, case evaluated, flag resolved with a reason."""
    item(world.scjg, "SC-101")
    agency = client_for("agency")
    r = post(agency, "/rules", {"unit_id": world.scjg.pk, "item_code": "SC-101", "suspected_offence": "销售伪劣产品罪",
                                "legal_reference": "立案追诉标准（一）第十六条", "effective_from": "2025-01-01",
                                "amount_field": "goods_value", "amount_threshold": "50000"})
    assert r.status_code == 201, r.content
    assert post(client_for("scjg_legal"), "/rules", {"unit_id": world.scjg.pk, "item_code": "SC-101", "suspected_offence": "x",
                                                     "legal_reference": "y", "effective_from": "2025-01-01",
                                                     "quantity_threshold": "1", "quantity_unit": "条"}).status_code == 403
    case = penalty_case(world.scjg, goods_value=Decimal("90000"))
    flags = post(client_for("scjg_legal"), f"/cases/{case.pk}/evaluate", {}).json()
    assert len(flags) == 1 and flags[0]["kind"] == "penalty_instead"
    fid = flags[0]["id"]
    assert client_for("agency").get(f"{BASE}/flags").json()[0]["id"] == fid
    assert client_for("cgj_legal").get(f"{BASE}/flags/{fid}").status_code == 404
    r = post(agency, f"/flags/{fid}/resolve", {"resolution": "justified", "reason": "经审查系同一批货物已另案移送"})
    assert r.status_code == 200 and r.json()["status"] == "resolved"
    r = post(agency, f"/flags/{fid}/resolve", {"resolution": "justified", "reason": "again"})
    assert r.status_code == 409 and r.json()["code"] == "flag_already_resolved"
    r = client_for("scjg_legal").put(f"{BASE}/cases/{case.pk}/quantity", data={"quantity": "3", "quantity_unit": "箱"},
                                     content_type="application/json")
    assert r.status_code == 200


def test_meetings_and_tasks_through_the_api(world, client_for):
    """R-LNK-4."""
    agency = client_for("agency")
    r = post(agency, "/meetings", {"title": "联席会议", "held_on": "2026-09-01", "attendee_unit_ids": [world.gaj.pk, world.scjg.pk],
                                   "topics": "通报", "decisions": "按月通报移送情况"})
    assert r.status_code == 201
    mid = r.json()["id"]
    r = post(agency, f"/meetings/{mid}/tasks", {"description": "建立通报机制", "owner_unit_id": world.gaj.pk, "due_on": "2026-10-01"})
    assert r.status_code == 201
    task_id = r.json()["id"]
    assert client_for("ga_liaison").get(f"{BASE}/meetings/{mid}").json()["tasks"][0]["id"] == task_id
    assert client_for("cgj_legal").get(f"{BASE}/meetings/{mid}").status_code == 404
    r = post(client_for("ga_liaison"), f"/tasks/{task_id}/done", {"done_on": str(date(2026, 9, 20)), "note": "已建立"})
    assert r.status_code == 200 and r.json()["status"] == "done"


def test_the_openapi_document_lists_the_linkage_endpoints(client_for):
    paths = client_for("agency").get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/linkage/transfers/{transfer_id}/actions/{action}" in paths
    assert "/api/v1/linkage/flags/{flag_id}/resolve" in paths
