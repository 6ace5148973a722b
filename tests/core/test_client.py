import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils.module_loading import import_string

from jobbro.client import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.9.9.9"),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the client invented the first entry
        (2, "6.6.6.6, 1.2.3.4, 172.16.0.2", "1.2.3.4"),
        (2, "1.2.3.4", "10.9.9.9"),  # fewer entries than proxies: do not trust it
    ],
)
def test_client_ip_trusts_only_our_own_proxies(
    settings: object, proxies: int, forwarded: str, expected: str
) -> None:
    settings.JOBBRO_TRUSTED_PROXY_COUNT = proxies  # type: ignore[attr-defined]
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_login_lockout_and_the_web_form_count_by_the_same_address() -> None:
    from jobbro.intake.views import public

    assert import_string(settings.AXES_CLIENT_IP_CALLABLE) is client_ip
    assert public.client_ip is client_ip
