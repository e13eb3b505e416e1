"""Must-hold 5 (R-ORG-5): a township legal officer cannot read or change another township's
officers through pages, API or the Excel export — 404 as if absent; the agency sees all; the
other district's agency sees none of 华容区's."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from jiandu.personnel import services

API = "/api/v1/personnel"


@pytest.fixture
def two_townships(world, people):
    hrz = people.certified("hrz", name="华容甲")
    gdz = people.certified("gdz", name="葛店乙")
    record = services.conduct_record(actor=world.agency, officer=gdz, occurred_on=date(2026, 3, 5),
                                     description="执法检查未出示证件")
    return hrz, gdz, record.document


def names_in_export(client, query: str = "") -> set[str]:
    response = client.get(f"/personnel/officers/export.xlsx{query}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_another_townships_officer_page_is_404_exactly_like_a_missing_one(client_for, two_townships):
    _, gdz, _ = two_townships
    c = client_for("hrz_legal")
    outside, missing = c.get(f"/personnel/officers/{gdz.pk}/"), c.get("/personnel/officers/99999999/")
    assert outside.status_code == missing.status_code == 404
    strip = lambda r: re.sub(r"[A-Za-z0-9]{64}", "", r.content.decode())  # noqa: E731 - CSRF tokens differ per response
    assert strip(outside) == strip(missing)
    assert "记录不存在或无权查看" in outside.content.decode() and "葛店乙" not in outside.content.decode()


def test_another_townships_officer_is_404_over_the_api_like_a_missing_one(client_for, two_townships):
    _, gdz, _ = two_townships
    c = client_for("hrz_legal")
    outside, missing = c.get(f"{API}/officers/{gdz.pk}"), c.get(f"{API}/officers/99999999")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json() == {"code": "not_found", "message": "记录不存在或无权查看。"}
    assert gdz.pk not in [o["id"] for o in c.get(f"{API}/officers", {"limit": 200}).json()["items"]]


def test_another_townships_officer_cannot_be_changed_through_pages_or_api(client_for, two_townships, unchanged):
    _, gdz, _ = two_townships
    c = client_for("hrz_legal")
    with unchanged():
        page = c.post(f"/personnel/officers/{gdz.pk}/edit/", {"name": "改名", "id_number": gdz.id_number, "category": "officer",
                                                              "on_establishment": "1", "fiscally_funded": "1"})
        api = c.patch(f"{API}/officers/{gdz.pk}", data={"name": "改名"}, content_type="application/json")
        post = c.post(f"{API}/officers/{gdz.pk}/post-changes", data={"post": "x", "is_enforcement_post": False,
                                                                     "started_on": "2026-05-01", "reason": "x"},
                      content_type="application/json")
        apply = c.post(f"{API}/applications", data={"officer_id": gdz.pk}, content_type="application/json")
        leave = c.post(f"/personnel/officers/{gdz.pk}/leave/", {"left_on": "2026-05-01", "reason": "退休"})
    assert page.status_code == api.status_code == post.status_code == apply.status_code == leave.status_code == 404


def test_another_townships_documents_cannot_be_downloaded(client_for, two_townships):
    _, gdz, document = two_townships
    assert client_for("hrz_legal").get(f"/personnel/officers/{gdz.pk}/documents/{document.pk}/").status_code == 404
    assert client_for("hrz_legal").get(f"/documents/{document.pk}/download/").status_code == 404
    assert client_for("gdz_legal").get(f"/personnel/officers/{gdz.pk}/documents/{document.pk}/").status_code == 200


def test_the_export_holds_exactly_what_the_page_shows(client_for, two_townships):
    hrz_names = names_in_export(client_for("hrz_legal"))
    assert "华容甲" in hrz_names and "葛店乙" not in hrz_names
    assert "葛店乙" not in names_in_export(client_for("hrz_legal"), f"?unit={two_townships[1].unit_id}")
    page = client_for("hrz_legal").get("/personnel/").content.decode()
    assert "华容甲" in page and "葛店乙" not in page


def test_the_agency_sees_all_and_the_other_districts_agency_sees_none(client_for, two_townships):
    hrz, gdz, _ = two_townships
    assert {"华容甲", "葛店乙"} <= names_in_export(client_for("agency"))
    assert client_for("agency").get(f"/personnel/officers/{gdz.pk}/").status_code == 200
    lzh = client_for("lzh_agency")
    assert names_in_export(lzh) & {"华容甲", "葛店乙"} == set()
    assert lzh.get(f"/personnel/officers/{hrz.pk}/").status_code == 404
    assert lzh.get(f"{API}/officers/{gdz.pk}").status_code == 404
    assert lzh.get(f"{API}/officers").json()["count"] == 0


def test_an_enforcement_officer_sees_only_their_own_file(client_for, world, people):
    own = people.certified("scjg", name="本人", user=world.scjg_officer)
    colleague = people.certified("scjg", name="同事")
    c = client_for("scjg_officer")
    assert c.get("/personnel/me/").url == f"/personnel/officers/{own.pk}/"
    assert c.get(f"/personnel/officers/{own.pk}/").status_code == 200
    assert c.get(f"/personnel/officers/{colleague.pk}/").status_code == 404
    assert [o["name"] for o in c.get(f"{API}/officers").json()["items"]] == ["本人"]


def test_applications_of_another_township_are_404_but_reviewers_see_them(client_for, world, people):
    application = services.application_submit(actor=world.gdz_legal, officer=people.officer("gdz"))
    assert client_for("hrz_legal").get(f"/personnel/applications/{application.pk}/").status_code == 404
    assert client_for("bb_review").get(f"/personnel/applications/{application.pk}/").status_code == 200
    assert client_for("lzh_agency").get(f"/personnel/applications/{application.pk}/").status_code == 404
    assert client_for("city_review").get(f"{API}/applications/{application.pk}").status_code == 200


def test_clue_referrals_are_confidential_to_the_agency_and_discipline_inspection(client_for, world, people):
    officer = people.certified("scjg", name="被移送")
    referral = services.referral_create(actor=world.agency, officer=officer, referred_on=date(2026, 6, 1),
                                        facts="涉嫌收受管理相对人财物，附举报材料。")
    assert client_for("jw_liaison").get(f"/personnel/referrals/{referral.pk}/").status_code == 200
    assert client_for("scjg_legal").get(f"/personnel/referrals/{referral.pk}/").status_code == 404
    assert 'data-testid="referrals"' not in client_for("scjg_legal").get(f"/personnel/officers/{officer.pk}/").content.decode()
    assert 'data-testid="referrals"' in client_for("agency").get(f"/personnel/officers/{officer.pk}/").content.decode()
    assert client_for("scjg_legal").get(f"{API}/referrals").json() == []


def test_a_referral_leaves_no_trace_a_unit_legal_officer_can_read(client_for, world, people):
    from jiandu.core import scope
    from jiandu.core.models import AuditEvent, OfficialDocument

    officer = people.certified("scjg")
    referral = services.referral_create(actor=world.agency, officer=officer, referred_on=date(2026, 6, 1),
                                        facts="涉嫌违规收受财物，附举报材料复印件。")
    events = scope.visible(AuditEvent.objects.filter(action__startswith="referral."), world.scjg_legal)
    documents = scope.visible(OfficialDocument.objects.filter(pk=referral.document_id), world.scjg_legal)
    assert not events.exists() and not documents.exists()
    assert client_for("scjg_legal").get(f"/documents/{referral.document_id}/download/").status_code == 404
    assert client_for("agency").get(f"/personnel/referrals/{referral.pk}/document/").status_code == 200
