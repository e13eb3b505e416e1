"""The supervision part of the 华容区 demo (issue #5 "Demo data", R-SUP-1…8): complaints in every
state with tracking codes (some overdue), letters from every source, rectifications from every
source and in every state, a published and a running inspection, a campaign, social supervisors
(the ``shjd`` account among them), joint inputs from 人大/检察/监察/法院, and this year's case-file
review with its seeded draw, scores (one veto) and results notice — all with a valid audit chain.

Loaded on the real date, as a user sees it (the other supervision tests run on a fixed day)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jiandu.core import audit
from jiandu.core.models import AuditEvent
from jiandu.organization.models import User
from jiandu.oversight import selectors
from jiandu.oversight.models import (
    Campaign, Complaint, Inspection, InspectionStep, JointInput, OpinionLetter, Rectification, ReviewCampaign,
    ReviewFile, SelfReview, SocialSupervisor,
)
from jiandu.oversight.rules import scoring
from jiandu.oversight.services import reviews


@pytest.fixture(autouse=True)
def _known_today():
    """Overrides the package's fixed day: the demo is checked on the day it is loaded."""


def _complaints_at_every_stage_some_overdue_each_with_a_tracking_code():
    """R-SUP-1: every state of the complaint flow, overdue acceptance, handling and reply."""
    complaints = Complaint.objects.all()
    statuses = set(complaints.values_list("status", flat=True))
    assert {"received", "accepted", "assigned", "handled", "replied", "rejected"} <= statuses
    assert complaints.filter(status="received", accept_overdue=True).exists()
    assert complaints.filter(status="assigned", handle_overdue=True).exists()
    assert complaints.filter(status="handled", reply_overdue=True).exists()
    assert complaints.filter(status="assigned", handle_overdue=False).exists()
    assert not complaints.filter(tracking_digest="").exists()
    assert len(set(complaints.values_list("channel", flat=True))) >= 4
    replied = complaints.filter(status="replied")
    assert all(c.reply and c.replied_on for c in replied)
    assert {c.finding for c in replied} >= {"substantiated", "unsubstantiated"}
    assert complaints.filter(status="rejected").exclude(decision_note="").exists()


def _social_supervisor_shjd_serves_and_has_reported_an_observation():
    """R-SUP-7: four categories of supervisors, one dismissed; shjd's observation enters the complaint flow."""
    shjd = User.objects.get(username="shjd")
    today = timezone.localdate()
    mine = SocialSupervisor.objects.get(user=shjd)
    assert mine.serving_on(today) and mine.unit.short_name == "区市场监管局"
    assert set(SocialSupervisor.objects.values_list("category", flat=True)) == set(SocialSupervisor.Category.values)
    assert SocialSupervisor.objects.filter(status="dismissed").exists()
    observation = Complaint.objects.get(channel="supervisor")
    assert observation.supervisor == mine and observation.submitted_by == shjd
    assert list(selectors.observations_of(shjd)) == [observation]
    assert Rectification.objects.filter(source_type="observation", source_id=str(observation.pk)).exists()


def _letters_come_from_every_kind_of_source_and_reach_every_state():
    """R-SUP-2: numbered documents; closed, replied, overdue, followed-up letters."""
    letters = OpinionLetter.objects.all()
    assert {"complaint", "inspection", "reconsideration", "joint_input", "case_review"} <= set(
        letters.values_list("source_type", flat=True))
    assert set(letters.values_list("status", flat=True)) == {"issued", "replied", "closed"}
    assert letters.filter(status="issued", reply_overdue=True).exists()
    assert letters.filter(follow_up_count__gte=1).exists()
    assert not letters.filter(document=None).exists()
    assert len(set(letters.values_list("document__number", flat=True))) == letters.count()


def _ledger_holds_rectifications_from_every_source_in_every_state():
    """R-SUP-3: one ledger across all sources; overdue items counted per unit; close-outs by the agency."""
    items = Rectification.objects.all()
    assert set(items.values_list("source_type", flat=True)) == set(Rectification.Source.values)
    assert set(items.values_list("status", flat=True)) == set(Rectification.Status.values)
    assert items.filter(status__in=Rectification.WORKING, is_overdue=True).exists()
    agency = User.objects.get(username="jd_agency")
    closers = set(AuditEvent.objects.filter(action="rectification.close_out").values_list("actor_id", flat=True))
    assert closers == {agency.pk}
    assert selectors.rectifications_visible(agency).count() == items.count()
    rows = selectors.ledger_by_unit(agency, timezone.localdate())
    assert sum(r.overdue for r in rows) == items.filter(selectors.rect_overdue_q(timezone.localdate())).count() > 0
    assert sum(1 for r in rows if r.overdue) >= 2


def _a_published_and_a_running_inspection_and_a_campaign():
    """R-SUP-4/5: 一听二查三问四反 at every target of the published one; findings on the ledger."""
    year = timezone.localdate().year
    published = Inspection.objects.get(status="published", year=year)
    assert published.notice_document is not None
    for target in published.targets.all():
        assert set(target.steps.values_list("kind", flat=True)) == set(InspectionStep.Kind.values)
    assert Inspection.objects.filter(status="in_progress").exists()
    assert Rectification.objects.filter(source_type="inspection", source_id=str(published.pk)).count() >= 2
    campaign = Campaign.objects.get(year=year)
    assert Rectification.objects.filter(source_type="campaign", source_id=str(campaign.pk)).exists()


def _joint_inputs_come_from_npc_procuratorate_commission_and_court():
    """R-SUP-8: inputs recorded against units, some answered."""
    inputs = JointInput.objects.all()
    assert {"npc", "procuratorate", "supervision_commission", "court"} <= set(inputs.values_list("source", flat=True))
    assert {"received", "responded"} == set(inputs.values_list("status", flat=True))


def _case_file_review_is_drawn_with_a_recorded_seed_scored_and_published():
    """R-SUP-6: self-review coverage, a draw of 2–4 per category per unit that verifies, one veto
    failure graded 不合格 whatever its points, problems on the ledger, the results notice."""
    year = timezone.localdate().year
    campaign = ReviewCampaign.objects.get(year=year, status="published")
    assert campaign.seed and campaign.population_digest and campaign.notice_document is not None
    assert reviews.review_verify(campaign).ok
    population = reviews.collect_population(campaign)
    files = ReviewFile.objects.filter(campaign=campaign)
    for (unit_id, category), ids in population.items():
        drawn = files.filter(unit_id=unit_id, category=category).count()
        assert drawn == min(len(ids), campaign.sample_size) and campaign.sample_min <= campaign.sample_size <= campaign.sample_max
    assert len({u for u, _ in population}) >= 4
    assert not files.exclude(status="scored").exists()
    vetoed = files.exclude(failed_vetoes=[])
    assert vetoed.count() == 1
    veto = vetoed.get()
    assert veto.grade == scoring.FAIL and veto.total >= 60  # its points alone would have passed
    assert veto.rectification is not None and veto.rectification.source_type == "case_review"
    assert files.filter(grade=scoring.EXCELLENT).exists() and files.filter(grade=scoring.PASS).exists()
    coverage = reviews.coverage_by_unit(campaign)
    assert any(c.percent == 100 for c in coverage) and any(c.percent is not None and c.percent < 100 for c in coverage)
    assert SelfReview.objects.filter(campaign=campaign).exists()


def _audit_chain_is_intact():
    """R-PLT-2: everything above went through the services."""
    for action in ("complaint.receive", "complaint.reply", "letter.issue", "rectification.close_out",
                   "inspection.publish", "review.draw", "review.score", "review.publish", "supervisor.appoint",
                   "joint_input.record"):
        assert AuditEvent.objects.filter(action=action).exists(), action
    assert audit.verify().ok


def test_the_demo_tells_every_part_of_the_supervision_story(demo):
    """R-SUP-1…8 (issue #5 "Demo data"): one load of the full demo, every part checked."""
    _complaints_at_every_stage_some_overdue_each_with_a_tracking_code()
    _social_supervisor_shjd_serves_and_has_reported_an_observation()
    _letters_come_from_every_kind_of_source_and_reach_every_state()
    _ledger_holds_rectifications_from_every_source_in_every_state()
    _a_published_and_a_running_inspection_and_a_campaign()
    _joint_inputs_come_from_npc_procuratorate_commission_and_court()
    _case_file_review_is_drawn_with_a_recorded_seed_scored_and_published()
    _audit_chain_is_intact()
