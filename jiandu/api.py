"""The HTTP API under /api/v1/ (R-PLT-6). Each app contributes one router from its ``api.py``.

Authentication: the page session (with CSRF) or ``Authorization: Bearer <token>`` for other
systems. Errors are JSON ``{"code", "message", "details"}`` with an HTTP 4xx status.
"""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth

from jiandu.core.errors import DomainError


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        from jiandu.organization.services import api_token_user

        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class ChineseJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=ChineseJSONRenderer(),
    title="行政执法协调监督平台 API",
    version="1.0.0",
    description="华容区行政执法协调监督平台的开放接口：供省级平台、行政执法 APP 及其他系统调用。"
    "认证方式：页面会话（需 CSRF）或 `Authorization: Bearer <令牌>`。错误以 JSON 返回 `code`、`message`、`details`。",
    urls_namespace="api-v1",
    auth=[SessionAuth(), TokenAuth()],
)

for prefix, module in [
    ("organization", "jiandu.organization.api"),
    ("core", "jiandu.core.api"),
    ("personnel", "jiandu.personnel.api"),
    ("standards", "jiandu.standards.api"),
    ("cases", "jiandu.cases.api"),
    ("linkage", "jiandu.linkage.api"),
    ("oversight", "jiandu.oversight.api"),
    ("assessment", "jiandu.assessment.api"),
    ("public", "jiandu.portal.api"),
]:
    api.add_router(f"/{prefix}/", f"{module}.router")


def _error(request, status: int, code: str, message: str, details=None):
    body = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    details = []
    for err in exc.errors:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload"))
        details.append({"field": loc, "message": _chinese_validation(err)})
    return _error(request, 422, "invalid_input", "提交的内容有误，请检查后重试。", details)


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _error(request, 401, "unauthenticated", "未登录或令牌无效，请登录后重试。")


@api.exception_handler(Http404)
def on_404(request, exc):
    return _error(request, 404, "not_found", "记录不存在或无权查看。")


_MESSAGES = {
    "missing": "必填项未填写。",
    "int_parsing": "应为整数。",
    "float_parsing": "应为数字。",
    "decimal_parsing": "应为数字。",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_parsing": "日期格式应为 YYYY-MM-DD。",
    "datetime_parsing": "时间格式应为 ISO 8601。",
    "string_too_long": "内容过长。",
    "string_too_short": "内容过短。",
    "bool_parsing": "应为 true 或 false。",
    "enum": "取值不在允许范围内。",
    "literal_error": "取值不在允许范围内。",
    "json_invalid": "请求体不是有效的 JSON。",
    "greater_than_equal": "数值过小。",
    "less_than_equal": "数值过大。",
    "greater_than": "数值过小。",
    "list_type": "应为列表。",
    "string_type": "应为文本。",
    "int_type": "应为整数。",
    "model_attributes_type": "格式不正确。",
}


def _chinese_validation(err: dict) -> str:
    return _MESSAGES.get(err.get("type", ""), f"格式不正确（{err.get('msg', '')}）。")
