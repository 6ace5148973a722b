"""Duplicate companies: the likely pairs, and merging one into the other."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.ui import add_service_errors

from .. import merging, selectors
from ..forms import MergeForm
from .companies import company_or_404, cooperation_or_403


@allowed(*access.COMPANY_EDITORS)
@require_GET
def duplicates(request: AuthedHttpRequest) -> HttpResponse:
    pairs = merging.likely_duplicates(cooperation_or_403(request))
    managed = selectors.manageable_companies(
        request.user, [c for pair in pairs for c in (pair.first, pair.second)]
    )
    rows = [(pair, pair.first.pk in managed and pair.second.pk in managed) for pair in pairs]
    return render(request, "companies/duplicates.html", {"rows": rows})


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def merge(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Merge two companies: choose which stays, see what moves, confirm."""
    first = company_or_404(request, pk)
    other = request.POST.get("other") or request.GET.get("other")
    if not other or not str(other).isdigit():
        return redirect("companies:duplicates")
    second = company_or_404(request, int(other))
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
