from __future__ import annotations

from django.shortcuts import render

from jiandu.core.errors import DomainError


class DomainErrorMiddleware:
    """A ``DomainError`` that escapes a page view becomes a page with its Chinese message and
    its status (404 for out-of-scope, exactly like a missing record). The API has its own handler."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError) and not request.path.startswith("/api/"):
            template = {404: "404.html", 403: "403.html"}.get(exception.status, "core/error.html")
            return render(request, template, {"error": exception, "page_title": "无法完成操作"},
                          status=exception.status)
        return None
