"""Targets: the steering group's writes (create, change, delete: each one transaction) and
the reads of how far each target has come, in total and per job centre.

How a target reads depends on its KPI's figure (`Measure`): a count aims at a number over
the whole period, so part of the period gone expects that part of the number; a share aims
at a percentage, a satisfaction average at a score, both reached when the figure is at
least the target; time to fill aims at a median of at most so many days (lower is better).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from jobbro.companies import industries
from jobbro.companies.models import Industry, IndustryVersion
from jobbro.organisations.models import Cooperation, JobCentre, Role, User
from jobbro.updates import model_update

from .measures import Average, Count, Durations, Figure, Share
from .models import Target, TargetPart
from .periods import Period, check_day, custom
from .selectors import KPIS, Answer, Ask, Kpi, TimeToFill, applies, figures_and_splits
from .sources import Dimension, Filters

# A target spans at most ten years (HRS's 2015–2018 is four).
LONGEST_YEARS = 10
TARGET_FIELDS = ("kpi", "start", "end", "industry", "industry_section", "project", "value", "note")


class Measure(StrEnum):
    COUNT = "count"  # a number over the period; parts add up to the whole
    PERCENT = "percent"  # a share, 0–100 %
    SCORE = "score"  # an average (satisfaction 1–5)
    DAYS = "days"  # time to fill: a median of at most so many days


# What a KPI's figure is, told by building it from an empty row (every build reads only the
# keys below); time to fill is computed from durations, not built.
_EMPTY_ROW: Mapping[str, Any] = {"n": 0, "num": 0, "den": 0, "avg": None, "progress": []}


def measure_of(kpi: Kpi | str) -> Measure:
    kpi = KPIS[kpi] if isinstance(kpi, str) else kpi
    if isinstance(kpi, TimeToFill):
        return Measure.DAYS
    match kpi.build(_EMPTY_ROW):
        case Share():
            return Measure.PERCENT
        case Average():
            return Measure.SCORE
    return Measure.COUNT


def lower_is_better(measure: Measure) -> bool:
    return measure is Measure.DAYS


def value_of(measure: Measure, found: Figure | None) -> float | None:
    """The figure as the number its target is set in (None: no figure)."""
    match found:
        case Count(value=value):
            return float(value)
        case Share():
            ratio = found.ratio
            return None if ratio is None else 100 * ratio
        case Average(value=value):
            return value
        case Durations(median=median):
            return median
    return None


def period_of(target: Target) -> Period:
    return custom(target.start, target.end)


# The groups of industries a target may be for: the NACE sections, by letter.
SECTION_LABELS = {letter: label for letter, _divisions, label in industries.SECTIONS}
SECTION_DIVISIONS = {letter: divisions for letter, divisions, _label in industries.SECTIONS}


def section_label(letter: str) -> str:
    """ "F · Construction, codes 41–43": the group and the divisions it holds."""
    divisions = SECTION_DIVISIONS[letter]
    first, last = divisions[0], divisions[-1]
    codes = f"{first:02d}" if first == last else f"{first:02d}–{last:02d}"
    return str(
        _("%(letter)s · %(section)s, codes %(codes)s")
        % {"letter": letter, "section": SECTION_LABELS[letter], "codes": codes}
    )


def section_industries(letter: str) -> tuple[int, ...]:
    """The industry codes of a section (a group of industries, such as construction): the
    DB25 and the older DB07 codes whose division (first two digits) the section holds."""
    in_divisions = Q()
    for division in SECTION_DIVISIONS[letter]:
        in_divisions |= Q(code__startswith=f"{division:02d}")
    return tuple(Industry.objects.filter(in_divisions).order_by("pk").values_list("pk", flat=True))


def sections_industries(wanted: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """`section_industries` of several sections in one query."""
    letters = sorted(set(wanted))
    if not letters:
        return {}
    in_divisions = Q()
    for letter in letters:
        for division in SECTION_DIVISIONS[letter]:
            in_divisions |= Q(code__startswith=f"{division:02d}")
    codes = Industry.objects.filter(in_divisions).order_by("pk").values_list("pk", "code")
    found: dict[str, list[int]] = {letter: [] for letter in letters}
    of_division = {
        f"{division:02d}": letter for letter in letters for division in SECTION_DIVISIONS[letter]
    }
    for pk, code in codes:
        section = of_division.get(code[:2])
        if section is not None:
            found[section].append(pk)
    return {letter: tuple(pks) for letter, pks in found.items()}


def filters_of(target: Target, sections: dict[str, tuple[int, ...]] | None = None) -> Filters:
    """What the target counts: its industry, industry group or project (or everything).
    `sections` keeps the groups' codes once read, for a page of targets."""
    group = None
    if target.industry_section:
        known = sections if sections is not None else {}
        if target.industry_section not in known:
            known[target.industry_section] = section_industries(target.industry_section)
        group = known[target.industry_section]
    return Filters(industry=target.industry_id, industries=group, project=target.project_id)


# --- who may --------------------------------------------------------------------------


def may_set_targets(user: User, cooperation: Cooperation) -> bool:
    """The steering group of the cooperation: a member of it at one of its job centres."""
    return user.memberships.filter(
        role=Role.STEERING_GROUP, job_centre__cooperation=cooperation
    ).exists()


# --- writes ---------------------------------------------------------------------------


def check_target(
    *,
    cooperation: Cooperation,
    kpi: str,
    start: dt.date,
    end: dt.date,
    value: Decimal,
    parts: Mapping[int, Decimal],
    industry_id: int | None,
    project_id: int | None,
    industry_section: str = "",
    target_pk: int | None = None,
) -> None:
    """Refuse a target that cannot be followed, or whose period overlaps another target of
    the same key figure and scope (`target_pk`: the target being changed): every message
    says what to change. Callers hold `_lock_targets` so that the overlap check holds."""
    errors: dict[str, list[ValidationError]] = {}

    def refuse(field: str, message: Any, **params: Any) -> None:
        errors.setdefault(field, []).append(ValidationError(message, params=params or None))

    if kpi not in KPIS:
        refuse("kpi", _("Choose a key figure from the list."))
        raise ValidationError(errors)
    measure = measure_of(kpi)
    for field, day in (("start", start), ("end", end)):
        try:
            check_day(day)  # the dashboard's bound: a target it could not show is refused
        except ValidationError as error:
            errors.setdefault(field, []).append(error)
    if errors:
        pass  # a day outside the bound is said at its field, and enough
    elif end < start:
        refuse("end", _("The period ends before it starts."))
    elif end >= _years_after(start, LONGEST_YEARS):
        refuse("end", _("Choose a period of at most %(years)s years."), years=LONGEST_YEARS)
    every = {"value": value} | {f"part_{pk}": part for pk, part in parts.items()}
    for field, number in every.items():
        off_scale = _off_scale(measure, number, part=field != "value")
        if off_scale:
            refuse(field, off_scale)
    if project_id is not None and (industry_id is not None or industry_section):
        refuse("project", _("Choose an industry or a project, not both."))
    if industry_section and industry_section not in SECTION_LABELS:
        refuse("industry", _("Choose an industry or an industry group from the list."))
    if industry_section and industry_id is not None:
        refuse("industry", _("Choose an industry or an industry group, not both."))
    # Whether the figure can be narrowed so: any industry answers for a group.
    narrowed = Filters(
        industry=industry_id, industries=(0,) if industry_section else None, project=project_id
    )
    if not errors and narrowed.used() and figure_cannot_narrow(kpi, narrowed):
        refuse(
            "kpi",
            _("This key figure cannot be counted for one industry or project."),
        )
    centres = set(cooperation.job_centres.values_list("pk", flat=True))
    if set(parts) - centres:
        refuse("__all__", _("A job centre's part is for the cooperation's own job centres."))
    if measure is Measure.COUNT and parts and not errors:
        total = sum(parts.values(), Decimal(0))
        if total != value:
            refuse(
                "__all__",
                _(
                    "The job centres' parts add up to %(parts)s, not to the target of "
                    "%(target)s. Change the parts or the target, or leave every part empty."
                ),
                parts=_number(total),
                target=_number(value),
            )
    if not errors:
        existing = duplicate_of(
            cooperation,
            kpi=kpi,
            start=start,
            end=end,
            industry_id=industry_id,
            industry_section=industry_section,
            project_id=project_id,
            target_pk=target_pk,
        )
        if existing is not None:
            same = (existing.start, existing.end) == (start, end)
            message = (
                _(
                    "The steering group has already set a target for %(figure)s from "
                    "%(start)s to %(end)s (%(scope)s): %(value)s. Change that target "
                    "rather than setting a second one."
                )
                if same
                else _(
                    "The steering group has already set a target for %(figure)s from "
                    "%(start)s to %(end)s (%(scope)s): %(value)s, and this period overlaps "
                    "it. Targets for the same key figure and scope cannot overlap: change "
                    "that target, or choose a period before or after it."
                )
            )
            errors["__all__"] = [
                ValidationError(
                    message,
                    code="duplicate",
                    params={
                        "figure": KPIS[kpi].label,
                        "start": date_format(existing.start, "SHORT_DATE_FORMAT"),
                        "end": date_format(existing.end, "SHORT_DATE_FORMAT"),
                        "scope": scope_label(existing),
                        "value": _number(existing.value),
                    },
                )
            ]
    if errors:
        raise ValidationError(errors)


def duplicate_of(
    cooperation: Cooperation,
    *,
    kpi: str,
    start: dt.date,
    end: dt.date,
    industry_id: int | None,
    project_id: int | None,
    industry_section: str = "",
    target_pk: int | None = None,
) -> Target | None:
    """The cooperation's target of the same key figure and scope whose period overlaps this
    one (the same period first), if any (another than `target_pk`): two targets for one
    figure and scope on the same days could not both be followed."""
    found = Target.objects.filter(
        cooperation=cooperation,
        kpi=kpi,
        start__lte=end,
        end__gte=start,
        industry=industry_id,
        industry_section=industry_section,
        project=project_id,
    ).select_related("industry", "project")
    if target_pk is not None:
        found = found.exclude(pk=target_pk)
    # The identical period first (the database's constraint keeps one), then the earliest.
    return min(found, key=lambda t: ((t.start, t.end) != (start, end), t.start), default=None)


def scope_label(target: Target) -> str:
    """What a target counts: its industry or industry group, its project, or everything."""
    if target.industry is not None:
        return str(target.industry)
    if target.industry_section:
        return section_label(target.industry_section)
    if target.project is not None:
        return target.project.name
    return str(_("all job orders"))


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day so many years on (29 February: 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def figure_cannot_narrow(kpi: str, filters: Filters) -> bool:
    return not applies(KPIS[kpi], filters, Dimension.JOB_CENTRE)


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _lock_targets(cooperation: Cooperation) -> None:
    """Hold the cooperation's row until the transaction ends, so that two steering-group
    members saving overlapping targets at once are checked one after the other: the
    database's unique constraint covers an identical period only, not an overlapping one.
    (SQLite takes its write lock when the transaction begins, which orders them too.)"""
    list(Cooperation.objects.select_for_update().filter(pk=cooperation.pk).values_list("pk"))


def _check_may(actor: User, cooperation: Cooperation) -> None:
    if not may_set_targets(actor, cooperation):
        raise PermissionDenied


@transaction.atomic
def target_create(
    *, actor: User, cooperation: Cooperation, parts: Mapping[int, Decimal], **fields: Any
) -> Target:
    """A new target and its job centres' parts, together or not at all."""
    _check_may(actor, cooperation)
    _lock_targets(cooperation)
    _check(cooperation, fields, parts)
    target = Target(cooperation=cooperation, created_by=actor, **fields)
    target.full_clean()
    target.save()
    TargetPart.objects.bulk_create(
        TargetPart(target=target, job_centre_id=pk, value=value) for pk, value in parts.items()
    )
    return target


@transaction.atomic
def target_update(
    *,
    actor: User,
    target: Target,
    parts: Mapping[int, Decimal],
    expected_version: int | None = None,
    **fields: Any,
) -> tuple[Target, bool]:
    """Change a target and its parts, all or nothing; whether anything changed. Saved
    unchanged, nothing is written (the version stays). Begun on a version someone has
    changed since, it is refused rather than overwriting theirs."""
    _lock_targets(target.cooperation)  # first the cooperation, then the target: one order
    locked = Target.objects.select_for_update().get(pk=target.pk)
    _check_may(actor, locked.cooperation)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _(
                "Someone else changed this target while you were editing it. Reload the page "
                "to see their changes, then make yours again."
            ),
            code="stale_version",
        )
    _check(locked.cooperation, fields, parts, target_pk=locked.pk)
    stored = {p.job_centre_id: p.value for p in locked.parts.all()}
    parts_changed = stored != dict(parts)
    _target, changed = model_update(instance=locked, fields=TARGET_FIELDS, data=fields)
    if parts_changed:
        locked.parts.all().delete()
        TargetPart.objects.bulk_create(
            TargetPart(target=locked, job_centre_id=pk, value=value) for pk, value in parts.items()
        )
    if changed or parts_changed:
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
    return locked, changed or parts_changed


@transaction.atomic
def target_delete(*, actor: User, target: Target, expected_version: int | None) -> None:
    """Delete a target and its parts, as it was when the confirmation was opened: changed
    since (or with no version to tell), it is refused rather than deleting someone else's
    change unseen."""
    _lock_targets(target.cooperation)
    locked = Target.objects.select_for_update().filter(pk=target.pk).first()
    _check_may(actor, target.cooperation)
    if locked is None:
        return  # deleted already: what was asked is done
    if expected_version is None or locked.version != expected_version:
        raise ValidationError(
            _(
                "Someone else changed this target after you opened the page. Look at it again "
                "below, and delete it if you still want to."
            ),
            code="stale_version",
        )
    locked.delete()


def _off_scale(measure: Measure, number: Decimal, *, part: bool) -> StrOrPromise:
    """What is wrong with a target (or a job centre's part) on its figure's scale, "" when
    nothing: a target of 0 hires, 0 % or 0 days is reached before anything is done, and a
    score is 1 to 5. A job centre's part of a count may be 0 (its share of the whole)."""
    match measure:
        case Measure.COUNT:
            if number != number.to_integral_value():
                return _("Give a whole number.")
            if part and number < 0:
                return _("A target cannot be negative.")
            if not part and number < 1:
                return _("A count's target is at least 1.")
        case Measure.PERCENT:
            if not 1 <= number <= 100:
                return _("A share is from 1 to 100 %.")
        case Measure.SCORE:
            if not 1 <= number <= 5:
                return _("Satisfaction is a score from 1 to 5.")
        case Measure.DAYS:
            if number < 1:
                return _("Time to fill is at least 1 day.")
    return ""


def _check(
    cooperation: Cooperation,
    fields: Mapping[str, Any],
    parts: Mapping[int, Decimal],
    *,
    target_pk: int | None = None,
) -> None:
    industry, project = fields.get("industry"), fields.get("project")
    check_target(
        target_pk=target_pk,
        industry_section=fields.get("industry_section") or "",
        cooperation=cooperation,
        kpi=fields["kpi"],
        start=fields["start"],
        end=fields["end"],
        value=fields["value"],
        parts=parts,
        industry_id=industry.pk if industry else None,
        project_id=project.pk if project else None,
    )


# --- reads ----------------------------------------------------------------------------


def targets_of(cooperation: Cooperation) -> QuerySet[Target]:
    return (
        Target.objects.filter(cooperation=cooperation)
        .select_related("industry", "project")
        .prefetch_related("parts__job_centre")
    )


def target_of(cooperation: Cooperation, pk: int) -> Target | None:
    """The cooperation's target; None for another cooperation's (the view says 404)."""
    return targets_of(cooperation).filter(pk=pk).first()


class Status(StrEnum):
    REACHED = "reached"  # the period is over (or a count is reached already) and it holds
    ON_TRACK = "on_track"  # so far as far as expected
    BEHIND = "behind"  # so far short of what is expected by now
    MISSED = "missed"  # the period is over short of the target
    NOT_STARTED = "not_started"
    NO_FIGURE = "no_figure"  # nothing to divide or average yet


STATUS_LABELS = {
    Status.REACHED: _("Reached"),
    Status.ON_TRACK: _("On track"),
    Status.BEHIND: _("Behind"),
    Status.MISSED: _("Not reached"),
    Status.NOT_STARTED: _("Not started"),
    Status.NO_FIGURE: _("No figure yet"),
}


@dataclass(frozen=True)
class Progress:
    """A figure against its target: `expected` is what a count should have reached by now
    (the target × the share of the period gone); for the others the target itself.
    `reached` is how far towards the target in per cent, past 100 when beyond it (233 of
    120: 194); `bar` is the same capped at 100, for the progress bar."""

    target: Decimal | None
    figure: Figure | None
    value: float | None
    expected: float | None
    status: Status
    reached: int

    @property
    def bar(self) -> int:
        return min(self.reached, 100)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass(frozen=True)
class CentreProgress:
    job_centre: JobCentre | None  # None: the secretariat's own rows, which no centre holds
    progress: Progress


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    measure: Measure
    period: Period
    elapsed: float  # the share of the period's days gone, today included, 0–1
    total: Progress
    centres: list[CentreProgress]

    @property
    def elapsed_percent(self) -> int:
        return round(100 * self.elapsed)

    @property
    def kpi_label(self) -> str:
        return str(KPIS[self.target.kpi].label)

    @property
    def scope(self) -> str:
        """The industry, industry group or project it counts; "" for everything."""
        target = self.target
        narrowed = target.industry_id or target.industry_section or target.project_id
        return scope_label(target) if narrowed else ""


def elapsed_share(period: Period, today: dt.date) -> float:
    if today < period.start:
        return 0.0
    if today >= period.end:
        return 1.0
    return ((today - period.start).days + 1) / period.days


def judge(measure: Measure, goal: Decimal | None, found: Figure | None, elapsed: float) -> Progress:
    """One figure against its goal, `elapsed` of the period gone."""
    value = value_of(measure, found)
    if goal is None:
        return Progress(None, found, value, None, Status.NO_FIGURE, 0)
    target = float(goal)
    expected = target * elapsed if measure is Measure.COUNT else target
    if elapsed == 0:
        return Progress(goal, found, value, expected, Status.NOT_STARTED, 0)
    if value is None:
        return Progress(goal, found, value, expected, Status.NO_FIGURE, 0)
    over = elapsed >= 1
    if lower_is_better(measure):
        meets = value <= target
        # At or below the target is the whole way (a median of 0 days divides nothing).
        reached = 100 if meets else round(100 * target / value)
    else:
        meets = value >= target
        reached = round(100 * value / target) if target else 100
    if measure is Measure.COUNT and not meets and not over:
        status = Status.ON_TRACK if value >= expected else Status.BEHIND
    elif meets:
        status = Status.REACHED if over or measure is Measure.COUNT else Status.ON_TRACK
    else:
        status = Status.MISSED if over else Status.BEHIND
    return Progress(goal, found, value, expected, status, reached)


def progress_of(
    target: Target,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    sections: dict[str, tuple[int, ...]] | None = None,
) -> TargetProgress:
    """The target's KPI over its period up to `today` (the day the progress is asked for)
    and its filters, in total and per job centre, each against its goal."""
    return _progress([target], target.cooperation, today=today, now=now, sections=sections)[0]


def _progress(
    targets: list[Target],
    cooperation: Cooperation,
    *,
    today: dt.date | None,
    now: dt.datetime | None,
    sections: dict[str, tuple[int, ...]] | None,
) -> list[TargetProgress]:
    """The progress of the cooperation's targets, all computed together
    (`selectors.figures_and_splits`): the queries do not grow with the targets; none for a
    target whose period has not started."""
    today = today or timezone.localdate()
    asks: list[Ask] = []
    started: list[bool] = []
    for target in targets:
        period = period_of(target)
        started.append(elapsed_share(period, today) > 0)
        if started[-1]:
            # So far: the period's days up to the day asked about (a hire starting next week
            # has not happened yet).
            so_far = custom(period.start, min(period.end, today))
            asks.append(Ask(target.kpi, so_far, filters_of(target, sections)))
    answers = iter(figures_and_splits(cooperation, asks, Dimension.JOB_CENTRE, now=now))
    found = []
    for target, has_started in zip(targets, started, strict=True):
        measure = measure_of(target.kpi)
        answer = next(answers) if has_started else Answer(_nothing(measure), None)
        found.append(_judged(target, cooperation, measure, today, answer))
    return found


def _judged(
    target: Target, cooperation: Cooperation, measure: Measure, today: dt.date, answer: Answer
) -> TargetProgress:
    period = period_of(target)
    elapsed = elapsed_share(period, today)
    split = answer.split or {}
    parts = {p.job_centre_id: p for p in target.parts.all()}
    centres = [
        CentreProgress(
            centre,
            judge(
                measure,
                parts[centre.pk].value if centre.pk in parts else None,
                split.get(centre.pk) or _nothing(measure),
                elapsed,
            ),
        )
        for centre in _centres(cooperation)
    ]
    if split.get(None) is not None:
        centres.append(CentreProgress(None, judge(measure, None, split[None], elapsed)))
    return TargetProgress(
        target,
        measure,
        period,
        elapsed,
        judge(measure, target.value, answer.total, elapsed),
        centres,
    )


def _centres(cooperation: Cooperation) -> list[JobCentre]:
    # Cached per cooperation object: one query for a page of targets.
    cached: list[JobCentre] | None = getattr(cooperation, "_target_centres", None)
    if cached is None:
        cached = list(cooperation.job_centres.order_by("name"))
        cooperation._target_centres = cached  # type: ignore[attr-defined]
    return cached


def _nothing(measure: Measure) -> Figure:
    match measure:
        case Measure.COUNT:
            return Count(0)
        case Measure.PERCENT:
            return Share(0, 0)
        case Measure.SCORE:
            return Average(None, 0)
    return Durations(None, None, 0)


def targets_progress(
    cooperation: Cooperation,
    *,
    running_on: dt.date | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> list[TargetProgress]:
    """Every target of the cooperation (or those running on a day, for the dashboard) with
    its progress; the latest periods first. The queries are as many for many targets as for
    one (tests/kpis/test_targets.py counts them)."""
    chosen = targets_of(cooperation)
    if running_on is not None:
        chosen = chosen.filter(start__lte=running_on, end__gte=running_on)
    found = list(chosen)
    for target in found:
        target.cooperation = cooperation  # one cooperation object: its centres read once
    # Each industry group's codes, all read at once.
    sections = sections_industries({t.industry_section for t in found if t.industry_section})
    return _progress(found, cooperation, today=today, now=now, sections=sections)


# --- the industry picker --------------------------------------------------------------

INDUSTRY_MATCHES = 15


@dataclass(frozen=True)
class IndustryScope:
    """A target's industry scope as the picker's value: "" all industries, a section's
    letter ("F") a group, digits an industry code's id."""

    value: str
    label: str


def industry_scope(value: str) -> IndustryScope | None:
    """The scope a picker value names; None for one that names nothing."""
    if value == "":
        return IndustryScope("", str(_("All industries")))
    if value in SECTION_LABELS:
        return IndustryScope(value, section_label(value))
    if value.isdigit():
        found = Industry.objects.filter(pk=int(value)).first()
        if found is not None:
            return IndustryScope(value, industry_label(found))
    return None


def industry_label(industry: Industry) -> str:
    """ "433410 Maleraktiviteter", an older code with its edition."""
    if industry.version == IndustryVersion.DB25:
        return str(industry)
    return f"{industry} ({industry.version})"


def industry_matches(text: str, limit: int = INDUSTRY_MATCHES) -> list[IndustryScope]:
    """The groups (sections) and then the codes a search finds: by the section's letter
    or name, a code's first digits or words of its name (Danish or English); with no text,
    every group."""
    text = " ".join(text.split())[:100]
    if not text:
        return [IndustryScope(letter, section_label(letter)) for letter in SECTION_LABELS]
    folded = text.casefold()
    digits = text.isdigit()
    sections = [
        letter
        for letter, label in SECTION_LABELS.items()
        if folded == letter.casefold()
        or folded in str(label).casefold()
        or (digits and int(text[:2]) in SECTION_DIVISIONS[letter])
    ]
    codes = Industry.objects.all()
    if digits:
        codes = codes.filter(code__startswith=text)
    else:
        for word in folded.split():
            codes = codes.filter(Q(label_da__icontains=word) | Q(label_en__icontains=word))
    found = [IndustryScope(letter, section_label(letter)) for letter in sections]
    codes = codes.order_by("-version", "code")[:limit]  # DB25 first
    found += [IndustryScope(str(i.pk), industry_label(i)) for i in codes]
    return found
