from __future__ import annotations

from django.urls import path

from jiandu.oversight.views import complaints, inspections, letters, rectifications, reviews, supervision

app_name = "oversight"

urlpatterns = [
    path("complaints/", complaints.complaint_list, name="complaints"),
    path("complaints/new/", complaints.complaint_new, name="complaint_new"),
    path("complaints/<int:complaint_id>/", complaints.complaint_detail, name="complaint"),
    path("complaints/<int:complaint_id>/files/<int:file_id>/", complaints.complaint_file, name="complaint_file"),
    path("observations/", complaints.observation_list, name="observations"),
    path("observations/<int:complaint_id>/", complaints.observation_detail, name="observation"),
    path("letters/", letters.letter_list, name="letters"),
    path("letters/new/", letters.letter_new, name="letter_new"),
    path("letters/<int:letter_id>/", letters.letter_detail, name="letter"),
    path("rectifications/", rectifications.ledger, name="rectifications"),
    path("rectifications/new/", rectifications.rectification_new, name="rectification_new"),
    path("rectifications/<int:rectification_id>/", rectifications.rectification_detail, name="rectification"),
    path("rectifications/<int:rectification_id>/files/<int:file_id>/", rectifications.rectification_file,
         name="rectification_file"),
    path("inspections/", inspections.inspection_list, name="inspections"),
    path("inspections/new/", inspections.inspection_new, name="inspection_new"),
    path("inspections/<int:inspection_id>/", inspections.inspection_detail, name="inspection"),
    path("campaigns/", inspections.campaign_list, name="campaigns"),
    path("campaigns/new/", inspections.campaign_new, name="campaign_new"),
    path("campaigns/<int:campaign_id>/", inspections.campaign_detail, name="campaign"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/new/", reviews.review_new, name="review_new"),
    path("reviews/<int:review_id>/", reviews.review_detail, name="review"),
    path("reviews/<int:review_id>/files/<int:file_id>/", reviews.review_file, name="review_file"),
    path("supervisors/", supervision.supervisor_list, name="supervisors"),
    path("supervisors/<int:supervisor_id>/", supervision.supervisor_detail, name="supervisor"),
    path("joint/", supervision.joint_list, name="joint_inputs"),
    path("joint/new/", supervision.joint_new, name="joint_input_new"),
    path("joint/<int:joint_input_id>/", supervision.joint_detail, name="joint_input"),
]
