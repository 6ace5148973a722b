import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from jobbro.candidates import services
from jobbro.candidates.models import CandidateStatus, ConsentScope, Cv
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import CefrLevel
from tests.factories import (
    CandidateFactory,
    LanguageFactory,
    OccupationFactory,
    QualificationFactory,
    SkillFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in the source language."""
    with translation.override("en"):
        yield


def _cv_args(**overrides):
    args = {
        "profile_da": "Ny profil",
        "profile_en": "New profile",
        "max_commute_km": 40,
        "wished_occupations": [],
        "skills": [],
        "experiences": [],
        "educations": [],
        "qualifications": [],
        "languages": [],
    }
    args.update(overrides)
    return args


def test_cv_update_writes_every_section(editor, own_candidate):
    carpenter = OccupationFactory()
    skill = SkillFactory()
    danish = LanguageFactory()
    forklift = QualificationFactory()
    cv = services.cv_update(
        actor=editor,
        cv=own_candidate.cv,
        **_cv_args(
            wished_occupations=[carpenter],
            skills=[skill],
            experiences=[
                services.ExperienceRow(
                    occupation=carpenter,
                    title="Tømrer",
                    employer="Byg A/S",
                    start_date=dt.date(2015, 3, 1),
                    end_date=dt.date(2024, 6, 30),
                )
            ],
            educations=[
                services.EducationRow(title="Tømrer", level="vocational", completed_year=2014)
            ],
            qualifications=[services.QualificationRow(qualification=forklift)],
            languages=[services.LanguageRow(language=danish, level=CefrLevel.C2)],
        ),
    )
    cv.refresh_from_db()
    assert (cv.profile_da, cv.profile_en, cv.max_commute_km) == ("Ny profil", "New profile", 40)
    assert list(cv.wished_occupations.all()) == [carpenter]
    assert list(cv.skills.all()) == [skill]
    assert cv.experiences.get().employer == "Byg A/S"
    assert cv.educations.get().completed_year == 2014
    assert cv.qualifications.get().qualification == forklift
    assert cv.languages.get().level == "C2"


def test_rows_not_submitted_are_removed(editor, own_candidate):
    cv = own_candidate.cv
    cv.experiences.create(occupation=OccupationFactory(), title="Old", start_date="2010-01-01")
    services.cv_update(actor=editor, cv=cv, **_cv_args())
    assert not cv.experiences.exists()


def test_an_invalid_experience_row_writes_nothing(editor, own_candidate):
    cv = own_candidate.cv
    old = cv.experiences.create(
        occupation=OccupationFactory(), title="Kept", start_date="2010-01-01"
    )
    skill = SkillFactory()
    with pytest.raises(ValidationError) as raised:
        services.cv_update(
            actor=editor,
            cv=cv,
            **_cv_args(
                skills=[skill],
                experiences=[
                    services.ExperienceRow(
                        occupation=OccupationFactory(),
                        title="Backwards",
                        start_date=dt.date(2020, 1, 1),
                        end_date=dt.date(2019, 1, 1),
                    )
                ],
                languages=[services.LanguageRow(language=LanguageFactory(), level="B2")],
            ),
        )
    assert "experiences" in raised.value.message_dict
    assert "row 1" in raised.value.message_dict["experiences"][0]
    stored = Cv.objects.get(pk=cv.pk)
    assert stored.profile_da == "Erfaren tømrer med svendebrev."
    assert list(stored.experiences.all()) == [old]
    assert not stored.skills.exists()
    assert not stored.languages.exists()


def test_a_blank_required_field_names_the_field(editor, own_candidate):
    with pytest.raises(ValidationError) as raised:
        services.cv_update(
            actor=editor,
            cv=own_candidate.cv,
            **_cv_args(educations=[services.EducationRow(title="", level="vocational")]),
        )
    assert "Title" in raised.value.message_dict["educations"][0]


def test_a_language_listed_twice_is_refused(editor, own_candidate):
    danish = LanguageFactory()
    with pytest.raises(ValidationError) as raised:
        services.cv_update(
            actor=editor,
            cv=own_candidate.cv,
            **_cv_args(
                languages=[
                    services.LanguageRow(language=danish, level="C2"),
                    services.LanguageRow(language=danish, level="B1"),
                ]
            ),
        )
    assert "twice" in raised.value.message_dict["languages"][0]
    assert not own_candidate.cv.languages.exists()


def test_swapping_rows_between_languages_works(editor, own_candidate):
    """Rows are replaced as a whole, so reordering never trips the unique constraint."""
    danish, english = LanguageFactory(), LanguageFactory(code="en", label_en="English")
    cv = own_candidate.cv
    cv.languages.create(language=danish, level="C2")
    cv.languages.create(language=english, level="B1")
    services.cv_update(
        actor=editor,
        cv=cv,
        **_cv_args(
            languages=[
                services.LanguageRow(language=english, level="B2"),
                services.LanguageRow(language=danish, level="C2"),
            ]
        ),
    )
    assert {(s.language.code, s.level) for s in cv.languages.all()} == {("da", "C2"), ("en", "B2")}


def test_cv_is_created_for_a_candidate_without_one(editor, job_centre):
    candidate = CandidateFactory(job_centre=job_centre, cv=None)
    cv = services.cv_update(actor=editor, cv=Cv(candidate=candidate), **_cv_args())
    assert cv.pk and candidate.cv == cv


def test_only_the_owning_job_centres_editors_may_update_the_cv(
    other_editor, job_centre, own_candidate
):
    for actor in (other_editor, staff(Role.ONBOARDING_CONSULTANT, job_centre)):
        with pytest.raises(PermissionDenied):
            services.cv_update(actor=actor, cv=own_candidate.cv, **_cv_args())


def _candidate_args(candidate, **overrides):
    args = {
        "email": "soren@example.dk",
        "phone": "12345678",
        "street": "Vej 1",
        "postcode": "2730",
        "municipality": candidate.municipality,
        "available_from": dt.date(2026, 2, 1),
        "status": CandidateStatus.ACTIVE,
        "consent_scope": ConsentScope.NONE,
        "consent_given_on": None,
    }
    args.update(overrides)
    return args


def test_consent_without_a_date_is_dated_today(editor, own_candidate):
    candidate = services.candidate_update(
        actor=editor,
        candidate=own_candidate,
        **_candidate_args(own_candidate, consent_scope=ConsentScope.COOPERATION),
    )
    candidate.refresh_from_db()
    assert candidate.consent_scope == ConsentScope.COOPERATION
    assert candidate.consent_given_on == timezone.localdate()
    assert candidate.consent_recorded_by == editor
    assert candidate.email == "soren@example.dk"


def test_withdrawn_consent_loses_its_date(editor, job_centre):
    candidate = CandidateFactory(job_centre=job_centre)
    services.candidate_update(
        actor=editor,
        candidate=candidate,
        **_candidate_args(candidate, consent_given_on=dt.date(2026, 1, 1)),
    )
    candidate.refresh_from_db()
    assert candidate.consent_given_on is None
    assert candidate.consent_recorded_by == editor  # who recorded the withdrawal


def test_consent_keeps_who_recorded_it_when_other_fields_change(editor, other_editor, job_centre):
    candidate = CandidateFactory(job_centre=job_centre, consent_recorded_by=other_editor)
    services.candidate_update(
        actor=editor,
        candidate=candidate,
        **_candidate_args(
            candidate,
            consent_scope=candidate.consent_scope,
            consent_given_on=candidate.consent_given_on,
            phone="87654321",
        ),
    )
    candidate.refresh_from_db()
    assert candidate.consent_recorded_by == other_editor


def test_consent_in_the_future_is_refused(editor, own_candidate):
    with pytest.raises(ValidationError):
        services.candidate_update(
            actor=editor,
            candidate=own_candidate,
            **_candidate_args(
                own_candidate,
                consent_scope=ConsentScope.COOPERATION,
                consent_given_on=timezone.localdate() + dt.timedelta(days=1),
            ),
        )


def test_invalid_contact_data_writes_nothing(editor, own_candidate):
    with pytest.raises(ValidationError):
        services.candidate_update(
            actor=editor,
            candidate=own_candidate,
            **_candidate_args(own_candidate, email="not-an-address"),
        )
    own_candidate.refresh_from_db()
    assert own_candidate.email == ""


def test_candidate_update_is_for_the_owners_editors(other_editor, own_candidate):
    with pytest.raises(PermissionDenied):
        services.candidate_update(
            actor=other_editor, candidate=own_candidate, **_candidate_args(own_candidate)
        )
