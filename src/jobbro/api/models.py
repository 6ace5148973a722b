"""Machine clients of the API and the writes they sent with an Idempotency-Key."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import JobCentre


class Scope(models.TextChoices):
    READ = "read", _("read")
    WRITE = "write", _("read and write")


class ApiClient(models.Model):
    """A system that calls the API with a token the secretariat issued.

    The token is `jbo_<prefix>_<secret>`: the prefix finds the row, and only a keyed hash
    of the secret is stored; the secret is shown once. The client acts as its own service
    account (`user`), which holds the roles its scope needs at its job centre, so every
    access rule of the pages applies to it unchanged; the account never signs in.
    """

    name = models.CharField(_("name"), max_length=120)
    job_centre = models.ForeignKey(
        JobCentre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        on_delete=models.PROTECT,
        related_name="api_client",
    )
    prefix = models.CharField(_("token prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(_("hash of the secret"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.WRITE


class IdempotentWrite(models.Model):
    """A write sent with an Idempotency-Key and the answer it got, to answer a repeat alike."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        ApiClient,
        verbose_name=_("API client"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="writes",
    )
    key = models.CharField(_("idempotency key"), max_length=200)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    # Both empty while the first request with the key is still being handled (the key is
    # claimed before the write, so a concurrent repeat waits for the answer).
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    response = models.JSONField(_("response"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotent write")
        verbose_name_plural = _("idempotent writes")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotent_write_unique_key")
        ]

    def __str__(self) -> str:
        return self.key
