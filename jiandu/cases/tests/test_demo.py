"""The cases part of the 华容区 demo (issue #4 "Demo data"): cases at every stage in several units,
the supervision flags, review opinions, disclosures, challenges and post-evaluations — and what
the linkage demo and the officer's "my work" page build on."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from jiandu.cases import selectors, services
from jiandu.cases.models import (
    Case,
    CaseDeadline,
    CasePause,
    Challenge,
    Disclosure,
    Evidence,
    ImportBatch,
    LegalReview,
    PostEvaluation,
)
from jiandu.core import audit
from jiandu.linkage.models import RiskFlag, Transfer
from jiandu.organization.models import User


def check_the_demo_has_cases_at_every_stage_with_review_opinions_pauses_and_both_procedures():
    """R-CAS-1, R-CAS-2, R-CAS-4, R-CAS-10: every stage of every flow, both procedures, earlier cases imported."""
    walked = Case.objects.filter(import_batch__isnull=True)
    assert 250 <= Case.objects.count() <= 500
    assert walked.count() >= 80
    statuses = set(walked.values_list("status", flat=True))
    assert {"filed", "investigating", "examining", "inspecting", "notified", "hearing", "legal_review", "decided",
            "served", "executing", "closed", "terminated"} <= statuses
    assert walked.filter(procedure=Case.Procedure.SIMPLE, status=Case.Status.CLOSED).exists()
    assert walked.filter(procedure=Case.Procedure.GENERAL, status=Case.Status.CLOSED).exists()
    # paused: an open pause stops the clock (no due date), and an ended one moved the deadline
    paused = CasePause.objects.filter(ended_on__isnull=True, case__status=Case.Status.INVESTIGATING)
    assert paused.exists()
    assert CaseDeadline.objects.filter(case__in=paused.values("case"), status="open", due_on__isnull=True).exists()
    assert CasePause.objects.filter(ended_on__isnull=False).exists()
    # awaiting review, reviewed (approved, decision still to come), sent back
    assert LegalReview.objects.filter(status=LegalReview.Status.PENDING).count() >= 4
    assert LegalReview.objects.filter(conclusion="approved", case__status=Case.Status.LEGAL_REVIEW).exists()
    assert LegalReview.objects.filter(conclusion="revise").exists()
    # a major decision (集体讨论) with its post-evaluation, filed and still pending
    assert walked.filter(is_major=True, decided_on__isnull=False, steps__note__contains="集体讨论").exists()
    assert set(PostEvaluation.objects.values_list("status", flat=True)) == {"pending", "done"}
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.SUCCEEDED and batch.created_count == Case.objects.filter(import_batch=batch).count()
    assert audit.verify().ok


def check_decided_cases_of_every_kind_exist_in_several_units():
    """R-CAS-1 (and the case-file review, R-SUP): each kind has decided cases in at least three units."""
    units = defaultdict(set)
    for unit_id, kind in Case.objects.filter(decided_on__isnull=False).values_list("unit_id", "kind"):
        units[kind].add(unit_id)
    assert {kind: len(ids) >= 3 for kind, ids in units.items()} == {k: True for k in Case.Kind.values}
    walked = Case.objects.filter(import_batch__isnull=True, decided_on__isnull=False)
    assert set(walked.values_list("kind", flat=True)) == set(Case.Kind.values)


def check_the_supervision_flags_all_appear():
    """R-CAS-2, R-CAS-3, R-CAS-5, R-CAS-6, R-CAS-7: overdue, officer, benchmark, disclosure and evidence flags."""
    assert Case.objects.filter(is_overdue=True, deadlines__status=CaseDeadline.Status.OVERDUE).exists()
    flagged_officer = Case.objects.get(officer_flag=True)
    assert flagged_officer.status in Case.OPEN and flagged_officer.assignments.exclude(flagged_reason="").exists()
    assert LegalReview.objects.filter(outside_benchmark=True, case__benchmark_flag=True).exists()
    pending_outside = [r for r in LegalReview.objects.filter(status="pending").select_related("case", "case__item")
                       if any(c.code == "benchmark" and c.level == "fail"
                              for c in services.review_checks(r.case, r, timezone.localdate()))]
    assert pending_outside, "a proposal outside its benchmark tier waits for review"
    late = Disclosure.objects.filter(is_late=True, status=Disclosure.Status.PUBLISHED)
    assert late.exists() and all(d.case.disclosure_flag for d in late)
    missing = Disclosure.objects.filter(status=Disclosure.Status.PENDING, due_on__lt=timezone.localdate())
    assert missing.exists() and all(d.case.disclosure_flag for d in missing)
    assert Case.objects.filter(evidence_flag=True).count() == 1


def check_evidence_carries_checksums_that_match_the_stored_files():
    """R-CAS-6: every file is stored with its SHA-256; only the one altered file fails verification."""
    assert Evidence.objects.count() >= 50
    report = services.verify_files(Evidence.objects.filter(case__evidence_flag=False))
    assert report.clean and report.checked == Evidence.objects.filter(case__evidence_flag=False).count()
    tampered = services.verify_files(Evidence.objects.filter(case__evidence_flag=True))
    assert len(tampered.tampered) == 1


def check_challenges_and_a_withdrawn_disclosure_are_recorded():
    """R-CAS-9, R-CAS-7: a reconsideration upheld, one revoking the decision (disclosure withdrawn), a lawsuit pending."""
    outcomes = set(Challenge.objects.values_list("kind", "outcome"))
    assert {("reconsideration", "upheld"), ("reconsideration", "revoked"), ("litigation", "")} <= outcomes
    withdrawn = Disclosure.objects.get(status=Disclosure.Status.WITHDRAWN)
    assert withdrawn.withdraw_reason and withdrawn.case.challenges.filter(outcome="revoked").exists()


def check_published_decisions_hold_no_raw_personal_data():
    """R-CAS-7, R-PUB-4: the disclosed text of a decision against a person masks the ID number, phone and name."""
    checked = 0
    for d in Disclosure.objects.filter(status=Disclosure.Status.PUBLISHED, case__party_kind="person"):
        party = d.case.parties.get()
        text = " ".join([d.title, d.party_display, d.facts, d.decision_text])
        assert party.id_number not in text and party.phone not in text and party.name not in text
        checked += 1
    assert checked >= 1


def check_the_linkage_demo_finds_its_decided_penalty_cases():
    """R-LNK-1, R-LNK-3: the linkage demo builds on ≥ 9 decided penalty cases of 区市场监管局, not on fallbacks."""
    decided = Case.objects.filter(unit__short_name="区市场监管局", kind="penalty", decided_on__isnull=False)
    assert decided.count() >= 9
    assert not Case.objects.filter(number__startswith="华市监处罚").exists()  # the linkage demo's fallback cases
    assert Transfer.objects.count() == 7 and all(t.case.import_batch_id is None for t in Transfer.objects.all())
    assert RiskFlag.objects.count() == 1


def check_scjg_officer_has_open_cases_with_deadlines():
    """R-CAS-2, R-CAS-3: 徐明's "my work" is full: open cases at several stages, deadlines due soon and overdue."""
    xu = User.objects.get(username="scjg_officer")
    mine = selectors.my_cases(xu)
    open_cases = mine.filter(status__in=Case.OPEN)
    assert open_cases.count() >= 8
    assert len(set(open_cases.values_list("status", flat=True))) >= 6
    deadlines = list(selectors.my_deadlines(xu))
    assert len(deadlines) >= 8
    assert any(d.status == CaseDeadline.Status.OVERDUE for d in deadlines)
    today = timezone.localdate()
    assert any(d.due_on and today <= d.due_on <= today + timedelta(days=7) for d in deadlines)
    assert LegalReview.objects.filter(case__in=open_cases, status="pending").exists()


def test_the_demo_tells_every_part_of_the_cases_story(demo):
    """R-CAS-1…10, R-LNK-1/3: one load of the full demo (about a minute), every part checked."""
    check_the_demo_has_cases_at_every_stage_with_review_opinions_pauses_and_both_procedures()
    check_decided_cases_of_every_kind_exist_in_several_units()
    check_the_supervision_flags_all_appear()
    check_evidence_carries_checksums_that_match_the_stored_files()
    check_challenges_and_a_withdrawn_disclosure_are_recorded()
    check_published_decisions_hold_no_raw_personal_data()
    check_the_linkage_demo_finds_its_decided_penalty_cases()
    check_scjg_officer_has_open_cases_with_deadlines()
