"""Job orders, their requirements, referrals with their transition log, hires, follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.companies.models import Company
from jobbro.organisations.models import Cooperation, JobCentre, Municipality
from jobbro.taxonomy.models import CefrLevel, Language, Occupation, Qualification, Skill


class Project(models.Model):
    """A large undertaking that many job orders serve, such as a metro line."""

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "name"], name="project_unique_name_in_cooperation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class JobOrderKind(models.TextChoices):
    ORDINARY = "ordinary", _("ordinary job")
    INTERNSHIP = "internship", _("internship (virksomhedspraktik)")
    WAGE_SUBSIDY = "wage_subsidy", _("wage subsidy (løntilskud)")
    SMALL_JOB = "small_job", _("small job (småjob)")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship")
    FLEX_JOB = "flex_job", _("flex job")
    JOB_ROTATION = "job_rotation", _("job rotation")


class JobOrderStatus(models.TextChoices):
    OPEN = "open", _("open")
    FILLED = "filled", _("filled")
    CLOSED = "closed", _("closed without hire")
    CANCELLED = "cancelled", _("cancelled")


class SalaryUnit(models.TextChoices):
    """The period a salary is paid for, as schema.org's `unitText` names it."""

    HOUR = "HOUR", _("per hour")
    MONTH = "MONTH", _("per month")
    YEAR = "YEAR", _("per year")


class JobOrder(models.Model):
    """What a company needs filled.

    The secretariat is a role the cooperation gives one member job centre, not that centre
    itself: `by_secretariat` marks the job orders the secretariat runs (as on Interaction).
    Their `job_centre` is the company's home job centre when the company has one, else the
    secretariat's host centre, for the record only (see `services.responsible_for`).
    """

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="job_orders"
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("responsible job centre"),
        on_delete=models.PROTECT,
        related_name="job_orders",
    )
    by_secretariat = models.BooleanField(_("run by the secretariat"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("job title"), max_length=200)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="+"
    )
    tasks = models.TextField(_("tasks"), blank=True)
    positions = models.PositiveSmallIntegerField(_("positions"), default=1)
    hires = models.PositiveSmallIntegerField(_("hires"), default=0, editable=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=JobOrderKind.choices, default=JobOrderKind.ORDINARY
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), default=37)
    workplace_address = models.CharField(_("workplace address"), max_length=200)
    workplace_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("workplace municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("start date"))
    deadline = models.DateField(_("application deadline"))
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_orders",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JobOrderStatus.choices,
        default=JobOrderStatus.OPEN,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Optimistic locking: each edit adds one; an edit based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # Publication as a public job posting (joborders/postings.py): only what is written
    # here for the public goes out, never the order's tasks, contacts or candidates.
    published = models.BooleanField(_("published as a job posting"), default=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # The posting's address: random and unguessable, given at first publication and kept.
    posting_key = models.CharField(
        _("posting key"), max_length=32, unique=True, null=True, blank=True, editable=False
    )
    public_description = models.TextField(_("description for the posting"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    salary_min = models.DecimalField(
        _("salary from"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    salary_max = models.DecimalField(
        _("salary to"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    salary_unit = models.CharField(
        _("salary per"), max_length=5, choices=SalaryUnit.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job order")
        verbose_name_plural = _("job orders")
        # The key figures take a period's job orders, referrals and hires by these dates.
        indexes = [models.Index(fields=["created_at"], name="joborder_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(positions__gte=1),
                name="joborder_positions_positive",
                violation_error_message=_("A job order has at least one position."),
            ),
            models.CheckConstraint(
                condition=Q(hires__lte=F("positions")),
                name="joborder_hires_within_positions",
                violation_error_message=_("All positions on this job order are filled."),
            ),
            models.CheckConstraint(
                condition=(Q(salary_min__isnull=True) | Q(salary_min__gte=0))
                & (Q(salary_max__isnull=True) | Q(salary_max__gte=0)),
                name="joborder_salary_not_negative",
                violation_error_message=_("A salary cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="joborder_salary_min_within_max",
                violation_error_message=_("The lowest salary cannot be above the highest."),
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True, salary_max__isnull=True, salary_unit="")
                | (
                    ~Q(salary_unit="") & (Q(salary_min__isnull=False) | Q(salary_max__isnull=False))
                ),
                name="joborder_salary_has_unit",
                violation_error_message=_("Give both a salary and what period it is paid for."),
            ),
            models.CheckConstraint(
                condition=Q(published=False)
                | Q(posting_key__isnull=False, published_at__isnull=False),
                name="joborder_published_has_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.company}"

    @property
    def open_positions(self) -> int:
        return self.positions - self.hires


class Importance(models.TextChoices):
    MUST = "must", _("must have")
    NICE = "nice", _("nice to have")


class RequirementKind(models.TextChoices):
    QUALIFICATION = "qualification", _("certificate or licence")
    LANGUAGE = "language", _("language")
    SKILL = "skill", _("skill")
    EXPERIENCE = "experience", _("years of experience")


class Requirement(models.Model):
    """One must-have or nice-to-have; exactly the field its kind names is filled in."""

    job_order = models.ForeignKey(JobOrder, on_delete=models.CASCADE, related_name="requirements")
    importance = models.CharField(_("importance"), max_length=4, choices=Importance.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=RequirementKind.choices)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("certificate or licence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.ForeignKey(
        Language,
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    language_level = models.CharField(
        _("minimum level"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    skill = models.ForeignKey(
        Skill,
        verbose_name=_("skill"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_years = models.PositiveSmallIntegerField(_("minimum years"), null=True, blank=True)

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=RequirementKind.QUALIFICATION,
                        qualification__isnull=False,
                        language__isnull=True,
                        skill__isnull=True,
                        min_years__isnull=True,
                    )
                    | Q(
                        kind=RequirementKind.LANGUAGE,
                        language__isnull=False,
                        qualification__isnull=True,
                        skill__isnull=True,
                        min_years__isnull=True,
                    )
                    & ~Q(language_level="")
                    | Q(
                        kind=RequirementKind.SKILL,
                        skill__isnull=False,
                        qualification__isnull=True,
                        language__isnull=True,
                        min_years__isnull=True,
                    )
                    | Q(
                        kind=RequirementKind.EXPERIENCE,
                        min_years__isnull=False,
                        qualification__isnull=True,
                        language__isnull=True,
                        skill__isnull=True,
                    )
                ),
                name="requirement_target_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        match self.kind:
            case RequirementKind.QUALIFICATION:
                return str(self.qualification)
            case RequirementKind.LANGUAGE:
                return f"{self.language} {self.language_level}"
            case RequirementKind.SKILL:
                return str(self.skill)
        return str(_("%(years)s years of experience") % {"years": self.min_years})


class JobOrderTask(models.Model):
    """One of the tasks a job order is broken into (substitution labour, seed 004 cases 1
    and 8): a job title holds many competences, and the tasks that need no trade can be
    done by someone without it (a SOSU helper's tasks done by a substitute, the tasks on a
    building site that need no journeyman's certificate). The search for the tasks ranks
    candidates by the skills of the tasks that do not need the trade."""

    job_order = models.ForeignKey(
        JobOrder,
        verbose_name=_("job order"),
        on_delete=models.CASCADE,
        related_name="job_tasks",
    )
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills it needs"), blank=True, related_name="+"
    )
    needs_trade = models.BooleanField(_("needs the trade"), default=False)
    positions = models.PositiveSmallIntegerField(_("people"), default=1)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("place in the list"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(
                condition=Q(positions__gte=1),
                name="joborder_task_positions_positive",
                violation_error_message=_("A task is done by at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gte=1, hours_per_week__lte=80),
                name="joborder_task_hours_in_week",
                violation_error_message=_("The hours per week are between 1 and 80."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReferralState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    INTERVIEW = "interview", _("invited to interview")
    HIRED = "hired", _("hired")
    DECLINED = "declined", _("declined by the company")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Referral(models.Model):
    """A candidate proposed to a job order; its state moves only through transitions."""

    job_order = models.ForeignKey(
        JobOrder,
        verbose_name=_("job order"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ReferralState.choices,
        default=ReferralState.PROPOSED,
        db_index=True,
    )
    motivation = models.TextField(_("why this candidate"), blank=True)
    created_at = models.DateTimeField(_("proposed at"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["created_at"], name="referral_created")]
        constraints = [
            models.UniqueConstraint(
                fields=["job_order", "candidate"],
                name="referral_unique_candidate_per_order",
                violation_error_message=_("This candidate is already proposed for the job order."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.job_order}"


class ReferralTransition(models.Model):
    """Append-only log: who moved a referral, when, from which state to which, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(
        _("from"), max_length=10, choices=ReferralState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=10, choices=ReferralState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"))
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("referral transition")
        verbose_name_plural = _("referral transitions")

    def __str__(self) -> str:
        return f"{self.from_state or '–'} → {self.to_state}"


class Placement(models.Model):
    """A hire that came from a referral."""

    referral = models.OneToOneField(
        Referral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="placement"
    )
    start_date = models.DateField(_("first working day"))
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    ordinary_hours = models.BooleanField(_("ordinary hours (not subsidised)"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    onboarding_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("onboarding consultant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboardings",
    )
    created_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [models.Index(fields=["start_date"], name="placement_start")]

    def __str__(self) -> str:
        return str(self.referral)


class FollowUpStep(models.TextChoices):
    WEEK = "week", _("after 1 week")
    MONTH = "month", _("after 1 month")
    QUARTER = "quarter", _("after 3 months")


class FollowUp(models.Model):
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    step = models.CharField(_("follow-up"), max_length=10, choices=FollowUpStep.choices)
    due_on = models.DateField(_("due on"), db_index=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    still_employed = models.BooleanField(_("still employed"), null=True)
    ordinary_hours = models.BooleanField(_("ordinary hours"), null=True)
    note = models.TextField(_("note"), blank=True)
    # The hire's two job centres, copied from its job order and candidate (and moved with
    # the job order): a centre's due follow-ups are then found by an index instead of by
    # joining every open follow-up of the cooperation to its hire, job order and candidate.
    job_order_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("job order's job centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    candidate_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("candidate's job centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            models.Index(
                fields=["job_order_centre", "due_on"],
                condition=Q(done_at__isnull=True),
                name="followup_open_order_centre",
            ),
            models.Index(
                fields=["candidate_centre", "due_on"],
                condition=Q(done_at__isnull=True),
                name="followup_open_cand_centre",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["placement", "step"], name="followup_unique_step"),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True)
                | Q(done_by__isnull=False, still_employed__isnull=False),
                name="followup_done_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} – {self.get_step_display()}"
