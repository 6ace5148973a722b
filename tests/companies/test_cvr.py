"""The CVR adapter: the recorded sample, the HTTP source against a real local server, and
the "Fetch from CVR" button on the new-company form."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.urls import reverse

from jobbro.companies.cvr import CvrUnavailable, cvr_source
from jobbro.companies.cvr.http import HttpCvrSource
from jobbro.companies.cvr.sample import SAMPLE_FILE, RecordedSample
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    IndustryFactory,
    JobCentreFactory,
    MunicipalityFactory,
    staff,
)

KNOWN = "37137359"  # Stilladsgruppen Øresund ApS, Herlev (163), DB07 439920
UNKNOWN = "10000009"  # a valid CVR number the sample does not hold
HTMX = {"HTTP_HX_REQUEST": "true"}
RECORDED = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))


def test_the_sample_holds_thirty_companies_of_the_demo_municipalities() -> None:
    records = RecordedSample().all()

    assert len(records) == 30
    assert len({r.municipality_code for r in records}) >= 15
    assert all(len(r.cvr) == 8 and len(r.industry_code) == 6 for r in records)


def test_the_sample_finds_a_known_company() -> None:
    record = RecordedSample().lookup(KNOWN)

    assert record is not None
    assert record.name == "Stilladsgruppen Øresund ApS"
    assert (record.postcode, record.city, record.municipality_code) == ("2730", "Herlev", "163")
    assert record.industry_code == "439920"
    assert record.street


def test_the_sample_answers_none_for_an_unknown_number() -> None:
    assert RecordedSample().lookup(UNKNOWN) is None


def test_the_source_is_the_sample_by_default() -> None:
    assert isinstance(cvr_source(), RecordedSample)


# The HTTP source against a local server in the register's shape.


class FakeRegister(BaseHTTPRequestHandler):
    """Answers like the register: the recorded hits for the CVR number asked for."""

    requests: list[dict[str, Any]] = []
    status = 200
    body: bytes | None = None

    def do_POST(self) -> None:
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeRegister.requests.append(
            {"query": query, "auth": self.headers.get("Authorization", "")}
        )
        wanted = query["query"]["term"]["Vrvirksomhed.cvrNummer"]
        hits = [
            h
            for h in RECORDED["hits"]["hits"]
            if h["_source"]["Vrvirksomhed"]["cvrNummer"] == wanted
        ]
        answer = {**RECORDED, "hits": {"total": len(hits), "max_score": 1.0, "hits": hits}}
        body = self.body if self.body is not None else json.dumps(answer).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test output is not the server's log."""


@pytest.fixture
def register() -> Iterator[str]:
    FakeRegister.requests = []
    FakeRegister.status = 200
    FakeRegister.body = None
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRegister)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/cvr-permanent/virksomhed/_search"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> str:
    """An address nothing listens on: a port we bound and released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/cvr-permanent/virksomhed/_search"


def http_source(url: str) -> HttpCvrSource:
    return HttpCvrSource(url=url, user="jobbro", password="hemmeligt", timeout=2)


def test_http_source_reads_the_registers_answer(register) -> None:
    record = http_source(register).lookup(KNOWN)

    assert record == RecordedSample().lookup(KNOWN)
    sent = FakeRegister.requests[0]
    assert sent["query"]["query"]["term"]["Vrvirksomhed.cvrNummer"] == int(KNOWN)
    assert sent["auth"] == "Basic am9iYnJvOmhlbW1lbGlndA=="  # jobbro:hemmeligt


def test_http_source_answers_none_for_an_unknown_number(register) -> None:
    assert http_source(register).lookup(UNKNOWN) is None


def test_http_source_unreachable_is_unavailable(closed_port) -> None:
    with pytest.raises(CvrUnavailable):
        http_source(closed_port).lookup(KNOWN)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, b'{"error": "unauthorised"}'),
        (500, b"Internal Server Error"),
        (200, b"<html>maintenance</html>"),
        (200, b'{"hits": {"hits": [{"_source": {}}]}}'),
    ],
)
def test_http_source_errors_and_odd_answers_are_unavailable(register, status, body) -> None:
    FakeRegister.status, FakeRegister.body = status, body

    with pytest.raises(CvrUnavailable):
        http_source(register).lookup(KNOWN)


def test_http_source_refuses_a_non_http_address() -> None:
    with pytest.raises(CvrUnavailable):
        http_source("file:///etc/passwd").lookup(KNOWN)


def test_the_setting_chooses_the_http_source(settings, register) -> None:
    settings.JOBBRO_CVR_SOURCE = "jobbro.companies.cvr.http.HttpCvrSource"
    settings.JOBBRO_CVR_URL = register

    source = cvr_source()

    assert isinstance(source, HttpCvrSource)
    assert source.lookup(KNOWN) is not None


# The button on the form.


@pytest.fixture
def herlev_consultant(db):
    herlev = MunicipalityFactory(code="163", name="Herlev")
    centre = JobCentreFactory(name="Jobcenter Herlev", municipalities=[herlev])
    return staff(Role.BUSINESS_CONSULTANT, centre)


def test_fetch_fills_the_form_from_the_register(herlev_consultant, client_for) -> None:
    scaffolding = IndustryFactory(code="439920", label_da="Stilladsarbejde")
    herlev = MunicipalityFactory(code="163", name="Herlev")

    response = client_for(herlev_consultant).post(
        reverse("companies:cvr_fetch"), {"cvr": f"DK {KNOWN}", "phone": "12345678"}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'value="Stilladsgruppen Øresund ApS"' in html
    assert 'value="2730"' in html
    assert f'<option value="{herlev.pk}" selected>' in html
    assert f'<option value="{scaffolding.pk}" selected>' in html
    assert 'value="12345678"' in html  # what the user typed stays
    assert 'data-testid="cvr-notice"' in html


def test_fetch_when_the_register_is_unreachable_says_fill_by_hand(
    herlev_consultant, client_for, settings, closed_port
) -> None:
    settings.JOBBRO_CVR_SOURCE = "jobbro.companies.cvr.http.HttpCvrSource"
    settings.JOBBRO_CVR_URL = closed_port

    response = client_for(herlev_consultant).post(
        reverse("companies:cvr_fetch"), {"cvr": KNOWN, "name": "Mit firma"}, **HTMX
    )

    html = response.content.decode()
    assert "kan ikke nås" in html
    assert "i hånden" in html
    assert 'value="Mit firma"' in html


def test_fetch_of_an_unknown_or_invalid_number_says_so(herlev_consultant, client_for) -> None:
    client = client_for(herlev_consultant)
    client.post(reverse("set_language"), {"language": "en"})

    unknown = client.post(reverse("companies:cvr_fetch"), {"cvr": UNKNOWN}, **HTMX)
    invalid = client.post(reverse("companies:cvr_fetch"), {"cvr": "12345678"}, **HTMX)
    short = client.post(reverse("companies:cvr_fetch"), {"cvr": "1234"}, **HTMX)

    assert f"knows no company with CVR number {UNKNOWN}" in unknown.content.decode()
    assert "the check digit does not match" in invalid.content.decode()
    assert "eight digits, this has 4" in short.content.decode()


def test_fetch_of_a_registered_company_links_to_it(herlev_consultant, client_for) -> None:
    centre = herlev_consultant.memberships.get().job_centre
    existing = CompanyFactory(cooperation=centre.cooperation, cvr=KNOWN, name="Stillads ApS")

    html = (
        client_for(herlev_consultant)
        .post(reverse("companies:cvr_fetch"), {"cvr": KNOWN}, **HTMX)
        .content.decode()
    )

    assert 'data-testid="duplicate-company"' in html
    assert reverse("companies:detail", args=[existing.pk]) in html


def test_a_registered_company_outside_the_register_sample_is_not_contradicted(
    herlev_consultant, client_for
) -> None:
    """Known here but not to the register: say it is registered, not also 'unknown'."""
    centre = herlev_consultant.memberships.get().job_centre
    CompanyFactory(cooperation=centre.cooperation, cvr="90762125", name="Demo Byg ApS")
    html = (
        client_for(herlev_consultant)
        .post(reverse("companies:cvr_fetch"), {"cvr": "90762125"}, **HTMX)
        .content.decode()
    )
    assert 'data-testid="duplicate-company"' in html
    assert "kender ingen virksomhed" not in html


def test_fetch_without_javascript_answers_the_whole_page(herlev_consultant, client_for) -> None:
    response = client_for(herlev_consultant).post(reverse("companies:cvr_fetch"), {"cvr": KNOWN})

    html = response.content.decode()
    assert "<html" in html
    assert f'action="{reverse("companies:create")}"' in html
    assert 'value="Stilladsgruppen Øresund ApS"' in html


def test_creating_a_duplicate_links_to_the_existing_company(herlev_consultant, client_for) -> None:
    centre = herlev_consultant.memberships.get().job_centre
    existing = CompanyFactory(cooperation=centre.cooperation, cvr=KNOWN, name="Stillads ApS")
    data = {
        "name": "Stilladsgruppen",
        "cvr": KNOWN,
        "street": "Vej 1",
        "postcode": "2730",
        "city": "Herlev",
        "municipality": str(centre.municipalities.get().pk),
        "industry": str(IndustryFactory().pk),
    }

    response = client_for(herlev_consultant).post(reverse("companies:create"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="duplicate-company"' in html
    assert reverse("companies:detail", args=[existing.pk]) in html
