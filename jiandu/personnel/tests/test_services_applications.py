"""R-PER-2, R-PER-3: the certificate application through the three-level review, each reviewer
from their own account; out-of-order, wrong-level and repeated actions are refused with stable
codes and write nothing."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import AuditEvent, Notification, PolicyParameter
from jiandu.personnel import rules, services
from jiandu.personnel.models import ApplicationReview, Certificate, CertificateEvent, Officer

SUBMITTED = date(2026, 3, 2)


def submit(world, officer, actor=None):
    return services.application_submit(actor=actor or world.scjg_legal, officer=officer, on=SUBMITTED)


def district(world, application, seats=("agency", "bb_review", "cz_review")):
    for username in seats:
        application = services.application_review(actor=world.user(username), application=application, approve=True,
                                                   reason="符合条件", acted_on=date(2026, 3, 4))
    return application


def through_province(world, application):
    application = district(world, application)
    application = services.application_review(actor=world.city_review, application=application, approve=True,
                                              acted_on=date(2026, 3, 10))
    return services.application_review(actor=world.prov_review, application=application, approve=True,
                                       acted_on=date(2026, 3, 16))


def test_a_unit_submits_for_an_eligible_officer_and_every_district_seat_is_told(world, people):
    officer = people.officer("scjg")
    application = submit(world, officer)
    assert application.status == rules.DISTRICT_REVIEW
    assert application.required_seats == ["agency", "establishment", "finance"]
    told = set(Notification.objects.filter(link__endswith=f"/applications/{application.pk}/").values_list(
        "recipient__username", flat=True))
    assert {"agency", "agency2", "agency3", "bb_review", "cz_review"} <= told
    assert "city_review" not in told and "lzh_agency" not in told


def test_the_whole_review_leads_to_a_certificate_issued_by_the_province(world, people):
    officer = people.officer("scjg")
    application = through_province(world, submit(world, officer))
    assert application.status == rules.EXAM_PENDING
    application = services.application_record_exam(actor=world.prov_review, application=application, score="86.5",
                                                   exam_on=date(2026, 4, 18))
    assert application.status == rules.AWAITING_ISSUE and application.exam_score == 86.5
    cert = services.application_issue(actor=world.prov_review, application=application, issued_on=date(2026, 5, 8),
                                      number="鄂执2026000123")
    application.refresh_from_db()
    assert application.status == rules.ISSUED and application.certificate == cert
    assert (cert.issuer, cert.issued_on, cert.valid_until) == ("湖北省人民政府", date(2026, 5, 8), date(2031, 5, 7))
    assert cert.status == Certificate.Status.VALID
    assert CertificateEvent.objects.get(certificate=cert).action == "issue"
    steps = list(ApplicationReview.objects.filter(application=application).values_list("step", "seat", "verdict"))
    assert steps == [
        ("district", "agency", "approve"), ("district", "establishment", "approve"), ("district", "finance", "approve"),
        ("city", "city", "approve"), ("province", "province", "approve"), ("exam", "province", "pass"),
        ("issue", "province", "issued"),
    ]
    # every step records who and when, and each is in the audit chain
    review = ApplicationReview.objects.get(application=application, seat="finance")
    assert review.reviewer == world.cz_review and review.acted_on == date(2026, 3, 4)
    assert AuditEvent.objects.filter(action="application.review.district", object_id=str(application.pk)).count() == 3


def test_the_district_seats_sign_in_any_order(world, people):
    application = submit(world, people.officer("cgj"), actor=world.cgj_legal)
    application = district(world, application, seats=("cz_review", "agency2", "bb_review"))
    assert application.status == rules.CITY_REVIEW


def test_city_review_before_the_district_review_is_complete_is_refused_and_writes_nothing(world, people, unchanged):
    application = submit(world, people.officer("scjg"))
    services.application_review(actor=world.agency, application=application, approve=True)
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_review(actor=world.city_review, application=application, approve=True)
    assert exc.value.code == "review_out_of_order"
    assert "区级初审中" in exc.value.message


def test_a_reviewer_acting_at_another_levels_step_is_refused(world, people, unchanged):
    application = submit(world, people.officer("scjg"))
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_review(actor=world.city_review, application=application, approve=True, step="district")
    assert exc.value.code == "review_wrong_level"
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_review(actor=world.bb_review, application=application, approve=True, step="city")
    assert exc.value.code == "review_wrong_level"


def test_a_seat_cannot_sign_twice_even_from_another_account_of_the_same_unit(world, people, unchanged):
    application = submit(world, people.officer("scjg"))
    services.application_review(actor=world.agency, application=application, approve=True)
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_review(actor=world.agency2, application=application, approve=True)
    assert exc.value.code == "review_already_signed"


def test_a_refusal_ends_the_application_with_its_reason(world, people):
    officer = people.officer("scjg")
    application = submit(world, officer)
    services.application_review(actor=world.agency, application=application, approve=True)
    with pytest.raises(InvalidInput) as exc:
        services.application_review(actor=world.bb_review, application=application, approve=False, reason=" ")
    assert "理由" in exc.value.details["reason"]
    application = services.application_review(actor=world.bb_review, application=application, approve=False,
                                              reason="该岗位不在核定的执法编制内")
    assert application.status == rules.REFUSED and "区委编办区级初审不同意：该岗位不在核定的执法编制内" == application.closing_reason
    with pytest.raises(Conflict) as closed:
        services.application_review(actor=world.cz_review, application=application, approve=True)
    assert closed.value.code == "application_closed"
    # the unit may apply again once the previous application has ended
    assert submit(world, officer).status == rules.DISTRICT_REVIEW


def test_a_failed_exam_ends_the_application_and_no_certificate_is_issued(world, people):
    application = through_province(world, submit(world, people.officer("scjg")))
    application = services.application_record_exam(actor=world.agency, application=application, score=59,
                                                   exam_on=date(2026, 4, 18))
    assert application.status == rules.EXAM_FAILED and "59" in application.closing_reason
    assert not Certificate.objects.filter(officer=application.officer).exists()


def test_exam_and_issuance_are_refused_before_their_turn_and_to_district_seats_other_than_the_agency(world, people, unchanged):
    application = submit(world, people.officer("scjg"))
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_record_exam(actor=world.prov_review, application=application, score=90, exam_on=date(2026, 4, 1))
    assert exc.value.code == "review_out_of_order"
    application = through_province(world, application)
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_record_exam(actor=world.bb_review, application=application, score=90, exam_on=date(2026, 4, 1))
    assert exc.value.code == "review_wrong_level"
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_issue(actor=world.prov_review, application=application, issued_on=date(2026, 4, 2))
    assert exc.value.code == "review_out_of_order"


def test_a_certificate_number_twice_is_refused_and_nothing_is_issued(world, people, unchanged):
    holder = people.certified("scjg", number="鄂执2026000777")
    application = through_province(world, submit(world, people.officer("scjg")))
    application = services.application_record_exam(actor=world.agency, application=application, score=75,
                                                   exam_on=date(2026, 4, 18))
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_issue(actor=world.agency, application=application, issued_on=date(2026, 5, 1),
                                   number="鄂执2026000777")
    assert exc.value.code == "certificate_number_taken"
    assert Certificate.objects.filter(number="鄂执2026000777").get().officer == holder
    generated = services.application_issue(actor=world.agency, application=application, issued_on=date(2026, 5, 1))
    assert generated.number.startswith("2026") and len(generated.number) == 9  # world codes are not numeric


def test_issuance_checks_eligibility_again(world, people, unchanged):
    officer = people.officer("scjg")
    application = through_province(world, submit(world, officer))
    application = services.application_record_exam(actor=world.agency, application=application, score=75,
                                                   exam_on=date(2026, 4, 18))
    services.officer_update(actor=world.agency, officer=officer, fiscally_funded=False)
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_issue(actor=world.agency, application=application, issued_on=date(2026, 5, 1))
    assert exc.value.code == "officer_ineligible" and "财政供给" in exc.value.message


@pytest.mark.parametrize("facts,code", [
    ({"category": Officer.Category.AUXILIARY}, "auxiliary_staff"),
    ({"is_enforcement_post": False}, "not_enforcement_post"),
    ({"on_establishment": False}, "not_on_establishment"),
    ({"fiscally_funded": False}, "not_fiscally_funded"),
])
def test_applying_for_an_ineligible_officer_is_refused_naming_the_reason(world, people, unchanged, facts, code):
    officer = people.officer("scjg", **facts)
    with unchanged(), pytest.raises(Conflict) as exc:
        submit(world, officer)
    assert exc.value.code == "officer_ineligible"
    assert [r["code"] for r in exc.value.details["reasons"]] == [code]


def test_an_officer_of_a_unit_that_is_not_an_enforcement_unit_is_refused(world, people, unchanged):
    officer = people.officer("agency")  # the supervision agency is not an enforcement unit in the test world
    with unchanged(), pytest.raises(Conflict) as exc:
        submit(world, officer, actor=world.agency)
    assert "not_enforcement_unit" in [r["code"] for r in exc.value.details["reasons"]]


def test_every_failing_reason_is_named_at_once(world, people, unchanged):
    officer = people.officer("scjg", on_establishment=False, fiscally_funded=False, is_enforcement_post=False)
    with unchanged(), pytest.raises(Conflict) as exc:
        submit(world, officer)
    assert {r["code"] for r in exc.value.details["reasons"]} == {
        "not_enforcement_post", "not_on_establishment", "not_fiscally_funded"}


def test_a_second_application_while_one_is_open_or_with_a_live_certificate_is_refused(world, people, unchanged):
    officer = people.officer("scjg")
    submit(world, officer)
    with unchanged(), pytest.raises(Conflict) as exc:
        submit(world, officer)
    assert [r["code"] for r in exc.value.details["reasons"]] == ["application_open"]
    holder = people.certified("scjg")
    with unchanged(), pytest.raises(Conflict) as exc:
        submit(world, holder)
    assert [r["code"] for r in exc.value.details["reasons"]] == ["already_certified"]


def test_scope_a_township_cannot_apply_for_another_townships_officer_nor_another_district_review(world, people, unchanged):
    gdz_officer = people.officer("gdz")
    with unchanged(), pytest.raises(NotFound):
        submit(world, gdz_officer, actor=world.hrz_legal)
    application = submit(world, gdz_officer, actor=world.gdz_legal)
    with unchanged(), pytest.raises(NotFound):
        services.application_review(actor=world.lzh_agency, application=application, approve=True)
    with unchanged(), pytest.raises(Forbidden):
        services.application_review(actor=world.hrz_legal, application=application, approve=True)


def test_the_required_district_seats_are_a_dated_parameter_fixed_at_submission(world, people):
    PolicyParameter.objects.create(key="personnel.review.district_seats", effective_from=date(2026, 3, 1),
                                   value=["agency", "establishment"], label="执法证资格初审须签署的单位席位",
                                   legal_reference="测试：财政席位不再参加初审")
    application = submit(world, people.officer("scjg"))
    assert application.required_seats == ["agency", "establishment"]
    with pytest.raises(Conflict) as exc:
        services.application_review(actor=world.cz_review, application=application, approve=True)
    assert exc.value.code == "review_seat_not_required"
    application = district(world, application, seats=("bb_review", "agency"))
    assert application.status == rules.CITY_REVIEW


def test_the_unit_withdraws_an_application_under_review_but_not_after_the_exam_stage(world, people, unchanged):
    application = submit(world, people.officer("scjg"))
    application = services.application_withdraw(actor=world.scjg_legal, application=application, reason="人员借调")
    assert application.status == rules.WITHDRAWN
    other = through_province(world, submit(world, people.officer("scjg")))
    with unchanged(), pytest.raises(Conflict) as exc:
        services.application_withdraw(actor=world.scjg_legal, application=other, reason="x")
    assert exc.value.code == "application_not_withdrawable"


def test_a_review_dated_before_the_previous_step_or_in_the_future_is_refused(world, people, unchanged):
    application = submit(world, people.officer("scjg"))
    with unchanged(), pytest.raises(InvalidInput) as exc:
        services.application_review(actor=world.agency, application=application, approve=True, acted_on=date(2026, 3, 1))
    assert "acted_on" in exc.value.details
    with unchanged(), pytest.raises(InvalidInput):
        services.application_review(actor=world.agency, application=application, approve=True, acted_on=date(2999, 1, 1))


def test_each_completed_level_tells_the_next_reviewers_and_only_them(world, people):
    application = submit(world, people.officer("scjg"))
    link = f"/personnel/applications/{application.pk}/"

    def told(username):
        return Notification.objects.filter(recipient=world.user(username), link=link).exists()

    assert not told("city_review")
    district(world, application)
    assert told("city_review") and not told("prov_review")
    services.application_review(actor=world.city_review, application=application, approve=True)
    assert told("prov_review")
    before = Notification.objects.filter(recipient=world.agency, link=link).count()
    services.application_review(actor=world.prov_review, application=application, approve=True)
    assert Notification.objects.filter(recipient=world.agency, link=link).count() == before + 1  # exam results
    assert Notification.objects.filter(recipient=world.scjg_legal, link=link, title__contains="考试资格").exists()
