"""What the resource routers share: text fields, look-ups by code, the problem responses."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema

from .errors import ApiProblem, ProblemOut

M = TypeVar("M", bound=Model)

# No NUL characters: no database column takes them.
NO_NUL = r"^[^\x00]*$"


def Text(max_length: int, **kwargs: Any) -> Any:
    return Annotated[str, Field(max_length=max_length, pattern=NO_NUL, **kwargs)]


def problems(*statuses: int) -> dict[int, type[Schema]]:
    """The problems an operation may answer: always 401, 403 and 429, and these."""
    return {status: ProblemOut for status in (401, 403, 429, *statuses)}


def by_key(rows: QuerySet[M], field: str, value: Any, *, name: str) -> M:
    """The row whose `field` is `value`, or a 422 naming the field."""
    found = rows.filter(**{field: value}).first()
    if found is None:
        raise ApiProblem(
            422,
            _("The request names something that does not exist."),
            errors=[{"field": name, "message": _("Unknown: %(value)s") % {"value": value}}],
        )
    return found


def visible_or_404(rows: QuerySet[M], pk: int) -> M:
    """Rows the caller may not see do not exist, as on the pages."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise ApiProblem(404, _("There is nothing here, or you may not see it."))
    return found


class Page(Schema):
    next_cursor: str | None = Field(
        description="Give it as `cursor` for the next page; null on the last page."
    )
