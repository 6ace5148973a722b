"""A consultant's saved free searches: a name and the search form's query string."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import User

NAME_MAX_LENGTH = 100
QUERY_MAX_LENGTH = 2000


class SavedSearch(models.Model):
    owner = models.ForeignKey(
        User, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    query = models.TextField(_("search"), max_length=QUERY_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="saved_search_unique_name_per_owner",
                violation_error_message=_("You already have a saved search with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name
