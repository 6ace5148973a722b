"""The occupation/skill picker other apps' forms use, and its companion fields.

The picker shows the chosen concepts as ticked boxes (or a ticked radio for one choice); its
search box asks `taxonomy:suggest_*` (htmx) for matches to tick, and the answer re-renders the
chosen ones too, so a new search never loses a choice. Another input (a job title) may search
for it too (`TaxonomyPicker.search_attrs`). A skills picker can also offer certificates and
licences: those tick a second field (`qualification_field`), since a CV keeps them apart from
the skills, with dates; or, named as its own field, they share the picker's one choice with
the skills, marked "q<pk>" (a job order requirement is a skill or a certificate).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import get_language

from .models import Occupation, Qualification, QualificationKind, Skill

# The suggestion endpoint echoes a form field's name into the page; only plain names pass.
FIELD_NAME = re.compile(r"^[a-z_]+(-\d+-[a-z_]+)?$")
# Inside the skills field's value a qualification is "q<pk>", so one widget holds both.
QUALIFICATION_MARK = "q"

PickerKind = Literal["occupations", "skills"]
SUGGEST_URLS = {"occupations": "taxonomy:suggest_occupations", "skills": "taxonomy:suggest_skills"}


@dataclass(frozen=True)
class PickerItem:
    """One box to tick: the input's name and value, and what the user reads."""

    name: str
    value: str
    label: str
    other_label: str = ""  # on English pages the Danish label, the one colleagues use
    note: str = ""

    @property
    def html_id(self) -> str:
        return f"{self.name}_{self.value}"


def other_label(item: Occupation | Skill | Qualification) -> str:
    """The Danish label beside the English one on an English page; a Danish page shows
    Danish only."""
    if (get_language() or "da").startswith("da") or item.label_da in ("", item.label):
        return ""
    return item.label_da


def concept_item(name: str, concept: Occupation | Skill) -> PickerItem:
    return PickerItem(name, str(concept.pk), concept.label, other_label(concept))


def qualification_note(kind: str) -> str:
    """ "Certificate", "Driving licence" or "Course": the field's help says where they go."""
    kind_label = QualificationKind(kind).label if kind in QualificationKind.values else ""
    return str(capfirst(kind_label))


def qualification_item(name: str, qualification: Qualification, *, marked: bool) -> PickerItem:
    """`marked`: ticked in the concepts' own field, told apart from them by the mark."""
    note = qualification_note(qualification.kind)
    value = f"{QUALIFICATION_MARK}{qualification.pk}" if marked else str(qualification.pk)
    return PickerItem(name, value, qualification.label, other_label(qualification), note)


def split_marked(values: Iterable[Any]) -> tuple[list[Any], list[str]]:
    """A field's values: its own concepts, and the qualifications marked among them."""
    own = [v for v in values if not str(v).startswith(QUALIFICATION_MARK)]
    marked = [
        str(v)[len(QUALIFICATION_MARK) :] for v in values if str(v).startswith(QUALIFICATION_MARK)
    ]
    return own, marked


def _pks(values: Iterable[Any]) -> list[int]:
    pks = []
    for item in values:
        raw: Any = getattr(item, "pk", item)
        try:
            pks.append(int(raw))
        except (TypeError, ValueError):
            continue
    return pks


def chosen_items(
    kind: PickerKind,
    name: str,
    values: Iterable[Any],
    *,
    qualification_field: str = "",
    qualification_values: Iterable[Any] = (),
    known: Mapping[int, Occupation | Skill] | None = None,
) -> list[PickerItem]:
    """The chosen concepts (and qualifications) as ticked items, in a stable order.

    `known` holds concepts the caller has read already (a form row's own occupation): when
    it holds every chosen one, they are not read again."""
    model: type[Occupation] | type[Skill] = Occupation if kind == "occupations" else Skill
    pks = _pks(values)[:200]
    if known and all(pk in known for pk in pks):
        concepts: Iterable[Occupation | Skill] = [known[pk] for pk in pks]
    else:
        concepts = model.objects.filter(pk__in=pks) if pks else []
    items = [concept_item(name, c) for c in concepts]
    qualification_pks = _pks(qualification_values)[:200]
    if qualification_field and qualification_pks:
        marked = qualification_field == name
        items += [
            qualification_item(qualification_field, q, marked=marked)
            for q in Qualification.objects.filter(pk__in=qualification_pks)
        ]
    return items


class TaxonomyPicker(forms.Widget):
    """Occupations or skills without a select of thousands of options (see the module).

    `include` names more inputs whose values go with each search (htmx's hx-include), such
    as the job order's occupation, which lifts that occupation's skills.
    """

    template_name = "taxonomy/widgets/picker.html"

    def __init__(
        self,
        *,
        kind: PickerKind,
        multiple: bool,
        qualification_field: str = "",
        include: str = "",
        suggest_url: str = "",
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        # Where the search asks; by default the staff's `taxonomy:suggest_*` (login needed).
        self.suggest_url = suggest_url
        self.kind: PickerKind = kind
        self.allow_multiple_selected = multiple
        self.qualification_field = qualification_field
        # Chosen concepts the form has at hand, by pk (see `chosen_items`).
        self.known: dict[int, Occupation | Skill] = {}
        self.include = include

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if not self.allow_multiple_selected:
            return data.get(name)
        values = list(data.getlist(name) if hasattr(data, "getlist") else data.get(name) or [])
        separate = self.qualification_field and self.qualification_field != name
        if separate and hasattr(data, "getlist"):
            values += [f"{QUALIFICATION_MARK}{v}" for v in data.getlist(self.qualification_field)]
        return values

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        # An unticked box sends nothing, exactly like "nothing chosen".
        return False

    def format_value(self, value: Any) -> Any:
        return value

    def search_attrs(self, name: str, html_id: str, *, limit: int | None = None) -> dict[str, str]:
        """htmx attributes of an input whose text searches matches into the picker of the
        field `name` (rendered with `html_id`): its own search box, or a job title."""
        params = {"field": name, "multiple": "1" if self.allow_multiple_selected else "0"}
        if self.qualification_field:
            params["qualification_field"] = self.qualification_field
        if limit is not None:
            params["limit"] = str(limit)
        options = f"#{html_id}_options"
        return {
            "hx-get": f"{self.suggest_url or reverse(SUGGEST_URLS[self.kind])}?{urlencode(params)}",
            "hx-trigger": "input changed delay:300ms, search",
            "hx-target": options,
            "hx-include": f"{options}, {self.include}" if self.include else options,
            # The job title and the search box fill the same options: the later request wins.
            "hx-sync": f"{options}:replace",
        }

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        values = value if isinstance(value, list | tuple) else [value]
        own, marked = split_marked([v for v in values if v not in (None, "")])
        context["widget"].update(
            {
                "chosen": chosen_items(
                    self.kind,
                    name,
                    own,
                    qualification_field=self.qualification_field,
                    qualification_values=marked,
                    known=self.known,
                ),
                "multiple": self.allow_multiple_selected,
                "search_attrs": self.search_attrs(name, context["widget"]["attrs"].get("id", name)),
                "qualification_field": self.qualification_field,
            }
        )
        return context


class PickedSkillsField(forms.ModelMultipleChoiceField):
    """The skills of a skills picker; the qualifications ticked in it belong to another field."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            value = [v for v in value if not str(v).startswith(QUALIFICATION_MARK)]
        return super().clean(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if isinstance(data, list | tuple):
            data = [v for v in data if not str(v).startswith(QUALIFICATION_MARK)]
        return super().has_changed(initial, data)


class PickedSkillField(forms.ModelChoiceField):
    """The skill of a one-choice skills picker; a certificate or licence ticked in its place
    (the picker is its own `qualification_field`) comes out as that Qualification."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith(QUALIFICATION_MARK):
            pk = value[len(QUALIFICATION_MARK) :]
            found = Qualification.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
            if found is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            return found
        return super().to_python(value)
