import pytest
from django.test import Client
from django.urls import reverse

from jobbro.organisations.models import User

pytestmark = pytest.mark.django_db

PAGES = [
    "organisations_municipality",
    "organisations_cooperation",
    "organisations_jobcentre",
    "organisations_user",
    "organisations_membership",
    "organisations_partnerorganisation",
    "taxonomy_iscogroup",
    "taxonomy_occupation",
    "taxonomy_skill",
    "taxonomy_qualification",
    "taxonomy_language",
]


@pytest.fixture
def admin_client_() -> Client:
    user = User.objects.create_superuser("root", "root@example.dk", "x")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("page", PAGES)
def test_admin_changelists_open(admin_client_, page):
    response = admin_client_.get(reverse(f"admin:{page}_changelist"), {"q": "a"})
    assert response.status_code == 200


def test_admin_user_change_page_has_memberships_inline(admin_client_):
    user = User.objects.get(username="root")
    response = admin_client_.get(reverse("admin:organisations_user_change", args=[user.pk]))
    assert response.status_code == 200
    assert b"memberships" in response.content
