"""The import service: reading, checking, idempotency, updates, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope
from jobbro.case_imports.models import ImportKind, ImportRun, PendingTitleLink, RunStatus
from jobbro.case_imports.services import create_run, run_import
from jobbro.crypto import hash_cpr
from jobbro.matching.models import CandidateChange
from jobbro.organisations.models import Role
from tests.factories import CandidateFactory, staff

from .files import ANNA, BO, HEADER, changed, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.usefixtures("esco")


def run(centre, data, *, user=None, dry_run=False, mark_missing=False, language="da", name="x.csv"):
    made = create_run(
        job_centre=centre,
        kind=ImportKind.CANDIDATES,
        filename=name,
        data=data,
        user=user,
        dry_run=dry_run,
        mark_missing=mark_missing,
        language=language,
    )
    return run_import(made.pk)


def messages(result: ImportRun) -> list[tuple[int, str, str]]:
    return [(i["row"], i["column"], i["message"]) for i in result.report["issues"]]


@pytest.mark.parametrize("maker", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_a_file_imports_every_column(herlev, consultant, maker):
    result = run(herlev, maker(ANNA, BO), user=consultant)
    assert result.status == RunStatus.DONE, messages(result)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    anna = Candidate.objects.get(case_id="S-1001")
    assert anna.job_centre == herlev
    assert anna.cpr == "0101901234"
    assert anna.cpr_hash == hash_cpr("0101901234")
    assert anna.birth_date == dt.date(1990, 1, 1)
    assert (anna.first_name, anna.last_name, anna.email) == ("Anna", "Hansen", "anna@example.dk")
    assert anna.municipality.name == "Herlev"
    assert anna.available_from == dt.date(2026, 2, 1)
    assert anna.consent_scope == ConsentScope.COOPERATION
    assert anna.consent_recorded_by == consultant
    assert [g.code for g in anna.target_groups.all()] == ["youth"]
    cv = anna.cv
    assert [o.label_en for o in cv.wished_occupations.all()] == ["carpenter"]
    [past] = cv.experiences.all()
    assert (past.title, past.occupation.label_en) == ("Tømrerlærling", "carpenter")
    assert (past.start_date, past.end_date) == (dt.date(2012, 1, 1), dt.date(2016, 12, 31))
    [education] = cv.educations.all()
    assert (education.title, education.level, education.completed_year) == (
        "Tømrer",
        "vocational",
        2016,
    )
    assert sorted(q.qualification.code for q in cv.qualifications.all()) == ["licence-b", "truck-b"]
    assert sorted((s.language.code, s.level) for s in cv.languages.all()) == [
        ("da", "C2"),
        ("en", "B1"),
    ]
    bo = Candidate.objects.get(case_id="S-1002")
    assert bo.available_from == dt.date(2026, 3, 15)
    assert bo.consent_scope == ConsentScope.NONE
    # The matching index learns of both in its journal.
    assert set(CandidateChange.objects.values_list("candidate_id", flat=True)) >= {anna.pk, bo.pk}
    assert not result.data  # the file with its CPR numbers is not kept


def test_english_headers_and_iso_dates(herlev):
    header = ["Case ID", "CPR number", "First name", "Last name", "Municipality", "Available from"]
    row = ["E-1", "010190-1234", "Anna", "Hansen", "Herlev", "2026-02-01"]
    result = run(herlev, csv_bytes(row, header=header))
    assert result.status == RunStatus.DONE, messages(result)
    assert Candidate.objects.get(case_id="E-1").available_from == dt.date(2026, 2, 1)


def test_a_second_import_of_the_same_file_changes_nothing(herlev, consultant):
    data = csv_bytes(ANNA, BO)
    run(herlev, data, user=consultant)
    before = {c.pk: c.updated_at for c in Candidate.objects.all()}
    journal = CandidateChange.objects.count()
    second = run(herlev, data, user=consultant)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert {c.pk: c.updated_at for c in Candidate.objects.all()} == before
    assert CandidateChange.objects.count() == journal


def test_an_unchanged_import_writes_nothing_to_the_candidates(herlev, consultant):
    data = csv_bytes(ANNA, BO)
    run(herlev, data, user=consultant)
    made = create_run(job_centre=herlev, kind="candidates", filename="x.csv", data=data)
    with CaptureQueriesContext(connection) as queries:
        run_import(made.pk)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and "case_imports_importrun" not in q["sql"]
    ]
    assert writes == []


def test_a_changed_row_updates_only_that_candidate(herlev, consultant):
    run(herlev, csv_bytes(ANNA, BO), user=consultant)
    bo_before = Candidate.objects.get(case_id="S-1002").updated_at
    anna = changed(ANNA, Kommune="Gladsaxe", Sprog="dansk C2", Kørekort="B; C")
    result = run(herlev, csv_bytes(anna, BO), user=consultant)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    [change] = result.report["changes"]
    assert change["key"] == "S-1001"
    assert "bopælskommune" in change["fields"] or "municipality of residence" in change["fields"]
    updated = Candidate.objects.get(case_id="S-1001")
    assert updated.municipality.name == "Gladsaxe"
    assert [s.language.code for s in updated.cv.languages.all()] == ["da"]
    codes = sorted(q.qualification.code for q in updated.cv.qualifications.all())
    assert codes == ["licence-b", "licence-c", "truck-b"]
    assert updated.first_name == "Anna" and updated.cpr == "0101901234"
    assert Candidate.objects.get(case_id="S-1002").updated_at == bo_before


def test_a_person_registered_by_hand_is_adopted_by_cpr(herlev, consultant):
    by_hand = CandidateFactory(job_centre=herlev, cpr="0101901234", first_name="Anne")
    result = run(herlev, csv_bytes(ANNA), user=consultant)
    assert (result.created, result.updated) == (0, 1)
    by_hand.refresh_from_db()
    assert (by_hand.case_id, by_hand.first_name) == ("S-1001", "Anna")


def test_missing_people_are_left_alone_unless_asked(herlev, consultant):
    run(herlev, csv_bytes(ANNA, BO), user=consultant)
    only_anna = csv_bytes(ANNA)
    result = run(herlev, only_anna)
    assert result.missing == 0
    assert Candidate.objects.get(case_id="S-1002").status == CandidateStatus.ACTIVE
    by_hand = CandidateFactory(job_centre=herlev)  # no case id: not the case system's
    dry = run(herlev, only_anna, mark_missing=True, dry_run=True)
    assert (dry.missing, dry.report["missing"]) == (1, ["S-1002"])
    assert Candidate.objects.get(case_id="S-1002").status == CandidateStatus.ACTIVE
    result = run(herlev, only_anna, mark_missing=True)
    assert result.missing == 1
    assert Candidate.objects.get(case_id="S-1002").status == CandidateStatus.INACTIVE
    assert Candidate.objects.get(pk=by_hand.pk).status == CandidateStatus.ACTIVE
    # Back in the file: registered again.
    run(herlev, csv_bytes(ANNA, BO))
    assert Candidate.objects.get(case_id="S-1002").status == CandidateStatus.ACTIVE


def test_one_bad_row_refuses_the_whole_file(herlev):
    bad = changed(BO, CPR="320185-4321")
    result = run(herlev, csv_bytes(ANNA, bad))
    assert result.status == RunStatus.REFUSED
    assert not Candidate.objects.exists()
    assert messages(result) == [
        (3, "CPR", "Et CPR-nummer har ti cifre, og de første seks er en gyldig dato (DDMMÅÅ).")
    ]


def test_the_report_names_row_and_column_in_english(herlev):
    rows = [
        changed(ANNA, Kommune="Atlantis", **{"Ledig fra": "31-02-2026"}),
        BO,
        changed(ANNA, **{"Sags-id": "S-1002"}),
    ]
    result = run(herlev, csv_bytes(*rows), language="en")
    assert messages(result) == [
        (2, "Kommune", "Unknown municipality: Atlantis"),
        (
            2,
            "Ledig fra",
            "The date does not exist: 31-02-2026",
        ),
        (4, "Sags-id", "The same person as in row 3."),
    ]


def test_unknown_and_missing_columns_refuse_the_file(herlev):
    header = [*HEADER[:6], "Skonummer", *HEADER[7:]]  # no Kommune, one unknown
    result = run(herlev, csv_bytes(ANNA, header=header), language="en")
    assert result.status == RunStatus.REFUSED
    assert (0, "Skonummer", "Unknown column: Skonummer") in messages(result)
    assert (0, "Kommune", "The column Kommune is missing.") in messages(result)


def test_the_same_cpr_twice_and_another_centres_person(herlev, gladsaxe):
    CandidateFactory(job_centre=gladsaxe, cpr="0202854321")
    twice = changed(ANNA, **{"Sags-id": "S-9"})
    result = run(herlev, csv_bytes(ANNA, twice, BO), language="en")
    found = messages(result)
    assert (3, "CPR", "The same person as in row 2.") in found
    assert found[-1][:2] == (4, "CPR")
    assert "Jobcenter Gladsaxe" in found[-1][2]
    assert not Candidate.objects.filter(job_centre=herlev).exists()


def test_a_dry_run_reports_and_writes_nothing(herlev):
    result = run(herlev, csv_bytes(ANNA, BO), dry_run=True)
    assert result.status == RunStatus.DONE
    assert (result.created, result.rows) == (2, 2)
    assert [c["key"] for c in result.report["changes"]] == ["S-1001", "S-1002"]
    assert not Candidate.objects.exists()
    assert result.data  # kept for the confirmation


def test_unclear_titles_wait_for_a_person_and_are_remembered(herlev, consultant):
    from jobbro.case_imports.services import title_resolve
    from jobbro.taxonomy.models import Occupation

    row = changed(
        ANNA, **{"Ønskede job": "Souschef, køkken", "Tidligere job": "Souschef, køkken (2019-)"}
    )
    result = run(herlev, csv_bytes(row), user=consultant)
    assert result.pending_titles == 2
    anna = Candidate.objects.get(case_id="S-1001")
    assert not anna.cv.wished_occupations.exists() and not anna.cv.experiences.exists()
    waiting = PendingTitleLink.objects.filter(candidate=anna).order_by("use")
    assert [(p.use, p.title, p.start_year) for p in waiting] == [
        ("past", "Souschef, køkken", 2019),
        ("wished", "Souschef, køkken", None),
    ]
    labels = set(
        Occupation.objects.filter(pk__in=waiting[0].suggestions).values_list("label_en", flat=True)
    )
    assert {"chef", "head chef"} <= labels
    # Reimported before anyone chose: still waiting, nothing changed.
    again = run(herlev, csv_bytes(row))
    assert (again.unchanged, PendingTitleLink.objects.count()) == (1, 2)
    chef = Occupation.objects.get(label_en="head chef")
    # One choice links both: the past job and the wished job of the same title.
    title_resolve(actor=consultant, pending=waiting[0], occupation=chef)
    anna.refresh_from_db()
    assert list(anna.cv.wished_occupations.all()) == [chef]
    [past] = anna.cv.experiences.all()
    assert (past.occupation, past.start_date, past.end_date) == (chef, dt.date(2019, 1, 1), None)
    # The next file links the title the way the person chose: unchanged, nothing waiting.
    third = run(herlev, csv_bytes(row))
    assert (third.unchanged, third.pending_titles) == (1, 0)
    assert not PendingTitleLink.objects.filter(resolved_at=None).exists()


def test_only_the_job_centres_job_consultants_may_import(herlev, gladsaxe):
    outsider = staff(Role.JOB_CONSULTANT, gladsaxe)
    business = staff(Role.BUSINESS_CONSULTANT, herlev)
    for user in (outsider, business):
        with pytest.raises(PermissionDenied):
            create_run(job_centre=herlev, kind="candidates", filename="x.csv", data=b"", user=user)
    assert not ImportRun.objects.exists()


def test_anonymisation_clears_the_case_id(herlev, consultant):
    from jobbro.privacy.services import candidate_erase

    run(herlev, csv_bytes(ANNA), user=consultant)
    anna = Candidate.objects.get(case_id="S-1001")
    candidate_erase(actor=staff(Role.DATA_PROTECTION_OFFICER, herlev), candidate=anna)
    anna.refresh_from_db()
    assert anna.case_id == ""


def test_a_file_without_the_licence_column_keeps_the_licences(herlev, consultant):
    run(herlev, csv_bytes(ANNA), user=consultant)
    header = [h for h in HEADER if h != "Kørekort"]
    row = [v for h, v in zip(HEADER, ANNA, strict=True) if h != "Kørekort"]
    row[header.index("Certifikater")] = "Hygiejnebevis"
    result = run(herlev, csv_bytes(row, header=header))
    assert result.updated == 1
    cv = Candidate.objects.get(case_id="S-1001").cv
    assert sorted(q.qualification.code for q in cv.qualifications.all()) == [
        "hygiene",
        "licence-b",
    ]


def test_choosing_the_occupation_links_every_waiting_entry_of_the_title(herlev, gladsaxe):
    from jobbro.case_imports.services import title_resolve
    from jobbro.taxonomy.models import Occupation

    consultant = staff(Role.JOB_CONSULTANT, herlev)
    anna = changed(
        ANNA, **{"Ønskede job": "Souschef, køkken", "Tidligere job": "souschef, køkken (2010-2020)"}
    )
    bo = changed(BO, **{"Ønskede job": "Souschef, køkken"})
    assert run(herlev, csv_bytes(anna, bo), user=consultant).status == RunStatus.DONE
    other = changed(bo, **{"Sags-id": "G-1", "CPR": "030385-4321", "Kommune": "Gladsaxe"})
    assert run(gladsaxe, csv_bytes(other)).status == RunStatus.DONE
    assert PendingTitleLink.objects.filter(job_centre=herlev).count() == 3
    chef = Occupation.objects.get(label_en="head chef")
    first = PendingTitleLink.objects.get(candidate__case_id="S-1001", use="wished")
    title_resolve(actor=consultant, pending=first, occupation=chef)
    assert not PendingTitleLink.objects.filter(job_centre=herlev, resolved_at=None).exists()
    anna_cv = Candidate.objects.get(case_id="S-1001").cv
    assert list(anna_cv.wished_occupations.all()) == [chef]
    (past,) = anna_cv.experiences.all()
    assert (past.occupation, past.start_date, past.end_date) == (
        chef,
        dt.date(2010, 1, 1),
        dt.date(2020, 12, 31),
    )
    assert list(Candidate.objects.get(case_id="S-1002").cv.wished_occupations.all()) == [chef]
    # Another job centre's waiting title is theirs to choose.
    assert PendingTitleLink.objects.get(job_centre=gladsaxe).resolved_at is None
