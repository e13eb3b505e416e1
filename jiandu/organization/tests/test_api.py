"""R-PLT-6: the API answers with JSON errors in Chinese with stable codes; token auth works."""

from __future__ import annotations

from django.test import Client

from jiandu.organization import services


def test_anonymous_api_call_is_401_with_a_json_code(db):
    response = Client().get("/api/v1/organization/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_openapi_document_is_served(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "行政执法协调监督平台 API"


def test_out_of_scope_unit_is_404_like_a_missing_one(client_for, world):
    c = client_for("hrz_legal")
    outside = c.get(f"/api/v1/organization/units/{world.unit('gdz').pk}")
    missing = c.get("/api/v1/organization/units/99999999")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json() == {"code": "not_found", "message": "记录不存在或无权查看。"}


def test_bearer_token_authenticates_other_systems(world):
    _, raw = services.api_token_create(actor=world.agency, user=world.agency, name="省级平台")
    response = Client().get("/api/v1/organization/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["username"] == "agency"
    assert Client().get("/api/v1/organization/me", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401


def test_validation_errors_are_chinese_json(client_for):
    response = client_for("agency").get("/api/v1/core/workdays/add?start=not-a-date&working_days=x")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert {d["field"] for d in body["details"]} == {"start", "working_days"}


def test_workdays_api_uses_the_legal_reading(client_for):
    response = client_for("agency").get("/api/v1/core/workdays/add?start=2026-09-30&working_days=7")
    assert response.json()["deadline"] == "2026-10-15"
    response = client_for("agency").get("/api/v1/core/workdays/add?start=2026-12-30&working_days=7")
    assert response.status_code == 409 and response.json()["code"] == "calendar_year_missing"
