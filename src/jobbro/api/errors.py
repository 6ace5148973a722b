"""Errors as RFC 9457 problem details (`application/problem+json`) in the client's language.

Every failure of the API answers with the same shape: `type` (a URN naming the kind),
`title` (the kind, translated), `status`, `detail` (this occurrence, translated) and, for
a refused input, `errors`: one entry per field with the message the pages would show.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:jobbro:problem:"

TITLES: dict[str, Promise] = {
    "bad-request": gettext_lazy("Bad request"),
    "unauthorized": gettext_lazy("Not signed in"),
    "forbidden": gettext_lazy("Not allowed"),
    "not-found": gettext_lazy("Not found"),
    "conflict": gettext_lazy("Conflict"),
    "invalid": gettext_lazy("Invalid input"),
    "idempotency-key-reused": gettext_lazy("Idempotency key reused"),
    "idempotency-key-in-progress": gettext_lazy("Idempotency key in progress"),
    "too-many-requests": gettext_lazy("Too many requests"),
    "method-not-allowed": gettext_lazy("Method not allowed"),
    "too-large": gettext_lazy("Request too large"),
}
SLUG_BY_STATUS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    422: "invalid",
    429: "too-many-requests",
}


class FieldErrorOut(Schema):
    field: str
    message: str


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldErrorOut] = []


class ApiProblem(Exception):
    """Raised anywhere in an operation; the handler answers it as a problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug or SLUG_BY_STATUS.get(status, "bad-request")
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    slug = slug or SLUG_BY_STATUS.get(status, "bad-request")
    body = {
        "type": TYPE_PREFIX + slug,
        "title": str(TITLES.get(slug, TITLES["bad-request"])),
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8",
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_errors(error: DjangoValidationError) -> list[dict[str, str]]:
    """A service's refusal as field errors: `__all__` for what concerns the whole."""
    if hasattr(error, "error_dict"):
        return [
            {"field": field, "message": str(message)}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": "__all__", "message": str(message)} for message in error.messages]


def _codes(error: DjangoValidationError) -> set[str]:
    return (
        {item.code or "" for item in error.error_list}
        if hasattr(error, "error_list")
        else {item.code or "" for items in error.error_dict.values() for item in items}
    )


def _location(loc: Any) -> str:
    parts = [str(part) for part in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "form"}:
        parts = parts[1:]
    # A single body schema's parameter name ("payload") says nothing to the client.
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "__all__"


# Pydantic's messages are English; the common kinds in the request's language. Each may
# use the error's context (`ctx`) as named placeholders.
PYDANTIC_MESSAGES: dict[str, Promise] = {
    "missing": gettext_lazy("This field is required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "float_type": gettext_lazy("Enter a number."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "bool_type": gettext_lazy("Enter true or false."),
    "string_type": gettext_lazy("Enter a text."),
    "string_too_long": gettext_lazy("At most %(max_length)s characters."),
    "string_too_short": gettext_lazy("At least %(min_length)s characters."),
    "string_pattern_mismatch": gettext_lazy("The text has characters that are not allowed."),
    "too_long": gettext_lazy("At most %(max_length)s items."),
    "too_short": gettext_lazy("At least %(min_length)s items."),
    "list_type": gettext_lazy("Enter a list."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": gettext_lazy("Enter a date and time (ISO 8601)."),
    "datetime_from_date_parsing": gettext_lazy("Enter a date and time (ISO 8601)."),
    "datetime_type": gettext_lazy("Enter a date and time (ISO 8601)."),
    "greater_than_equal": gettext_lazy("At least %(ge)s."),
    "greater_than": gettext_lazy("More than %(gt)s."),
    "less_than_equal": gettext_lazy("At most %(le)s."),
    "less_than": gettext_lazy("Less than %(lt)s."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "json_invalid": gettext_lazy("The body is not valid JSON."),
    "model_attributes_type": gettext_lazy("Enter an object."),
    "dict_type": gettext_lazy("Enter an object."),
    "model_type": gettext_lazy("Enter an object."),
    "extra_forbidden": gettext_lazy("This field is not allowed."),
}


def _message(item: dict[str, Any]) -> str:
    """The error's message in the request's language where its kind is known."""
    template = PYDANTIC_MESSAGES.get(str(item.get("type", "")))
    if template is None:
        return str(item.get("msg", ""))
    try:
        return str(template) % {key: value for key, value in (item.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return str(item.get("msg", ""))


def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {"field": _location(item.get("loc", ())), "message": _message(item)} for item in exc.errors
    ]
    return problem_response(
        422, _("The request has fields that are missing or wrong."), errors=errors
    )


def on_service_refusal(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors = field_errors(exc)
    if "stale_version" in _codes(exc):
        return problem_response(409, errors[0]["message"], errors=errors)
    return problem_response(422, _("The change was refused."), errors=errors)


def on_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return problem_response(
        exc.status, exc.detail, slug=exc.slug, errors=exc.errors, headers=exc.headers
    )


def on_authentication(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(
        401,
        _("Send a valid API token (Authorization: Bearer jbo_…) or sign in."),
        headers={"WWW-Authenticate": 'Bearer realm="jobbro"'},
    )


def on_forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(403, _("You are not allowed to do this."))


def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(404, _("There is nothing here, or you may not see it."))


def on_too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A body beyond DATA_UPLOAD_MAX_MEMORY_SIZE, which Django refuses to read."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return problem_response(
        413,
        _("The request is too large: at most %(size)s MB.")
        % {"size": number_format(limit / 1024 / 1024, 1)},
    )


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if status == 401:
        return on_authentication(request, exc)
    if status == 403:
        return on_forbidden(request, exc)
    if status == 404:
        return on_not_found(request, exc)
    if status == 429:
        return problem_response(429, _("Too many requests. Wait a moment and try again."))
    return problem_response(status, _("The request cannot be handled."))


HANDLERS: list[tuple[type[Exception], Any]] = [
    (NinjaValidationError, on_validation),
    (DjangoValidationError, on_service_refusal),
    (ApiProblem, on_problem),
    (AuthenticationError, on_authentication),
    (HttpError, on_http_error),
    (PermissionDenied, on_forbidden),
    (Http404, on_not_found),
    (RequestDataTooBig, on_too_big),
]


def install(api: NinjaAPI) -> None:
    for exception, handler in HANDLERS:
        api.add_exception_handler(exception, handler)


# What every operation may answer besides its success, for the schema.
COMMON_ERRORS: dict[int, type[Schema]] = {401: ProblemOut, 403: ProblemOut, 429: ProblemOut}
