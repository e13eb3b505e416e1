"""Tables of the personnel app (R-PER), one module per area of the plan §二(二).

``Officer``, ``PostHistory``, ``Certificate`` and ``CertificateEvent`` are the stable base other
apps import from ``jiandu.personnel.models``; the rest is this app's own.
"""

from __future__ import annotations

from jiandu.personnel.models.officers import Certificate, CertificateEvent, Officer, PostHistory
from jiandu.personnel.models.applications import ApplicationReview, CertificateApplication
from jiandu.personnel.models.sanctions import (
    Assessment,
    ConductRecord,
    OfficerDocument,
    Referral,
    Suspension,
    TransferTask,
)
from jiandu.personnel.models.training import TrainingAttendance, TrainingPlan, TrainingSession
from jiandu.personnel.models.exams import ClosedBookTest, ClosedBookResult

__all__ = [
    "ApplicationReview", "Assessment", "Certificate", "CertificateApplication", "CertificateEvent",
    "ClosedBookTest", "ConductRecord", "Officer", "OfficerDocument", "PostHistory", "Referral", "Suspension",
    "ClosedBookResult", "TrainingAttendance", "TrainingPlan", "TrainingSession", "TransferTask",
]
