"""What every API router shares: who is calling, one error shape, and list pages with a total."""

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from salesflow.users.models import User
from salesflow.users.services import api_token_authenticate

MAX_PAGE_SIZE = 100
# Where ninja says an input came from; the first part of a pydantic error location.
INPUT_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})


# --- Who is calling ----------------------------------------------------------------------------


class ApiRequest(HttpRequest):
    """A request that passed authentication: `auth` is the calling user."""

    auth: User


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`, checked against the user's stored API tokens."""

    def __call__(self, request: HttpRequest) -> Any:
        # Parsed here rather than in HttpBearer, which logs the whole header (the token) in DEBUG.
        scheme, _sep, raw = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return api_token_authenticate(token)


class SignedInSession(SessionAuth):
    """The browser's signed-in user, so the docs page can try the API; CSRF applies to writes."""

    def __call__(self, request: HttpRequest) -> Any:
        # A request that brings its own credentials is judged by them alone.
        if request.headers.get("Authorization"):
            return None
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# --- One error shape ---------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


def field_errors_from_django(exc: DjangoValidationError) -> list[dict[str, str]]:
    """A service's ValidationError as [{"field", "message"}], one entry per message."""
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    return [
        {"field": field, "message": str(message)}
        for field, messages in by_field.items()
        for message in messages
    ]


def field_errors_from_ninja(exc: NinjaValidationError) -> list[dict[str, str]]:
    """Request-parsing errors in the same shape as a service's, with the field's public name."""
    return [{"field": _field_name(e["loc"]), "message": _message(e)} for e in exc.errors]


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    source = parts.pop(0) if parts and parts[0] in INPUT_SOURCES else ""
    if source == "body" and parts:
        parts.pop(0)  # the view's parameter name ("payload"), which clients never see
    return ".".join(parts) or source or NON_FIELD_ERRORS


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type")
    if kind in {"enum", "literal_error"}:
        allowed = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        return _("Choose one of: %(allowed)s.") % {"allowed": ", ".join(allowed)}
    if kind == "missing":
        return _("This field is required.")
    return str(error.get("msg", ""))


def install_error_handlers(api: NinjaAPI) -> None:
    """401 and 404 answer {"detail": "..."}; every kind of invalid input answers 422 alike."""

    def unauthorised(request: HttpRequest, exc: Any) -> HttpResponse:
        response = api.create_response(
            request,
            {"detail": _("Send a valid API token (Authorization: Bearer <token>) or sign in.")},
            status=401,
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    def invalid_request(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": field_errors_from_ninja(exc)}, status=422)

    def invalid_data(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": field_errors_from_django(exc)}, status=422)

    api.add_exception_handler(AuthenticationError, unauthorised)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(NinjaValidationError, invalid_request)
    api.add_exception_handler(DjangoValidationError, invalid_data)


# --- List pages --------------------------------------------------------------------------------


class PageQuery(Schema):
    """limit/offset paging; list filters extend this."""

    limit: int = Field(settings.PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0)


def page_of(queryset: QuerySet[Any], page: PageQuery) -> dict[str, Any]:
    """One page of `queryset` with the total count: {"count", "limit", "offset", "items"}."""
    return {
        "count": queryset.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": list(queryset[page.offset : page.offset + page.limit]),
    }
