"""The candidate pool pages: the list, one pool with its members, creating and editing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.ui import add_service_errors, form_error_messages

from . import selectors, services
from .forms import CandidatePickForm, MemberAddForm, PoolForm
from .models import Pool, PoolKind, PoolMember
from .roles import MEMBER_EDITORS, POOL_EDITORS, POOL_READERS

PICKER_LIMIT = 20


def _pool_or_404(request: AuthedHttpRequest, pk: int) -> Pool:
    """Pools of another cooperation, or kept to a job centre the user is not at, do not
    exist as far as the user is concerned."""
    pool = selectors.pool_or_none(request.user, pk)
    if pool is None:
        raise Http404
    return pool


@allowed(*POOL_READERS)
@require_http_methods(["GET"])
def pool_list(request: AuthedHttpRequest) -> HttpResponse:
    context = {
        "pools": selectors.pool_list(request.user),
        "may_create": selectors.job_centres_to_own(request.user).exists(),
    }
    return render(request, "pools/list.html", context)


@allowed(*POOL_READERS)
@require_http_methods(["GET"])
@transaction.atomic
def pool_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The pool with the members the user may see by name, the others counted; whoever
    may add members finds candidates by name here (`q`)."""
    pool = _pool_or_404(request, pk)
    members = selectors.members_for(request.user, pool)
    owner = selectors.is_owner(request.user, pool)
    may_add = selectors.may_add_members(request.user, pool)
    pick = CandidatePickForm(request.GET or None)
    found: list[Candidate] = []
    if may_add and pick.is_valid() and pick.cleaned_data["q"].strip():
        text = pick.cleaned_data["q"]
        found = list(selectors.pickable_candidates(request.user, pool, text)[:PICKER_LIMIT])
    log_access(
        user=request.user,
        candidates=[*members.candidates, *found],
        purpose=Purpose.LIST,
        request=request,
    )
    context: dict[str, Any] = {
        "pool": pool,
        "members": members,
        "removable": {
            m.pk for m in members.named if selectors.may_remove(request.user, m, owner=owner)
        },
        "owner": owner,
        "may_add": may_add,
        "pick": pick,
        "found": found,
        "searched": bool(request.GET.get("q", "").strip()),
        "add_form": MemberAddForm(),
    }
    return render(request, "pools/detail.html", context)


def _form_page(request: AuthedHttpRequest, form: PoolForm, pool: Pool | None) -> HttpResponse:
    return render(request, "pools/form.html", {"form": form, "pool": pool})


@allowed(*POOL_EDITORS)
@require_http_methods(["GET", "POST"])
def pool_create(request: AuthedHttpRequest) -> HttpResponse:
    centres = selectors.job_centres_to_own(request.user)
    centre = centres.select_related("cooperation").first()
    if centre is None:
        raise PermissionDenied
    initial: dict[str, Any] = {"shared": True}
    company = request.GET.get("company", "")
    if company.isdigit():  # from a company's page: a pool for that company
        initial.update(kind=PoolKind.COMPANY, company=int(company))
    data = request.POST if request.method == "POST" else None
    form = PoolForm(data, cooperation=centre.cooperation, job_centres=centres, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pool = services.pool_create(
                actor=request.user,
                job_centre=form.cleaned_data["job_centre"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pool is created."))
            return redirect("pools:detail", pk=pool.pk)
    return _form_page(request, form, None)


@allowed(*POOL_EDITORS)
@require_http_methods(["GET", "POST"])
def pool_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    pool = _pool_or_404(request, pk)
    if not selectors.is_owner(request.user, pool):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = PoolForm(data, cooperation=pool.cooperation, job_centres=None, pool=pool)
    if request.method == "POST" and form.is_valid():
        try:
            _pool, changed = services.pool_update(
                actor=request.user,
                pool=pool,
                expected_version=form.cleaned_data.get("version"),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The changes are saved.") if changed else _("Nothing was changed.")
            )
            return redirect("pools:detail", pk=pool.pk)
    return _form_page(request, form, pool)


@allowed(*MEMBER_EDITORS)
@require_POST
def member_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    pool = _pool_or_404(request, pk)
    form = MemberAddForm(request.POST)
    if not form.is_valid():
        for message in form_error_messages(form):
            messages.error(request, message)
        return redirect("pools:detail", pk=pool.pk)
    candidate = Candidate.objects.filter(pk=form.cleaned_data["candidate"]).first()
    if candidate is None:
        raise Http404
    try:
        services.member_add(
            actor=request.user, pool=pool, candidate=candidate, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s is added to the pool.") % {"name": candidate.full_name},
        )
    return redirect("pools:detail", pk=pool.pk)


@allowed(*MEMBER_EDITORS)
@require_POST
def member_remove(request: AuthedHttpRequest, pk: int, member: int) -> HttpResponse:
    pool = _pool_or_404(request, pk)
    row = get_object_or_404(PoolMember.objects.select_related("pool"), pk=member, pool=pool)
    services.member_remove(actor=request.user, member=row)
    messages.success(request, _("The candidate is taken out of the pool."))
    return redirect("pools:detail", pk=pool.pk)
