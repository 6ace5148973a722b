"""Company pages: list with live search, detail, and the forms that write through services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.joborders import agreement_progress
from jobbro.joborders import selectors as joborder_selectors
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.organisations.models import Cooperation
from jobbro.organisations.selectors import cooperation_of, job_centres_of
from jobbro.ui import add_service_errors, is_partial

from . import merging, selectors, services
from .cvr import CvrUnavailable, cvr_source
from .forms import (
    AgreementFilterForm,
    AgreementForm,
    AllianceCommitmentForm,
    CommitmentEndForm,
    CompanyFilterForm,
    CompanyForm,
    ContactConsultantForm,
    ContactPersonForm,
    InteractionForm,
    MergeForm,
    RescheduleForm,
)
from .models import Company, Interaction, RecruitmentAgreement
from .validators import cvr_problem

PAGE_SIZE = 25


def _company_or_404(request: AuthedHttpRequest, pk: int) -> Company:
    """Companies of another cooperation do not exist as far as this user is concerned."""
    visible = selectors.companies_visible_to(request.user)
    return get_object_or_404(selectors.company_for_detail(visible), pk=pk)


def _cooperation(request: AuthedHttpRequest) -> Cooperation:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


def _may(request: AuthedHttpRequest, roles: tuple[Any, ...]) -> bool:
    return bool(user_roles(request.user) & set(roles))


@allowed(*access.COMPANY_READERS)
@require_GET
def company_list(request: AuthedHttpRequest) -> HttpResponse:
    url = reverse("companies:list")
    form = CompanyFilterForm(request.GET, cooperation=cooperation_of(request.user), url=url)
    companies = selectors.company_list(request.user, **form.filters())
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        "companies": page.object_list,
        "can_create": _may(request, access.COMPANY_EDITORS),
    }
    template = "companies/_company_results.html" if is_partial(request) else "companies/list.html"
    response = render(request, template, context)
    # The same URL answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _detail_context(request: AuthedHttpRequest, company: Company) -> dict[str, Any]:
    can_edit = _may(request, access.COMPANY_EDITORS)
    detail = selectors.company_detail(company)
    return {
        "company": company,
        "detail": detail,
        "job_orders": joborder_selectors.job_orders_of_company(company),
        "progress": agreement_progress.progress_of(detail.agreements),
        "editable_agreements": selectors.editable_agreements(request.user, detail.agreements),
        "can_edit": can_edit,
        # The company's master data, its contact consultant and its commitments' end.
        "can_manage": can_edit and selectors.may_manage_company(request.user, company),
        "today": timezone.localdate(),
        "can_create_job_order": _may(request, access.JOB_ORDER_EDITORS),
        "interaction_form": InteractionForm(company=company) if can_edit else None,
        "acting": _acting(request, company) if can_edit else None,
    }


def _acting(request: AuthedHttpRequest, company: Company) -> selectors.Acting | None:
    """Whom a contact would be logged for; None when the user edits nothing here."""
    try:
        return selectors.acting_for(request.user, company)
    except ValidationError:
        return None


@allowed(*access.COMPANY_READERS)
@require_GET
def company_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)
    return render(request, "companies/detail.html", _detail_context(request, company))


def _duplicate_of(error: ValidationError) -> Company | None:
    """The existing company a duplicate-CVR refusal names, to link to it."""
    for item in getattr(error, "error_dict", {}).get("cvr", []):
        if item.code == "duplicate_cvr" and item.params and item.params.get("pk"):
            return Company.objects.filter(pk=item.params["pk"]).first()
    return None


def _company_form_page(request: AuthedHttpRequest, form: CompanyForm, **extra: Any) -> HttpResponse:
    context = {"form": form, "company": None, **extra}
    if is_partial(request):
        return render(request, "companies/_company_fields.html", context)
    return render(request, "companies/company_form.html", context)


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def company_create(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    initial: dict[str, Any] = {}
    own_centre = job_centres_of(request.user).filter(cooperation=cooperation).first()
    if own_centre is not None:
        initial["municipality"] = own_centre.municipalities.order_by("name").first()
    form = CompanyForm(request.POST or None, initial=initial)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(
                actor=request.user, cooperation=cooperation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            duplicate = _duplicate_of(error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": company.name})
            return redirect("companies:detail", pk=company.pk)
    return _company_form_page(request, form, duplicate=duplicate)


def _from_register(typed: CompanyForm, cvr: str) -> tuple[str, dict[str, Any] | None]:
    """The form's fields from the CVR register, and what to tell the user."""
    try:
        record = cvr_source().lookup(cvr)
    except CvrUnavailable:
        return _(
            "The CVR register cannot be reached just now. Fill in the company's name, "
            "address and industry by hand."
        ), None
    if record is None:
        return _("The CVR register knows no company with CVR number %(cvr)s.") % {"cvr": cvr}, None
    filled = typed.filled_from(record)
    if "municipality" not in filled or "industry" not in filled:
        return _(
            "Filled from the CVR register. Choose the municipality and industry by hand: "
            "the register's codes are not in our lists."
        ), filled
    return "", filled


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def cvr_fetch(request: AuthedHttpRequest) -> HttpResponse:
    """Fill the new-company form from the CVR register ("Fetch from CVR"); writes nothing.

    With htmx it answers the form's fields; without, the whole page (the button then
    submits the form here). A POST keeps the form's CSRF token out of addresses and logs.
    """
    cooperation = _cooperation(request)
    data = request.POST if request.method == "POST" else request.GET
    typed = CompanyForm(data)
    cvr = services.normalise_cvr(data.get("cvr", ""))
    notice = ""
    duplicate = None
    filled = None
    problem = cvr_problem(cvr) if cvr else None
    if not cvr:
        notice = _("Type the CVR number before fetching.")
    elif problem is not None:
        notice = problem.messages[0]
    else:
        duplicate = Company.objects.filter(cooperation=cooperation, cvr=cvr).first()
        if duplicate is None:  # else the page links the company we have: nothing to fetch
            notice, filled = _from_register(typed, cvr)
    if filled is not None:
        form = CompanyForm(initial=filled)
    else:
        form = CompanyForm(initial={k: v for k, v in data.items() if k in typed.fields})
    return _company_form_page(
        request, form, cvr_notice=notice, cvr_found=filled is not None, duplicate=duplicate
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def company_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The company's master data: the home job centre's business consultants or the
    secretariat (moving the company moves its ownership)."""
    company = _company_or_404(request, pk)
    if not selectors.may_manage_company(request.user, company):
        raise PermissionDenied
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            services.company_update(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("companies:detail", pk=company.pk)
    # The form may have changed the instance in memory; show the stored name in the heading.
    company.refresh_from_db(fields=["name"])
    return render(request, "companies/company_form.html", {"form": form, "company": company})


def _subform(
    request: AuthedHttpRequest,
    form: forms.BaseForm,
    *,
    company: Company,
    save: Callable[[dict[str, Any]], str],
    anchor: str,
    title: str,
    action: str,
    intro: str = "",
) -> HttpResponse:
    """A small form about one company: on success `save` writes and says what it did,
    and the user is back on the company page at `anchor`."""
    if request.method == "POST" and form.is_valid():
        try:
            done = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(reverse("companies:detail", args=[company.pk]) + anchor)
    context = {"form": form, "company": company, "title": title, "action": action, "intro": intro}
    return render(request, "companies/subform.html", context)


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def contact_consultant(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Name the company's one contact: for the home job centre's consultants or the secretariat."""
    company = _company_or_404(request, pk)
    if not selectors.may_manage_company(request.user, company):
        raise PermissionDenied

    def save(data: dict[str, Any]) -> str:
        services.contact_consultant_set(
            actor=request.user, company=company, consultant=data["consultant"]
        )
        return _("The contact consultant is saved.")

    return _subform(
        request,
        ContactConsultantForm(request.POST or None, company=company),
        company=company,
        save=save,
        anchor="",
        title=_("Contact consultant"),
        intro=_(
            "The company deals with one consultant, a business consultant of its home job "
            "centre, whichever job centre finds the candidates."
        ),
        action=reverse("companies:contact_consultant", args=[company.pk]),
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)

    def save(data: dict[str, Any]) -> str:
        contact = services.contact_person_create(actor=request.user, company=company, **data)
        return _("%(name)s is added.") % {"name": contact.name}

    return _subform(
        request,
        ContactPersonForm(request.POST or None),
        company=company,
        save=save,
        anchor="#contacts",
        title=_("New contact person"),
        action=reverse("companies:contact_create", args=[company.pk]),
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def interaction_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Log a contact; from the detail page's inline form (htmx) or as a page without JS."""
    company = _company_or_404(request, pk)
    form = InteractionForm(request.POST or None, company=company)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.interaction_create(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = True
            if not is_partial(request):
                messages.success(request, _("The contact is registered."))
                return redirect(reverse("companies:detail", args=[company.pk]) + "#interactions")
    if is_partial(request):
        context = _detail_context(request, company)
        if not saved:
            context["interaction_form"] = form
        context["interaction_saved"] = saved
        return render(request, "companies/_interactions.html", context)
    return render(
        request,
        "companies/subform.html",
        {
            "form": form,
            "company": company,
            "title": _("Register a contact"),
            "action": reverse("companies:interaction_create", args=[company.pk]),
        },
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def agreement_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)

    def save(data: dict[str, Any]) -> str:
        services.agreement_create(actor=request.user, company=company, **data)
        return _("The recruitment agreement is registered.")

    return _subform(
        request,
        AgreementForm(request.POST or None),
        company=company,
        save=save,
        anchor="#agreements",
        title=_("New recruitment agreement"),
        action=reverse("companies:agreement_create", args=[company.pk]),
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def agreement_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    visible = RecruitmentAgreement.objects.filter(
        company__in=selectors.companies_visible_to(request.user)
    ).select_related("company", "job_centre")
    agreement = get_object_or_404(visible, pk=pk)
    if not selectors.may_edit_agreement(request.user, agreement):
        raise PermissionDenied

    def save(data: dict[str, Any]) -> str:
        services.agreement_update(actor=request.user, agreement=agreement, **data)
        return _("The changes are saved.")

    return _subform(
        request,
        AgreementForm(request.POST or None, instance=agreement),
        company=agreement.company,
        save=save,
        anchor="#agreements",
        title=_("Edit recruitment agreement"),
        action=reverse("companies:agreement_edit", args=[agreement.pk]),
    )


@allowed(*access.COMPANY_READERS)
@require_GET
def agreement_overview(request: AuthedHttpRequest) -> HttpResponse:
    """Every running agreement of the cooperation with its progress; by job centre."""
    url = reverse("companies:agreements")
    form = AgreementFilterForm(request.GET, cooperation=cooperation_of(request.user), url=url)
    agreements = agreement_progress.active_agreements(request.user, signer=form.chosen_signer())
    context = {"form": form, "progress": agreement_progress.progress_of(agreements)}
    template = (
        "companies/_agreement_rows.html" if is_partial(request) else "companies/agreements.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def commitment_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)

    def save(data: dict[str, Any]) -> str:
        services.alliance_commitment_create(actor=request.user, company=company, **data)
        return _("The alliance commitment is recorded.")

    return _subform(
        request,
        AllianceCommitmentForm(request.POST or None),
        company=company,
        save=save,
        anchor="#commitments",
        title=_("New alliance commitment"),
        action=reverse("companies:commitment_create", args=[company.pk]),
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def commitment_end(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    visible = (
        selectors.endable_commitments()
        .filter(company__in=selectors.companies_visible_to(request.user))
        .select_related("company")
    )
    commitment = get_object_or_404(visible, pk=pk)
    if not selectors.may_manage_company(request.user, commitment.company):
        raise PermissionDenied

    def save(data: dict[str, Any]) -> str:
        services.alliance_commitment_end(
            actor=request.user, commitment=commitment, end_date=data["end_date"]
        )
        return _("The alliance commitment is ended.")

    return _subform(
        request,
        CommitmentEndForm(request.POST or None, commitment=commitment),
        company=commitment.company,
        save=save,
        anchor="#commitments",
        title=_("End alliance commitment"),
        intro=f"{commitment.alliance}: {commitment.commitment}",
        action=reverse("companies:commitment_end", args=[commitment.pk]),
    )


# The agenda of follow-ups.


def _agenda_context(request: AuthedHttpRequest) -> dict[str, Any]:
    return {
        "due": selectors.follow_ups_due(request.user),
        "done": selectors.follow_ups_done_recently(request.user)[:10],
        "today": timezone.localdate(),
        "days": selectors.AGENDA_DAYS,
    }


@allowed(*access.COMPANY_EDITORS)
@require_GET
def agenda(request: AuthedHttpRequest) -> HttpResponse:
    return render(request, "companies/agenda.html", _agenda_context(request))


def _follow_up_or_404(request: AuthedHttpRequest, pk: int) -> Interaction:
    visible = Interaction.objects.filter(
        company__in=selectors.companies_visible_to(request.user)
    ).select_related("company", "job_centre", "contact")
    return get_object_or_404(visible, pk=pk)


def _after_follow_up(
    request: AuthedHttpRequest, interaction: Interaction, **extra: Any
) -> HttpResponse:
    """The agenda's row again (htmx), or back to the agenda."""
    if is_partial(request):
        interaction.refresh_from_db()
        context = {"item": interaction, "today": timezone.localdate(), **extra}
        return render(request, "companies/_agenda_row.html", context)
    error = extra.get("error")
    if error:
        messages.error(request, error)
    return redirect("companies:agenda")


@allowed(*access.COMPANY_EDITORS)
@require_POST
def follow_up_done(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    interaction = _follow_up_or_404(request, pk)
    try:
        services.follow_up_done(actor=request.user, interaction=interaction)
    except ValidationError as error:
        return _after_follow_up(request, interaction, error=" ".join(error.messages))
    return _after_follow_up(request, interaction)


@allowed(*access.COMPANY_EDITORS)
@require_POST
def follow_up_reschedule(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    interaction = _follow_up_or_404(request, pk)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        return _after_follow_up(request, interaction, error=_("Choose a valid date."))
    try:
        services.follow_up_reschedule(
            actor=request.user,
            interaction=interaction,
            follow_up_on=form.cleaned_data["follow_up_on"],
        )
    except ValidationError as error:
        return _after_follow_up(request, interaction, error=" ".join(error.messages))
    return _after_follow_up(request, interaction, moved=True)


# Duplicates and merging.


@allowed(*access.COMPANY_EDITORS)
@require_GET
def duplicates(request: AuthedHttpRequest) -> HttpResponse:
    pairs = merging.likely_duplicates(_cooperation(request))
    managed = selectors.manageable_companies(
        request.user, [c for pair in pairs for c in (pair.first, pair.second)]
    )
    rows = [(pair, pair.first.pk in managed and pair.second.pk in managed) for pair in pairs]
    return render(request, "companies/duplicates.html", {"rows": rows})


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def merge(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Merge two companies: choose which stays, see what moves, confirm."""
    first = _company_or_404(request, pk)
    other = request.POST.get("other") or request.GET.get("other")
    if not other or not str(other).isdigit():
        return redirect("companies:duplicates")
    second = _company_or_404(request, int(other))
    if first.pk == second.pk:
        return redirect("companies:duplicates")
    if not (
        selectors.may_manage_company(request.user, first)
        and selectors.may_manage_company(request.user, second)
    ):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    form = MergeForm(data if "keep" in data else None, first=first, second=second)
    keep_pk = form.cleaned_data["keep"] if form.is_bound and form.is_valid() else first.pk
    kept, duplicate = (first, second) if keep_pk == first.pk else (second, first)
    if request.method == "POST" and form.is_valid():
        try:
            merging.company_merge(actor=request.user, kept=kept, duplicate=duplicate)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(duplicate)s is merged into %(kept)s.")
                % {"duplicate": duplicate.name, "kept": kept.name},
            )
            return redirect("companies:detail", pk=kept.pk)
    moves = merging.merge_preview(actor=request.user, kept=kept, duplicate=duplicate)
    return render(
        request,
        "companies/merge.html",
        {
            "form": form,
            "first": first,
            "second": second,
            "kept": kept,
            "duplicate": duplicate,
            "moves": moves,
            "conflicts": [move for move in moves if move.conflicts],
        },
    )
