import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_danish_by_default_even_for_an_english_browser() -> None:
    response = Client().get("/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "da"
    assert "Log ind" in response.content.decode()


def test_the_switch_in_the_header_changes_language() -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"}, follow=True)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Log in" in response.content.decode()
    assert response["Content-Language"] == "en"
