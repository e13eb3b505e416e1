"""The contract other apps rely on — ``officers_certified_on`` (R-CAS-3) — and the scoped reads
of the registry (R-PER-1, R-ORG-5)."""

from __future__ import annotations

from datetime import date

from jiandu.personnel import rules, selectors, services
from jiandu.personnel.selectors import OfficerFilters, officers_certified_on


def test_certified_on_is_empty_for_a_valid_certificate_and_names_the_reason_otherwise(world, people):
    valid = people.certified("scjg", issued_on=date(2024, 3, 1))
    auxiliary = people.officer("scjg", name="辅助甲", category="auxiliary")
    none = people.officer("scjg", name="无证乙")
    result = officers_certified_on([valid.pk, auxiliary.pk, none.pk, 999999], date(2026, 5, 1))
    assert result[valid.pk] == ""
    assert "辅助人员" in result[auxiliary.pk]
    assert "未持有行政执法证" in result[none.pk]
    assert result[999999] == "执法人员不存在。"


def test_certified_on_before_issue_is_not_certified(world, people):
    officer = people.certified("scjg", issued_on=date(2026, 3, 1))
    assert "未持有" in officer_certified(officer, date(2026, 2, 28))
    assert officer_certified(officer, date(2026, 3, 1)) == ""


def officer_certified(officer, on):
    return officers_certified_on([officer.pk], on)[officer.pk]


def test_certified_on_follows_a_suspension_midway_and_its_return(world, people):
    officer = people.certified("scjg", issued_on=date(2024, 3, 1))
    services.assessment_record(actor=world.agency, officer=officer, year=2025, grade=rules.INCOMPETENT,
                               decided_on=date(2026, 2, 2))
    assert officer_certified(officer, date(2026, 2, 1)) == ""
    assert "暂扣" in officer_certified(officer, date(2026, 2, 2))
    assert "暂扣" in officer_certified(officer, date(2026, 7, 1))


def test_certified_on_an_expired_certificate_is_not_certified(world, people):
    officer = people.certified("scjg", issued_on=date(2020, 1, 10))  # five years: valid until 2025-01-09
    assert officer_certified(officer, date(2025, 1, 9)) == ""
    assert "过期" in officer_certified(officer, date(2025, 1, 10))


def test_certified_on_after_revocation_and_after_cancellation(world, people):
    revoked, cancelled = people.certified("cgj"), people.certified("cgj")
    services.officer_revoke(actor=world.agency, officer=revoked, trigger=rules.TRIGGER_ABUSE, reason="查实。",
                            effective_on=date(2026, 4, 1))
    services.officer_leave(actor=world.agency, officer=cancelled, left_on=date(2026, 4, 1), reason="退休")
    assert officer_certified(revoked, date(2026, 3, 31)) == "" and "收回" in officer_certified(revoked, date(2026, 4, 1))
    assert "注销" in officer_certified(cancelled, date(2026, 4, 2))


def test_the_registry_filters_in_sql_by_unit_category_certificate_status_and_shortfall(world, people):
    on = date(2026, 11, 1)
    valid = people.certified("scjg", name="有效证")
    suspended = people.certified("scjg", name="暂扣证")
    services.assessment_record(actor=world.agency, officer=suspended, year=2025, grade=rules.INCOMPETENT,
                               decided_on=date(2026, 1, 5))
    people.officer("scjg", name="辅助", category="auxiliary")
    trained = people.officer("hrz", name="学满")
    s = services.training_session_create(actor=world.agency, unit=world.unit("agency"), title="全区集中培训",
                                         method="expert_lecture", held_on=date(2026, 6, 1), hours=24)
    s2 = services.training_session_create(actor=world.agency, unit=world.unit("agency"), title="全区集中培训二",
                                          method="court_hearing", held_on=date(2026, 7, 1), hours=16)
    for sess in (s, s2):
        services.training_attendance_record(actor=world.agency, session=sess, entries=[services.AttendanceEntry(trained)])

    def names(**filters):
        return set(selectors.officer_list(world.agency, OfficerFilters(**filters), on=on).values_list("name", flat=True))

    assert {"有效证", "暂扣证", "辅助"} <= names(unit=world.unit("scjg").pk)
    assert "学满" not in names(unit=world.unit("scjg").pk)
    assert names(cert_status="suspended") >= {"暂扣证"} and "有效证" not in names(cert_status="suspended")
    assert "辅助" in names(category="auxiliary") and "有效证" not in names(category="auxiliary")
    assert "学满" in names(cert_status="none")
    short = names(shortfall=True)
    assert {"有效证", "辅助"} <= short and "学满" not in short
    row = selectors.officer_list(world.agency, OfficerFilters(q="学满"), on=on).get()
    assert row.hours_year == 40 and row.cert_status == "none"
    assert valid.pk in set(selectors.officer_list(world.agency, OfficerFilters(q=valid.id_number[:10]), on=on)
                           .values_list("pk", flat=True))


def test_filters_from_a_query_string_ignore_unknown_values():
    f = OfficerFilters.from_params({"unit": "x", "category": "boss", "cert_status": "valid", "shortfall": "1", "q": " 王 "})
    assert (f.unit, f.category, f.cert_status, f.shortfall, f.q) == (None, "", "valid", True, "王")


def test_public_certificate_shows_name_unit_status_and_validity_only(world, people):
    officer = people.certified("scjg", name="钱公开", number="PUB-0001")
    found = selectors.public_certificate("PUB-0001", on=date(2026, 5, 1))
    assert (found.name, found.unit, found.status_label) == ("钱公开", "华容区市场监督管理局", "有效")
    assert not hasattr(found, "id_number") and not hasattr(found, "phone")
    assert selectors.public_certificate("PUB-0002", on=date(2026, 5, 1)) is None
    services.officer_leave(actor=world.agency, officer=officer, left_on=date(2026, 6, 1), reason="辞职")
    assert selectors.public_certificate("PUB-0001", on=date(2026, 6, 2)).status == rules.CANCELLED
