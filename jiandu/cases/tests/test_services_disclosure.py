"""R-CAS-7/8/9: disclosure masked and on time (late flagged), withdrawal after a correction,
post-evaluation of major decisions, correction rate."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.cases import selectors, services
from jiandu.cases.models import Case, Challenge, Disclosure, LegalReview
from jiandu.cases.tests import factories as f
from jiandu.core.errors import Conflict, InvalidInput

RAW = [f.PERSON["name"], f.PERSON["id_number"], f.PERSON["phone"], f.PERSON["address"], "临江大道88号"]


def decided(world, *, party=None, on=date(2026, 9, 30), facts=None, is_major=False) -> Case:
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, party=party or f.PERSON, is_major=is_major,
                       facts=facts or f"经查，当事人{f.PERSON['name']}（身份证号{f.PERSON['id_number']}，电话{f.PERSON['phone']}，"
                                      f"住{f.PERSON['address']}）销售过期食品。",
                       title=f"{f.PERSON['name']}销售过期食品案")
    f.walk_to_review(world.scjg_legal, case, on=date(2026, 9, 10))
    review = case.legal_reviews.get(status=LegalReview.Status.PENDING)
    services.legal_review_record(actor=world.scjg_legal, review=review, conclusion="approved", opinion="同意。",
                                 reviewed_on=date(2026, 9, 11))
    return services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=on, outcome="penalized",
                              penalties=["fine"], fine_amount="5000", legal_basis="《中华人民共和国食品安全法》第一百二十四条")


def test_the_published_record_holds_only_masked_personal_data(world):
    """R-CAS-7 (must hold 4): name partly masked, ID number, phone and address masked everywhere."""
    case = decided(world)
    d = services.disclosure_publish(actor=world.scjg_legal, disclosure=case.disclosures.get(), published_on=date(2026, 10, 9))
    public = " ".join(str(getattr(d, name)) for name in ("title", "party_display", "facts", "decision_text", "legal_basis"))
    for raw in RAW:
        assert raw not in public, raw
    assert "张**" in d.party_display and "420703********1234" in d.party_display
    assert "138****5678" in d.facts and "湖北省鄂州市华容区华容镇****" in d.facts
    assert "罚款5,000.00元" in d.decision_text and "罚款；罚款" not in d.decision_text and "罚款、罚款" not in d.decision_text


def test_an_organisation_keeps_its_name_but_its_legal_representative_is_masked(world):
    case = decided(world, party=f.COMPANY, facts="经查，当事人销售过期食品，法定代表人李建华在场。")
    d = services.disclosure_publish(actor=world.scjg_legal, disclosure=case.disclosures.get(), published_on=date(2026, 10, 9))
    assert f.COMPANY["name"] in d.party_display and f.COMPANY["id_number"] in d.party_display
    assert "李建华" not in d.party_display + d.facts and "李**" in d.party_display


def test_a_disclosure_published_after_7_working_days_is_late_and_flags_the_case(world):
    """R-CAS-7 (must hold 4): decided Sep 30, due Oct 15 across 国庆; published Oct 16 is late."""
    case = decided(world)
    disclosure = case.disclosures.get()
    assert disclosure.due_on == date(2026, 10, 15)
    d = services.disclosure_publish(actor=world.scjg_legal, disclosure=disclosure, published_on=date(2026, 10, 16))
    assert d.is_late is True
    assert Case.objects.get(pk=case.pk).disclosure_flag is True
    assert case.deadlines.get(kind="disclosure").is_late


def test_a_disclosure_on_its_last_day_is_in_time(world):
    case = decided(world)
    d = services.disclosure_publish(actor=world.scjg_legal, disclosure=case.disclosures.get(), published_on=date(2026, 10, 15))
    assert d.is_late is False and Case.objects.get(pk=case.pk).disclosure_flag is False


def test_a_missing_disclosure_is_flagged_by_the_sweep_and_publishing_late_keeps_the_flag(world):
    from jiandu.cases.sweeps import sweep
    from jiandu.cases.tests.calendars import CAL

    case = decided(world)
    counts = sweep(date(2026, 10, 16), CAL)
    assert counts["disclosures_flagged"] == 1 and Case.objects.get(pk=case.pk).disclosure_flag
    services.disclosure_publish(actor=world.scjg_legal, disclosure=case.disclosures.get(), published_on=date(2026, 10, 20))
    assert Case.objects.get(pk=case.pk).disclosure_flag


def test_a_revoked_decision_is_withdrawn_with_its_reason_within_3_working_days(world):
    """R-CAS-7, art. 48; R-CAS-9 outcome recorded."""
    case = decided(world)
    d = services.disclosure_publish(actor=world.scjg_legal, disclosure=case.disclosures.get(), published_on=date(2026, 10, 9))
    challenge = services.challenge_record(actor=world.scjg_legal, case=case, kind="reconsideration", body="华容区人民政府",
                                          filed_on=date(2026, 10, 20), reference="华政复〔2026〕5号")
    services.challenge_decide(actor=world.scjg_legal, challenge=challenge, outcome="revoked", decided_on=date(2026, 10, 29))
    d.refresh_from_db()
    assert d.withdraw_due_on == date(2026, 11, 3)
    assert case.deadlines.get(kind="withdrawal").status == "open"
    with pytest.raises(InvalidInput):
        services.disclosure_withdraw(actor=world.scjg_legal, disclosure=d, reason=" ")
    d = services.disclosure_withdraw(actor=world.scjg_legal, disclosure=d, reason="经行政复议被撤销（华政复〔2026〕5号）",
                                     withdrawn_on=date(2026, 11, 2))
    assert d.status == "withdrawn" and d.withdraw_reason.startswith("经行政复议被撤销")
    assert case.deadlines.get(kind="withdrawal").status == "done"
    public = selectors.public_disclosures().get(pk=d.pk)
    assert public.status == "withdrawn"


def test_publishing_twice_is_refused(world):
    case = decided(world)
    d = services.disclosure_publish(actor=world.scjg_legal, disclosure=case.disclosures.get(), published_on=date(2026, 10, 9))
    with pytest.raises(Conflict):
        services.disclosure_publish(actor=world.scjg_legal, disclosure=d)


def test_a_major_decision_is_tracked_until_its_written_post_evaluation(world):
    """R-CAS-8."""
    case = decided(world, is_major=True)
    evaluation = case.post_evaluation
    assert evaluation.status == "pending" and case.deadlines.get(kind="post_evaluation").status == "open"
    with pytest.raises(InvalidInput):
        services.post_evaluation_record(actor=world.scjg_legal, evaluation=evaluation, rating="good", opinion="",
                                        evaluated_on=date(2026, 11, 1))
    services.post_evaluation_record(actor=world.scjg_legal, evaluation=evaluation, rating="good",
                                    opinion="处罚后当事人已整改，未再发现同类违法行为。", evaluated_on=date(2026, 11, 1))
    evaluation.refresh_from_db()
    assert evaluation.status == "done" and case.deadlines.get(kind="post_evaluation").status == "done"


def test_reconsideration_and_litigation_outcomes_feed_the_correction_rate(world):
    """R-CAS-9: 撤销/变更/确认违法/责令履行 are corrections; 维持/驳回 are not."""
    outcomes = [("reconsideration", "upheld"), ("reconsideration", "changed"), ("litigation", "dismissed"),
                ("litigation", "confirmed_illegal")]
    for kind, outcome in outcomes:
        case = decided(world)
        ch = services.challenge_record(actor=world.scjg_legal, case=case, kind=kind, body="华容区人民法院", filed_on=date(2026, 10, 10))
        services.challenge_decide(actor=world.scjg_legal, challenge=ch, outcome=outcome, decided_on=date(2026, 11, 2))
    rate = selectors.correction_rate(world.agency, year=2026)
    assert (rate["total"], rate["corrected"], rate["rate"]) == (4, 2, 0.5)
    assert rate["by_kind"]["litigation"] == {"total": 2, "corrected": 1, "rate": 0.5}
    assert selectors.correction_rate(world.hrz_legal, year=2026)["total"] == 0  # another unit sees none
    assert Challenge.objects.filter(outcome="changed").get().is_correction


def test_a_challenge_needs_a_decided_case(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    with pytest.raises(Conflict):
        services.challenge_record(actor=world.scjg_legal, case=case, kind="litigation", body="法院", filed_on=date(2026, 9, 5))
    assert not Disclosure.objects.filter(case=case).exists()
