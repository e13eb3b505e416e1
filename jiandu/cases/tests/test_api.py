"""The cases API (/api/v1/cases/): the officers' app and other systems do what the pages do, with
Chinese errors {code, message, details} and 404 for anything out of scope."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from jiandu.cases.models import Case, LegalReview
from jiandu.cases.tests import factories as f

BASE = "/api/v1/cases"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def new_case_payload(world, unit, officers, **extra):
    item = f.item_for(unit)
    return {"unit_id": unit.pk, "kind": "penalty", "item_id": item.pk, "procedure": "general", "title": "无照经营案",
            "party": f.COMPANY, "filed_on": "2026-09-01", "officer_ids": [o.pk for o in officers],
            "violation_ended_on": "2026-08-20", **extra}


def test_a_unit_files_a_case_over_the_api_and_reads_it_back(world, client_for):
    unit = world.unit("scjg")
    c = client_for("scjg_legal")
    r = post(c, f"{BASE}/cases", new_case_payload(world, unit, f.pair(unit)))
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["status"] == "filed" and body["deadlines"][0]["kind"] == "decision"
    assert {a["action"] for a in body["allowed_actions"]} == {"investigate", "extend", "terminate"}
    assert c.get(f"{BASE}/cases/{body['id']}").json()["number"] == body["number"]


def test_bad_input_is_a_422_with_chinese_field_messages(world, client_for):
    unit = world.unit("scjg")
    r = post(client_for("scjg_legal"), f"{BASE}/cases", new_case_payload(world, unit, f.pair(unit), title="", kind="levy"))
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_input" and "案由" in body["details"]["title"]
    r = post(client_for("scjg_legal"), f"{BASE}/cases", {"unit_id": "x"})
    assert r.status_code == 422 and r.json()["message"] == "提交的内容有误，请检查后重试。"


def test_a_case_of_another_unit_is_404_like_a_missing_one(world, client_for):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    other = client_for("hrz_legal")
    assert other.get(f"{BASE}/cases/{case.pk}").status_code == 404
    assert other.get(f"{BASE}/cases/999999").json() == {"code": "not_found", "message": "记录不存在或无权查看。"}
    r = post(other, f"{BASE}/cases/{case.pk}/steps", {"action": "investigate", "occurred_on": "2026-09-02"})
    assert r.status_code == 404
    assert client_for("lzh_agency").get(f"{BASE}/cases/{case.pk}").status_code == 404  # another district


def test_the_list_is_scoped_filtered_and_keyset_paged(world, client_for):
    unit = world.unit("scjg")
    for day in range(1, 6):
        f.file_case(world.scjg_legal, unit, filed_on=date(2026, 9, day))
    agency = client_for("agency")
    first = agency.get(f"{BASE}/cases?per_page=2&kind=penalty").json()
    assert [c["filed_on"] for c in first["items"]] == ["2026-09-05", "2026-09-04"] and first["count"] == 5
    second = agency.get(f"{BASE}/cases?per_page=2&kind=penalty&after={first['next_after']}").json()
    assert [c["filed_on"] for c in second["items"]] == ["2026-09-03", "2026-09-02"]
    assert client_for("hrz_legal").get(f"{BASE}/cases").json()["items"] == []
    assert agency.get(f"{BASE}/cases?kind=licensing").json()["items"] == []


def test_a_general_penalty_decision_without_review_is_refused_and_a_simple_one_accepted_over_the_api(world, client_for):
    """R-CAS-4 (must hold 2) on the API."""
    unit = world.unit("scjg")
    c = client_for("scjg_legal")
    case = f.file_case(world.scjg_legal, unit)
    for action, day in [("investigate", 2), ("notify", 3)]:
        assert post(c, f"{BASE}/cases/{case.pk}/steps", {"action": action, "occurred_on": f"2026-09-0{day}"}).status_code == 200
    r = post(c, f"{BASE}/cases/{case.pk}/steps", {"action": "decide", "occurred_on": "2026-09-04", "outcome": "penalized",
                                                  "penalties": ["fine"], "fine_amount": "5000"})
    assert r.status_code == 409 and r.json()["code"] == "legal_review_required"
    simple = f.file_case(world.scjg_legal, unit, procedure="simple", officers=[f.officer(unit, "单人")])
    post(c, f"{BASE}/cases/{simple.pk}/steps", {"action": "notify", "occurred_on": "2026-09-01"})
    r = post(c, f"{BASE}/cases/{simple.pk}/steps", {"action": "decide", "occurred_on": "2026-09-01", "outcome": "penalized",
                                                    "penalties": ["fine"], "fine_amount": "100"})
    assert r.status_code == 200 and r.json()["status"] == "decided"


def test_the_review_queue_and_a_written_opinion_over_the_api(world, client_for):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case)
    c = client_for("scjg_legal")
    queue = c.get(f"{BASE}/reviews").json()
    assert [r["case_id"] for r in queue] == [case.pk]
    preview = c.get(f"{BASE}/reviews/{queue[0]['id']}/checks").json()
    assert [p["code"] for p in preview][:3] == ["benchmark", "four_lists", "limitation"]
    r = post(c, f"{BASE}/reviews/{queue[0]['id']}", {"conclusion": "approved", "opinion": "同意。", "reviewed_on": "2026-09-11"})
    assert r.status_code == 200 and r.json()["status"] == "done" and len(r.json()["checks"]) == 5
    assert client_for("hrz_legal").get(f"{BASE}/reviews").json() == []


def test_evidence_upload_then_refused_removal_after_the_decision(world, client_for):
    """R-CAS-6 on the API."""
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, procedure="simple", officers=[f.officer(unit, "单人")])
    c = client_for("scjg_legal")
    r = c.post(f"{BASE}/cases/{case.pk}/evidence", {"kind": "photo", "title": "现场照片",
                                                    "file": SimpleUploadedFile("a.jpg", b"jpeg-bytes")})
    assert r.status_code == 201, r.content
    evidence_id = r.json()["id"]
    assert len(r.json()["sha256"]) == 64
    post(c, f"{BASE}/cases/{case.pk}/steps", {"action": "notify", "occurred_on": "2026-09-01"})
    post(c, f"{BASE}/cases/{case.pk}/steps", {"action": "decide", "occurred_on": "2026-09-01", "outcome": "penalized",
                                              "penalties": ["warning"]})
    r = post(c, f"{BASE}/evidence/{evidence_id}/remove", {"reason": "误传"})
    assert r.status_code == 409 and r.json()["code"] == "evidence_frozen"
    assert post(c, f"{BASE}/cases/{case.pk}/evidence/verify", {}).json()["ok"] == 1


def test_importing_over_the_api_twice_creates_nothing_new_and_a_bad_row_is_named(world, client_for):
    """R-CAS-10 (must hold 6) on the API."""
    unit = world.unit("scjg")
    item = f.item_for(unit)
    rows = [{"source_number": f"S-{i}", "unit_code": unit.code, "kind": "penalty", "item_code": item.code,
             "title": "案", "party_kind": "organisation", "party_name": f"某公司{i}", "filed_on": "2026-05-06",
             "status": "closed", "decided_on": "2026-06-01", "outcome": "penalized", "fine_amount": 3000} for i in range(3)]
    c = client_for("scjg_legal")
    first = post(c, f"{BASE}/imports", {"source_system": "执法APP", "rows": rows})
    assert first.status_code == 201 and first.json()["created_count"] == 3
    again = post(c, f"{BASE}/imports", {"source_system": "执法APP", "rows": rows}).json()
    assert (again["created_count"], again["skipped_count"]) == (0, 3)
    rows.append({**rows[0], "source_number": "S-9", "filed_on": "2026-02-30"})
    bad = post(c, f"{BASE}/imports", {"source_system": "执法APP", "rows": rows})
    assert bad.status_code == 422
    assert bad.json()["details"]["rows"][0]["row"] == 4 and "第4行" in bad.json()["message"]
    assert Case.objects.filter(source_system="执法APP").count() == 3
    assert c.get(f"{BASE}/imports/{first.json()['id']}").json()["digest"] == first.json()["digest"]


def test_an_officer_sees_my_cases_and_my_deadlines(world, client_for):
    unit = world.unit("scjg")
    mine = f.file_case(world.scjg_legal, unit, officers=f.pair(unit, with_user=world.scjg_officer))
    f.file_case(world.scjg_legal, unit)
    c = client_for("scjg_officer")
    assert [x["id"] for x in c.get(f"{BASE}/my/cases").json()] == [mine.pk]
    assert [d["case_id"] for d in c.get(f"{BASE}/my/deadlines").json()] == [mine.pk]
    assert [x["id"] for x in c.get(f"{BASE}/cases").json()["items"]] == [mine.pk]


def test_a_bearer_token_works_for_other_systems(world, client):
    from jiandu.organization.services import api_token_create

    _, raw = api_token_create(actor=world.scjg_legal, user=world.scjg_legal, name="省平台")
    r = client.get(f"{BASE}/cases", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 200 and r.json()["items"] == []
    assert client.get(f"{BASE}/cases").status_code == 401


def test_correction_rate_endpoint(world, client_for):
    assert client_for("agency").get(f"{BASE}/stats/correction-rate?year=2026").json()["total"] == 0
    assert LegalReview.objects.count() == 0
