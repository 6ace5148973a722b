"""The job barometer's occupation search on the public answer page: the taxonomy picker,
asked through the link's own read-only, rate-limited endpoint; the select without script."""

from __future__ import annotations

import html as html_lib
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.organisations.models import Role
from jobbro.surveys import views
from jobbro.surveys.models import BarometerAnswer, SurveyInvitation
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import (
    BarometerInvitationFactory,
    JobOrderFactory,
    OccupationFactory,
    SurveyInvitationFactory,
    staff,
)
from tests.html_forms import form_data, form_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    """Each test its own suggestion index and its own rate-limit counts."""
    clear_cache()
    cache.clear()
    yield
    clear_cache()
    cache.clear()


@pytest.fixture
def invitation() -> SurveyInvitation:
    invitation = BarometerInvitationFactory()
    cooperation = invitation.barometer_round.cooperation
    # The cooperation's job orders ask for the carpenter: the select offers it.
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    JobOrderFactory(company__cooperation=cooperation, occupation=carpenter)
    # Nobody asked for a bricklayer: only the search finds it.
    OccupationFactory(label_da="murer", label_en="bricklayer")
    OccupationFactory(label_da="buschauffør", label_en="bus driver")
    return invitation


def search_url(invitation: SurveyInvitation) -> str:
    return reverse("surveys:barometer_occupations", args=[invitation.token])


def ask(client: Client, invitation: SurveyInvitation, text: str, **params: str):
    return client.get(
        search_url(invitation),
        {"q": text, "field": "form-0-occupation", "multiple": "0", **params},
    )


def test_the_page_has_the_select_and_the_picker_for_script(invitation) -> None:
    page = Client().get(reverse("surveys:barometer_answer", args=[invitation.token]))
    text = page.content.decode()
    # The select without script: the cooperation's usual occupations only.
    assert '<select name="form-0-occupation"' in text
    assert ">tømrer</option>" in text and "murer</option>" not in text
    # The picker in a template beside it, asking the link's own search.
    assert '<template data-picker-for="id_form-0-occupation">' in text
    unescaped = html_lib.unescape(text)
    assert f'hx-get="{search_url(invitation)}?field=form-0-occupation&multiple=0"' in unescaped
    assert text.count("<template data-picker-for=") == 6


def test_without_script_the_select_answers(invitation) -> None:
    url = reverse("surveys:barometer_answer", args=[invitation.token])
    page = Client().get(url).content.decode()
    data = form_data(page, form_index(page, 'data-testid="barometer-form"'))
    # What a browser without script sends: the selects, not the picker in its template.
    assert data["form-0-occupation"] == [""] and "q" not in data
    carpenter = OccupationFactory._meta.model.objects.get(label_da="tømrer")
    data.update(
        {
            "form-0-occupation": [str(carpenter.pk)],
            "form-0-hires_3m": ["1"],
            "form-0-hires_6m": ["2"],
            "form-0-hires_12m": ["3"],
            "small_jobs": ["0"],
            "apprentices": ["0"],
        }
    )
    assert Client().post(url, data).status_code == 302
    assert BarometerAnswer.objects.get().lines.get().occupation == carpenter


def test_the_search_finds_any_occupation_and_the_answer_takes_it(invitation) -> None:
    response = ask(Client(), invitation, "murer")
    assert response.status_code == 200
    text = response.content.decode()
    bricklayer = OccupationFactory._meta.model.objects.get(label_da="murer")
    assert f'type="radio" class="form-radio" name="form-0-occupation" value="{bricklayer.pk}"' in (
        text
    )
    assert "<html" not in text  # the options only
    # A refused answer keeps the searched occupation, in the select as in the picker.
    url = reverse("surveys:barometer_answer", args=[invitation.token])
    data = {
        "form-TOTAL_FORMS": "6",
        "form-INITIAL_FORMS": "0",
        "small_jobs": "x",
        "apprentices": "0",
        "form-0-occupation": str(bricklayer.pk),
        "form-0-hires_3m": "0",
        "form-0-hires_6m": "1",
        "form-0-hires_12m": "2",
    }
    page = Client().post(url, data).content.decode()
    assert f'<option value="{bricklayer.pk}" selected>murer</option>' in page
    assert f'name="form-0-occupation" value="{bricklayer.pk}" id=' in page  # the picker's tick
    data["small_jobs"] = "1"
    assert Client().post(url, data).status_code == 302
    assert BarometerAnswer.objects.get().lines.get().occupation == bricklayer


def test_an_unknown_occupation_is_refused_in_danish(invitation) -> None:
    url = reverse("surveys:barometer_answer", args=[invitation.token])
    data = {
        "form-TOTAL_FORMS": "6",
        "form-INITIAL_FORMS": "0",
        "small_jobs": "0",
        "apprentices": "0",
        "form-0-occupation": "999999",
        "form-0-hires_3m": "0",
        "form-0-hires_6m": "0",
        "form-0-hires_12m": "0",
    }
    page = Client().post(url, data).content.decode()
    assert "Vælg en stilling på listen." in page
    assert not BarometerAnswer.objects.exists()


def test_only_a_barometer_link_not_yet_answered_may_search(invitation) -> None:
    client = Client()
    assert ask(client, invitation, "murer").status_code == 200
    # A made-up token, a satisfaction survey's link, an answered barometer link: nothing.
    for token in ("not-a-token", SurveyInvitationFactory().token):
        response = client.get(
            reverse("surveys:barometer_occupations", args=[token]),
            {"q": "murer", "field": "form-0-occupation", "multiple": "0"},
        )
        assert response.status_code == 404 and b"murer" not in response.content
    SurveyInvitation.objects.filter(pk=invitation.pk).update(answered_at=timezone.now())
    assert ask(client, invitation, "murer").status_code == 404
    # Read-only: no other method.
    assert client.post(search_url(invitation), {"q": "murer"}).status_code == 405


def test_the_staff_search_still_needs_a_login(invitation) -> None:
    url = reverse("taxonomy:suggest_occupations")
    response = Client().get(url, {"q": "murer", "field": "occupation", "multiple": "0"})
    assert response.status_code in (302, 401, 403)
    assert b"murer" not in response.content
    signed_in = Client()
    signed_in.force_login(staff(Role.BUSINESS_CONSULTANT))
    assert b"murer" in signed_in.get(url, {"q": "murer", "field": "occupation"}).content


def test_the_search_is_rate_limited_per_link_and_per_address(invitation, monkeypatch) -> None:
    monkeypatch.setattr(views, "BAROMETER_SEARCH_RATE", "3/m")
    client = Client()
    assert [ask(client, invitation, "murer").status_code for _ in range(4)] == [
        200,
        200,
        200,
        429,
    ]
    # Another company's link is not held back by this one's.
    other = BarometerInvitationFactory(barometer_round=invitation.barometer_round)
    assert ask(client, other, "murer").status_code == 200
    # One address asking through many links, or guessing them, is held back too.
    cache.clear()
    monkeypatch.setattr(views, "BAROMETER_SEARCH_ADDRESS_RATE", "5/m")
    statuses = [
        client.get(reverse("surveys:barometer_occupations", args=[f"guess-{n}"])).status_code
        for n in range(5)
    ]
    assert statuses == [404] * 5
    assert ask(client, invitation, "murer").status_code == 429
