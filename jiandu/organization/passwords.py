from __future__ import annotations

import string

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """At least three of: upper case, lower case, digits, symbols (等保 2.0 三级 password complexity)."""

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c in string.ascii_uppercase for c in password),
            any(c in string.ascii_lowercase for c in password),
            any(c in string.digits for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError("密码须至少包含大写字母、小写字母、数字、符号中的三类。", code="password_classes")

    def get_help_text(self) -> str:
        return "密码须至少包含大写字母、小写字母、数字、符号中的三类。"
