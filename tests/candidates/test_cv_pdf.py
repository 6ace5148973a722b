"""The CV as PDF: who may read which variant, the log of each read, what the anonymised
CV leaves out, and the rendered pages checked as images in Danish and English."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from jobbro.accesslog.models import AccessLogEntry, Purpose
from jobbro.candidates.cv_pdf import names_person, render_cv
from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.candidates.selectors import candidate_with_cv
from jobbro.joborders.models import Referral, ReferralState
from jobbro.organisations.models import JobCentre, Role
from tests.candidates.pdf_pages import read_pdf, text_of
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    EducationFactory,
    ExperienceFactory,
    HeldQualificationFactory,
    JobCentreFactory,
    JobOrderFactory,
    ReferralFactory,
    SpokenLanguageFactory,
    staff,
)

pytestmark = pytest.mark.pdf

BLUE = (0, 73, 147)  # the headings' colour in pdf.css
# What tells who the candidate is; none of it may be in the anonymised CV.
IDENTIFYING = [
    "Mette",
    "Kjærgaard",
    "1506884321",
    "150688-4321",
    "2844 1907",
    "28441907",
    "mette.k@example.dk",
    "Ålekistevej",
    "1988",
]


def cv_candidate(job_centre: JobCentre, **fields: Any) -> Candidate:
    """A candidate whose CV names her in the Danish profile and in one employer."""
    candidate = CandidateFactory(
        job_centre=job_centre,
        first_name="Mette",
        last_name="Kjærgaard",
        cpr="1506884321",
        birth_date=dt.date(1988, 6, 15),
        email="mette.k@example.dk",
        phone="+45 2844 1907",
        street="Ålekistevej 12",
        postcode="2720",
        available_from=dt.date(2026, 2, 1),
        **fields,
    )
    cv = candidate.cv
    cv.profile_da = "Jeg hedder Mette og har kørt truck i ti år. Ring på 2844 1907."
    cv.profile_en = "Forklift driver for ten years, used to early shifts and cold stores."
    cv.save()
    ExperienceFactory(
        cv=cv,
        title="Lagermedarbejder",
        employer="Kjærgaard Transport ApS",
        start_date=dt.date(2016, 3, 1),
        end_date=dt.date(2024, 5, 31),
        description="Truckkørsel og plukning på frostlager",
    )
    ExperienceFactory(cv=cv, title="Chauffør", employer="DSV", start_date=dt.date(2024, 6, 1))
    EducationFactory(cv=cv, title="Lager og logistik", institution="NEXT", completed_year=2015)
    HeldQualificationFactory(cv=cv)
    SpokenLanguageFactory(cv=cv)
    return candidate


# --- access and the log ------------------------------------------------------------------

NAMED = ("candidates:cv_pdf_da", "candidates:cv_pdf_en")
ANONYMISED = ("candidates:cv_anonymised_pdf_da", "candidates:cv_anonymised_pdf_en")


@pytest.fixture
def centres(db: Any) -> dict[str, JobCentre]:
    own = JobCentreFactory(name="Jobcenter Herlev")
    return {
        "own": own,
        "other": JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=own.cooperation),
        "foreign": JobCentreFactory(
            name="Jobcenter Hillerød",
            cooperation=CooperationFactory(
                name="Nordsjællands Rekrutteringsservice", short_name="NRS"
            ),
        ),
    }


def _status(client_for: Any, user: Any, name: str, candidate: Candidate) -> int:
    response = client_for(user).get(reverse(name, args=[candidate.pk]))
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "no-store"
        assert response.content.startswith(b"%PDF-")
    return response.status_code


@pytest.mark.parametrize(
    ("role", "centre", "consent", "named", "anonymised"),
    [
        # The owning job centre's staff read both.
        (Role.JOB_CONSULTANT, "own", ConsentScope.NONE, 200, 200),
        (Role.BUSINESS_CONSULTANT, "own", ConsentScope.NONE, 200, 200),
        # Another centre of the cooperation: the CV with consent, else neither (an
        # anonymous hit in its ranked list is no key to the anonymised CV).
        (Role.JOB_CONSULTANT, "other", ConsentScope.COOPERATION, 200, 200),
        (Role.JOB_CONSULTANT, "other", ConsentScope.NONE, 404, 404),
        (Role.SECRETARIAT, "own", ConsentScope.COOPERATION, 200, 200),
        (Role.SECRETARIAT, "own", ConsentScope.NONE, 404, 404),
        # A job centre of another cooperation: the candidate does not exist for it.
        (Role.JOB_CONSULTANT, "foreign", ConsentScope.COOPERATION, 404, 404),
        # Neither the DPO nor the leaders read CVs.
        (Role.DATA_PROTECTION_OFFICER, "own", ConsentScope.COOPERATION, 403, 403),
        (Role.MANAGER, "own", ConsentScope.COOPERATION, 403, 403),
    ],
)
def test_who_reads_which_cv(client_for, centres, role, centre, consent, named, anonymised):
    candidate = CandidateFactory(
        job_centre=centres["own"],
        consent_scope=consent,
        consent_given_on=None if consent == ConsentScope.NONE else dt.date(2026, 1, 5),
    )
    user = staff(role, centres[centre])
    for name in NAMED:
        assert _status(client_for, user, name, candidate) == named, name
    for name in ANONYMISED:
        assert _status(client_for, user, name, candidate) == anonymised, name
    reads = AccessLogEntry.objects.filter(user=user, candidate=candidate)
    expected = [n for n in NAMED if named == 200] + [n for n in ANONYMISED if anonymised == 200]
    assert sorted(reads.values_list("view_name", flat=True)) == sorted(expected)
    assert set(reads.values_list("purpose", flat=True)) <= {Purpose.VIEW}


def test_another_centre_cannot_list_non_consenting_candidates_by_address(client_for, centres):
    """Trying ids in the anonymised CV's address finds nothing without consent."""
    candidate = CandidateFactory(
        job_centre=centres["own"], consent_scope=ConsentScope.NONE, consent_given_on=None
    )
    reader = staff(Role.JOB_CONSULTANT, centres["other"])
    assert _status(client_for, reader, ANONYMISED[0], candidate) == 404
    owner = staff(Role.JOB_CONSULTANT, centres["own"])
    assert _status(client_for, owner, ANONYMISED[0], candidate) == 200


def test_contact_data_only_for_the_owning_job_centre(client_for, centres):
    candidate = cv_candidate(centres["own"])
    owner = staff(Role.JOB_CONSULTANT, centres["own"])
    other = staff(Role.JOB_CONSULTANT, centres["other"])
    url = reverse("candidates:cv_pdf_da", args=[candidate.pk])
    own_text = text_of(client_for(owner).get(url).content)
    other_text = text_of(client_for(other).get(url).content)
    assert "Mette Kjærgaard" in own_text and "Mette Kjærgaard" in other_text
    assert "mette.k@example.dk" in own_text and "Ålekistevej 12" in own_text
    assert "mette.k@example.dk" not in other_text and "Ålekistevej" not in other_text
    # Neither variant carries the CPR number: it is not part of the CV.
    assert "1506884321" not in own_text and "150688-4321" not in own_text


def test_the_candidate_page_links_the_pdfs(client_for, centres):
    candidate = CandidateFactory(job_centre=centres["own"])
    page = client_for(staff(Role.JOB_CONSULTANT, centres["own"]))
    content = page.get(reverse("candidates:detail", args=[candidate.pk])).content.decode()
    for name in (*NAMED, *ANONYMISED):
        assert reverse(name, args=[candidate.pk]) in content


# --- what the anonymised CV leaves out ----------------------------------------------------


def test_free_text_that_names_the_person_is_recognised(db):
    candidate = CandidateFactory.build(
        first_name="Anne-Marie", last_name="Østergaard", birth_date=dt.date(1990, 3, 2)
    )
    assert names_person("Anne er stabil", candidate)
    assert names_person("Østergaards VVS", candidate) is False  # a different word
    assert names_person("Østergaard VVS", candidate)
    assert names_person("skriv til am@example.dk", candidate)
    assert names_person("tlf. 20 30 40 50", candidate)
    assert names_person("født i 1990", candidate)
    assert not names_person("Erfaren tømrer siden 2012, kører truck", candidate)
    assert not names_person("", candidate)


# --- the rendered PDFs, as text and as images -----------------------------------------------

HEADINGS = {
    ("named", "da"): ("Mette Kjærgaard", "Erhvervserfaring"),
    ("named", "en"): ("Mette Kjærgaard", "Experience"),
    ("anonymised", "da"): ("Anonymiseret CV", "Erhvervserfaring"),
    ("anonymised", "en"): ("Anonymised CV", "Experience"),
}


@pytest.fixture(scope="module")
def rendered(django_db_setup: Any, django_db_blocker: Any) -> dict[tuple[str, str], Any]:
    """The four PDFs of one CV, rendered once for the module (the first render loads the
    fonts), read back as text and page images; the rows are rolled back."""
    pages = {}
    with django_db_blocker.unblock(), transaction.atomic():
        centre = JobCentreFactory(name="Jobcenter Herlev")
        candidate = candidate_with_cv(cv_candidate(centre).pk)
        assert candidate is not None
        for variant, language in HEADINGS:
            data = render_cv(
                candidate,
                language=language,
                anonymised=variant == "anonymised",
                show_contact=True,
            )
            pages[variant, language] = read_pdf(data, find=HEADINGS[variant, language])
        transaction.set_rollback(True)
    return pages


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_anonymised_cv_says_nothing_that_tells_who(rendered, language):
    text = "\n".join(page.text for page in rendered["anonymised", language])
    found = [word for word in IDENTIFYING if word in text]
    assert not found, f"the anonymised CV ({language}) names: {found}"
    # What a company needs stays: occupations, education, certificates, the job centre.
    assert "Lagermedarbejder" in text and "Chauffør" in text and "DSV" in text
    assert "Lager og logistik" in text
    assert ("Truckcertifikat B" if language == "da" else "Forklift certificate B") in text
    assert "Jobcenter Herlev" in text
    # The Danish profile names her: in Danish it is left out, and the PDF says so.
    if language == "da":
        assert "Jeg hedder" not in text and "Profilen er udeladt" in text
    else:
        assert "Forklift driver for ten years" in text
    assert "Kjærgaard Transport" not in text  # the employer names her too


def test_the_named_cv_has_it_all(rendered):
    text = "\n".join(page.text for page in rendered["named", "da"])
    for wanted in ("Mette Kjærgaard", "mette.k@example.dk", "Kjærgaard Transport ApS"):
        assert wanted in text
    assert "Jeg hedder Mette" in text
    assert "15. juni 1988" in text  # Danish dates
    assert "1. februar 2026" in text
    assert "marts 2016 – maj 2024" in text  # a job's months as Danish writes them


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_pdfs_speak_the_language_of_the_address(rendered, language):
    text = rendered["named", language][0].text
    if language == "da":
        assert "Uddannelse" in text and "Sprog" in text and "Kan starte fra" in text
        assert "Education" not in text
    else:
        assert "Education" in text and "Languages" in text and "Available from" in text
        assert "1 February 2026" in text or "February 1, 2026" in text
        assert "March 2016 – May 2024" in text


@pytest.mark.parametrize("key", list(HEADINGS), ids=["-".join(k) for k in HEADINGS])
def test_the_rendered_pages_look_like_the_template(rendered, key):
    pages = rendered[key]
    assert 1 <= len(pages) <= 2, "one CV fits on one or two A4 pages"
    first = pages[0]
    height, width, _ = first.image.shape
    assert abs(height / width - 297 / 210) < 0.01, "A4 portrait"
    for page in pages:
        assert 0.01 < page.ink() < 0.5, "a page is neither blank nor a smudge"
    title, section = HEADINGS[key]
    # The title at the top, the blue rule under it, the sections below.
    assert first.tops[title] < 0.12
    rule = [row / height for row in first.rows_of_colour(BLUE)]
    assert rule and first.tops[title] < min(rule) < 0.2
    assert min(rule) < first.tops[section] < 0.9


def test_the_two_languages_share_one_layout(rendered):
    for variant in ("named", "anonymised"):
        da, en = rendered[variant, "da"][0], rendered[variant, "en"][0]
        title_da, _ = HEADINGS[variant, "da"]
        title_en, _ = HEADINGS[variant, "en"]
        assert abs(da.tops[title_da] - en.tops[title_en]) < 0.005
        assert abs(min(da.rows_of_colour(BLUE)) - min(en.rows_of_colour(BLUE))) <= 2


# --- beside the company sheet -------------------------------------------------------------


@pytest.fixture
def proposed(centres: dict[str, JobCentre]) -> Any:
    """A job order of the own centre with a proposed candidate of the other centre who did
    not consent to sharing."""
    home = centres["own"].municipalities.get()
    company = CompanyFactory(cooperation=centres["own"].cooperation, municipality=home)
    job_order = JobOrderFactory(company=company, job_centre=centres["own"])
    candidate = cv_candidate(
        centres["other"], consent_scope=ConsentScope.NONE, consent_given_on=None
    )
    return ReferralFactory(job_order=job_order, candidate=candidate, motivation="Mette er god")


def test_the_company_sheet_names_only_whom_the_user_may_name(client_for, centres, proposed):
    reader = staff(Role.BUSINESS_CONSULTANT, centres["own"])
    sheet = reverse("screening:company_sheet", args=[proposed.job_order_id])
    content = client_for(reader).get(sheet).content.decode()
    assert "En kandidat i Jobcenter Gladsaxe" in content
    assert "Kjærgaard" not in content and "Mette er god" not in content
    for language in ("da", "en"):
        url = reverse(f"screening:cv_anonymised_pdf_{language}", args=[proposed.pk])
        assert url in content
    assert reverse("candidates:cv_pdf_da", args=[proposed.candidate_id]) not in content
    assert not AccessLogEntry.objects.filter(user=reader).exists()

    owner = staff(Role.JOB_CONSULTANT, centres["other"])
    content = client_for(owner).get(sheet).content.decode()
    assert "Mette Kjærgaard" in content
    assert reverse("candidates:cv_pdf_da", args=[proposed.candidate_id]) in content


def test_the_anonymised_cv_beside_the_company_sheet(client_for, centres, proposed):
    reader = staff(Role.BUSINESS_CONSULTANT, centres["own"])
    url = reverse("screening:cv_anonymised_pdf_da", args=[proposed.pk])
    response = client_for(reader).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "En kandidat i Jobcenter Gladsaxe" in text
    assert not [word for word in IDENTIFYING if word in text]
    entry = AccessLogEntry.objects.get(user=reader)
    assert (entry.candidate_id, entry.purpose) == (proposed.candidate_id, Purpose.REFERRALS)
    assert entry.view_name == "screening:cv_anonymised_pdf_da"

    # Another cooperation's staff, and a referral no longer on the sheet: no such PDF.
    foreign = staff(Role.BUSINESS_CONSULTANT, centres["foreign"])
    assert client_for(foreign).get(url).status_code == 404
    Referral.objects.filter(pk=proposed.pk).update(state=ReferralState.WITHDRAWN)
    assert client_for(reader).get(url).status_code == 404
    assert AccessLogEntry.objects.count() == 1
