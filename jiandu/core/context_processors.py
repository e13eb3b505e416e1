from __future__ import annotations

from django.conf import settings

from jiandu.core import notifications, ui


def platform(request):
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    groups = ui.nav_groups(user) if authenticated else []
    # The sidebar entry whose URL is the longest prefix of this page's path is the active one,
    # so sub-pages (/standards/items/list/5/) highlight their section.
    candidates = [i.url for _, items in groups for i in items if request.path.startswith(i.url)]
    return {
        "PLATFORM_NAME": settings.JIANDU["PLATFORM_NAME"],
        "unread_notifications": notifications.unread_count(user) if authenticated else 0,
        "nav_groups": groups,
        "active_nav_url": max(candidates, key=len) if candidates else "",
    }
