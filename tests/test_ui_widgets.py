"""jobbro.ui's widgets write the same markup as Django's."""

from __future__ import annotations

from django import forms
from django.test.html import parse_html

from jobbro.ui import ManyOptionsSelect

CHOICES = [("", "Alle"), ("1", "Bygge & anlæg"), ("2", 'Rengøring "A/S" <i>')]


def test_the_many_options_select_writes_djangos_markup() -> None:
    """Only the rendering differs: no template per option (the company list's industries)."""
    for value in ("", "2", None):
        ours = ManyOptionsSelect(attrs={"class": "form-select", "hx-get": "/x/"}, choices=CHOICES)
        django = forms.Select(attrs={"class": "form-select", "hx-get": "/x/"}, choices=CHOICES)
        assert parse_html(ours.render("industry", value)) == parse_html(
            django.render("industry", value)
        )
    grouped = [("Nord", [("1", "Aalborg")]), ("Syd", [("2", "Aabenraa")])]
    assert parse_html(ManyOptionsSelect(choices=grouped).render("m", "2")) == parse_html(
        forms.Select(choices=grouped).render("m", "2")
    )
