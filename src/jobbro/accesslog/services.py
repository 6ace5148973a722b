"""Writing the access log: one row per candidate shown, before the page is rendered."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from jobbro.candidates.models import Candidate
from jobbro.organisations.models import User

from .models import AccessLogEntry, Purpose


def _reader_centres(user: User) -> tuple[int | None, set[int]]:
    """The user's first job centre, and all of them (memberships are few)."""
    ids = list(
        user.memberships.order_by("job_centre__name", "pk").values_list("job_centre_id", flat=True)
    )
    return (ids[0] if ids else None), set(ids)


@transaction.atomic
def log_access(
    *,
    user: User,
    candidates: Iterable[int | Candidate],
    purpose: Purpose | str,
    request: HttpRequest | None = None,
) -> list[AccessLogEntry]:
    """Record that the user was shown these candidates' personal data, one row each.

    Call it before rendering, inside the view's transaction: when the log cannot be
    written, the page is not shown. The reader's job centre is the membership at the
    candidate's own job centre when there is one, else the user's first.
    """
    items = list(candidates)
    if not items:
        return []
    ids = [item.pk if isinstance(item, Candidate) else int(item) for item in items]
    owners: dict[int, int] = {
        item.pk: item.job_centre_id for item in items if isinstance(item, Candidate)
    }
    missing = [pk for pk in ids if pk not in owners]
    if missing:
        owners.update(Candidate.objects.filter(pk__in=missing).values_list("pk", "job_centre_id"))
    first, centres = _reader_centres(user)
    view_name, path = "", ""
    if request is not None:
        match = getattr(request, "resolver_match", None)
        view_name = (match.view_name if match else "")[:100]
        path = request.path[:300]  # never the query string: it may hold a searched name
    now = timezone.now()
    entries = [
        AccessLogEntry(
            at=now,
            user=user,
            username=user.get_username(),
            job_centre_id=owners.get(pk) if owners.get(pk) in centres else first,
            candidate_id=pk,
            candidate_ref=pk,
            purpose=purpose,
            view_name=view_name,
            path=path,
        )
        for pk in dict.fromkeys(ids)  # once per candidate and page, in order
    ]
    return AccessLogEntry.objects.bulk_create(entries)
