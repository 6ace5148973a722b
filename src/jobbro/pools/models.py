"""Candidate pools (kandidatpuljer): per industry with shortage, or for one large company.

A pool belongs to a job centre of a cooperation (its owners are that centre's consultants)
and is shared with the cooperation's other job centres unless it is kept to its own centre.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.companies.models import Company, Industry
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.taxonomy.models import Occupation


class PoolKind(models.TextChoices):
    INDUSTRY = "industry", _("industry pool")
    COMPANY = "company", _("company pool")


class Pool(models.Model):
    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.PROTECT, related_name="+"
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("owning job centre"),
        on_delete=models.PROTECT,
        related_name="candidate_pools",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=PoolKind.choices)
    industries = models.ManyToManyField(
        Industry, verbose_name=_("industries"), blank=True, related_name="+"
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidate_pools",
    )
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("occupations"), blank=True, related_name="+"
    )
    shared = models.BooleanField(_("shared with the cooperation's other job centres"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Optimistic locking: each edit adds one; an edit based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("candidate pool")
        verbose_name_plural = _("candidate pools")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=PoolKind.COMPANY, company__isnull=False)
                    | models.Q(kind=PoolKind.INDUSTRY, company__isnull=True)
                ),
                name="pool_company_iff_company_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PoolMember(models.Model):
    pool = models.ForeignKey(
        Pool, verbose_name=_("candidate pool"), on_delete=models.CASCADE, related_name="members"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("pool member")
        verbose_name_plural = _("pool members")
        constraints = [
            models.UniqueConstraint(fields=["pool", "candidate"], name="pool_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.pool} – {self.candidate_id}"
