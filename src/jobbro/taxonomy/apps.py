from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_indexes(sender: Any, **kwargs: Any) -> None:
    """A concept saved or deleted in this process is suggested (or not) at once.

    Bulk loads and other processes are caught by the index's version check instead.
    """
    from .suggest.index import clear_cache

    clear_cache()


class TaxonomyConfig(AppConfig):
    name = "jobbro.taxonomy"
    verbose_name = _("Taxonomy")

    def ready(self) -> None:
        for name in ("Occupation", "Skill", "Qualification"):
            model = self.get_model(name)
            uid = f"jobbro_taxonomy_forget_indexes_{name}"
            post_save.connect(_forget_indexes, sender=model, dispatch_uid=f"{uid}_save")
            post_delete.connect(_forget_indexes, sender=model, dispatch_uid=f"{uid}_delete")
