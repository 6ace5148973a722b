"""The import pages: upload and dry run, the report, confirm, progress; the waiting titles."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.taxonomy.models import Occupation
from jobbro.ui import add_service_errors

from . import selectors, services
from .columns import CANDIDATE_COLUMNS, COMPANY_COLUMNS, JOB_ORDER_COLUMNS
from .forms import ResolveForm, UploadForm
from .models import ImportRun, RunStatus
from .report import report_csv, report_xlsx, use_label

IMPORTERS = (*access.CANDIDATE_EDITORS, *access.COMPANY_EDITORS)
SHOWN_CHANGES = 200


def _run_or_404(request: AuthedHttpRequest, pk: int) -> ImportRun:
    run = selectors.run_for(request.user, pk)
    if run is None:
        raise Http404("No such import.")
    return run


@allowed(*IMPORTERS)
@require_http_methods(["GET", "POST"])
@transaction.atomic
def upload(request: AuthedHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = services.start_import(
                user=request.user,
                job_centre=form.cleaned_data["job_centre"],
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
                dry_run=True,
                mark_missing=form.cleaned_data["mark_missing"],
                language=translation.get_language() or "da",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("case_imports:run", pk=run.pk)
    runs = selectors.runs_for(request.user)[:10]
    columns = [
        (_("Candidates"), CANDIDATE_COLUMNS),
        (_("Companies"), COMPANY_COLUMNS),
        (_("Job orders"), JOB_ORDER_COLUMNS),
    ]
    return render(
        request, "case_imports/upload.html", {"form": form, "runs": runs, "columns": columns}
    )


def _context(run: ImportRun) -> dict[str, object]:
    report = run.report or {}
    dry_run_done = run.dry_run and run.status == RunStatus.DONE
    confirmable = dry_run_done and bool(run.data)
    confirmed_as = selectors.import_of(run) if dry_run_done and not confirmable else None
    return {
        "run": run,
        "issues": report.get("issues", []),
        "changes": report.get("changes", [])[:SHOWN_CHANGES],
        "more_changes": max(0, len(report.get("changes", [])) - SHOWN_CHANGES),
        "missing": report.get("missing", [])[:SHOWN_CHANGES],
        "pending": [
            {**item, "use": use_label(item["column"])}
            for item in report.get("pending", [])[:SHOWN_CHANGES]
        ],
        "confirmable": confirmable,
        "confirmed_as": confirmed_as,
        "forgotten": dry_run_done and not run.data and confirmed_as is None,
        "kept_hours": int(services.DRY_RUN_KEPT.total_seconds() // 3600),
    }


@allowed(*IMPORTERS)
@require_GET
def run_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(request, pk)
    return render(request, "case_imports/run.html", _context(run))


@allowed(*IMPORTERS)
@require_GET
def run_progress(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx while the worker runs; the whole report once done."""
    run = _run_or_404(request, pk)
    return render(request, "case_imports/_progress.html", _context(run))


@allowed(*IMPORTERS)
@require_http_methods(["GET", "POST"])
@transaction.atomic
def run_confirm(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    dry_run = _run_or_404(request, pk)
    if request.method == "GET":  # an old link or a reload: the run's page has the button
        return redirect("case_imports:run", pk=dry_run.pk)
    try:
        run = services.confirm_import(user=request.user, dry_run=dry_run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("case_imports:run", pk=dry_run.pk)
    except PermissionDenied:
        raise
    return redirect("case_imports:run", pk=run.pk)


@allowed(*IMPORTERS)
@require_GET
def run_report(request: AuthedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = _run_or_404(request, pk)
    name = f"rapport-{run.pk}"
    if fmt == "xlsx":
        response = HttpResponse(
            report_xlsx(run.report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(report_csv(run.report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@allowed(*access.CANDIDATE_EDITORS)
@require_GET
@transaction.atomic
def titles(request: AuthedHttpRequest) -> HttpResponse:
    """Job titles waiting for a person ("Jobtitler, der venter")."""
    page = Paginator(selectors.pending_for(request.user), 50).get_page(request.GET.get("page"))
    log_access(
        user=request.user,
        candidates=[p.candidate for p in page],
        purpose=Purpose.LIST,
        request=request,
    )
    page_range = page.paginator.get_elided_page_range(page.number)
    firsts = [_suggested(p)[0] for p in page if _suggested(p)]
    closest = {o.pk: o for o in Occupation.objects.filter(pk__in=firsts)}
    rows = [(p, closest.get(_suggested(p)[0]) if _suggested(p) else None) for p in page]
    return render(
        request,
        "case_imports/titles.html",
        {"page": page, "page_range": page_range, "rows": rows},
    )


@allowed(*access.CANDIDATE_EDITORS)
@require_http_methods(["GET", "POST"])
@transaction.atomic
def title_resolve(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    pending = selectors.pending_for(request.user).filter(pk=pk).first()
    if pending is None:
        raise Http404("No such title.")
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.title_resolve(
                actor=request.user, pending=pending, occupation=form.cleaned_data["occupation"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is linked to %(occupation)s.")
                % {"title": pending.title, "occupation": form.cleaned_data["occupation"]},
            )
            return redirect("case_imports:titles")
    suggested = {o.pk: o for o in Occupation.objects.filter(pk__in=_suggested(pending))}
    suggestions = [suggested[s] for s in _suggested(pending) if s in suggested]
    log_access(
        user=request.user, candidates=[pending.candidate], purpose=Purpose.VIEW, request=request
    )
    return render(
        request,
        "case_imports/title.html",
        {"pending": pending, "form": form, "suggestions": suggestions},
    )


def _suggested(pending: object) -> list[int]:
    return [int(pk) for pk in getattr(pending, "suggestions", []) if isinstance(pk, int)]
