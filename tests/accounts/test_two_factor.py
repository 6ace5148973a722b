"""The TOTP gate between the password and everything else, enrolment and verification."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobbro.accounts import services, state
from jobbro.organisations.models import User

from .conftest import PASSWORD, confirmed_device_for, totp_code

pytestmark = pytest.mark.django_db

ENROL = reverse("accounts:enrol")
VERIFY = reverse("accounts:verify")


def enrolment_code(client: Client, user: User) -> str:
    """What the user's app shows after scanning the key the enrolment page holds."""
    key = client.session[state.ENROLMENT_KEY]
    return totp_code(services.enrolment_preview(user=user, key=key))


def password_login(user: User, next_url: str = "/") -> tuple[Client, str]:
    client = Client()
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client, response["Location"]


@pytest.mark.usefixtures("require_2fa")
class TestRequired:
    def test_a_user_without_a_device_is_sent_to_enrolment_from_every_page(
        self, worker: User
    ) -> None:
        client, location = password_login(worker, next_url="/candidates/")
        assert location == "/candidates/"
        for path in ["/", "/candidates/", "/companies/", "/admin/", reverse("login") + "x"]:
            response = client.get(path)
            if response.status_code == 404:
                continue  # unknown paths stay 404
            assert response.status_code == 302, path
            assert response["Location"].startswith(ENROL), path
        assert client.get("/candidates/")["Location"] == f"{ENROL}?next=%2Fcandidates%2F"

    def test_a_posted_form_is_not_processed_before_the_code(self, worker: User) -> None:
        client, _ = password_login(worker)
        response = client.post(reverse("companies:create"), {"name": "Ny A/S"})
        assert response.status_code == 302
        assert response["Location"] == f"{ENROL}?next=%2F"

    def test_htmx_requests_get_a_full_page_redirect(self, worker: User) -> None:
        client, _ = password_login(worker)
        response = client.get("/companies/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert response["HX-Redirect"].startswith(ENROL)

    def test_enrolment_shows_a_qr_code_and_the_secret_and_keeps_them_on_reload(
        self, worker: User
    ) -> None:
        client, _ = password_login(worker)
        first = client.get(ENROL)
        assert first.status_code == 200
        body = first.content.decode()
        assert "<svg" in body
        device = services.enrolment_preview(user=worker, key=client.session[state.ENROLMENT_KEY])
        assert services.device_secret(device) in body
        # Showing the page stores no device, only the secret in the session.
        assert not TOTPDevice.objects.filter(user=worker).exists()
        # Nothing in the menu is reachable yet, so there is no menu.
        assert 'class="mainmenu"' not in body
        assert services.device_secret(device) in client.get(ENROL).content.decode()

    def test_a_wrong_code_does_not_confirm_the_device(self, worker: User, english) -> None:
        client, _ = password_login(worker)
        english(client)
        client.get(ENROL)
        wrong = f"{(int(enrolment_code(client, worker)) + 1) % 1_000_000:06d}"
        response = client.post(ENROL, {"token": wrong, "next": "/companies/"})
        assert response.status_code == 200
        assert "The code is wrong or has expired" in response.content.decode()
        assert not TOTPDevice.objects.filter(user=worker).exists()
        assert client.get("/companies/")["Location"].startswith(ENROL)

    def test_letters_are_refused_with_a_clear_message(self, worker: User, english) -> None:
        client, _ = password_login(worker)
        english(client)
        response = client.post(ENROL, {"token": "abc123"})
        assert "Enter the 6 digits from your authenticator app." in response.content.decode()

    def test_the_right_code_confirms_the_device_and_opens_the_app(self, worker: User) -> None:
        client, _ = password_login(worker)
        client.get(ENROL)
        code = enrolment_code(client, worker)
        response = client.post(ENROL, {"token": code, "next": "/companies/"})
        assert response.status_code == 302
        assert response["Location"] == "/companies/"
        device = TOTPDevice.objects.get(user=worker)
        assert device.confirmed
        assert state.ENROLMENT_KEY not in client.session
        # The code that confirmed the device cannot log in a second session.
        other, _ = password_login(worker)
        assert other.post(VERIFY, {"token": code}).status_code == 200
        assert 'class="mainmenu"' in client.get("/companies/").content.decode()
        # Enrolment is over: a second device cannot be added behind the owner's back.
        assert client.get(ENROL)["Location"] == "/"

    def test_a_user_with_a_device_is_asked_for_the_code(self, worker: User, english) -> None:
        device = confirmed_device_for(worker)
        client, _ = password_login(worker, next_url="/companies/")
        english(client)
        response = client.get("/companies/")
        assert response["Location"] == f"{VERIFY}?next=%2Fcompanies%2F"
        # Enrolling again is not a way around the code.
        assert client.get(ENROL)["Location"].startswith(VERIFY)
        assert TOTPDevice.objects.filter(user=worker).count() == 1
        wrong = client.post(VERIFY, {"token": "000000", "next": "/companies/"})
        if totp_code(device) != "000000":
            assert wrong.status_code == 200
            assert "wrong" in wrong.content.decode()
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.save()
        response = client.post(VERIFY, {"token": totp_code(device), "next": "/companies/"})
        assert response["Location"] == "/companies/"
        assert client.get("/companies/").status_code == 200

    def test_repeated_wrong_codes_are_throttled(self, worker: User, english) -> None:
        device = confirmed_device_for(worker)
        client, _ = password_login(worker)
        english(client)
        code = totp_code(device)
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        client.post(VERIFY, {"token": wrong})
        response = client.post(VERIFY, {"token": code})
        assert "Too many wrong codes" in response.content.decode()
        assert client.get("/")["Location"].startswith(VERIFY)

    def test_a_used_code_cannot_be_replayed(self, worker: User) -> None:
        device = confirmed_device_for(worker)
        code = totp_code(device)
        first, _ = password_login(worker)
        assert first.post(VERIFY, {"token": code})["Location"] == "/"
        second, _ = password_login(worker)
        assert second.post(VERIFY, {"token": code}).status_code == 200
        assert second.get("/")["Location"].startswith(VERIFY)

    def test_logging_out_and_switching_language_work_before_the_code(self, worker: User) -> None:
        client, _ = password_login(worker)
        assert client.post("/i18n/setlang/", {"language": "en", "next": "/login/"}).status_code
        response = client.post(reverse("logout"))
        assert response["Location"] == reverse("login")
        assert client.get("/")["Location"].startswith(reverse("login"))

    def test_an_idp_login_with_its_own_mfa_needs_no_code(self, worker: User) -> None:
        client, _ = password_login(worker)
        session = client.session
        session["jobbro_idp_mfa"] = True
        session.save()
        assert client.get("/companies/").status_code == 200


def test_anonymous_users_are_sent_to_the_login_page() -> None:
    for url in (VERIFY, ENROL):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_not_required_a_user_without_device_needs_only_the_password(worker: User) -> None:
    client, _ = password_login(worker)
    assert client.get("/companies/").status_code == 200


def test_not_required_a_user_with_a_device_still_enters_the_code(worker: User) -> None:
    device = confirmed_device_for(worker)
    client, _ = password_login(worker)
    assert client.get("/companies/")["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"token": totp_code(device)})["Location"] == "/"
    assert client.get("/companies/").status_code == 200


def test_a_user_may_enrol_voluntarily(worker: User) -> None:
    client, _ = password_login(worker)
    client.get(ENROL)
    assert client.post(ENROL, {"token": enrolment_code(client, worker)})["Location"] == "/"
    assert TOTPDevice.objects.get(user=worker).confirmed
    # From the next login on the code is due.
    again, _ = password_login(worker)
    assert again.get("/")["Location"].startswith(VERIFY)


def test_reset_removes_every_device(worker: User) -> None:
    confirmed_device_for(worker)
    TOTPDevice.objects.create(user=worker, name="old", confirmed=False)  # django-otp's
    assert services.two_factor_reset(user=worker) == 2
    assert not TOTPDevice.objects.filter(user=worker).exists()


def test_confirming_with_a_wrong_code_writes_nothing(worker: User) -> None:
    key = services.enrolment_key()
    code = totp_code(services.enrolment_preview(user=worker, key=key))
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert services.enrolment_confirm(user=worker, key=key, token=wrong) is None
    assert services.enrolment_confirm(user=worker, key=key, token="12a456") is None
    assert not TOTPDevice.objects.filter(user=worker).exists()


def test_confirming_saves_one_confirmed_device(worker: User) -> None:
    TOTPDevice.objects.create(user=worker, name="abandoned", confirmed=False)  # django-otp's
    key = services.enrolment_key()
    code = totp_code(services.enrolment_preview(user=worker, key=key))
    device = services.enrolment_confirm(user=worker, key=key, token=code)
    assert device is not None and device.confirmed and device.key == key
    assert list(TOTPDevice.objects.filter(user=worker)) == [device]


def test_no_second_device_once_one_is_confirmed(worker: User) -> None:
    confirmed_device_for(worker)
    key = services.enrolment_key()
    code = totp_code(services.enrolment_preview(user=worker, key=key))
    assert services.enrolment_confirm(user=worker, key=key, token=code) is None
    assert TOTPDevice.objects.filter(user=worker).count() == 1


def test_the_secret_is_base32_in_groups_of_four(worker: User) -> None:
    device = services.enrolment_preview(user=worker, key=services.enrolment_key())
    groups = services.device_secret(device).split(" ")
    assert all(len(g) == 4 for g in groups[:-1])
    assert "otpauth://totp/Jobbro%3Abc" in device.config_url
    assert services.qr_code_svg(device.config_url).startswith("<svg")
