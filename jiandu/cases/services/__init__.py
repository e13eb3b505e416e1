"""Every state change of the cases app (R-CAS). One function per use case, keyword-only, told who
acts, in a transaction, audited. Split by area:

- ``lifecycle``: file, officers, steps (the transition tables), pauses;
- ``review``: the written legal review opinion and its automatic checks;
- ``evidence``: the full-process record and its checksums;
- ``disclosure``: publishing and withdrawing decisions;
- ``aftercare``: post-evaluation, reconsideration and litigation;
- ``intake``: bulk import from other systems.
"""

from __future__ import annotations

from jiandu.cases.services.aftercare import challenge_decide, challenge_record, post_evaluation_record
from jiandu.cases.services.disclosure import disclosure_publish, disclosure_withdraw, masked_snapshot
from jiandu.cases.services.evidence import evidence_add, evidence_remove, evidence_replace, evidence_verify, verify_files
from jiandu.cases.services.intake import case_import
from jiandu.cases.services.lifecycle import (
    case_assign_officer,
    case_create,
    case_pause_end,
    case_pause_start,
    case_release_officer,
    case_step,
    review_gate,
)
from jiandu.cases.services.review import legal_review_record, review_checks

__all__ = [
    "case_assign_officer", "case_create", "case_import", "case_pause_end", "case_pause_start", "case_release_officer",
    "case_step", "challenge_decide", "challenge_record", "disclosure_publish", "disclosure_withdraw", "evidence_add",
    "evidence_remove", "evidence_replace", "evidence_verify", "legal_review_record", "masked_snapshot",
    "post_evaluation_record", "review_checks", "review_gate", "verify_files",
]
