"""Public pages of this app (no login), mounted under /public/standards/ by jiandu/urls.py."""

from __future__ import annotations

from django.urls import path

from jiandu.standards.views import public

app_name = "standards_public"

urlpatterns = [path("", public.index, name="index")]
for slug, name in [("items", "items"), ("four-lists", "four_lists"), ("benchmarks", "benchmarks"), ("systems", "systems")]:
    urlpatterns += [
        path(f"{slug}/", public.dataset_page, {"slug": slug}, name=name),
        path(f"{slug}.csv", public.dataset_csv, {"slug": slug}, name=f"{name}_csv"),
        path(f"{slug}.json", public.dataset_json, {"slug": slug}, name=f"{name}_json"),
    ]
urlpatterns.append(path("systems/<int:doc_id>/download/", public.system_download, name="system_download"))
