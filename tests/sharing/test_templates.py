"""The hits' small templates: how their words read, aloud and on screen."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from jobbro.sharing.explain import Explained, Line
from tests.factories import JobCentreFactory

SR_INLINE = re.compile(r'<span class="jobbro-sr-inline">.*?</span>')
TAGS = re.compile(r"<[^>]+>")


def visible(html: str) -> str:
    """The text as the eye reads it: hidden screen-reader words and markup gone."""
    return re.sub(r"\s+", " ", TAGS.sub("", SR_INLINE.sub("", html))).replace("&nbsp;", " ")


def aloud(html: str) -> str:
    return re.sub(r"\s+", " ", TAGS.sub("", html)).replace("&nbsp;", " ")


def test_a_missing_nice_to_have_has_no_space_before_its_comma() -> None:
    explained = Explained(
        points=71,
        must_haves=[Line("truckcertifikat B")],
        nice_to_haves=[Line("plukke ordrer", met=False), Line("dansk", met=True)],
        occupation="samme erhverv",
        skills="",
        distance="",
        outside_commute=False,
        available="kan starte nu",
        components=[],
    )
    with translation.override("da"):
        html = render_to_string("sharing/_explanation.html", {"explained": explained})
    assert "✗ plukke ordrer, ✓ dansk" in visible(html)
    assert "✗ plukke ordrer (mangler), ✓ dansk" in aloud(html)
    # Hidden inline: an absolutely placed .sr-only would read as a line of its own.
    assert 'class="sr-only"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "Bed om CV’et – kandidat nr. 3 i Jobcenter Gladsaxe"),
        ("en", "Ask for the CV – candidate no. 3 at Jobcenter Gladsaxe"),
    ],
)
def test_the_ask_button_names_its_hit(language: str, expected: str) -> None:
    hit = SimpleNamespace(
        rank=3, job_centre=JobCentreFactory(name="Jobcenter Gladsaxe"), token="t", request=None
    )
    request = RequestFactory().get("/")
    with translation.override(language):
        html = render_to_string("sharing/_request_action.html", {"hit": hit, "request": request})
    button = re.search(r"<button[^>]*>(.*?)</button>", html, re.S)
    assert button is not None
    assert aloud(button.group(1)).strip() == expected
    assert visible(button.group(1)).strip() == expected.split(" – ")[0]
