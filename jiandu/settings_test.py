"""Settings for the test suite: the production settings with fast hashing and in-process jobs."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jiandu.settings import *  # noqa: F403
from jiandu.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Jobs run inside the request in tests so their effects can be asserted directly.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="jiandu-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
