"""R-PLT-6: the supervision API acts through the same services with JSON errors in Chinese,
and answers 404 for what is out of scope (R-SUP-1…8)."""

from __future__ import annotations

from datetime import date

from jiandu.oversight.tests.cases_data import make_cases
from jiandu.oversight.tests.factories import public_complaint

API = "/api/v1/oversight"


def test_staff_register_and_take_a_complaint_through_its_steps(client_for, world):
    agency = client_for("agency")
    created = agency.post(f"{API}/complaints", {"channel": "letter", "kind": "complaint", "filer_name": "王五",
                                                "filer_phone": "13700001111", "subject_unit_id": world.unit("scjg").pk,
                                                "title": "来信投诉", "content": "内容"}, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    cid = body["complaint"]["id"]
    # Mon Jun 15 + 7 working days, Fri Jun 19 (端午) off: Jun 16–18, 22–25.
    assert len(body["tracking_code"]) == 19 and body["complaint"]["accept_due_on"] == "2026-06-25"
    assert agency.post(f"{API}/complaints/{cid}/accept", {}, content_type="application/json").status_code == 200
    r = agency.post(f"{API}/complaints/{cid}/assign", {"unit_id": world.unit("scjg").pk}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "assigned"
    unit = client_for("scjg_legal")
    r = unit.post(f"{API}/complaints/{cid}/handle", {"finding": "partly", "result": "已处理"}, content_type="application/json")
    assert r.json()["reply_due_on"] == "2026-06-23"  # Jun 16–18, 22, 23
    r = unit.post(f"{API}/complaints/{cid}/reply", {"reply": "答复"}, content_type="application/json")
    assert r.json()["status"] == "replied"
    assert client_for("gdz_legal").get(f"{API}/complaints/{cid}").status_code == 404


def test_a_refusal_is_json_with_a_stable_code_and_a_chinese_message(client_for, world):
    complaint, _ = public_complaint(world)
    r = client_for("agency").post(f"{API}/complaints/{complaint.pk}/reply", {"reply": "x"}, content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition" and "待受理" in r.json()["message"]
    r = client_for("agency").post(f"{API}/complaints/{complaint.pk}/reject", {"reason": " "}, content_type="application/json")
    assert r.status_code == 422 and r.json()["details"] == {"reason": "请填写不予受理的理由。"}


def test_the_ledger_api_opens_closes_and_counts_by_unit(client_for, world):
    agency, unit = client_for("agency"), client_for("scjg_legal")
    r = agency.post(f"{API}/rectifications", {"unit_id": world.unit("scjg").pk, "source_type": "other",
                                              "problem": "问题", "deadline": "2026-06-10"}, content_type="application/json")
    assert r.status_code == 422  # before the day it was found (today)
    r = agency.post(f"{API}/rectifications", {"unit_id": world.unit("scjg").pk, "source_type": "other",
                                              "problem": "问题"}, content_type="application/json")
    rid = r.json()["id"]
    unit.post(f"{API}/rectifications/{rid}/submit", {"measures": "m", "evidence": "e"}, content_type="application/json")
    r = unit.post(f"{API}/rectifications/{rid}/close-out", {}, content_type="application/json")
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert agency.post(f"{API}/rectifications/{rid}/close-out", {}, content_type="application/json").json()["status"] == "closed"
    rows = agency.get(f"{API}/rectifications/by-unit").json()
    assert {"unit_name": "区市场监管局", "closed": 1} .items() <= next(r for r in rows if r["unit_name"] == "区市场监管局").items()
    assert client_for("cgj_legal").get(f"{API}/rectifications/{rid}").status_code == 404


def test_the_review_api_draws_and_verifies_publicly(client_for, world, client):
    make_cases(world, "scjg", "penalty", 4)
    agency = client_for("agency")
    rid = agency.post(f"{API}/reviews", {"year": 2026, "title": "评查", "self_review_due_on": "2026-07-31"},
                      content_type="application/json").json()["id"]
    bad = agency.post(f"{API}/reviews/{rid}/draw", {"size": 9}, content_type="application/json")
    assert bad.status_code == 422 and "2～4" in bad.json()["message"]
    drawn = agency.post(f"{API}/reviews/{rid}/draw", {"size": 3, "seed": "api-seed"}, content_type="application/json").json()
    assert drawn["status"] == "drawn" and len(next(iter(drawn["draw"].values()))) == 3
    verify = client.get(f"{API}/public/reviews/{rid}/verify").json()
    assert verify["draw_reproduced"] and verify["population_unchanged"] and verify["seed"] == "api-seed"
    files = agency.get(f"{API}/reviews/{rid}/files").json()
    assert len(files) == 3 and client_for("cgj_legal").get(f"{API}/reviews/{rid}/files").json() == []


def test_joint_inputs_reference_any_record_and_filter_by_it(client_for, world):
    agency = client_for("agency")
    r = agency.post(f"{API}/joint-inputs", {"unit_id": world.unit("cgj").pk, "source": "procuratorate",
                                            "source_org": "华容区人民检察院", "document_kind": "检察建议书",
                                            "summary": "s", "subject_type": "cases.case", "subject_id": "41",
                                            "received_on": str(date(2026, 6, 1))}, content_type="application/json")
    assert r.status_code == 201
    found = agency.get(f"{API}/joint-inputs?subject_type=cases.case&subject_id=41").json()
    assert [j["id"] for j in found] == [r.json()["id"]]


def test_the_openapi_document_lists_the_supervision_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/oversight/complaints", "/api/v1/oversight/rectifications", "/api/v1/oversight/reviews/{review_id}/draw",
                 "/api/v1/oversight/public/track"):
        assert path in paths
