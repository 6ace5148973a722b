"""Helpers the apps' pages share: DKFDS form markup, service errors on forms, htmx partials.

No domain here, so every app may import it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.text import capfirst
from django_htmx.http import HttpResponseClientRedirect


def dkfds(form: forms.BaseForm) -> None:
    """Give every widget its DKFDS class, and every label a capital letter."""
    for field in form.fields.values():
        if field.label:
            field.label = capfirst(field.label)
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-checkbox"
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            # Before RadioSelect: Django's CheckboxSelectMultiple is a subclass of it.
            css = "form-checkbox"
        elif isinstance(widget, forms.RadioSelect):
            css = "form-radio"
        elif isinstance(widget, forms.SelectMultiple):
            # DKFDS styles a select as a one-line dropdown; a list box needs its height.
            css = "form-select jobbro-listbox"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-input"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class ManyOptionsSelect(forms.Select):
    """A select of hundreds of options, in Django's markup, without a template per option
    (widgets/many_options_select.html): the company list's 735 industries took most of the
    page's time."""

    template_name = "widgets/many_options_select.html"


class VersionedModelForm(forms.ModelForm):
    """Editing a stored row sends back, hidden, the version the page showed (the model's
    `version`): the service refuses a save made on a version someone else has changed
    since (`jobbro.updates.refuse_stale`), rather than writing over theirs. A new row has
    no version to send."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["version"]
        else:
            self.initial.setdefault("version", self.instance.version)


class SharedChoicesFormSet(forms.BaseFormSet):
    """A formset whose rows offer the same lists of rows to choose from (the model choice
    fields `shared_choices` names): each list is read once for the formset, not once per
    row. Validation still looks the chosen entry up in the field's queryset."""

    shared_choices: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._shared: dict[str, list[Any]] = {}
        super().__init__(*args, **kwargs)

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        for name in self.shared_choices:
            field = form.fields.get(name)
            if not isinstance(field, forms.ModelChoiceField):
                continue
            if name not in self._shared:
                self._shared[name] = list(field.iterator(field))
            field.choices = self._shared[name]


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field where the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        for item in errors:
            form.add_error(target, item)


def messages_of(error: ValidationError) -> list[str]:
    """A service's refusal as the lines a page shows."""
    return [str(message) for message in error.messages]


def form_error_messages(form: forms.BaseForm) -> list[str]:
    """Every error of a form as plain sentences, for a message list above the page."""
    return [str(error) for errors in form.errors.values() for error in errors]


def is_partial(request: HttpRequest) -> bool:
    """An htmx request for part of a page (a history restore wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def partial_target(request: HttpRequest) -> str | None:
    """The id of the element an htmx request's answer goes into; None for a whole page."""
    if not is_partial(request):
        return None
    target = request.htmx.target  # type: ignore[attr-defined]
    return str(target) if target else None


def to_login(request: HttpRequest, next_path: str) -> HttpResponse:
    """Send a user who is not (or no longer) logged in to the login page.

    A partial update must not get the login page swapped into it: a form sent by htmx gets
    401 and stays as it was, with what the user typed (jobbro.js says why); other htmx
    requests load the whole login page.
    """
    url = redirect_to_login(next_path, settings.LOGIN_URL)["Location"]
    if getattr(request, "htmx", False):
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=401)
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


Found = TypeVar("Found")


def found_or_404(item: Found | None) -> Found:
    """What a selector found for the user, or 404: not there, or not theirs to see."""
    if item is None:
        raise Http404("Not found.")
    return item
