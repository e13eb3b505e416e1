"""Public pages of this app (no login), mounted under /public/oversight/ by jiandu/urls.py."""

from __future__ import annotations

from django.urls import path

from jiandu.oversight.views import public

app_name = "oversight_public"

urlpatterns = [
    path("complaints/new/", public.complaint_new, name="complaint_new"),
    path("complaints/submitted/", public.complaint_submitted, name="complaint_submitted"),
    path("complaints/track/", public.complaint_track, name="complaint_track"),
    path("inspections/", public.inspection_list, name="inspections"),
    path("inspections/<int:inspection_id>/", public.inspection_detail, name="inspection"),
    path("reviews/", public.review_list, name="reviews"),
    path("reviews/<int:review_id>/", public.review_detail, name="review"),
    path("reviews/<int:review_id>/draw/", public.review_draw, name="review_draw"),
]
