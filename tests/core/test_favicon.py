import pytest

pytestmark = pytest.mark.django_db


def test_favicon_is_served_without_login(client) -> None:
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header


def test_every_page_links_the_icon(client) -> None:
    page = client.get("/login/").content.decode()

    assert 'rel="icon" href="/static/jobbro/favicon.svg"' in page
