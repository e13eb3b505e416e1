"""Notifications (R-PLT-5): an in-app inbox, and extra channels (email, SMS) behind one interface.

``notify`` is idempotent when given a ``dedupe_key``: the same alert to the same person is stored
once, so sweeps may run repeatedly or on several workers without sending duplicates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("jiandu.notifications")


class Channel(Protocol):
    def send(self, *, recipient, title: str, body: str, link: str) -> None: ...


class EmailChannel:
    def send(self, *, recipient, title: str, body: str, link: str) -> None:
        if recipient.email:
            send_mail(title, f"{body}\n\n{link}".strip(), settings.DEFAULT_FROM_EMAIL, [recipient.email])


class LogSmsChannel:
    """Stand-in for an SMS gateway: the district plugs its gateway in here."""

    def send(self, *, recipient, title: str, body: str, link: str) -> None:
        if recipient.phone:
            logger.info("SMS to %s: %s", recipient.phone, title)


CHANNELS: dict[str, Channel] = {"email": EmailChannel(), "sms": LogSmsChannel()}


def notify(
    recipients: Iterable,
    *,
    title: str,
    body: str = "",
    link: str = "",
    category: str = "general",
    dedupe_key: str | None = None,
) -> int:
    """Store one notification per recipient; returns how many were new."""
    from jiandu.core.models import Notification

    recipients = [r for r in {getattr(r, "pk", r): r for r in recipients}.values() if r is not None]
    if not recipients:
        return 0
    if dedupe_key:
        already = set(
            Notification.objects.filter(dedupe_key=dedupe_key, recipient__in=recipients).values_list(
                "recipient_id", flat=True
            )
        )
        recipients = [r for r in recipients if getattr(r, "pk", r) not in already]
    rows = [
        Notification(
            recipient_id=getattr(r, "pk", r),
            category=category,
            title=title[:200],
            body=body,
            link=link,
            dedupe_key=dedupe_key,
        )
        for r in recipients
    ]
    # ignore_conflicts: a concurrent sweep that inserted the same key first wins, silently.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    channels = [CHANNELS[name] for name in settings.NOTIFICATION_CHANNELS if name in CHANNELS]
    if channels:
        users = [r for r in recipients if hasattr(r, "pk")]

        def _send() -> None:
            for user in users:
                for channel in channels:
                    try:
                        channel.send(recipient=user, title=title, body=body, link=link)
                    except Exception:  # a failed gateway must not undo the in-app notice
                        logger.exception("notification channel failed")

        transaction.on_commit(_send)
    return len(rows)


def unread_count(user) -> int:
    from jiandu.core.models import Notification

    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notification_id: int | None = None) -> int:
    """Mark one (or all) of the user's notifications read. Reading is not audited: it changes no
    record of the supervision work."""
    from jiandu.core.models import Notification

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(id=notification_id)
    return qs.update(read_at=timezone.now())
