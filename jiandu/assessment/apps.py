from __future__ import annotations

from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "jiandu.assessment"
    label = "assessment"
    verbose_name = "考核督导"
