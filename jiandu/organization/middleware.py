from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse


class SessionIdleTimeoutMiddleware:
    """Log a page session out after ``SESSION_IDLE_TIMEOUT_SECONDS`` without a request (R-PLT-8).

    The last-seen stamp is refreshed at most once a minute, so an active user does not cause a
    session write on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get("last_seen")
            if last is not None and now - int(last) > settings.SESSION_IDLE_TIMEOUT_SECONDS:
                logout(request)
                if not request.path.startswith("/api/"):
                    messages.info(request, "长时间未操作，已自动退出登录，请重新登录。")
                    return redirect(f"{reverse('login')}?next={request.path}")
            elif last is None or now - int(last) > 60:
                request.session["last_seen"] = now
        return self.get_response(request)
