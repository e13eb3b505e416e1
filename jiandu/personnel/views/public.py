"""Public certificate check (R-PUB-2): number → name, unit, status, validity; nothing else.

Lightly rate-limited per client address with the Django cache, so the page cannot be used to
enumerate certificate numbers (a valid number reveals a name, which the law publishes, but a
sweep over the number space must not be cheap)."""

from __future__ import annotations

from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from jiandu.personnel import selectors

LOOKUPS_PER_WINDOW = 20
WINDOW_SECONDS = 600


def client_address(request) -> str:
    # Behind the district's reverse proxy the first X-Forwarded-For hop is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR", "")


def allow_lookup(request) -> bool:
    """Count one lookup for the client; ``False`` once the window's allowance is used up."""
    key = f"personnel:cert-check:{client_address(request)}"
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return True
    return count <= LOOKUPS_PER_WINDOW


def certificate_check(request):
    number = (request.GET.get("number") or "").strip()[:40]
    result = None
    limited = searched = False
    if number:
        searched = True
        if not allow_lookup(request):
            limited = True
        else:
            result = selectors.public_certificate(number, on=timezone.localdate())
    return render(request, "personnel/public_check.html", {
        "number": number, "result": result, "searched": searched, "limited": limited,
        "page_title": "行政执法证件查询",
    }, status=429 if limited else 200)
