"""Job guarantee pages under /upskilling/guarantees/: the list with each guarantee's
outcome, one guarantee with its participants, and creating and changing one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.companies.models import RecruitmentAgreement
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.organisations.selectors import cooperation_of
from jobbro.ui import add_service_errors, found_or_404

from . import selectors, services
from .forms import AgreementStepForm, GuaranteeForm
from .models import JobGuarantee

READERS = access.JOB_ORDER_READERS
WRITERS = selectors.WRITERS


@allowed(*READERS)
@require_GET
def guarantee_list(request: AuthedHttpRequest) -> HttpResponse:
    guarantees = list(selectors.guarantees_of(request.user))
    outcomes = selectors.outcomes(guarantees)
    return render(
        request,
        "guarantees/list.html",
        {
            "rows": [(g, outcomes[g.pk]) for g in guarantees],
            "may_create": selectors.may_create(request.user),
        },
    )


@allowed(*READERS)
@require_http_methods(["GET", "POST"])
def guarantee_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    guarantee: JobGuarantee = found_or_404(selectors.guarantee_for(request.user, pk))
    may_edit = selectors.may_edit(request.user, guarantee.agreement, guarantee.team)
    may_propose = may_edit and bool(user_roles(request.user) & set(access.REFERRERS))
    if request.method == "POST":
        if not may_propose:
            raise PermissionDenied
        proposed = services.propose_completed(actor=request.user, guarantee=guarantee)
        if proposed.referrals:
            messages.success(
                request,
                ngettext(
                    "%(count)s participant is proposed to the job orders.",
                    "%(count)s participants are proposed to the job orders.",
                    proposed.candidates,
                )
                % {"count": proposed.candidates},
            )
        else:
            messages.info(request, _("Nobody more could be proposed."))
        return redirect("guarantees:detail", guarantee.pk)
    outcome = selectors.outcomes([guarantee])[guarantee.pk]
    participants = selectors.participants_for(request.user, outcome)
    log_access(
        user=request.user,
        candidates=[p.candidate for p in participants if p.candidate is not None],
        purpose=Purpose.LIST,
        request=request,
    )
    return render(
        request,
        "guarantees/detail.html",
        {
            "guarantee": guarantee,
            "outcome": outcome,
            "participants": participants,
            "job_orders": guarantee.job_orders.order_by("title", "pk"),
            "may_edit": may_edit,
            "may_propose": may_propose,
        },
    )


def _agreement_from(request: AuthedHttpRequest) -> RecruitmentAgreement | None:
    raw = request.POST.get("agreement") or request.GET.get("agreement") or ""
    if not raw.isdigit():
        return None
    return selectors.agreement_choices(request.user).filter(pk=int(raw)).first()


@allowed(*WRITERS)
@require_http_methods(["GET", "POST"])
def guarantee_create(request: AuthedHttpRequest) -> HttpResponse:
    agreement = _agreement_from(request)
    if agreement is None:
        # First the agreement: the job orders offered are its company's.
        step = AgreementStepForm(
            request.GET if "agreement" in request.GET else None,
            agreements=selectors.agreements_to_offer(request.user),
        )
        step.is_valid()
        return render(request, "guarantees/agreement_step.html", {"form": step})
    teams = selectors.teams_to_offer(request.user, agreement)
    if teams is None:
        # Refused before the form is filled in, as its save would be.
        raise PermissionDenied
    form = GuaranteeForm(
        request.POST or None,
        instance=JobGuarantee(agreement=agreement),
        teams=teams,
        job_orders=selectors.job_order_choices(cooperation_of(request.user)).filter(
            company=agreement.company_id
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            guarantee = services.guarantee_create(
                actor=request.user,
                agreement=agreement,
                team=data["team"],
                job_orders=data["job_orders"],
                jobs_promised=data["jobs_promised"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The job guarantee is created."))
            return redirect("guarantees:detail", guarantee.pk)
    return render(
        request,
        "guarantees/form.html",
        {"form": form, "agreement": agreement, "title": _("New job guarantee")},
    )


@allowed(*WRITERS)
@require_http_methods(["GET", "POST"])
def guarantee_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    guarantee: JobGuarantee = found_or_404(selectors.guarantee_for(request.user, pk))
    if not selectors.may_edit(request.user, guarantee.agreement, guarantee.team):
        raise PermissionDenied
    kept = guarantee.job_orders.values_list("pk", flat=True)
    form = GuaranteeForm(
        request.POST or None,
        instance=guarantee,
        teams=selectors.team_choices(request.user),
        job_orders=selectors.job_order_choices(cooperation_of(request.user), kept=kept).filter(
            company=guarantee.agreement.company_id
        ),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _saved, changed = services.guarantee_update(
                actor=request.user,
                guarantee=guarantee,
                expected_version=data["version"],
                job_orders=data["job_orders"],
                jobs_promised=data["jobs_promised"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The job guarantee is saved.") if changed else _("Nothing was changed.")
            )
            return redirect("guarantees:detail", guarantee.pk)
    return render(
        request,
        "guarantees/form.html",
        {
            "form": form,
            "agreement": guarantee.agreement,
            "guarantee": guarantee,
            "title": _("Edit job guarantee"),
        },
    )
