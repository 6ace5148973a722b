"""Upskilling pages: the overview, set-up of providers, courses, teams and groups, a team's
seats, waiting list and participants, a participant's course, a course's results and a
group's pooled payment. Views read through the selectors and write through the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.guarantees import selectors as guarantee_selectors
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.organisations.selectors import cooperation_of, job_centres_of
from jobbro.ui import add_service_errors, found_or_404, messages_of

from . import payment, selectors, services
from .forms import (
    AttendanceForm,
    CourseForm,
    EnrolForm,
    FinishForm,
    GroupForm,
    OutcomeForm,
    ProviderForm,
    SeatsForm,
    TeamEditForm,
    TeamForm,
)
from .models import Course, EnrolmentStatus, Provider, Team, TeamGroup

READERS = access.JOB_ORDER_READERS
MANAGERS = services.MANAGERS
CONSULTANTS = access.CANDIDATE_EDITORS


def _cooperation_or_404(request: AuthedHttpRequest) -> Cooperation:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise Http404("No cooperation.")
    return cooperation


@allowed(*READERS)
@require_GET
def overview(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = cooperation_of(request.user)
    return render(
        request,
        "upskilling/overview.html",
        {
            "teams": selectors.teams_of(request.user),
            "courses": selectors.courses_of(request.user),
            "providers": selectors.providers_of(request.user),
            "groups": selectors.groups_of(request.user),
            "may_manage": cooperation is not None
            and services.may_manage(request.user, cooperation),
        },
    )


SETUP: dict[str, tuple[type[forms.ModelForm], type[Any]]] = {
    "provider": (ProviderForm, Provider),
    "course": (CourseForm, Course),
    "team": (TeamForm, Team),
    "group": (GroupForm, TeamGroup),
}


def _titles() -> dict[str, str]:
    return {
        "provider": _("New education provider"),
        "course": _("New course"),
        "team": _("New course team"),
        "group": _("New group of teams"),
    }


@allowed(*MANAGERS)
@require_http_methods(["GET", "POST"])
def setup_create(request: AuthedHttpRequest, kind: str) -> HttpResponse:
    if kind not in SETUP:
        raise Http404("No such kind.")
    cooperation = _cooperation_or_404(request)
    form_class, model = SETUP[kind]
    instance = model(cooperation=cooperation) if model in (Provider, TeamGroup) else model()
    kwargs: dict[str, Any] = {"instance": instance}
    if kind in ("course", "team"):
        kwargs["cooperation"] = cooperation
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        extra: dict[str, Any] = {}
        if kind == "course":
            extra = {
                "qualifications": form.cleaned_data["qualifications"],
                "skills": form.cleaned_data["skills"],
            }
        try:
            saved = services.setup_save(actor=request.user, instance=form.instance, **extra)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            if isinstance(saved, Team):
                return redirect("upskilling:team", saved.pk)
            if isinstance(saved, TeamGroup):
                return redirect("upskilling:group", saved.pk)
            if isinstance(saved, Course):
                return redirect("upskilling:course", saved.pk)
            return redirect("upskilling:overview")
    return render(
        request,
        "upskilling/setup_form.html",
        {"form": form, "title": _titles()[kind], "kind": kind},
    )


def _edit_page(
    request: AuthedHttpRequest,
    *,
    instance: Any,
    form: forms.ModelForm,
    title: str,
    back: str,
    back_label: str,
    save: Callable[[int | None, dict[str, Any]], tuple[Any, bool]],
) -> HttpResponse:
    """An edit page: the service decides and writes (given the version the form showed and
    the data); a refusal shows on the form."""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            changed = save(data.pop("version", None), data)[1]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The changes are saved.") if changed else _("Nothing was changed.")
            )
            return redirect(back)
    instance.refresh_from_db()  # the form wrote its values onto it; the page shows the stored
    return render(
        request,
        "upskilling/setup_form.html",
        {"form": form, "title": title, "back": back, "back_label": back_label},
    )


def _post(request: AuthedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@allowed(*MANAGERS)
@require_http_methods(["GET", "POST"])
def provider_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The secretariat and every manager of the cooperation, as they create providers."""
    provider = found_or_404(selectors.provider_for(request.user, pk))
    if not services.may_manage(request.user, provider.cooperation_id):
        raise PermissionDenied
    return _edit_page(
        request,
        instance=provider,
        form=ProviderForm(_post(request), instance=provider),
        title=_("Edit %(name)s") % {"name": provider.name},
        back=reverse("upskilling:overview") + "#providers",
        back_label=_("Upskilling"),
        save=lambda version, data: services.provider_update(
            actor=request.user, provider=provider, expected_version=version, **data
        ),
    )


@allowed(*MANAGERS)
@require_http_methods(["GET", "POST"])
def course_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The secretariat and every manager of the cooperation, as they create courses."""
    course = found_or_404(selectors.course_for(request.user, pk))
    cooperation_id = course.provider.cooperation_id
    if not services.may_manage(request.user, cooperation_id):
        raise PermissionDenied
    return _edit_page(
        request,
        instance=course,
        form=CourseForm(_post(request), instance=course, cooperation=course.provider.cooperation),
        title=_("Edit %(name)s") % {"name": course.title},
        back=reverse("upskilling:course", args=[course.pk]),
        back_label=course.title,
        save=lambda version, data: services.course_update(
            actor=request.user, course=course, expected_version=version, **data
        ),
    )


@allowed(*MANAGERS)
@require_http_methods(["GET", "POST"])
def team_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The secretariat and the managers of the team's host job centre."""
    team = found_or_404(selectors.team_to_edit(request.user, pk))
    if not services.may_edit_team(request.user, team):
        raise PermissionDenied
    return _edit_page(
        request,
        instance=team,
        form=TeamEditForm(
            _post(request), instance=team, cooperation=team.course.provider.cooperation
        ),
        title=_("Edit %(name)s") % {"name": str(team)},
        back=reverse("upskilling:team", args=[team.pk]),
        back_label=str(team),
        save=lambda version, data: services.team_update(
            actor=request.user, team=team, expected_version=version, **data
        ),
    )


@allowed(*MANAGERS)
@require_http_methods(["GET", "POST"])
def group_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The secretariat and every manager of the cooperation, as they create groups."""
    group = found_or_404(selectors.group_for(request.user, pk))
    if not services.may_manage(request.user, group.cooperation_id):
        raise PermissionDenied
    return _edit_page(
        request,
        instance=group,
        form=GroupForm(_post(request), instance=group),
        title=_("Edit %(name)s") % {"name": group.name},
        back=reverse("upskilling:group", args=[group.pk]),
        back_label=group.name,
        save=lambda version, data: services.group_update(
            actor=request.user, group=group, expected_version=version, **data
        ),
    )


def _own_centres(request: AuthedHttpRequest, team: Team) -> QuerySet[JobCentre]:
    return job_centres_of(request.user, CONSULTANTS).filter(
        cooperation=team.course.provider.cooperation_id
    )


def _enrol_choices(request: AuthedHttpRequest, team: Team) -> QuerySet[Candidate]:
    return (
        Candidate.objects.filter(
            job_centre__in=_own_centres(request, team),
            anonymised_at__isnull=True,
            status__in=[CandidateStatus.ACTIVE, CandidateStatus.PAUSED],
        )
        .exclude(pk__in=team.enrolments.values("candidate_id"))
        .order_by("first_name", "last_name", "pk")
    )


@allowed(*READERS)
@require_http_methods(["GET", "POST"])
@transaction.atomic
def team_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    team = found_or_404(selectors.team_for(request.user, pk))
    centres = _own_centres(request, team)
    may_book = bool(user_roles(request.user) & set(CONSULTANTS)) and centres.exists()
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "")
    reserve_form = SeatsForm(
        data if action == "reserve" else None, centres=centres, prefix="reserve"
    )
    release_form = SeatsForm(
        data if action == "release" else None, centres=centres, prefix="release"
    )
    choices = _enrol_choices(request, team) if may_book else Candidate.objects.none()
    enrol_form = EnrolForm(data if action == "enrol" else None, candidates=choices)
    if request.method == "POST":
        if not may_book:
            raise PermissionDenied
        done = _team_action(request, team, action, reserve_form, release_form, enrol_form)
        if done:
            return redirect("upskilling:team", team.pk)
    page = selectors.team_page(request.user, team)
    offered = list(choices)
    log_access(
        user=request.user,
        candidates=[*(e.candidate for e in page.named), *offered],
        purpose=Purpose.LIST,
        request=request,
    )
    own_ids = set(centres.values_list("pk", flat=True))
    guarantees = list(guarantee_selectors.guarantees_for_team(team))
    outcomes = guarantee_selectors.outcomes(guarantees)
    return render(
        request,
        "upskilling/team.html",
        {
            "team": team,
            "page": page,
            "may_book": may_book,
            "own_ids": own_ids,
            "reserve_form": reserve_form,
            "release_form": release_form,
            "enrol_form": enrol_form,
            "may_edit": services.may_edit_team(request.user, team),
            "guarantee_rows": [(g, outcomes[g.pk]) for g in guarantees],
        },
    )


def _team_action(
    request: AuthedHttpRequest,
    team: Team,
    action: str,
    reserve_form: SeatsForm,
    release_form: SeatsForm,
    enrol_form: EnrolForm,
) -> bool:
    form: forms.Form = {"reserve": reserve_form, "release": release_form}.get(action, enrol_form)
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if action == "reserve":
                given, waiting = services.reserve_seats(
                    actor=request.user,
                    team=team,
                    job_centre=data["job_centre"],
                    seats=data["seats"],
                )
                if waiting and not given:
                    messages.warning(
                        request,
                        ngettext(
                            "The team is full: the %(waiting)s seat is on the waiting list.",
                            "The team is full: the %(waiting)s seats are on the waiting list.",
                            waiting,
                        )
                        % {"waiting": waiting},
                    )
                elif waiting:
                    messages.warning(
                        request,
                        ngettext(
                            "%(given)s seat reserved; the team is full, so %(waiting)s are on "
                            "the waiting list.",
                            "%(given)s seats reserved; the team is full, so %(waiting)s are on "
                            "the waiting list.",
                            given,
                        )
                        % {"given": given, "waiting": waiting},
                    )
                else:
                    messages.success(
                        request,
                        ngettext("%(given)s seat reserved.", "%(given)s seats reserved.", given)
                        % {"given": given},
                    )
            elif action == "release":
                services.release_seats(
                    actor=request.user,
                    team=team,
                    job_centre=data["job_centre"],
                    seats=data["seats"],
                )
                messages.success(request, _("The seats are given back."))
            else:
                services.enrol(actor=request.user, team=team, candidate=data["candidate"])
                messages.success(request, _("The candidate is enrolled."))
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@allowed(*CONSULTANTS)
@require_http_methods(["GET", "POST"])
@transaction.atomic
def enrolment_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    enrolment = found_or_404(selectors.enrolment_for(request.user, pk))
    action = request.POST.get("action", "")
    data = request.POST if request.method == "POST" else None
    version = {"version": enrolment.version}
    finish_form = FinishForm(data if action == "finish" else None, prefix="finish", initial=version)
    attendance_form = AttendanceForm(
        data if action == "attendance" else None, prefix="week", initial=version
    )
    outcome_form = OutcomeForm(
        data if action == "outcome" else None,
        prefix="outcome",
        initial={
            **version,
            "got_job": enrolment.got_job,
            "got_hours": enrolment.got_hours,
            "hours_after_three_months": enrolment.hours_after_three_months,
            "started_education": enrolment.started_education,
        },
    )
    forms_by_action: dict[str, forms.Form] = {
        "finish": finish_form,
        "attendance": attendance_form,
        "outcome": outcome_form,
    }
    form = forms_by_action.get(action)
    if form is not None and form.is_valid():
        try:
            with transaction.atomic():
                _enrolment_action(request, enrolment, action, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            enrolment.refresh_from_db()  # the page shows the enrolment as it stands
            enrolled = enrolment.status == EnrolmentStatus.ENROLLED
            if (action == "finish" and not enrolled) or (action == "outcome" and enrolled):
                # Finished meanwhile (or not yet): the form is not on the page, its
                # refusal goes above it.
                for message in messages_of(error):
                    messages.error(request, message)
        else:
            return redirect("upskilling:enrolment", enrolment.pk)
    log_access(
        user=request.user, candidates=[enrolment.candidate], purpose=Purpose.VIEW, request=request
    )
    return render(
        request,
        "upskilling/enrolment.html",
        {
            "enrolment": enrolment,
            "team": enrolment.team,
            "weeks": list(enrolment.attendance.all()),
            "finish_form": finish_form,
            "attendance_form": attendance_form,
            "outcome_form": outcome_form,
            "enrolled": enrolment.status == EnrolmentStatus.ENROLLED,
        },
    )


def _enrolment_action(
    request: AuthedHttpRequest, enrolment: Any, action: str, data: dict[str, Any]
) -> None:
    data = dict(data)
    version = data.pop("version", None)
    if action == "finish":
        if data["result"] == FinishForm.COMPLETED:
            services.complete(
                actor=request.user,
                enrolment=enrolment,
                finished_on=data["finished_on"],
                expected_version=version,
            )
            messages.success(
                request, _("The course is completed; its certificates and skills are on the CV.")
            )
        else:
            services.drop_out(
                actor=request.user,
                enrolment=enrolment,
                finished_on=data["finished_on"],
                reason=data["reason"],
                expected_version=version,
            )
            messages.success(request, _("The drop-out is recorded."))
    elif action == "attendance":
        services.record_attendance(
            actor=request.user,
            enrolment=enrolment,
            week=data["week"],
            attended=data["attended"],
            expected_version=version,
        )
        messages.success(request, _("The attendance is recorded."))
    else:
        services.record_outcome(
            actor=request.user, enrolment=enrolment, expected_version=version, **data
        )
        messages.success(request, _("The outcome is recorded."))


@allowed(*READERS)
@require_GET
def course_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    course = found_or_404(selectors.course_for(request.user, pk))
    return render(
        request,
        "upskilling/course.html",
        {
            "course": course,
            "may_manage": services.may_manage(request.user, course.provider.cooperation_id),
            "results": selectors.course_results(course),
            "teams": selectors.teams_of(request.user).filter(course=course),
        },
    )


@allowed(*READERS)
@require_GET
def group_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    group = found_or_404(selectors.group_for(request.user, pk))
    result: payment.GroupPayment | None = None
    over: str = ""
    try:
        result = selectors.group_payment(group)
    except payment.OverCapacity as error:
        over = error.team
    return render(
        request,
        "upskilling/group.html",
        {
            "group": group,
            "may_manage": services.may_manage(request.user, group.cooperation_id),
            "teams": selectors.teams_of(request.user).filter(group=group),
            "result": result,
            "share_lines": result.lines() if result else [],
            "over_capacity": over,
            "average": float(result.average) if result else 0.0,
            "place_price": float(result.place_price) if result else 0.0,
        },
    )
