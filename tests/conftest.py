import pytest
from django.test import Client

from jobbro import pdf
from jobbro.organisations.models import Role, User
from tests import pdf_support
from tests.factories import JobCentreFactory, staff


@pytest.fixture
def job_centre():
    return JobCentreFactory(name="Jobcenter Herlev")


@pytest.fixture
def other_job_centre(job_centre):
    return JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=job_centre.cooperation)


@pytest.fixture
def consultant(job_centre) -> User:
    return staff(Role.BUSINESS_CONSULTANT, job_centre)


@pytest.fixture
def client_for():
    """A test client signed in as the given user."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    pdf_support.skip_pdf_tests(config, items)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    pdf_support.note_skipped(terminalreporter)


@pytest.fixture(autouse=True)
def _pdf_stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Pango, pages that answer with a PDF get a stand-in (see tests/pdf_support)."""
    if pdf_support.MISSING:
        monkeypatch.setattr(pdf, "html_to_pdf", lambda html: pdf_support.STAND_IN)
