"""htmx suggestion endpoints for the pages' pickers, on the taxonomy's suggestion engine.

Two partials, chosen by `widget`:
- `list` (default): a list of buttons under a text input; a click fills a hidden id
  (job order occupation, requirement skill, candidate search), see joborders.js; `chips`:
  the same buttons in a row, under a job order's title;
- `options`: ticked and tickable boxes for `TaxonomyPicker` (CV occupations and skills).

The text is `q`, or else the value of the input that fired the request (htmx names it), so a
form's own input (`title`, `req-2-skill_query`) can ask without being renamed.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed

from . import selectors
from .forms import (
    FIELD_NAME,
    PickerItem,
    PickerKind,
    chosen_items,
    qualification_note,
)
from .selectors import Suggestion

MAX_LIMIT = 50
# On the pages, a suggestion scoring under this share of the best one is noise ("tømrersvend"
# also grazes "murer"); it would only push the real choice out of sight. The API keeps them.
RELATIVE_CUTOFF = 0.2


def _text(request: AuthedHttpRequest) -> str:
    if "q" in request.GET:
        return request.GET.get("q", "")
    htmx = getattr(request, "htmx", None)
    trigger = htmx.trigger_name if htmx else None
    return request.GET.get(trigger, "") if trigger else ""


def _limit(request: AuthedHttpRequest) -> int:
    raw = request.GET.get("limit", "")
    if raw.isdigit():
        return max(1, min(int(raw), MAX_LIMIT))
    return selectors.SUGGESTION_LIMIT


def _occupation_id(request: AuthedHttpRequest) -> int | None:
    raw = request.GET.get("occupation", "")
    return int(raw) if raw.isdigit() else None


def _answer(request: AuthedHttpRequest, kind: PickerKind, found: list[Suggestion]) -> HttpResponse:
    if found:
        best = max(s.score for s in found)
        found = [s for s in found if s.score >= RELATIVE_CUTOFF * best]
    if request.GET.get("widget") == "options":
        return _options(request, kind, found)
    chips = request.GET.get("widget") == "chips"
    return render(request, "taxonomy/_suggestions.html", {"suggestions": found, "chips": chips})


def _options(request: AuthedHttpRequest, kind: PickerKind, found: list[Suggestion]) -> HttpResponse:
    field = request.GET.get("field", "")
    if not FIELD_NAME.match(field):
        return HttpResponse("")
    qualification_field = request.GET.get("qualification_field", "")
    if kind != "skills" or not FIELD_NAME.match(qualification_field):
        qualification_field = ""
    multiple = request.GET.get("multiple") == "1"
    chosen = chosen_items(
        kind,
        field,
        request.GET.getlist(field),
        qualification_field=qualification_field,
        qualification_values=request.GET.getlist(qualification_field)
        if qualification_field
        else (),
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
            item = PickerItem(qualification_field, str(suggestion.pk), suggestion.label, "", note)
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


@allowed(*access.ALL_ROLES)
@require_GET
def occupation_suggest(request: AuthedHttpRequest) -> HttpResponse:
    found = selectors.suggest_occupations(_text(request), _limit(request))
    return _answer(request, "occupations", found)


@allowed(*access.ALL_ROLES)
@require_GET
def skill_suggest(request: AuthedHttpRequest) -> HttpResponse:
    """Skills and qualifications; `occupation=<id>` lifts that occupation's own skills."""
    found = selectors.suggest_skills(
        _text(request), _limit(request), occupation=_occupation_id(request)
    )
    return _answer(request, "skills", found)
