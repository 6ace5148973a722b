"""Forms of the shared line; they validate input, the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jobbro.companies.models import Company
from jobbro.companies.services import normalise_cvr
from jobbro.companies.validators import validate_cvr
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.ui import dkfds

from .models import Channel
from .selectors import SECRETARIAT, ForwardTarget
from .services import INQUIRY_TARGET_HOURS_MAX, NOTE_MAX_LENGTH, REQUEST_REMINDER_HOURS_MAX

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class CvrField(forms.CharField):
    """A CVR number as people type it ("DK 1000 0009"), checked and stored as eight digits."""

    def to_python(self, value: Any) -> str:
        return normalise_cvr(super().to_python(value) or "")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            validate_cvr(value)


class ContactFields(forms.Form):
    """The company and the person who contacts the line; shared by both forms."""

    company_name = forms.CharField(label=_("Company name"), max_length=200, required=False)
    cvr = CvrField(label=_("CVR number"), max_length=20, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        help_text=_("A phone number, an e-mail address or both."),
    )
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    message = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        missing = not data.get("contact_phone") and not data.get("contact_email")
        if missing and "contact_phone" not in self.errors and "contact_email" not in self.errors:
            self.add_error("contact_phone", _("Give a phone number or an e-mail address."))
        return data


class StaffInquiryForm(ContactFields):
    """An inquiry taken by phone or mail, registered by the one who took it."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(Channel.PHONE, Channel.PHONE.label), (Channel.MAIL, Channel.MAIL.label)],
        widget=forms.RadioSelect,
        initial=Channel.PHONE,
    )
    received_at = forms.DateTimeField(
        label=_("Received"),
        required=False,
        help_text=_("Leave empty when it is just now."),
        input_formats=[DATETIME_INPUT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
    )
    q = forms.CharField(
        label=_("Find the company by name or CVR number"), max_length=100, required=False
    )
    company = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    take = forms.BooleanField(
        label=_("I take it myself"),
        required=False,
        help_text=_("Only where you may answer it: your own job centre's companies."),
    )

    field_order = [
        "channel",
        "received_at",
        "q",
        "company",
        "company_name",
        "cvr",
        "contact_name",
        "contact_phone",
        "contact_email",
        "subject",
        "message",
        "take",
    ]

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        company_field = self.fields["company"]
        assert isinstance(company_field, forms.ModelChoiceField)
        company_field.queryset = Company.objects.filter(cooperation=cooperation)
        self.fields["company_name"].help_text = _("When the company is not found above.")
        dkfds(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("company") is None and not data.get("company_name"):
            self.add_error("company_name", _("Choose the company above, or give its name."))
        return data


class PublicInquiryForm(ContactFields):
    """The companies' own form; `website` is the honeypot, `shown` the signed timestamp."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)
    shown = forms.CharField(widget=forms.HiddenInput)

    field_order = [
        "company_name",
        "cvr",
        "contact_name",
        "contact_phone",
        "contact_email",
        "message",
        "website",
        "shown",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company_name"].required = True
        self.fields["cvr"].help_text = _("Eight digits, if you know it.")
        self.fields["message"].help_text = _(
            "What can we help with? For example the job, how many people and from when."
        )
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        dkfds(self)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH, widget=forms.Textarea
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["rows"] = 3
        dkfds(self)


class AnswerForm(NoteForm):
    responded_at = forms.DateTimeField(
        label=_("Answered"),
        required=False,
        help_text=_("Leave empty when it is just now."),
        input_formats=[DATETIME_INPUT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
    )

    field_order = ["note", "responded_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("What the company was told")
        self.fields["note"].required = True


class ForwardForm(NoteForm):
    to = forms.ChoiceField(label=_("Forward to"))

    field_order = ["to", "note"]

    def __init__(
        self, *args: Any, targets: QuerySet[JobCentre], secretariat: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {str(centre.pk): centre for centre in targets}
        choices: list[tuple[str, str | Promise]] = [("", _("Choose a job centre"))]
        if secretariat:
            choices.append((SECRETARIAT, _("The secretariat")))
        choices += [(pk, centre.name) for pk, centre in self.targets.items()]
        to_field = self.fields["to"]
        assert isinstance(to_field, forms.ChoiceField)
        to_field.choices = choices
        dkfds(self)

    @property
    def has_targets(self) -> bool:
        return len(self.fields["to"].choices) > 1  # type: ignore[attr-defined]

    def clean_to(self) -> ForwardTarget:
        value = self.cleaned_data["to"]
        return SECRETARIAT if value == SECRETARIAT else self.targets[value]


class TargetsForm(forms.Form):
    inquiry_response_hours = forms.IntegerField(
        label=_("Response-time target for inquiries (working hours)"),
        min_value=1,
        max_value=INQUIRY_TARGET_HOURS_MAX,
        help_text=_(
            "From when an inquiry arrives to the first response to the company, counting "
            "Monday to Friday, 8 to 16, except holidays; at most 80 (ten working days)."
        ),
    )
    request_reminder_hours = forms.IntegerField(
        label=_("Remind unanswered requests between job centres after (hours)"),
        min_value=1,
        max_value=REQUEST_REMINDER_HOURS_MAX,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)
        for field in self.fields.values():
            field.widget.attrs["class"] += " input-width-xs"


class ListFilterForm(forms.Form):
    open = forms.BooleanField(label=_("Open only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    secretariat = forms.BooleanField(label=_("With the secretariat only"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All channels")), *Channel.choices], required=False
    )
    job_centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        empty_label=_("All"),
    )

    def __init__(self, *args: Any, job_centres: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centre_field = self.fields["job_centre"]
        assert isinstance(centre_field, forms.ModelChoiceField)
        centre_field.queryset = job_centres
        dkfds(self)


class ReportFilterForm(forms.Form):
    first_month = forms.DateField(
        label=_("From month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    last_month = forms.DateField(
        label=_("To month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All channels")), *Channel.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_month"), data.get("last_month")
        if first and last and first > last:
            raise ValidationError(_("The period ends before it starts."))
        if first and last and (last.year - first.year) * 12 + last.month - first.month >= 36:
            raise ValidationError(_("Choose a period of at most three years."))
        return data
