from __future__ import annotations

from django.urls import path

from jiandu.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("mine/", views.my_work, name="mine"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("reviews/", views.review_queue, name="reviews"),
    path("reviews/<int:review_id>/", views.review_detail, name="review"),
    path("new/", views.case_new, name="new"),
    path("imports/", views.imports, name="imports"),
    path("imports/template.xlsx", views.import_template, name="import_template"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/step/<slug:action>/", views.case_step, name="step"),
    path("<int:case_id>/officers/", views.case_assign, name="assign"),
    path("<int:case_id>/pauses/", views.pause_start, name="pause"),
    path("pauses/<int:pause_id>/end/", views.pause_end, name="pause_end"),
    path("<int:case_id>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:case_id>/evidence/verify/", views.evidence_verify, name="evidence_verify"),
    path("evidence/<int:evidence_id>/download/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:evidence_id>/remove/", views.evidence_remove, name="evidence_remove"),
    path("disclosures/<int:disclosure_id>/publish/", views.disclosure_publish, name="disclosure_publish"),
    path("disclosures/<int:disclosure_id>/withdraw/", views.disclosure_withdraw, name="disclosure_withdraw"),
    path("evaluations/<int:evaluation_id>/", views.evaluation_record, name="evaluation"),
    path("<int:case_id>/challenges/", views.challenge_record, name="challenge"),
    path("challenges/<int:challenge_id>/outcome/", views.challenge_decide, name="challenge_outcome"),
]
