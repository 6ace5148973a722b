"""The companies' public web form: no login, spam protection without a CAPTCHA."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.intake import spam
from jobbro.intake.models import Channel, Inquiry, SpentFormToken
from jobbro.intake.views.public import WEB_FORM_RATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def cooperation(secretariat_centre):
    return secretariat_centre.cooperation


@pytest.fixture
def form_url(cooperation) -> str:
    return reverse("intake:web_form", args=[cooperation.pk])


def filled(**overrides: str) -> dict[str, str]:
    fields = {
        "company_name": "Nyt Firma ApS",
        "cvr": "",
        "contact_name": "Lone Berg",
        "contact_phone": "",
        "contact_email": "lone@nytfirma.dk",
        "message": "Vi søger to lagermedarbejdere fra 1. juni.",
        "website": "",
        "shown": spam.form_token(time.time() - 20),
    }
    return fields | overrides


def test_the_form_is_open_without_login_in_danish_by_default(form_url) -> None:
    response = Client().get(form_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="da"' in page
    assert 'name="website"' in page and 'name="shown"' in page


def test_english_on_request(form_url) -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": form_url})
    assert b"Contact the job centres" in client.get(form_url).content


def test_the_index_leads_to_the_only_cooperation(cooperation, form_url) -> None:
    response = Client().get(reverse("intake:web_form_index"))
    assert response.status_code == 302
    assert response["Location"] == form_url


def test_a_person_gets_a_receipt_with_the_reference(form_url, secretariat_centre) -> None:
    client = Client()
    response = client.post(form_url, filled())
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.channel, inquiry.routed_to) == (Channel.WEB, secretariat_centre)
    assert inquiry.registered_by is None
    receipt = client.get(response["Location"])
    assert inquiry.reference.encode() in receipt.content


def test_a_known_cvr_reaches_the_home_job_centre(form_url, company, job_centre) -> None:
    Client().post(form_url, filled(cvr="1000 0009"))
    inquiry = Inquiry.objects.get()
    assert (inquiry.company, inquiry.routed_to) == (company, job_centre)


def test_a_forged_receipt_link_is_404(cooperation) -> None:
    url = reverse("intake:web_receipt", args=[cooperation.pk])
    assert Client().get(url, {"r": "ABCD-EFGH"}).status_code == 404


@pytest.mark.parametrize(
    "overrides",
    [
        lambda: {"website": "http://spam.example"},  # the honeypot
        lambda: {"shown": "made-up"},  # not our signature
        lambda: {"shown": ""},
    ],
    ids=["honeypot", "forged", "missing"],
)
def test_robots_get_a_calm_refusal_and_nothing_is_saved(form_url, overrides) -> None:
    response = Client().post(form_url, filled(**overrides()))
    assert response.status_code == 400
    assert b'data-testid="web-form"' not in response.content
    assert not Inquiry.objects.exists()


def test_a_form_sent_too_fast_is_shown_again_with_what_was_written(form_url) -> None:
    """Autofill sends as fast as a script: the person keeps the text and may send again."""
    shown = spam.form_token(time.time() - 1)
    response = Client().post(form_url, filled(shown=shown))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="web-form"' in page
    assert "Nyt Firma ApS" in page
    assert "meget hurtigt efter" in page
    assert not Inquiry.objects.exists()
    # The form keeps the moment it was first shown: a moment later the same form goes through.
    kept = re.search(r'name="shown" value="([^"]+)"', page)
    assert kept is not None and kept.group(1) == shown
    assert spam.check_token(kept.group(1), time.time() + spam.MIN_SECONDS) is spam.Verdict.OK


def test_a_stale_form_is_shown_again_with_what_was_written(form_url) -> None:
    stale = spam.form_token(time.time() - spam.MAX_SECONDS - 60)
    response = Client().post(form_url, filled(shown=stale))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nyt Firma ApS" in page
    fresh = re.search(r'name="shown" value="([^"]+)"', page)
    assert fresh is not None and spam.check_token(fresh.group(1), time.time() + 10) is (
        spam.Verdict.OK
    )
    assert not Inquiry.objects.exists()


def test_bad_input_is_explained_and_nothing_is_saved(form_url) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.post(
        form_url, filled(company_name="", contact_email="not-an-address", cvr="12345678")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "Enter a valid email address." in page
    assert "is not a valid CVR number" in page
    assert not Inquiry.objects.exists()


def test_per_address_rate_limit(form_url) -> None:
    limit = int(WEB_FORM_RATE.split("/")[0])
    client = Client()
    for _ in range(limit):
        assert client.post(form_url, filled()).status_code == 302
    response = client.post(form_url, filled())
    assert response.status_code == 429
    assert Inquiry.objects.count() == limit
    # Another address is not held back.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(form_url, filled()).status_code == 302


def test_refused_and_corrected_attempts_do_not_count(form_url) -> None:
    """A person who sent too fast or forgot a field is not locked out by their own tries."""
    limit = int(WEB_FORM_RATE.split("/")[0])
    client = Client()
    for _ in range(limit + 2):
        too_fast = filled(shown=spam.form_token(time.time() - 1))
        assert client.post(form_url, too_fast).status_code == 400
        assert client.post(form_url, filled(contact_email="")).status_code == 400
    assert client.post(form_url, filled()).status_code == 302


def test_token_checks() -> None:
    now = time.time()
    assert spam.check_token(spam.form_token(now - 10), now) is spam.Verdict.OK
    assert spam.check_token(spam.form_token(now - 2), now) is spam.Verdict.TOO_FAST
    assert spam.check_token(spam.form_token(now - 90_000), now) is spam.Verdict.STALE
    assert spam.check_token("x", now) is spam.Verdict.FORGED


# --- each shown form registers one inquiry ------------------------------------------------------


def _receipt_reference(client: Client, response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    found = re.search(r'data-testid="reference">([^<]+)<', page)
    assert found is not None
    return found.group(1)


def test_the_same_form_sent_twice_registers_one_inquiry(form_url) -> None:
    """A double click or the back button: one inquiry, and the same receipt both times."""
    sent = filled()
    client = Client()
    first = _receipt_reference(client, client.post(form_url, sent))
    again = _receipt_reference(client, client.post(form_url, sent | {"message": "Noget andet"}))
    assert first == again
    assert Inquiry.objects.get().message == "Vi søger to lagermedarbejdere fra 1. juni."


def test_a_replayed_form_does_not_count_towards_the_rate_limit(form_url) -> None:
    limit = int(WEB_FORM_RATE.split("/")[0])
    client = Client()
    sent = filled()
    for _ in range(limit + 2):
        assert client.post(form_url, sent).status_code == 302
    assert Inquiry.objects.count() == 1
    assert client.post(form_url, filled()).status_code == 302


def test_a_form_corrected_after_an_error_is_still_sent(form_url) -> None:
    """An attempt refused for bad input spends nothing: the corrected form goes through."""
    shown = spam.form_token(time.time() - 20)
    client = Client()
    assert client.post(form_url, filled(shown=shown, contact_email="")).status_code == 400
    assert client.post(form_url, filled(shown=shown)).status_code == 302
    assert Inquiry.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="thread races need concurrent connections; the tests' in-memory SQLite locks tables",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_form_sent_at_the_same_moment_registers_one_inquiry(form_url) -> None:
    """Two requests with one token released together."""
    sent = filled()
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            statuses.append(Client().post(form_url, sent).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302, 302]
    assert Inquiry.objects.count() == 1


def test_spent_nonces_are_forgotten_once_no_token_could_bring_them_back(form_url) -> None:
    client = Client()
    client.post(form_url, filled())
    SpentFormToken.objects.update(spent_at=timezone.now() - dt.timedelta(days=2))
    client.post(form_url, filled())
    assert SpentFormToken.objects.count() == 1
    assert Inquiry.objects.count() == 2
