from __future__ import annotations

from django.urls import path

from jiandu.personnel.views import applications, exams, officers, referrals, training

app_name = "personnel"

urlpatterns = [
    path("", officers.officer_list, name="officers"),
    path("officers/new/", officers.officer_create, name="officer_create"),
    path("officers/export.xlsx", officers.officer_export, name="officer_export"),
    path("officers/<int:officer_id>/", officers.officer_detail, name="officer"),
    path("officers/<int:officer_id>/edit/", officers.officer_edit, name="officer_edit"),
    path("officers/<int:officer_id>/post/", officers.officer_post, name="officer_post"),
    path("officers/<int:officer_id>/leave/", officers.officer_leave, name="officer_leave"),
    path("officers/<int:officer_id>/apply/", officers.officer_apply, name="officer_apply"),
    path("officers/<int:officer_id>/certificate/", officers.officer_certificate, name="officer_certificate"),
    path("officers/<int:officer_id>/conduct/", officers.officer_conduct, name="officer_conduct"),
    path("officers/<int:officer_id>/assessment/", officers.officer_assessment, name="officer_assessment"),
    path("officers/<int:officer_id>/revoke/", officers.officer_revoke, name="officer_revoke"),
    path("officers/<int:officer_id>/return/", officers.officer_return, name="officer_return"),
    path("officers/<int:officer_id>/refer/", officers.officer_refer, name="officer_refer"),
    path("officers/<int:officer_id>/documents/<int:document_id>/", officers.officer_document, name="officer_document"),
    path("me/", officers.my_file, name="me"),
    path("applications/", applications.application_list, name="applications"),
    path("applications/<int:application_id>/", applications.application_detail, name="application"),
    path("reviews/", applications.review_queue, name="reviews"),
    path("training/", training.training_overview, name="training"),
    path("training/plan/", training.plan_edit, name="plan_edit"),
    path("training/sessions/new/", training.session_create, name="session_create"),
    path("training/sessions/<int:session_id>/", training.session_detail, name="session"),
    path("training/template.xlsx", training.attendance_template, name="attendance_template"),
    path("tests/", exams.test_list, name="tests"),
    path("tests/new/", exams.test_create, name="test_create"),
    path("tests/<int:test_id>/", exams.test_detail, name="test"),
    path("referrals/", referrals.referral_list, name="referrals"),
    path("referrals/<int:referral_id>/", referrals.referral_detail, name="referral"),
    path("referrals/<int:referral_id>/document/", referrals.referral_document, name="referral_document"),
    path("transfers/", referrals.transfer_list, name="transfers"),
    path("transfers/<int:task_id>/complete/", referrals.transfer_complete, name="transfer_complete"),
]
