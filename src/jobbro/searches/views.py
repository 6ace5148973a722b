"""The free candidate search (no job order) and saved searches."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobbro.accesslog.services import log_access
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.sharing.selectors import ranked_free
from jobbro.ui import form_error_messages, is_partial

from . import selectors, services
from .forms import FreeSearchForm, SaveSearchForm
from .models import SavedSearch


def _search_url(query: str) -> str:
    url = reverse("searches:search")
    return f"{url}?{query}" if query else url


@allowed(*access.CANDIDATE_READERS)
@require_GET
def free_search(request: AuthedHttpRequest) -> HttpResponse:
    form = FreeSearchForm(request.GET or None, user=request.user)
    ranked = None
    if form.is_bound and form.is_valid() and form.has_criteria():
        ranked = ranked_free(form.search(), searcher=request.user)
        log_access(user=request.user, candidates=ranked.named, purpose="search", request=request)
    valid = form.is_bound and form.is_valid()
    query = form.query_string() if valid else ""
    context = {
        "form": form,
        "ranked": ranked,
        "query": query,
        "chips": [
            (chip, _search_url(_with_drop(request.GET, chip.key)))
            for chip in form.interpretation.chips
        ],
        "reading_notes": form.reading_notes() if valid else [],
        "save_form": SaveSearchForm(initial={"query": query}),
        "saved_searches": selectors.saved_searches_of(request.user),
    }
    template = "searches/_results.html" if is_partial(request) else "searches/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _with_drop(data: QueryDict, key: str) -> str:
    """The current search without one of the concepts its text was read as."""
    changed = data.copy()
    changed.pop("q", None)  # the pickers' own search boxes
    changed.appendlist("drop", key)
    return changed.urlencode()


@allowed(*access.CANDIDATE_READERS)
@require_POST
def saved_search_create(request: AuthedHttpRequest) -> HttpResponse:
    form = SaveSearchForm(request.POST)
    query = request.POST.get("query", "")[:2000]
    if not form.is_valid():
        for message in form_error_messages(form):
            messages.error(request, message)
        return redirect(_search_url(query))
    query = form.cleaned_data["query"]
    search_form = FreeSearchForm(QueryDict(query), user=request.user)
    if not query or not search_form.is_valid() or not search_form.has_criteria():
        messages.error(request, _("Only a search without errors can be saved. Search first."))
        return redirect(_search_url(query))
    try:
        saved = services.saved_search_create(
            owner=request.user, name=form.cleaned_data["name"], query=search_form.query_string()
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_search_url(query))
    messages.success(request, _("The search is saved as “%(name)s”.") % {"name": saved.name})
    return redirect(_search_url(saved.query))


@allowed(*access.CANDIDATE_READERS)
@require_POST
def saved_search_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    services.saved_search_delete(actor=request.user, saved_search=saved)
    messages.success(request, _("The saved search “%(name)s” is deleted.") % {"name": saved.name})
    return redirect("searches:search")
