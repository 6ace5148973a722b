"""The commands: the same service as the page; a bad file exits non-zero and writes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jobbro.candidates.models import Candidate
from jobbro.case_imports.models import ImportRun, JobOrderCaseId
from jobbro.companies.models import Company
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Role
from tests.factories import IndustryFactory, staff, valid_cvrs

from .files import ANNA, BO, changed, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.usefixtures("esco")


def call(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_candidates_by_command_and_again(herlev, tmp_path):
    path = tmp_path / "borgere.xlsx"
    path.write_bytes(xlsx_bytes(ANNA, BO))
    out = call("import_candidates", str(path), "--job-centre", "Jobcenter Herlev", "--dry-run")
    assert "oprettet: 2" in out and "(prøvekørsel)" in out
    assert not Candidate.objects.exists()
    out = call("import_candidates", str(path), "--job-centre", "163")  # Herlev's code
    assert "oprettet: 2" in out
    out = call("import_candidates", str(path), "--job-centre", str(herlev.pk))
    assert "uændret: 2" in out
    assert Candidate.objects.count() == 2


def test_a_bad_file_exits_non_zero_with_the_report(herlev, tmp_path):
    path = tmp_path / "borgere.csv"
    path.write_bytes(csv_bytes(ANNA, changed(BO, Kommune="Atlantis")))
    out = StringIO()
    with pytest.raises(CommandError, match="intet er skrevet"):
        call_command("import_candidates", str(path), "--job-centre", "Jobcenter Herlev", stdout=out)
    assert "3;Kommune;Ukendt kommune: Atlantis" in out.getvalue()
    assert not Candidate.objects.exists()
    assert ImportRun.objects.get().status == "refused"


def test_mark_missing_by_command(herlev, tmp_path):
    path = tmp_path / "borgere.csv"
    path.write_bytes(csv_bytes(ANNA, BO))
    call("import_candidates", str(path), "--job-centre", "Jobcenter Herlev")
    path.write_bytes(csv_bytes(ANNA))
    out = call("import_candidates", str(path), "--job-centre", "Jobcenter Herlev", "--mark-missing")
    assert "mangler i filen: 1" in out
    assert Candidate.objects.get(case_id="S-1002").status == "inactive"


def test_an_unknown_job_centre_or_user_is_an_error(herlev, tmp_path):
    path = tmp_path / "borgere.csv"
    path.write_bytes(csv_bytes(ANNA))
    with pytest.raises(CommandError, match="Ikke ét bestemt jobcenter"):
        call("import_candidates", str(path), "--job-centre", "Jobcenter Atlantis")
    with pytest.raises(CommandError, match="Ingen bruger"):
        call("import_candidates", str(path), "--job-centre", "Jobcenter Herlev", "--as", "nobody")


def test_a_user_of_another_job_centre_is_refused(herlev, gladsaxe, tmp_path):
    outsider = staff(Role.JOB_CONSULTANT, gladsaxe)
    path = tmp_path / "borgere.csv"
    path.write_bytes(csv_bytes(ANNA))
    with pytest.raises(CommandError, match="Afvist"):
        call(
            "import_candidates",
            str(path),
            "--job-centre",
            "Jobcenter Herlev",
            "--as",
            outsider.username,
        )
    assert not Candidate.objects.exists()


COMPANY_HEADER = ["CVR", "Navn", "Adresse", "Postnummer", "By", "Kommune", "Branchekode"]


def test_companies_by_cvr_then_job_orders_by_their_id(herlev, tmp_path):
    consultant = staff(Role.BUSINESS_CONSULTANT, herlev)
    industry = IndustryFactory()
    cvr = valid_cvrs(1, start=3_100_000)[0]
    companies = tmp_path / "virksomheder.csv"
    row = [cvr, "Herlev Byg ApS", "Herlev Ringvej 2", "2730", "Herlev", "Herlev", industry.code]
    companies.write_bytes(csv_bytes(row, header=COMPANY_HEADER))
    args = ("--job-centre", "Jobcenter Herlev", "--as", consultant.username)
    assert "oprettet: 1" in call("import_companies", str(companies), *args)
    assert "uændret: 1" in call("import_companies", str(companies), *args)
    row[1] = "Herlev Byg A/S"
    companies.write_bytes(csv_bytes(row, header=COMPANY_HEADER))
    assert "opdateret: 1" in call("import_companies", str(companies), *args)
    assert Company.objects.get(cvr=cvr).name == "Herlev Byg A/S"

    header = [
        "Jobordre-id",
        "CVR",
        "Stillingsbetegnelse",
        "Antal stillinger",
        "Arbejdssted",
        "Startdato",
        "Ansøgningsfrist",
    ]
    good = ["J-1", cvr, "Tømrer", "2", "Herlev Ringvej 2", "01-03-2026", "15.02.2026"]
    orders = tmp_path / "jobordrer.csv"
    orders.write_bytes(csv_bytes(good, header=header))
    assert "oprettet: 1" in call("import_job_orders", str(orders), *args)
    job_order = JobOrderCaseId.objects.get(case_id="J-1").job_order
    assert (job_order.title, job_order.positions, job_order.created_by) == ("Tømrer", 2, consultant)
    assert job_order.occupation.label_en == "carpenter"
    assert "uændret: 1" in call("import_job_orders", str(orders), *args)
    unclear = ["J-2", cvr, "Souschef, køkken", "1", "Herlev Ringvej 2", "01-03-2026", "15.02.2026"]
    orders.write_bytes(csv_bytes(good, unclear, header=header))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_job_orders", str(orders), *args, stdout=out)
    assert "3;Stillingsbetegnelse;Titlen kan ikke" in out.getvalue()
    assert JobOrder.objects.count() == 1


def test_job_orders_need_a_user(herlev, tmp_path):
    path = tmp_path / "jobordrer.csv"
    path.write_bytes(b"Jobordre-id\n1\n")
    with pytest.raises(CommandError):
        call("import_job_orders", str(path), "--job-centre", "Jobcenter Herlev")


def test_a_user_without_the_right_is_refused_with_a_reason(herlev, gladsaxe, tmp_path):
    staff(Role.JOB_CONSULTANT, gladsaxe, username="gitte")
    path = tmp_path / "borgere.csv"
    path.write_bytes(csv_bytes(ANNA))
    with pytest.raises(CommandError) as refused:
        call("import_candidates", str(path), "--job-centre", "Jobcenter Herlev", "--as", "gitte")
    message = str(refused.value)
    assert "gitte" in message and "Jobcenter Herlev" in message and "kandidater" in message
    assert message.startswith("Afvist: ")
    assert not Candidate.objects.exists()


def test_the_command_speaks_danish(herlev, tmp_path):
    path = tmp_path / "borgere.csv"
    path.write_bytes(csv_bytes(ANNA, changed(BO, Kommune="Atlantis")))
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_candidates", str(path), "--job-centre", "Jobcenter Herlev", stdout=out)
    assert str(refused.value) == "Filen blev afvist med 1 problem; intet er skrevet."
    assert "status: afvist" in out.getvalue()
    path.write_bytes(csv_bytes(ANNA))
    out_text = call("import_candidates", str(path), "--job-centre", "163", "--dry-run")
    assert "status: færdig (prøvekørsel)" in out_text
    assert "dry run" not in out_text and "done" not in out_text
    english = call(
        "import_candidates", str(path), "--job-centre", "163", "--dry-run", "--language", "en"
    )
    assert "status: done (dry run)" in english
