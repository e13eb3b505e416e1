from __future__ import annotations

from django.contrib import messages
import time

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jiandu.core.errors import DomainError
from jiandu.core.scope import has_permission
from jiandu.core.views import form_error
from jiandu.organization import selectors, services, totp
from jiandu.organization.forms import LegalStaffForm, LoginForm
from jiandu.organization.models import LegalBody, Unit, User


def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    context = {"next": next_url, "username": ""}
    if request.method == "POST":
        form = LoginForm(request.POST)
        context["username"] = request.POST.get("username", "")[:150]
        if not form.is_valid():
            context["error"] = "请输入用户名和密码。"
        else:
            try:
                user = services.login_check(request, **form.cleaned_data)
            except DomainError as exc:
                context["error"] = exc.message
            else:
                if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                    next_url = ""
                if services.second_factor_required(user):
                    request.session["pending_user"] = user.pk
                    request.session["pending_since"] = int(time.time())
                    request.session["pending_next"] = next_url
                    return redirect("login_second_factor" if user.has_second_factor else "second_factor_enrol")
                services.login_complete(request, user, method="password")
                return redirect(next_url or "dashboard")
    return render(request, "registration/login.html", context, status=401 if context.get("error") else 200)


PENDING_SECONDS = 300


def _pending_user(request) -> User | None:
    """The user who gave the right password and still owes a one-time code (5 minutes at most)."""
    pk, since = request.session.get("pending_user"), request.session.get("pending_since", 0)
    if pk is None or time.time() - since > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def login_second_factor(request):
    user = _pending_user(request)
    if user is None or not user.has_second_factor:
        messages.info(request, "请重新输入用户名和密码。")
        return redirect("login")
    error = ""
    if request.method == "POST":
        try:
            services.second_factor_check(user, request.POST.get("code", ""))
        except DomainError as exc:
            error = exc.message
        else:
            next_url = request.session.get("pending_next", "")
            for key in ("pending_user", "pending_since", "pending_next"):
                request.session.pop(key, None)
            services.login_complete(request, user, method="password+totp")
            return redirect(next_url or "dashboard")
    return render(request, "registration/second_factor.html", {"pending": user, "error": error},
                  status=401 if error else 200)


def second_factor_enrol(request):
    """Enrol an authenticator: during a login that requires it, or from the logged-in menu."""
    user = request.user if request.user.is_authenticated else _pending_user(request)
    if user is None:
        return redirect("login")
    secret = request.session.get("totp_secret_pending") or totp.new_secret()
    request.session["totp_secret_pending"] = secret
    error = ""
    if request.method == "POST":
        try:
            services.second_factor_enrol(actor=user, secret=secret, code=request.POST.get("code", ""))
        except DomainError as exc:
            error = exc.message
        else:
            request.session.pop("totp_secret_pending", None)
            if not request.user.is_authenticated:
                next_url = request.session.get("pending_next", "")
                for key in ("pending_user", "pending_since", "pending_next"):
                    request.session.pop(key, None)
                services.login_complete(request, user, method="password+totp")
                return redirect(next_url or "dashboard")
            messages.success(request, "已启用双因素认证，今后登录需输入动态口令。")
            return redirect("dashboard")
    uri = totp.provisioning_uri(secret, account=user.username, issuer="行政执法协调监督平台")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(request, "registration/second_factor_enrol.html",
                  {"secret": grouped, "uri": uri, "error": error, "pending": user}, status=401 if error else 200)


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("login")


@login_required
def unit_list(request):
    today = timezone.localdate()
    units = (
        selectors.units_visible(request.user)
        .select_related("legal_body", "parent")
        .order_by("depth", "sort_order", "id")
    )
    report = selectors.staffing_report(request.user, on=today)
    flagged = {u.id for u in report.units_without_legal_body} | {u.id for u in report.units_without_legal_staff}
    return render(request, "organization/unit_list.html", {
        "units": units, "report": report, "flagged": flagged, "kinds": Unit.Kind,
        "page_title": "单位与法制监督机构", "breadcrumbs": [("单位与法制监督机构", None)],
    })


@login_required
def unit_detail(request, unit_id: int):
    unit = selectors.unit_get(request.user, unit_id)
    body = LegalBody.objects.filter(unit=unit).prefetch_related("staff").first()
    form = LegalStaffForm()
    can_manage = has_permission(request.user, "organization.manage")
    if request.method == "POST" and can_manage and body is not None:
        form = LegalStaffForm(request.POST)
        if form.is_valid():
            try:
                services.legal_staff_add(actor=request.user, legal_body=body, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "已添加法制工作人员。")
                return redirect("organization:unit", unit_id=unit.id)
    return render(request, "organization/unit_detail.html", {
        "unit": unit, "body": body, "form": form, "can_manage": can_manage,
        "children": selectors.units_visible(request.user).filter(parent=unit).order_by("sort_order", "id"),
        "page_title": unit.name,
        "breadcrumbs": [("单位与法制监督机构", "/org/units/"), (unit.name, None)],
    })
