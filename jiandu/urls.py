from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from jiandu.api import api
from jiandu.core import views as core_views
from jiandu.organization import views as org_views

admin.site.site_header = "行政执法协调监督平台 · 参考数据管理"
admin.site.site_title = "参考数据管理"

urlpatterns = [
    path("", core_views.dashboard, name="dashboard"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/login/", org_views.login_view, name="login"),
    path("accounts/logout/", org_views.logout_view, name="logout"),
    path("accounts/login/code/", org_views.login_second_factor, name="login_second_factor"),
    path("accounts/second-factor/", org_views.second_factor_enrol, name="second_factor_enrol"),
    path("", include("jiandu.core.urls")),
    path("org/", include("jiandu.organization.urls")),
    path("personnel/", include("jiandu.personnel.urls")),
    path("standards/", include("jiandu.standards.urls")),
    path("cases/", include("jiandu.cases.urls")),
    path("linkage/", include("jiandu.linkage.urls")),
    path("oversight/", include("jiandu.oversight.urls")),
    path("assessment/", include("jiandu.assessment.urls")),
    path("public/", include("jiandu.portal.urls")),
    path("public/certificate/", include("jiandu.personnel.public_urls")),
    path("public/standards/", include("jiandu.standards.public_urls")),
    path("public/decisions/", include("jiandu.cases.public_urls")),
    path("public/oversight/", include("jiandu.oversight.public_urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
