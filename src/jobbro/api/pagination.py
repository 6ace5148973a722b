"""Lists page by an opaque signed cursor: the id after which the next page starts.

Rows come in ascending id order, so a page never repeats or skips a row however many are
added meanwhile; a cursor is signed (django.core.signing) for its list only, so a changed
or borrowed cursor is refused with 400 rather than read.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core import signing
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema

from .errors import ApiProblem

M = TypeVar("M", bound=Model)
SALT = "jobbro.api.cursor."
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageQuery(Schema):
    cursor: str | None = Field(
        None, max_length=500, description="The next_cursor of the page before; none for the first."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most this many items.")


def _after(list_name: str, cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        data: Any = signing.loads(cursor, salt=SALT + list_name)
        after = int(data["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise ApiProblem(400, _("The cursor is not one this list gave out.")) from error
    return after


def paginate(list_name: str, rows: QuerySet[M], page: PageQuery) -> tuple[list[M], str | None]:
    """One page of `rows` by ascending id, and the cursor of the next (None at the end)."""
    after = _after(list_name, page.cursor)
    found = list(rows.filter(pk__gt=after).order_by("pk")[: page.limit + 1])
    if len(found) <= page.limit:
        return found, None
    shown = found[: page.limit]
    return shown, signing.dumps({"a": shown[-1].pk}, salt=SALT + list_name, compress=True)
