"""Every state change of the personnel app (R-PER), one module per area:

- ``officers``: registry, post changes, leaving (R-PER-1);
- ``applications``: certificate application and the three-level review (R-PER-2, R-PER-3);
- ``certificates``: suspend / return / revoke / cancel, only as the rules decide (R-PER-4…7, 10);
- ``sanctions``: conduct ladder, annual assessment, revocation on the facts (R-PER-5…7);
- ``training``: plans, sessions, attendance and its Excel import (R-PER-9);
- ``exams``: closed-book tests, retakes, the district notice of failures (R-PER-10);
- ``referrals``: clue referral to discipline inspection (R-PER-8).

Each function is ``@transaction.atomic``, checks ``core.scope.require`` first, writes the audit
chain and issues the official documents (R-PER-11).
"""

from __future__ import annotations

from jiandu.personnel.services.applications import (
    application_issue,
    application_record_exam,
    application_review,
    application_submit,
    application_withdraw,
    eligibility_facts,
)
from jiandu.personnel.services.certificates import certificate_register, certificate_return, live_certificate
from jiandu.personnel.services.exams import (
    ScoreEntry,
    closed_book_test_create,
    closed_book_test_publish_notice,
    closed_book_test_record_results,
    closed_book_test_record_retake,
)
from jiandu.personnel.services.officers import (
    officer_change_post,
    officer_create,
    officer_leave,
    officer_update,
    transfer_task_complete,
)
from jiandu.personnel.services.referrals import referral_conclude, referral_create, referral_receive
from jiandu.personnel.services.sanctions import assessment_record, conduct_record, officer_revoke
from jiandu.personnel.services.training import (
    AttendanceEntry,
    training_attendance_import,
    training_attendance_record,
    training_plan_save,
    training_session_create,
    training_target,
)

__all__ = [
    "AttendanceEntry", "ScoreEntry", "application_issue", "application_record_exam", "application_review",
    "application_submit", "application_withdraw", "assessment_record", "certificate_register", "certificate_return",
    "closed_book_test_create", "closed_book_test_publish_notice", "closed_book_test_record_results",
    "closed_book_test_record_retake", "conduct_record", "eligibility_facts", "live_certificate", "officer_change_post",
    "officer_create", "officer_leave", "officer_revoke", "officer_update", "referral_conclude", "referral_create",
    "referral_receive", "training_attendance_import", "training_attendance_record", "training_plan_save",
    "training_session_create", "training_target", "transfer_task_complete",
]
