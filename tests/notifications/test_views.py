from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jobbro.notifications.models import NotificationKind, NotificationSettings
from jobbro.organisations.models import Role
from tests.factories import staff

pytestmark = pytest.mark.django_db

URL = reverse("notifications:settings")


@pytest.fixture
def client_of_partner(client: Client) -> tuple[Client, Any]:
    user = staff(Role.JOB_CONSULTANT, email="rp@jobcenter.example")
    client.force_login(user)
    return client, user


def test_everything_is_on_until_the_user_chooses(client_of_partner: tuple[Client, Any]) -> None:
    client, _user = client_of_partner
    page = client.get(URL)

    assert page.status_code == 200
    assert set(page.context["form"].initial["kinds"]) == {
        NotificationKind.NEW_REQUEST,
        NotificationKind.REQUEST_ANSWER,
        NotificationKind.OVERDUE_INQUIRY,
        NotificationKind.FOLLOW_UP_DUE,
        NotificationKind.POOL_JOB_ORDER,
    }
    assert "rp@jobcenter.example" in page.content.decode()


def test_saving_keeps_the_choices(client_of_partner: tuple[Client, Any]) -> None:
    client, user = client_of_partner
    response = client.post(URL, {"kinds": [NotificationKind.NEW_REQUEST], "language": "en"})

    assert response.status_code == 302
    choice = NotificationSettings.objects.get(user=user)
    assert choice.language == "en"
    assert choice.new_request and not choice.request_answer and not choice.follow_up_due


def test_a_bad_language_is_refused_and_nothing_is_saved(
    client_of_partner: tuple[Client, Any],
) -> None:
    client, _user = client_of_partner
    page = client.post(URL, {"kinds": ["new_request", "nonsense"], "language": "xx"})

    assert page.status_code == 200
    assert page.context["form"].errors.keys() == {"kinds", "language"}
    assert not NotificationSettings.objects.exists()


def test_a_user_without_an_address_is_told(client: Client) -> None:
    client.force_login(staff(Role.MANAGER, email=""))
    assert "kan ikke sende dig mails" in client.get(URL).content.decode()
