"""Saving and deleting one's own searches."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.organisations.models import User

from .models import SavedSearch


@transaction.atomic
def saved_search_create(*, owner: User, name: str, query: str) -> SavedSearch:
    """Keep a search under a name of the owner's choosing (unique among theirs)."""
    name = name.strip()
    if SavedSearch.objects.filter(owner=owner, name__iexact=name).exists():
        raise ValidationError(
            {"name": _("You already have a saved search with this name.")}, code="duplicate"
        )
    saved = SavedSearch(owner=owner, name=name, query=query, created_at=timezone.now())
    saved.full_clean()
    saved.save()
    return saved


@transaction.atomic
def saved_search_delete(*, actor: User, saved_search: SavedSearch) -> None:
    if saved_search.owner_id != actor.pk:
        raise PermissionDenied
    saved_search.delete()
