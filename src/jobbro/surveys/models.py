"""Company satisfaction surveys: a round per cooperation and quarter, a personal invitation
per company, and at most one response per invitation.

The invitation keeps the company's home job centre and contact consultant as they were when
it was sent, so the results stay attributed after a company moves or changes consultant.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.companies.models import Company
from jobbro.organisations.models import Cooperation, JobCentre

from .quarters import Quarter

SCALE_MIN = 1
SCALE_MAX = 5
# The scale questions in the order the form asks them; the results page uses the same order.
QUESTIONS = ("response_time", "communication", "guidance", "understanding", "overall")


class SurveyRound(models.Model):
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="survey_rounds",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,  # None: opened by `manage.py send_surveys` (cron)
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "year", "quarter"],
                name="survey_round_unique_quarter",
                violation_error_message=_("This quarter's survey round exists already."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="survey_round_quarter_range",
                violation_error_message=_("A quarter is numbered 1 to 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)


class SurveyInvitation(models.Model):
    survey_round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("survey round"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    email = models.EmailField(_("sent to"))
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("home job centre"),
        null=True,  # a company in a municipality no member serves
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_invitations",
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact consultant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,  # None: sent by `manage.py send_surveys` (cron)
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["company__name", "pk"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey_round", "company"],
                name="survey_invitation_unique_company",
                violation_error_message=_("The company is invited in this round already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.survey_round})"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class SurveyResponse(models.Model):
    """A company's answer; one per invitation (the one-to-one key says so)."""

    invitation = models.OneToOneField(
        SurveyInvitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="response",
        error_messages={"unique": _("This survey is answered already.")},
    )
    response_time = models.PositiveSmallIntegerField(_("response time"))
    communication = models.PositiveSmallIntegerField(_("communication"))
    guidance = models.PositiveSmallIntegerField(_("guidance"))
    understanding = models.PositiveSmallIntegerField(_("understanding of needs"))
    overall = models.PositiveSmallIntegerField(_("overall cooperation"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": SCALE_MIN, f"{name}__lte": SCALE_MAX}),
                name=f"survey_response_{name}_scale",
                violation_error_message=_("Answer on the scale from 1 to 5."),
            )
            for name in QUESTIONS
        ]

    def __str__(self) -> str:
        return f"{self.invitation}"
