"""The pages as a job consultant uses them: upload, read the dry run, confirm, the queue."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import Candidate
from jobbro.case_imports.models import ImportRun, PendingTitleLink
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Occupation
from tests.factories import staff

from .files import ANNA, BO, changed, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.usefixtures("esco")
UPLOAD = reverse("case_imports:upload")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_file(client: Client, centre, data: bytes, name: str = "borgere.csv", **extra):
    upload = SimpleUploadedFile(name, data)
    return client.post(
        UPLOAD, {"job_centre": centre.pk, "kind": "candidates", "file": upload, **extra}
    )


@pytest.mark.parametrize(("maker", "name"), [(csv_bytes, "b.csv"), (xlsx_bytes, "b.xlsx")])
def test_upload_dry_run_confirm_and_find_the_candidate(herlev, consultant, maker, name):
    client = signed_in(consultant)
    page = client.get(UPLOAD)
    assert page.status_code == 200
    assert "Sags-id" in page.content.decode()
    answer = post_file(client, herlev, maker(ANNA, BO), name)
    dry = ImportRun.objects.get()
    assert answer["Location"] == reverse("case_imports:run", args=[dry.pk])
    report = client.get(answer["Location"]).content.decode()
    assert "Filen kan importeres" in report
    assert 'data-testid="count-created">2<' in report
    assert "S-1001" in report and "S-1002" in report
    assert not Candidate.objects.exists()
    confirmed = client.post(reverse("case_imports:confirm", args=[dry.pk]))
    run = ImportRun.objects.exclude(pk=dry.pk).get()
    assert confirmed["Location"] == reverse("case_imports:run", args=[run.pk])
    progress = client.get(reverse("case_imports:progress", args=[run.pk])).content.decode()
    assert "Filen er importeret" in progress and "hx-trigger" not in progress
    assert Candidate.objects.filter(job_centre=herlev).count() == 2
    listing = client.get(reverse("candidates:list"), {"q": "Hansen"}).content.decode()
    assert "Anna" in listing
    # Confirming the same dry run again does nothing more.
    client.post(reverse("case_imports:confirm", args=[dry.pk]))
    assert ImportRun.objects.count() == 2


def test_a_broken_file_is_refused_with_a_readable_report(herlev, consultant):
    client = signed_in(consultant)
    bad = changed(BO, Kommune="Atlantis", CPR="999999-9999")
    answer = post_file(client, herlev, csv_bytes(ANNA, bad))
    page = client.get(answer["Location"]).content.decode()
    assert "Filen er afvist" in page
    assert "Ukendt kommune: Atlantis" in page
    assert 'data-testid="confirm-import"' not in page
    run = ImportRun.objects.get()
    csv_report = client.get(reverse("case_imports:report_csv", args=[run.pk]))
    text = csv_report.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Række;Kolonne;Besked;Id;Ændring;Felter"
    assert "3;Kommune;Ukendt kommune: Atlantis" in text
    xlsx = client.get(reverse("case_imports:report_xlsx", args=[run.pk]))
    assert xlsx.content[:2] == b"PK"
    assert not Candidate.objects.exists()


def test_the_report_in_english(herlev, consultant):
    client = signed_in(consultant)
    client.cookies["django_language"] = "en"
    answer = post_file(client, herlev, csv_bytes(changed(ANNA, Kommune="Atlantis")))
    page = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Unknown municipality: Atlantis" in page


def test_another_centres_consultant_cannot_import_into_or_read_it(herlev, gladsaxe, consultant):
    outsider = signed_in(staff(Role.JOB_CONSULTANT, gladsaxe))
    answer = post_file(outsider, herlev, csv_bytes(ANNA))
    assert answer.status_code == 200  # the form: Herlev is no choice of theirs
    assert not ImportRun.objects.exists()
    post_file(signed_in(consultant), herlev, csv_bytes(ANNA))
    run = ImportRun.objects.get()
    for name in ("case_imports:run", "case_imports:progress", "case_imports:report_csv"):
        assert outsider.get(reverse(name, args=[run.pk])).status_code == 404
    assert outsider.post(reverse("case_imports:confirm", args=[run.pk])).status_code == 404
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.JOB_CONSULTANT, 200),
        (Role.BUSINESS_CONSULTANT, 200),
        (Role.SECRETARIAT, 200),
        (Role.RECRUITMENT_CONSULTANT, 403),
        (Role.ONBOARDING_CONSULTANT, 403),
        (Role.TEAM_LEADER, 403),
        (Role.DATA_PROTECTION_OFFICER, 403),
    ],
)
def test_who_opens_the_import_page(herlev, role, status):
    assert signed_in(staff(role, herlev)).get(UPLOAD).status_code == status


def test_a_business_consultant_may_not_import_candidates(herlev):
    client = signed_in(staff(Role.BUSINESS_CONSULTANT, herlev))
    answer = post_file(client, herlev, csv_bytes(ANNA))
    assert answer.status_code == 200
    assert "kind" in answer.context["form"].errors
    assert not ImportRun.objects.exists()


def test_the_queue_of_waiting_titles(herlev, consultant, gladsaxe):
    client = signed_in(consultant)
    row = changed(ANNA, **{"Ønskede job": "Souschef, køkken", "Tidligere job": ""})
    answer = post_file(client, herlev, csv_bytes(row))
    client.post(reverse("case_imports:confirm", args=[ImportRun.objects.get().pk]))
    assert answer.status_code == 302
    queue = client.get(reverse("case_imports:titles")).content.decode()
    assert "Souschef, køkken" in queue and "Anna Hansen" in queue
    anna = Candidate.objects.get(case_id="S-1001")
    assert AccessLogEntry.objects.filter(candidate=anna, user=consultant).exists()
    pending = PendingTitleLink.objects.get()
    page = client.get(reverse("case_imports:title", args=[pending.pk])).content.decode()
    assert "chefkok" in page.lower() or "head chef" in page
    # Another centre's consultant does not see it.
    other = signed_in(staff(Role.JOB_CONSULTANT, gladsaxe))
    assert "Souschef" not in other.get(reverse("case_imports:titles")).content.decode()
    assert other.get(reverse("case_imports:title", args=[pending.pk])).status_code == 404
    chef = Occupation.objects.get(label_en="head chef")
    done = client.post(reverse("case_imports:title", args=[pending.pk]), {"occupation": chef.pk})
    assert done["Location"] == reverse("case_imports:titles")
    assert list(anna.cv.wished_occupations.all()) == [chef]
    assert "Ingen jobtitler venter" in client.get(reverse("case_imports:titles")).content.decode()


def test_get_on_confirm_goes_to_the_run_page(client, herlev, consultant):
    from jobbro.case_imports.services import create_run

    made = create_run(
        job_centre=herlev, kind="candidates", filename="x.csv", data=b"x", user=consultant
    )
    client.force_login(consultant)
    response = client.get(reverse("case_imports:confirm", args=[made.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("case_imports:run", args=[made.pk])
    assert not ImportRun.objects.exclude(pk=made.pk).exists()
