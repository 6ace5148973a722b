"""The KKR progress scheme's pages: the year's overview (printable), a municipality's
yearly report, one cell's history and the secretariat's recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.models import Cooperation, Municipality
from jobbro.organisations.selectors import cooperation_of
from jobbro.reports import export_links, report_response, requested_format
from jobbro.ui import add_service_errors

from . import selectors, services
from .exports import overview_report
from .forms import RecommendationForm, ReportForm, YearForm
from .roles import KKR_MAINTAINERS, KKR_READERS, KKR_REPORTERS


def _cooperation(request: AuthedHttpRequest) -> Cooperation:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


def _year(
    request: AuthedHttpRequest, cooperation: Cooperation, default: int, *, strict: bool = False
) -> tuple[YearForm, int]:
    """The year asked for in ?year=, one of those offered; else the default. A year outside
    the scheme (or no year at all, "abc") typed into the address: the default, said in a
    message; `strict` (a report, which writes to its year) is not found instead."""
    years = selectors.years(cooperation)
    if default not in years:
        years = sorted({*years, default}, reverse=True)
    form = YearForm(request.GET if "year" in request.GET else None, years=years)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"]
    if form.is_bound:
        if strict:
            raise Http404
        messages.warning(
            request,
            _("“%(asked)s” is not a year of the scheme (%(first)s–%(last)s). Showing %(year)s.")
            % {
                "asked": request.GET.get("year", "")[:20],
                "first": min(years),
                "last": max(years),
                "year": default,
            },
        )
        form = YearForm(None, years=years)
    form.initial["year"] = default
    return form, default


@allowed(*KKR_READERS)
@require_GET
def overview(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    year_form, year = _year(request, cooperation, selectors.latest_year(cooperation))
    matrix = selectors.overview(cooperation, year)
    fmt = requested_format(request)
    if fmt is not None:
        report = overview_report(cooperation, matrix)
        return report_response(report, fmt, f"kkr-{cooperation.short_name}-{year}")
    reportable = {m.pk for m in selectors.reportable_municipalities(request.user, cooperation)}
    context = {
        "cooperation": cooperation,
        "year_form": year_form,
        "overview": matrix,
        "reportable": [m for m in matrix.municipalities if m.pk in reportable],
        "year_open": selectors.is_open(year),
        "may_maintain": request.user.memberships.filter(role__in=list(KKR_MAINTAINERS)).exists(),
        "printed": timezone.localdate(),
        "exports": export_links(request),
    }
    return render(request, "kkr/overview.html", context)


@allowed(*KKR_REPORTERS)
@require_http_methods(["GET", "POST"])
def report(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """One municipality's year: every recommendation in force on one form."""
    cooperation = _cooperation(request)
    municipality = selectors.member_municipality(cooperation, pk)
    if municipality is None:
        raise Http404
    if not selectors.may_report(request.user, municipality, cooperation):
        # A member municipality another job centre serves: not this user's to report.
        raise PermissionDenied
    year_form, year = _year(request, cooperation, timezone.localdate().year, strict=True)
    rows = selectors.year_of(cooperation, municipality, year)
    form = ReportForm(request.POST or None, rows=rows)
    closed = not selectors.is_open(year)
    # A closed year is read, not reported on: a form posted anyway saves nothing (403).
    if not closed and request.method == "POST" and form.is_valid():
        try:
            changed = services.year_report(
                actor=request.user,
                cooperation=cooperation,
                municipality=municipality,
                year=year,
                entries=form.entries(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d assessment for %(municipality)s in %(year)d was saved.",
                        "%(count)d assessments for %(municipality)s in %(year)d were saved.",
                        changed,
                    )
                    % {"count": changed, "municipality": municipality.name, "year": year},
                )
            else:
                messages.info(request, _("Nothing was changed, so nothing was saved."))
            return redirect(f"{reverse('kkr:overview')}?year={year}")
    context = {
        "cooperation": cooperation,
        "municipality": municipality,
        "year": year,
        "year_form": year_form,
        "form": form,
        "closed": services.closed_message(year) if closed else "",
    }
    status = 403 if closed and request.method == "POST" else 200
    return render(request, "kkr/report.html", context, status=status)


def _member_municipality_in_query(
    request: AuthedHttpRequest, cooperation: Cooperation
) -> Municipality | None:
    raw = request.GET.get("municipality", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    municipality = selectors.member_municipality(cooperation, int(raw))
    if municipality is None:
        raise Http404
    return municipality


@allowed(*KKR_READERS)
@require_GET
def history(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """A recommendation's assessments across years and changes: one municipality's (one
    cell of the overview) when ?municipality= names it, else every member municipality's."""
    cooperation = _cooperation(request)
    recommendation = selectors.recommendation_of(cooperation, pk)
    if recommendation is None:
        raise Http404
    municipality = _member_municipality_in_query(request, cooperation)
    shown = [municipality] if municipality else list(selectors.municipalities_of(cooperation))
    context = {
        "recommendation": recommendation,
        "municipality": municipality,
        "changes": list(selectors.history(recommendation, shown)),
    }
    return render(request, "kkr/history.html", context)


@allowed(*KKR_READERS)
@require_GET
def recommendations(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    context = {
        "recommendations": list(selectors.recommendations(cooperation)),
        "may_maintain": request.user.memberships.filter(role__in=list(KKR_MAINTAINERS)).exists(),
    }
    return render(request, "kkr/recommendations.html", context)


@allowed(*KKR_MAINTAINERS)
@require_http_methods(["GET", "POST"])
def recommendation_create(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    form = RecommendationForm(
        request.POST or None, initial={"first_year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_create(
                actor=request.user, cooperation=cooperation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Recommendation %(number)s was added.") % {"number": recommendation.number},
            )
            return redirect("kkr:recommendations")
    return render(request, "kkr/recommendation_form.html", {"form": form, "recommendation": None})


@allowed(*KKR_MAINTAINERS)
@require_http_methods(["GET", "POST"])
def recommendation_update(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request)
    recommendation = selectors.recommendation_of(cooperation, pk)
    if recommendation is None:
        raise Http404
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            _saved, changed = services.recommendation_update(
                actor=request.user,
                recommendation=recommendation,
                expected_version=data.pop("version", None),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(
                    request,
                    _("Recommendation %(number)s was saved.") % {"number": recommendation.number},
                )
            return redirect("kkr:recommendations")
    return render(
        request, "kkr/recommendation_form.html", {"form": form, "recommendation": recommendation}
    )
