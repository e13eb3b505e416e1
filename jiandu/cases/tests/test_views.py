"""Case pages: what each role sees, the decision refused on the page without review, the public
page and open-data file showing masked personal data only (R-CAS-1…10, R-PUB-1/4)."""

from __future__ import annotations

import json
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from jiandu.cases import services
from jiandu.cases.models import Case, LegalReview
from jiandu.cases.tests import factories as f
from jiandu.cases.tests.test_services_disclosure import RAW, decided


def test_the_agency_lists_all_cases_with_filters_and_an_estimated_or_exact_total(world, client_for):
    unit = world.unit("scjg")
    overdue = f.file_case(world.scjg_legal, unit, title="超期未决案", filed_on=date(2026, 5, 1))
    f.file_case(world.cgj_legal, world.unit("cgj"), title="占道经营案")
    Case.objects.filter(pk=overdue.pk).update(is_overdue=True)
    c = client_for("agency")
    page = c.get("/cases/").content.decode()
    assert "超期未决案" in page and "占道经营案" in page and "共 2 条" in page
    filtered = c.get("/cases/?overdue=1").content.decode()
    assert "超期未决案" in filtered and "占道经营案" not in filtered
    assert "占道经营案" in c.get(f"/cases/?unit={world.unit('cgj').pk}").content.decode()


def test_a_unit_legal_officer_sees_only_its_units_cases_and_another_case_is_404(world, client_for):
    case = f.file_case(world.cgj_legal, world.unit("cgj"), title="占道经营案")
    c = client_for("scjg_legal")
    assert "占道经营案" not in c.get("/cases/").content.decode()
    assert c.get(f"/cases/{case.pk}/").status_code == 404


def test_the_case_page_shows_timeline_deadlines_officers_and_next_actions(world, client_for):
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit)
    page = client_for("scjg_legal").get(f"/cases/{case.pk}/").content.decode()
    for text in (case.number, "作出处罚决定", "第六十条", "徐明", "陈刚", "调查取证", "撤销立案（终止调查）", "执法全过程记录"):
        assert text in page, text


def test_a_general_penalty_decision_without_review_is_refused_on_the_page(world, client_for):
    """R-CAS-4 (must hold 2) on the page: the form comes back with the Chinese refusal."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 9, 2))
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 3))
    c = client_for("scjg_legal")
    r = c.post(f"/cases/{case.pk}/step/decide/", {"occurred_on": "2026-09-04", "officer_ids": [a.officer_id for a in case.assignments.all()],
                                                   "outcome": "penalized", "penalties": ["fine"], "fine_amount": "5000"})
    assert r.status_code == 200
    assert "未经法制审核或审核未通过的，不得作出决定" in r.content.decode()
    assert Case.objects.get(pk=case.pk).status == "notified"


def test_a_simple_procedure_decision_is_accepted_on_the_page(world, client_for):
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, procedure="simple", officers=[f.officer(unit, "单人")])
    c = client_for("scjg_legal")
    officer_ids = [a.officer_id for a in case.assignments.all()]
    assert c.post(f"/cases/{case.pk}/step/notify/", {"occurred_on": "2026-09-01", "officer_ids": officer_ids}).status_code == 302
    r = c.post(f"/cases/{case.pk}/step/decide/", {"occurred_on": "2026-09-01", "officer_ids": officer_ids,
                                                   "outcome": "penalized", "penalties": ["fine"], "fine_amount": "150"})
    assert r.status_code == 302 and Case.objects.get(pk=case.pk).status == "decided"


def test_filing_a_case_on_the_page(world, client_for):
    unit = world.unit("scjg")
    officers = f.pair(unit)
    item = f.item_for(unit)
    c = client_for("scjg_legal")
    form = c.get("/cases/new/").content.decode()
    assert item.name in form and "徐明" in form
    r = c.post("/cases/new/", {"kind": "penalty", "procedure": "general", "item": item.pk, "title": "销售假冒商品案",
                               "filed_on": "2026-09-01", "officers": [o.pk for o in officers], "party_kind": "organisation",
                               "party_name": "某商贸公司"})
    assert r.status_code == 302
    assert Case.objects.get(title="销售假冒商品案").assignments.count() == 2
    r = c.post("/cases/new/", {"kind": "penalty", "procedure": "general", "item": item.pk, "title": "一人办案",
                               "filed_on": "2026-09-01", "officers": [officers[0].pk], "party_kind": "organisation",
                               "party_name": "某商贸公司"})
    assert "须指派至少2名" in r.content.decode()


def test_the_review_page_shows_the_checks_and_records_the_opinion(world, client_for):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    f.walk_to_review(world.scjg_legal, case, fine="150000")
    review = case.legal_reviews.get()
    c = client_for("scjg_legal")
    page = c.get(f"/cases/reviews/{review.pk}/").content.decode()
    assert "听证权利告知" in page and "不符合" in page and "追责期限" in page
    assert case.title in c.get("/cases/reviews/").content.decode()
    r = c.post(f"/cases/reviews/{review.pk}/", {"conclusion": "approved", "opinion": "同意。", "reviewed_on": "2026-09-11"})
    assert r.status_code == 302
    assert LegalReview.objects.get(pk=review.pk).status == "done"


def test_an_officer_sees_my_cases_and_deadlines_and_the_dashboard_widget(world, client_for):
    unit = world.unit("scjg")
    f.file_case(world.scjg_legal, unit, officers=f.pair(unit, with_user=world.scjg_officer), title="我的案子")
    c = client_for("scjg_officer")
    page = c.get("/cases/mine/").content.decode()
    assert "我的案子" in page and "作出处罚决定" in page
    assert "我的办案期限" in c.get("/").content.decode()


def test_the_public_page_and_open_data_show_masked_personal_data_only(world, client):
    """R-CAS-7 (must hold 4): tested on the rendered HTML and on both open-data files."""
    case = decided(world)
    d = services.disclosure_publish(actor=world.scjg_legal, disclosure=case.disclosures.get(), published_on=date(2026, 10, 9))
    listing = client.get("/public/decisions/").content.decode()
    detail = client.get(f"/public/decisions/{d.pk}/").content.decode()
    csv_text = b"".join(client.get("/public/decisions/open-data.csv").streaming_content).decode("utf-8-sig")
    data = client.get("/public/decisions/open-data.json").json()
    for text in (listing, detail, csv_text, json.dumps(data, ensure_ascii=False)):
        for raw in RAW:
            assert raw not in text, raw
        assert "张**" in text
    assert "420703********1234" in detail and "138****5678" in detail
    assert data["records"][0]["decision_number"] == case.decision_number


def test_a_pending_or_other_units_disclosure_is_not_public(world, client):
    case = decided(world)
    assert client.get(f"/public/decisions/{case.disclosures.get().pk}/").status_code == 404


def test_the_import_page_starts_a_job_and_the_template_downloads(world, client_for):
    from jiandu.cases.jobs import template_bytes

    c = client_for("scjg_legal")
    assert c.get("/cases/imports/template.xlsx").content[:2] == b"PK"
    r = c.post("/cases/imports/", {"source_system": "省系统", "file": SimpleUploadedFile("t.xlsx", template_bytes())})
    assert r.status_code == 302 and "/jobs/" in r["Location"]


def test_evidence_upload_and_verify_on_the_page(world, client_for):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    c = client_for("scjg_legal")
    r = c.post(f"/cases/{case.pk}/evidence/", {"kind": "photo", "title": "现场照片", "file": SimpleUploadedFile("a.jpg", b"x" * 10)})
    assert r.status_code == 302 and case.evidence.count() == 1
    r = c.post(f"/cases/{case.pk}/evidence/verify/", follow=True)
    assert "SHA-256 全部一致" in r.content.decode()
