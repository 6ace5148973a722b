"""Company surveys by personal link: the quarterly satisfaction survey and the half-yearly
job barometer. Both send a `SurveyInvitation` (one link machinery: token, mail, answered
once); an invitation belongs to a satisfaction round or to a barometer round, never both.
A satisfaction invitation takes at most one `SurveyResponse`, a barometer invitation at most
one `BarometerAnswer`.

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
from jobbro.taxonomy.models import Occupation

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


class BarometerRound(models.Model):
    """A half-year's job barometer of a cooperation: spring (half 1) or autumn (half 2)."""

    SPRING = 1
    AUTUMN = 2

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="barometer_rounds",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(
        _("half-year"), choices=[(SPRING, _("spring")), (AUTUMN, _("autumn"))]
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-half"]
        verbose_name = _("job barometer round")
        verbose_name_plural = _("job barometer rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "year", "half"],
                name="barometer_round_unique_half",
                violation_error_message=_("This half-year's job barometer exists already."),
            ),
            models.CheckConstraint(
                # Not IN (1, 2): Django's SQLite introspection cannot read that table back.
                condition=Q(half__gte=1, half__lte=2),
                name="barometer_round_half_range",
                violation_error_message=_("A half-year is spring or autumn."),
            ),
        ]

    def __str__(self) -> str:
        if self.half == self.SPRING:
            return _("Job barometer spring %(year)s") % {"year": self.year}
        return _("Job barometer autumn %(year)s") % {"year": self.year}


class SurveyInvitation(models.Model):
    survey_round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("survey round"),
        null=True,  # a barometer invitation
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    barometer_round = models.ForeignKey(
        BarometerRound,
        verbose_name=_("job barometer round"),
        null=True,  # a satisfaction invitation
        blank=True,
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
            models.UniqueConstraint(
                fields=["barometer_round", "company"],
                name="barometer_invitation_unique_company",
                violation_error_message=_("The company is invited in this round already."),
            ),
            models.CheckConstraint(
                condition=Q(survey_round__isnull=True, barometer_round__isnull=False)
                | Q(survey_round__isnull=False, barometer_round__isnull=True),
                name="survey_invitation_one_round",
                violation_error_message=_("An invitation belongs to exactly one round."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.survey_round or self.barometer_round})"

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


class BarometerAnswer(models.Model):
    """A company's barometer answer; one per invitation. The occupations are its lines."""

    invitation = models.OneToOneField(
        SurveyInvitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="barometer_answer",
        error_messages={"unique": _("This survey is answered already.")},
    )
    small_jobs = models.PositiveIntegerField(_("small jobs"))
    apprentices = models.PositiveIntegerField(_("apprentices"))
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job barometer answer")
        verbose_name_plural = _("job barometer answers")

    def __str__(self) -> str:
        return f"{self.invitation}"


class BarometerLine(models.Model):
    """Expected new hires in one occupation at three horizons, each counted from the day of
    the answer (separate horizons: the 12 months need not hold the 6)."""

    answer = models.ForeignKey(
        BarometerAnswer,
        verbose_name=_("job barometer answer"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="barometer_lines",
    )
    hires_3m = models.PositiveIntegerField(_("new hires within 3 months"))
    hires_6m = models.PositiveIntegerField(_("new hires within 6 months"))
    hires_12m = models.PositiveIntegerField(_("new hires within 12 months"))
    hard_to_fill = models.BooleanField(_("hard to fill"), default=False)

    class Meta:
        ordering = ["answer", "pk"]
        verbose_name = _("job barometer line")
        verbose_name_plural = _("job barometer lines")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "occupation"],
                name="barometer_line_unique_occupation",
                violation_error_message=_("Each occupation once per answer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id}: {self.hires_3m}/{self.hires_6m}/{self.hires_12m}"
