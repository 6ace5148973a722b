"""CPR numbers at rest: encrypted, hashed with a key, never stored in the clear."""

import logging

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection
from django.test import override_settings

from jobbro.candidates.models import Candidate
from jobbro.crypto import decrypt_cpr, encrypt_cpr, hash_cpr
from jobbro.privacy.logging import CprSafeExceptionReporterFilter, RedactCprFilter, redact
from tests.factories import CandidateFactory

from .conftest import CPR

pytestmark = pytest.mark.django_db


def test_round_trip_and_keyed_hash() -> None:
    token = encrypt_cpr(CPR)
    assert CPR not in token
    assert decrypt_cpr(token) == CPR
    assert encrypt_cpr(CPR) != token  # a fresh nonce each time: equal numbers do not show
    assert hash_cpr(CPR) == hash_cpr("120385-1234")
    with override_settings(JOBBRO_CPR_HASH_KEY="another key"):
        other = hash_cpr(CPR)
    assert other != hash_cpr(CPR)


def test_key_rotation_reads_old_tokens() -> None:
    old = encrypt_cpr(CPR)
    new_key = Fernet.generate_key().decode()
    from django.conf import settings

    with override_settings(JOBBRO_CPR_KEY=f"{new_key},{settings.JOBBRO_CPR_KEY}"):
        assert decrypt_cpr(old) == CPR
        fresh = encrypt_cpr(CPR)
    with pytest.raises(ImproperlyConfigured) as error:
        decrypt_cpr(fresh)  # encrypted with the new key, which is gone again
    assert CPR not in str(error.value)


def test_missing_key_fails_clearly() -> None:
    with override_settings(JOBBRO_CPR_KEY=""), pytest.raises(ImproperlyConfigured):
        encrypt_cpr(CPR)


def test_the_database_holds_no_plain_cpr(candidate: Candidate) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM candidates_candidate WHERE id = %s", [candidate.pk])
        row = cursor.fetchone()
    assert not any(CPR in str(value) for value in row)
    fresh = Candidate.objects.get(pk=candidate.pk)
    assert fresh.cpr == CPR
    assert Candidate.objects.get(cpr_hash=hash_cpr(CPR)) == candidate


def test_duplicate_cpr_is_refused_by_the_database(candidate: Candidate) -> None:
    with pytest.raises(IntegrityError):
        CandidateFactory(cpr=CPR)


def test_clearing_the_cpr_empties_both_columns(candidate: Candidate) -> None:
    candidate.cpr = None
    assert candidate.cpr_encrypted == "" and candidate.cpr_hash is None and candidate.cpr == ""


def test_log_filter_redacts_cpr(caplog: pytest.LogCaptureFixture) -> None:
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "looked up %s", ("120385-1234",), None
    )
    assert RedactCprFilter().filter(record)
    assert "120385" not in record.getMessage() and "[CPR]" in record.getMessage()
    assert redact("tel 12345678, cpr 1203851234") == "tel 12345678, cpr [CPR]"


def test_error_reports_hide_cpr(rf) -> None:  # type: ignore[no-untyped-def]
    request = rf.post("/privacy/log/", {"cpr": CPR, "note": f"about {CPR}", "q": "x"})
    params = CprSafeExceptionReporterFilter().get_post_parameters(request)
    assert CPR not in str(dict(params))
    assert params["q"] == "x"


def test_debug_error_page_of_a_cpr_view_hides_the_number(
    client_for,  # type: ignore[no-untyped-def]
    dpo,
    candidate: Candidate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("search failed")

    monkeypatch.setattr("jobbro.privacy.selectors.dpo_candidate_search", boom)
    client = client_for(dpo)
    client.raise_request_exception = False
    with override_settings(DEBUG=True):
        # Not spelled out here: the page quotes the source lines around each frame.
        response = client.post("/privacy/log/", {"cpr": f"{CPR[:6]}-{CPR[6:]}"})
    assert response.status_code == 500
    html = response.content.decode()
    assert "search failed" in html  # the technical page, with variables and POST data
    assert "120385" not in html
