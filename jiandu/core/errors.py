"""Domain errors: a stable machine code plus a Chinese message the user can act on.

Services raise these; the API turns them into HTTP 4xx with a JSON body
``{"code": ..., "message": ..., "details": ...}`` and pages show the message.
Codes are part of the public API: never rename one, add a new one instead.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, *, details: Any = None, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        if status is not None:
            self.status = status

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details is not None:
            body["details"] = self.details
        return body

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"[{self.code}] {self.message}"


class NotFound(DomainError):
    """Missing, or outside the user's scope: the two are indistinguishable on purpose."""

    status = 404

    def __init__(self, message: str = "记录不存在或无权查看。", *, code: str = "not_found"):
        super().__init__(code, message)


class Forbidden(DomainError):
    status = 403

    def __init__(self, message: str = "您没有执行此操作的权限。", *, code: str = "forbidden"):
        super().__init__(code, message)


class InvalidInput(DomainError):
    """Bad input: ``details`` maps a field (or row number) to its Chinese message."""

    status = 422

    def __init__(self, message: str = "提交的内容有误，请检查后重试。", *, code: str = "invalid_input", details: Any = None):
        super().__init__(code, message, details=details)


class Conflict(DomainError):
    """The action does not fit the current state (out of order, already done, duplicate)."""

    status = 409
