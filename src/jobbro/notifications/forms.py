from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import USER_KINDS


class NotificationSettingsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Send me a mail about"),
        choices=[(k.value, k.label) for k in USER_KINDS],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of mails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
