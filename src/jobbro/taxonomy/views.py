"""htmx suggestion endpoints for the pages' pickers, on the taxonomy's suggestion engine.

The answer is the `TaxonomyPicker`'s ticked and tickable boxes (or radios) for the form field
`field`: the chosen ones sent along, then the matches.

The text is `q`, or else the value of the input that fired the request (htmx names it), so a
form's own input (a job order's `title`) can search without being renamed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed

from . import selectors
from .forms import (
    FIELD_NAME,
    QUALIFICATION_MARK,
    PickerItem,
    PickerKind,
    chosen_items,
    qualification_note,
    split_marked,
)
from .selectors import Suggestion

MAX_LIMIT = 50
MAX_TEXT = 200
# On the pages, a suggestion scoring under this share of the best one is noise ("tømrersvend"
# also grazes "murer"); it would only push the real choice out of sight. The API keeps them.
RELATIVE_CUTOFF = 0.2


def _text(request: HttpRequest) -> str:
    """What to search for; a title is short, so no more than MAX_TEXT characters are read."""
    if "q" in request.GET:
        return request.GET.get("q", "")[:MAX_TEXT]
    htmx = getattr(request, "htmx", None)
    trigger = htmx.trigger_name if htmx else None
    return request.GET.get(trigger, "")[:MAX_TEXT] if trigger else ""


def _limit(request: HttpRequest) -> int:
    raw = request.GET.get("limit", "")
    if raw.isdigit():
        return max(1, min(int(raw), MAX_LIMIT))
    return selectors.SUGGESTION_LIMIT


def _occupation_id(request: AuthedHttpRequest) -> int | None:
    raw = request.GET.get("occupation", "")
    return int(raw) if raw.isdigit() else None


def _answer(request: HttpRequest, kind: PickerKind, found: list[Suggestion]) -> HttpResponse:
    if found:
        best = max(s.score for s in found)
        found = [s for s in found if s.score >= RELATIVE_CUTOFF * best]
    field = request.GET.get("field", "")
    if not FIELD_NAME.match(field):
        return HttpResponse("")
    qualification_field = request.GET.get("qualification_field", "")
    if kind != "skills" or not FIELD_NAME.match(qualification_field):
        qualification_field = ""
    # In the field itself a qualification is marked; in a field of its own it is not.
    marked = qualification_field == field
    multiple = request.GET.get("multiple") == "1"
    own, qualifications = split_marked(request.GET.getlist(field))
    if qualification_field and not marked:
        qualifications = request.GET.getlist(qualification_field)
    chosen = chosen_items(
        kind,
        field,
        own,
        qualification_field=qualification_field,
        qualification_values=qualifications,
    )
    if not multiple:
        chosen = chosen[:1]
    taken = {(item.name, item.value) for item in chosen}
    items: list[PickerItem] = []
    for suggestion in found:
        if suggestion.kind == "qualification":
            if not qualification_field:
                continue  # nowhere to keep it on this form
            note = qualification_note(suggestion.qualification_kind)
            value = f"{QUALIFICATION_MARK}{suggestion.pk}" if marked else str(suggestion.pk)
            item = PickerItem(qualification_field, value, suggestion.label, "", note)
        else:
            other = suggestion.label_en if suggestion.label_en != suggestion.label else ""
            item = PickerItem(field, str(suggestion.pk), suggestion.label, other)
        if (item.name, item.value) not in taken:
            items.append(item)
    context = {
        "multiple": multiple,
        "chosen": chosen,
        "found": items,
        "query": _text(request).strip(),
    }
    return render(request, "taxonomy/widgets/_picker_options.html", context)


def occupation_matches(request: HttpRequest) -> HttpResponse:
    """The occupation picker's answer to the request: the chosen ones and the matches. Also
    the answer of the job barometer's public search (`surveys`), which checks its own link."""
    found = selectors.suggest_occupations(_text(request), _limit(request))
    return _answer(request, "occupations", found)


@allowed(*access.ALL_ROLES)
@require_GET
def occupation_suggest(request: AuthedHttpRequest) -> HttpResponse:
    return occupation_matches(request)


@allowed(*access.ALL_ROLES)
@require_GET
def skill_suggest(request: AuthedHttpRequest) -> HttpResponse:
    """Skills and qualifications; `occupation=<id>` lifts that occupation's own skills."""
    found = selectors.suggest_skills(
        _text(request), _limit(request), occupation=_occupation_id(request)
    )
    return _answer(request, "skills", found)
