"""Tables of the supervision app (R-SUP), one module per area."""

from __future__ import annotations

from jiandu.oversight.models.complaints import Complaint, ComplaintAttachment
from jiandu.oversight.models.inspections import Campaign, Inspection, InspectionStep, InspectionTarget
from jiandu.oversight.models.letters import OpinionLetter
from jiandu.oversight.models.rectifications import Rectification, RectificationEvidence
from jiandu.oversight.models.reviews import ReviewCampaign, ReviewFile, SelfReview
from jiandu.oversight.models.supervision import JointInput, SocialSupervisor

__all__ = [
    "Campaign", "Complaint", "ComplaintAttachment", "Inspection", "InspectionStep", "InspectionTarget",
    "JointInput", "OpinionLetter", "Rectification", "RectificationEvidence", "ReviewCampaign", "ReviewFile", "SelfReview", "SocialSupervisor",
]
