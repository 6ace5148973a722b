import pytest
from django.utils import timezone

from jobbro.candidates import selectors
from jobbro.candidates.models import CandidateStatus, ConsentScope
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    OccupationFactory,
    SkillFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def test_visible_own_and_consenting_of_the_cooperation(
    editor, own_candidate, shared_candidate, private_candidate, foreign_candidate
):
    visible = set(selectors.candidates_visible_to(editor))
    # Own job centre's candidate even without consent; the other job centre's only with it.
    assert visible == {own_candidate, shared_candidate}


def test_other_cooperation_is_invisible_even_with_consent(foreign_candidate, editor):
    assert foreign_candidate.consent_scope == ConsentScope.COOPERATION
    assert foreign_candidate not in selectors.candidates_visible_to(editor)


def test_roles_without_candidate_work_see_nothing(job_centre, own_candidate, shared_candidate):
    manager = staff(Role.MANAGER, job_centre)
    assert not selectors.candidates_visible_to(manager).exists()


def test_list_searches_names_across_danish_letters(editor, own_candidate, shared_candidate):
    assert list(selectors.candidate_list(editor, query="øster")) == [own_candidate]
    assert list(selectors.candidate_list(editor, query="ØSTER")) == [own_candidate]
    assert list(selectors.candidate_list(editor, query="søren øst")) == [own_candidate]
    assert list(selectors.candidate_list(editor, query="aisha hansen")) == [shared_candidate]
    assert not selectors.candidate_list(editor, query="søren hansen").exists()


def test_list_filters(editor, job_centre, other_job_centre, own_candidate, shared_candidate):
    assert list(selectors.candidate_list(editor, job_centre=other_job_centre)) == [shared_candidate]
    assert list(selectors.candidate_list(editor, mine_only=True)) == [own_candidate]
    hired = CandidateFactory(job_centre=job_centre, status=CandidateStatus.HIRED)
    assert list(selectors.candidate_list(editor, status=CandidateStatus.HIRED)) == [hired]


def test_detail_of_invisible_candidate_is_none(editor, private_candidate, foreign_candidate):
    for candidate in (private_candidate, foreign_candidate):
        assert selectors.candidate_detail(editor, candidate.pk) is None


def test_detail_prefetches_the_cv(editor, own_candidate, django_assert_num_queries):
    cv = own_candidate.cv
    for n in range(3):
        cv.experiences.create(
            occupation=OccupationFactory(),
            title=f"Job {n}",
            start_date="2020-01-01",
        )
    cv.skills.add(SkillFactory(), SkillFactory())
    cv.wished_occupations.add(OccupationFactory())
    candidate = selectors.candidate_detail(editor, own_candidate.pk)
    assert candidate is not None
    with django_assert_num_queries(0):
        labels = [e.occupation.label for e in candidate.cv.experiences.all()]
        list(candidate.cv.skills.all())
        list(candidate.cv.wished_occupations.all())
        list(candidate.cv.educations.all())
        list(candidate.cv.qualifications.all())
        list(candidate.cv.languages.all())
        list(candidate.referrals.all())
    assert len(labels) == 3


def test_only_editors_of_the_owning_job_centre_may_edit(
    editor, other_editor, job_centre, own_candidate, shared_candidate
):
    onboarding = staff(Role.ONBOARDING_CONSULTANT, job_centre)
    assert selectors.can_edit_candidate(editor, own_candidate)
    assert not selectors.can_edit_candidate(editor, shared_candidate)
    assert selectors.can_edit_candidate(other_editor, shared_candidate)
    assert not selectors.can_edit_candidate(other_editor, own_candidate)
    assert not selectors.can_edit_candidate(onboarding, own_candidate)


def test_personal_data_only_for_the_owning_job_centre(editor, own_candidate, shared_candidate):
    assert selectors.can_see_personal_data(editor, own_candidate)
    assert not selectors.can_see_personal_data(editor, shared_candidate)


def test_list_leaves_out_anonymised_candidates(editor, own_candidate, shared_candidate):
    own_candidate.anonymised_at = timezone.now()
    own_candidate.save()

    assert list(selectors.candidate_list(editor)) == [shared_candidate]
