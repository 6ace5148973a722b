"""Login security in the browser: lockout, TOTP enrolment and login, inactivity, CSP."""

from __future__ import annotations

import time
from base64 import b32decode
from collections.abc import Iterator

import pytest
from django_otp.oath import TOTP

from e2e.helpers import PASSWORD
from jobbro.organisations.models import Role
from tests.factories import staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def csp_violations(page) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """Console reports of anything the content security policy blocked."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield seen


def log_in(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].button-primary")


def app_code(secret: str, *, steps_ahead: int = 0) -> str:
    """What the authenticator app shows for the secret typed in from the enrolment page."""
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    totp = TOTP(key)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def test_five_wrong_passwords_lock_the_login(page, screenshot, csp_violations) -> None:  # type: ignore[no-untyped-def]
    staff(Role.BUSINESS_CONSULTANT, username="bc", password=PASSWORD)
    page.goto("/login/")
    for attempt in range(1, 5):
        log_in(page, "bc", "wrong-password")
        assert "Brugernavn eller adgangskode er forkert" in page.inner_text("main"), attempt
    log_in(page, "bc", "wrong-password")
    assert page.locator("h1").inner_text() == "Login spærret"
    lockout = page.get_by_test_id("lockout").inner_text()
    assert "forkert 5 gange i træk" in lockout
    assert "spærret i 30 minutter" in lockout
    screenshot("login-locked-da")
    # The right password does not get through while locked.
    page.click("text=Tilbage til login")
    log_in(page, "bc", PASSWORD)
    assert page.locator("h1").inner_text() == "Login spærret"
    assert not csp_violations


def test_two_factor_enrolment_then_login_with_a_code(  # type: ignore[no-untyped-def]
    page, screenshot, settings, csp_violations
) -> None:
    settings.JOBBRO_REQUIRE_2FA = True
    staff(Role.BUSINESS_CONSULTANT, username="bc", password=PASSWORD)
    page.goto("/companies/")
    log_in(page, "bc", PASSWORD)
    # The password alone reaches only the enrolment page.
    assert page.locator("h1").inner_text() == "Opsæt totrinsbekræftelse"
    assert page.get_by_test_id("totp-qr").locator("svg").is_visible()
    assert page.locator("nav.nav").count() == 0
    page.goto("/candidates/")
    assert page.locator("h1").inner_text() == "Opsæt totrinsbekræftelse"
    screenshot("two-factor-enrol-da")
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.fill("#id_token", "000000" if app_code(secret) != "000000" else "111111")
    page.click("button[type=submit].button-primary")
    assert "Koden er forkert eller udløbet" in page.inner_text("main")
    screenshot("two-factor-enrol-wrong-code-da")
    page.fill("#id_token", app_code(secret))
    page.click("button[type=submit].button-primary")
    assert "Totrinsbekræftelse er sat op" in page.inner_text("main")
    assert page.locator("h1").inner_text() == "Kandidater"

    page.click("button.log-off")
    log_in(page, "bc", PASSWORD)
    assert page.locator("h1").inner_text() == "Indtast din kode"
    page.goto("/")
    assert page.locator("h1").inner_text() == "Indtast din kode"
    screenshot("two-factor-verify-da")
    # The code just used cannot be used again; the app's next one can.
    page.fill("#id_token", app_code(secret, steps_ahead=1))
    page.click("button[type=submit].button-primary")
    assert page.locator("h1").inner_text() == "Mit arbejde"
    assert not csp_violations


def test_an_idle_session_ends_on_the_login_page_with_a_message(  # type: ignore[no-untyped-def]
    page, screenshot, settings, csp_violations
) -> None:
    settings.JOBBRO_SESSION_IDLE_SECONDS = 2
    staff(Role.BUSINESS_CONSULTANT, username="bc", password=PASSWORD)
    page.goto("/companies/")
    log_in(page, "bc", PASSWORD)
    assert page.locator("h1").inner_text() == "Virksomheder"
    time.sleep(3)
    page.reload()
    assert page.locator("h1").inner_text() == "Log ind"
    assert "Du er blevet logget ud, fordi du ikke har brugt Jobbro" in page.inner_text("main")
    assert "next=/companies/" in page.url
    screenshot("login-idle-logout-da")
    log_in(page, "bc", PASSWORD)
    assert page.locator("h1").inner_text() == "Virksomheder"
    assert not csp_violations


def test_the_app_runs_under_the_content_security_policy(page, csp_violations) -> None:  # type: ignore[no-untyped-def]
    staff(Role.BUSINESS_CONSULTANT, username="bc", password=PASSWORD)
    page.goto("/")
    log_in(page, "bc", PASSWORD)
    for path in ["/", "/companies/", "/job-orders/", "/candidates/", "/job-orders/follow-ups/"]:
        response = page.goto(path)
        assert response is not None and response.ok, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert not csp_violations, csp_violations


def test_the_login_page_offers_the_municipality_idp_when_configured(  # type: ignore[no-untyped-def]
    page, screenshot, settings, csp_violations
) -> None:
    from jobbro.accounts.conf import oidc_settings

    configured = oidc_settings(
        {
            "OIDC_RP_CLIENT_ID": "jobbro",
            "OIDC_RP_CLIENT_SECRET": "s3cret",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.invalid/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.invalid/token",
            "OIDC_OP_USER_ENDPOINT": "https://idp.example.invalid/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.invalid/jwks",
            "JOBBRO_OIDC_PROVIDER_NAME": "Herlev Kommune",
        }
    )
    for name, value in configured.items():
        setattr(settings, name, value)
    page.goto("/login/?next=/companies/")
    button = page.get_by_test_id("oidc-login")
    assert button.inner_text().strip() == "Log ind med Herlev Kommune"
    screenshot("login-sso-da")
    with page.expect_request("https://idp.example.invalid/authorize**") as request:
        button.click()
    assert "client_id=jobbro" in request.value.url
    assert not csp_violations
