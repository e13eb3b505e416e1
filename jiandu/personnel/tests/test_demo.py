"""The personnel part of the 华容区 demo (issue #2 "Demo data"): a few hundred people with valid ID
numbers, applications at every stage, sanctions with documents, a revocation, a suspension
awaiting training and exam, training shortfalls, a test with fails and retakes, referrals, and
the scjg_officer account linked to a certified officer."""

from __future__ import annotations

from django.utils import timezone

from jiandu.core import audit
from jiandu.organization.models import User
from jiandu.personnel import rules, selectors
from jiandu.personnel.models import (
    CertificateApplication,
    ClosedBookTest,
    ConductRecord,
    Officer,
    Referral,
    Suspension,
    TransferTask,
)
from jiandu.personnel.services.certificates import return_check


def test_the_demo_tells_every_part_of_the_story(demo):
    today = timezone.localdate()
    officers = Officer.objects.all()
    assert 250 <= officers.count() <= 500
    assert all(rules.id_number_problem(n, today=today) == "" for n in officers.values_list("id_number", flat=True))
    assert officers.filter(category=Officer.Category.AUXILIARY).count() >= 29
    assert officers.filter(on_establishment=False, category=Officer.Category.OFFICER).exists()
    statuses = set(CertificateApplication.objects.values_list("status", flat=True))
    assert statuses == set(rules.APPLICATION_STATUS_LABELS)
    assert set(ConductRecord.objects.values_list("sanction", flat=True)) == {rules.TALK_REMINDER, rules.CIRCULATED_CRITICISM}
    assert TransferTask.objects.filter(status=TransferTask.Status.OPEN).exists()
    assert TransferTask.objects.filter(status=TransferTask.Status.DONE).exists()
    waiting = [s for s in Suspension.objects.filter(status="active") if rules.GROUND_INCOMPETENT in s.grounds]
    assert waiting and len(return_check(waiting[0].officer)[1].missing) == 2  # needs training and an exam
    assert Suspension.objects.filter(status="returned").count() >= 2
    test = ClosedBookTest.objects.exclude(notice_document=None).get()
    assert test.results.filter(attempt__gt=1, passed=True).exists() and test.results.filter(attempt__gt=1, passed=False).exists()
    agency = User.objects.get(username="jd_agency")
    assert selectors.retakes_due(agency).exists()
    target, _, units = selectors.training_by_unit(agency, year=today.year, on=today)
    assert target == 40 and any(u.compliance.short for u in units) and any(u.compliance.compliant for u in units)
    assert set(Referral.objects.values_list("status", flat=True)) == {"sent", "received", "concluded"}
    xu = Officer.objects.get(user__username="scjg_officer")
    assert selectors.officers_certified_on([xu.pk], today)[xu.pk] == ""
    assert audit.verify().ok
