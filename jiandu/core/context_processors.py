from __future__ import annotations

from django.conf import settings

from jiandu.core import notifications, ui


def platform(request):
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    return {
        "PLATFORM_NAME": settings.JIANDU["PLATFORM_NAME"],
        "unread_notifications": notifications.unread_count(user) if authenticated else 0,
        "nav_groups": ui.nav_groups(user) if authenticated else [],
    }
