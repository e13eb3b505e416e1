"""R-PLT-6 for personnel: every action over /api/v1/personnel/, with the same Chinese messages
and stable codes as the pages, JSON errors, and nothing written on a refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from django.core.cache import cache
from django.test import Client

from jiandu.personnel import rules
from jiandu.personnel.models import Certificate, CertificateApplication, Officer
from jiandu.personnel.tests.conftest import id_number

API = "/api/v1/personnel"


def post(client, path, data, method="post"):
    return getattr(client, method)(f"{API}{path}", data=data, content_type="application/json")


def test_an_officer_is_created_read_patched_and_listed(client_for, world):
    c = client_for("scjg_legal")
    number = id_number()
    r = post(c, "/officers", {"unit_id": world.unit("scjg").pk, "name": "接口人员", "id_number": number, "post": "执法队员",
                              "joined_on": "2015-07-01"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["id_number"] == number and body["certificate"] is None and body["status"] == "active"
    officer_id = body["id"]
    r = post(c, f"/officers/{officer_id}", {"phone": "13871234567"}, method="patch")
    assert r.status_code == 200 and Officer.objects.get(pk=officer_id).phone == "13871234567"
    listed = c.get(f"{API}/officers", {"q": "接口人员"}).json()
    assert listed["count"] == 1 and Decimal(listed["items"][0]["hours_this_year"]) == 0


def test_bad_input_and_a_duplicate_id_number_answer_json_with_codes(client_for, world, people, unchanged):
    c = client_for("agency")
    existing = people.officer("scjg")
    with unchanged():
        missing = post(c, "/officers", {"unit_id": world.unit("scjg").pk, "name": "缺字段"})
        bad = post(c, "/officers", {"unit_id": world.unit("scjg").pk, "name": "甲", "id_number": "420703198507121230",
                                    "post": "队员", "joined_on": "2026-13-01"})
        bad_id = post(c, "/officers", {"unit_id": world.unit("scjg").pk, "name": "甲", "id_number": "420703198507121230",
                                       "post": "队员"})
        twice = post(c, "/officers", {"unit_id": world.unit("hrz").pk, "name": "乙", "id_number": existing.id_number,
                                      "post": "队员"})
        unknown_unit = post(c, "/officers", {"unit_id": 987654, "name": "丙", "id_number": id_number(), "post": "队员"})
    assert missing.status_code == 422 and missing.json()["code"] == "invalid_input"
    assert {d["field"] for d in missing.json()["details"]} == {"id_number", "post"}
    assert bad.status_code == 422 and "日期" in bad.json()["details"][0]["message"]
    assert bad_id.status_code == 422 and "校验码" in bad_id.json()["details"]["id_number"]
    assert twice.status_code == 409 and twice.json()["code"] == "officer_id_number_taken"
    assert unknown_unit.status_code == 404 and unknown_unit.json()["code"] == "not_found"


def test_the_review_runs_over_the_api_with_each_reviewers_own_account(client_for, people, world):
    officer = people.officer("scjg")
    r = post(client_for("scjg_legal"), "/applications", {"officer_id": officer.pk, "note": "新入职执法队员"})
    assert r.status_code == 201 and r.json()["pending_seats"] == ["agency", "establishment", "finance"]
    app_id = r.json()["id"]
    early = post(client_for("city_review"), f"/applications/{app_id}/reviews", {"approve": True})
    assert early.status_code == 409 and early.json()["code"] == "review_out_of_order"
    wrong = post(client_for("city_review"), f"/applications/{app_id}/reviews", {"approve": True, "step": "district"})
    assert wrong.status_code == 409 and wrong.json()["code"] == "review_wrong_level"
    for who in ("bb_review", "agency", "cz_review"):
        assert post(client_for(who), f"/applications/{app_id}/reviews", {"approve": True}).status_code == 200
    again = post(client_for("agency2"), f"/applications/{app_id}/reviews", {"approve": True, "step": "district"})
    assert again.status_code == 409 and again.json()["code"] in ("review_already_signed", "review_out_of_order")
    assert post(client_for("city_review"), f"/applications/{app_id}/reviews", {"approve": True}).json()["status"] == \
        rules.PROVINCE_REVIEW
    queue = client_for("prov_review").get(f"{API}/reviews/queue").json()
    assert app_id in [a["id"] for a in queue]
    assert post(client_for("prov_review"), f"/applications/{app_id}/reviews", {"approve": True}).status_code == 200
    today = timezone.localdate().isoformat()  # submitted today: every later step is dated today
    exam = post(client_for("prov_review"), f"/applications/{app_id}/exam", {"score": "72", "exam_on": today})
    assert exam.json()["status"] == rules.AWAITING_ISSUE
    issued = post(client_for("prov_review"), f"/applications/{app_id}/issue", {"number": "API-2026-1", "issued_on": today})
    assert issued.status_code == 201 and issued.json()["status"] == "valid"
    assert [e["action"] for e in issued.json()["events"]] == ["issue"]
    twice = post(client_for("prov_review"), f"/applications/{app_id}/issue", {"number": "API-2026-2"})
    assert twice.status_code == 409 and twice.json()["code"] == "application_closed"


def test_an_ineligible_application_lists_its_reasons(client_for, people):
    officer = people.officer("scjg", category="auxiliary", fiscally_funded=False)
    r = post(client_for("scjg_legal"), "/applications", {"officer_id": officer.pk})
    assert r.status_code == 409 and r.json()["code"] == "officer_ineligible"
    assert {x["code"] for x in r.json()["details"]["reasons"]} == {"auxiliary_staff", "not_fiscally_funded"}


def test_sanctions_over_the_api_produce_documents(client_for, people):
    officer = people.certified("scjg")
    c = client_for("agency")
    first = post(c, f"/officers/{officer.pk}/conduct-records", {"occurred_on": "2026-03-02", "description": "执法文书未送达当事人"})
    second = post(c, f"/officers/{officer.pk}/conduct-records", {"occurred_on": "2026-05-02", "description": "现场检查未出示证件"})
    assert [first.json()["sanction"], second.json()["sanction"]] == ["talk_reminder", "circulated_criticism"]
    docs = c.get(f"{API}/officers/{officer.pk}/documents").json()
    assert {d["kind_label"] for d in docs} == {"谈话提醒通知", "通报批评"}
    assert client_for("scjg_legal").get(docs[0]["download_url"]).status_code == 200
    forbidden = post(client_for("scjg_legal"), f"/officers/{officer.pk}/conduct-records",
                     {"occurred_on": "2026-05-02", "description": "现场检查未出示证件"})
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"
    a = post(c, f"/officers/{officer.pk}/assessments", {"year": 2025, "grade": "incompetent", "decided_on": "2026-01-15"})
    assert a.json()["consequence"] == "suspend"
    ret = post(c, f"/officers/{officer.pk}/certificate-return", {})
    assert ret.status_code == 409 and ret.json()["code"] == "return_conditions_unmet"
    rev = post(c, f"/officers/{officer.pk}/revocations", {"trigger": "expulsion", "reason": "受到开除处分（华纪〔2026〕1号）",
                                                          "effective_on": "2026-02-01"})
    assert rev.status_code == 200 and rev.json()["certificate"]["status"] == "revoked"
    tasks = c.get(f"{API}/transfer-tasks", {"status": "open"}).json()
    assert officer.pk in [t["officer_id"] for t in tasks]


def test_referral_training_and_tests_over_the_api(client_for, people, world):
    officer = people.certified("hrz")
    ref = post(client_for("agency"), "/referrals", {"officer_id": officer.pk, "referred_on": "2026-09-30",
                                                    "facts": "多次违规收取管理相对人财物，线索来源于信访件。"})
    assert ref.status_code == 201 and ref.json()["due_on"] == "2026-10-13"
    rid = ref.json()["id"]
    assert post(client_for("jw_liaison"), f"/referrals/{rid}/conclude", {"outcome": "filed", "outcome_note": "x"}).json()[
        "code"] == "referral_not_received"
    assert post(client_for("jw_liaison"), f"/referrals/{rid}/receive", {"received_on": "2026-10-09"}).json()["status"] == "received"
    session = post(client_for("hrz_legal"), "/training/sessions", {"unit_id": world.unit("hrz").pk, "title": "庭审旁听",
                                                                   "method": "court_hearing", "held_on": "2026-05-20", "hours": "3"})
    assert session.status_code == 201
    att = post(client_for("hrz_legal"), f"/training/sessions/{session.json()['id']}/attendance",
               {"entries": [{"officer_id": officer.pk}]})
    assert att.json()["attendance_count"] == 1
    comp = client_for("hrz_legal").get(f"{API}/training/compliance", {"year": 2026}).json()
    assert Decimal(comp["target"]) == 40 and comp["units"][0]["people"] >= 1
    t = post(client_for("agency"), "/tests", {"title": "接口测试", "held_on": "2026-06-01"})
    tid = t.json()["id"]
    post(client_for("agency"), f"/tests/{tid}/results", {"entries": [{"officer_id": officer.pk, "score": "30"}]})
    notice = post(client_for("agency"), f"/tests/{tid}/notice", {})
    assert notice.status_code == 201 and notice.json()["kind_label"] == "闭卷测试不合格人员通报"
    retake = post(client_for("agency"), f"/tests/{tid}/retakes", {"officer_id": officer.pk, "score": "20", "taken_on": "2026-06-15"})
    assert retake.json()["attempt"] == 2
    assert Certificate.objects.get(officer=officer).status == Certificate.Status.SUSPENDED


def test_certified_on_answers_only_for_visible_officers(client_for, people):
    mine, other = people.certified("hrz"), people.certified("gdz")
    answer = client_for("hrz_legal").get(f"{API}/certified-on", {"officer_ids": f"{mine.pk},{other.pk}", "on": "2026-05-01"})
    assert answer.json() == {str(mine.pk): "", str(other.pk): "执法人员不存在。"}


def test_the_public_check_needs_no_login_and_is_rate_limited(people):
    cache.clear()
    people.certified("scjg", name="公开核验", number="HB-API-9")
    anon = Client()
    ok = anon.get(f"{API}/public/certificate-check", {"number": "HB-API-9"})
    assert ok.status_code == 200 and ok.json()["name"] == "公开核验" and "id_number" not in ok.json()
    assert anon.get(f"{API}/public/certificate-check", {"number": "nope"}).status_code == 404
    codes = [anon.get(f"{API}/public/certificate-check", {"number": f"X{i}"}).status_code for i in range(25)]
    assert codes[-1] == 429
    cache.clear()


def test_openapi_lists_the_personnel_actions(client_for):
    paths = client_for("agency").get("/api/v1/openapi.json").json()["paths"]
    for path in ("/officers", "/applications/{application_id}/reviews", "/officers/{officer_id}/conduct-records",
                 "/referrals", "/training/sessions/{session_id}/attendance", "/tests/{test_id}/retakes"):
        assert f"{API}{path}" in paths


@pytest.mark.parametrize("path", ["/officers/999999", "/applications/999999", "/referrals/999999/receive", "/tests/999999"])
def test_unknown_ids_are_404_json(client_for, path):
    c = client_for("agency")
    r = c.post(f"{API}{path}", data={}, content_type="application/json") if path.endswith("receive") else c.get(f"{API}{path}")
    assert r.status_code == 404 and r.json()["code"] == "not_found"


def test_an_application_with_no_body_changes_nothing(client_for, unchanged):
    with unchanged():
        r = post(client_for("scjg_legal"), "/applications", {})
    assert r.status_code == 422 and CertificateApplication.objects.count() == 0


def test_a_login_account_of_the_same_unit_is_linked_through_the_api(client_for, world, people):
    officer = people.certified("scjg")
    c = client_for("scjg_legal")
    assert c.patch(f"{API}/officers/{officer.pk}", data={"user_id": world.scjg_officer.pk},
                   content_type="application/json").status_code == 200
    assert Officer.objects.get(pk=officer.pk).user == world.scjg_officer
    other = c.patch(f"{API}/officers/{officer.pk}", data={"user_id": world.hrz_legal.pk}, content_type="application/json")
    assert other.status_code == 404  # an account outside the caller's scope is as if absent
    assert client_for("scjg_officer").get(f"{API}/officers").json()["items"][0]["id"] == officer.pk
