"""The real register: Virk's "CVR permanent" ElasticSearch service, with basic auth.

Access is granted by the Danish Business Authority (Erhvervsstyrelsen) on application; the
user name and password come from settings or the environment. Every failure to ask or to
read the answer is `CvrUnavailable`, so the form can tell the user to type the fields.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

from . import CvrRecord, CvrUnavailable
from .parse import query_for, records_from_response

DEFAULT_URL = "http://distribution.virk.dk/cvr-permanent/virksomhed/_search"
DEFAULT_TIMEOUT = 5.0


def _setting(name: str, default: str = "") -> str:
    return str(getattr(settings, name, None) or os.environ.get(name, default))


class HttpCvrSource:
    def __init__(self, *, url: str, user: str, password: str, timeout: float) -> None:
        self.url = url
        self.user = user
        self.password = password
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> HttpCvrSource:
        return cls(
            url=_setting("JOBBRO_CVR_URL", DEFAULT_URL),
            user=_setting("JOBBRO_CVR_USER"),
            password=_setting("JOBBRO_CVR_PASSWORD"),
            timeout=float(_setting("JOBBRO_CVR_TIMEOUT", str(DEFAULT_TIMEOUT))),
        )

    def _ask(self, body: dict[str, Any]) -> dict[str, Any]:
        if not self.url.startswith(("http://", "https://")):
            raise CvrUnavailable(f"not an http(s) address: {self.url}")
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            self.url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        if self.user:
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer: dict[str, Any] = json.load(response)
                return answer
        except (OSError, ValueError) as error:  # URLError, HTTPError and timeouts are OSError
            raise CvrUnavailable(str(error)) from error

    def lookup(self, cvr: str) -> CvrRecord | None:
        answer = self._ask(query_for(cvr))
        try:
            records = records_from_response(answer)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise CvrUnavailable(f"unexpected answer: {error}") from error
        return next((r for r in records if r.cvr == cvr), None)
