"""A CV edit is searchable at the next search, in every process, without a rebuild."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope, Experience
from jobbro.candidates.services import ExperienceRow, LanguageRow, QualificationRow, cv_update
from jobbro.matching.engine import CandidateIndex
from jobbro.matching.features import all_features
from jobbro.matching.holder import IndexHolder
from jobbro.matching.models import CandidateChange
from jobbro.matching.selectors import job_order_query, rank_for_job_order
from jobbro.matching.services import note_candidates_changed, prune_journal
from jobbro.organisations.models import Role
from tests.factories import CandidateChangeFactory, ExperienceFactory, staff

from .helpers import make_candidate, make_job_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch):
    """Counts full index builds."""
    calls = []
    original = CandidateIndex.build.__func__

    def counting(cls, *args, **kwargs):
        calls.append(1)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(CandidateIndex, "build", classmethod(counting))
    return calls


def ids(result):
    return [hit.candidate_id for hit in result]


def test_a_cv_edit_is_seen_by_the_next_search_and_by_another_process(world, builds):
    order = make_job_order(world)
    cleaner = make_candidate(world, occupation=world.cleaner)
    carpenter = make_candidate(world, occupation=world.carpenter)
    other_process = IndexHolder()
    query = job_order_query(order, searcher=world.consultant)
    assert ids(rank_for_job_order(order, searcher=world.consultant)) == [carpenter.pk]
    assert ids(other_process.search(query)) == [carpenter.pk]
    assert len(builds) == 2  # one per process, once

    # The cleaner retrains as a carpenter: one experience row, saved through the ORM.
    ExperienceFactory(
        cv=cleaner.cv,
        occupation=world.carpenter,
        title="Tømrerlærling",
        start_date=timezone.localdate() - dt.timedelta(days=3000),
        end_date=timezone.localdate(),
    )
    result = rank_for_job_order(order, searcher=world.consultant)
    assert ids(result) == [cleaner.pk, carpenter.pk]  # more years now
    assert ids(other_process.search(query)) == [cleaner.pk, carpenter.pk]
    assert len(builds) == 2  # no rebuild: the journal was replayed

    cleaner.status = CandidateStatus.HIRED
    cleaner.save()
    carpenter.delete()
    assert ids(rank_for_job_order(order, searcher=world.consultant)) == []
    assert ids(other_process.search(query)) == []
    assert len(builds) == 2


def test_the_cv_service_and_link_changes_are_journaled(world):
    order = make_job_order(world)
    candidate = make_candidate(world, occupation=world.cleaner)
    assert ids(rank_for_job_order(order, searcher=world.consultant)) == []
    # The CV is kept by a job consultant of the candidate's job centre; the business
    # consultant only searches.
    cv_update(
        actor=staff(Role.JOB_CONSULTANT, world.herlev),
        cv=candidate.cv,
        profile_da="",
        profile_en="Carpenter.",
        max_commute_km=40,
        wished_occupations=[world.carpenter],
        skills=world.skills[:3],
        experiences=[
            ExperienceRow(
                occupation=world.carpenter, title="Tømrer", start_date=dt.date(2020, 1, 1)
            )
        ],
        educations=[],
        qualifications=[QualificationRow(qualification=world.forklift)],
        languages=[LanguageRow(language=world.danish, level="C2")],
    )
    [hit] = rank_for_job_order(order, searcher=world.consultant)
    assert hit.candidate_id == candidate.pk
    assert hit.explanation.distance.max_commute_km == 40
    assert hit.explanation.skills.essential_held == 3
    # Through the other side of a link too.
    world.skills[3].cvs.add(candidate.cv)
    [hit] = rank_for_job_order(order, searcher=world.consultant)
    assert hit.explanation.skills.essential_held == 4


def test_a_rolled_back_edit_leaves_no_journal_row(world):
    candidate = make_candidate(world, occupation=world.carpenter)
    before = CandidateChange.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        candidate.status = CandidateStatus.PAUSED
        candidate.save()
        assert CandidateChange.objects.count() > before
        raise RuntimeError
    assert CandidateChange.objects.count() == before


def test_a_queryset_update_is_caught_by_the_result_check(world):
    """QuerySet.update sends no signal; the re-check against the database still hides it."""
    order = make_job_order(world)
    candidate = make_candidate(world, occupation=world.carpenter)
    shared = make_candidate(world, occupation=world.carpenter, job_centre=world.gladsaxe)
    assert set(ids(rank_for_job_order(order, searcher=world.consultant))) == {
        candidate.pk,
        shared.pk,
    }
    Candidate.objects.filter(pk=candidate.pk).update(status=CandidateStatus.HIRED)
    Candidate.objects.filter(pk=shared.pk).update(consent_scope=ConsentScope.NONE)
    result = rank_for_job_order(order, searcher=world.consultant)
    assert ids(result) == [] and result.total == 0


def test_note_candidates_changed_journals_writes_without_signals(world):
    order = make_job_order(world)
    candidate = make_candidate(world, occupation=world.cleaner)
    assert ids(rank_for_job_order(order, searcher=world.consultant)) == []
    Experience.objects.bulk_create(
        [
            Experience(
                cv=candidate.cv,
                occupation=world.carpenter,
                title="Tømrer",
                start_date=dt.date(2020, 1, 1),
            )
        ]
    )
    assert ids(rank_for_job_order(order, searcher=world.consultant)) == []  # not journaled
    note_candidates_changed([candidate.pk])
    assert ids(rank_for_job_order(order, searcher=world.consultant)) == [candidate.pk]


def test_ids_committed_out_of_order_are_not_skipped(world):
    """Transaction A draws id n, B draws n+1 and commits first: A's row must still count."""
    order = make_job_order(world)
    first = make_candidate(world, occupation=world.cleaner)
    second = make_candidate(world, occupation=world.cleaner)
    holder = IndexHolder()
    query = job_order_query(order, searcher=world.consultant)
    assert ids(holder.search(query)) == []
    top = CandidateChange.objects.order_by("-id").values_list("id", flat=True).first()
    for candidate in (first, second):
        Experience.objects.bulk_create(  # no signal: only the journal rows below tell
            [
                Experience(
                    cv=candidate.cv,
                    occupation=world.carpenter,
                    title="T",
                    start_date=dt.date(2021, 1, 1),
                )
            ]
        )
    CandidateChangeFactory(id=top + 2, candidate_id=second.pk)  # B commits first
    assert ids(holder.search(query)) == [second.pk]
    assert holder._state is not None and holder._state.floor <= top  # waits for top + 1
    CandidateChangeFactory(id=top + 1, candidate_id=first.pk)  # then A commits
    assert set(ids(holder.search(query))) == {first.pk, second.pk}


def test_a_gap_below_an_old_row_is_given_up(world):
    make_candidate(world, occupation=world.carpenter)
    holder = IndexHolder()
    holder.index()
    top = CandidateChange.objects.order_by("-id").values_list("id", flat=True).first()
    row = CandidateChangeFactory(id=top + 5, candidate_id=1)
    CandidateChange.objects.filter(pk=row.pk).update(
        changed_at=timezone.now() - dt.timedelta(minutes=5)
    )
    holder.index()
    assert holder._state is not None and holder._state.floor == top + 5


def test_prune_keeps_recent_rows(world):
    make_candidate(world, occupation=world.carpenter)
    old = CandidateChangeFactory(candidate_id=1)
    CandidateChange.objects.filter(pk=old.pk).update(
        changed_at=timezone.now() - dt.timedelta(days=10)
    )
    recent = CandidateChange.objects.count() - 1
    assert prune_journal(older_than=dt.timedelta(days=7)) == 1
    assert CandidateChange.objects.count() == recent
    out = StringIO()
    call_command("prune_matching_journal", "--days", "7", stdout=out)
    assert "0" in out.getvalue()


def test_search_after_an_edit_costs_a_few_queries(world, django_assert_max_num_queries):
    order = make_job_order(world)
    candidate = make_candidate(world, occupation=world.carpenter)
    rank_for_job_order(order, searcher=world.consultant)
    candidate.status = CandidateStatus.PAUSED
    candidate.save()
    # Query building (~8) + journal (1) + the candidate's features (6) + result check (1).
    with django_assert_max_num_queries(18):
        rank_for_job_order(order, searcher=world.consultant)


def test_reading_features_does_not_grow_with_candidates(world, django_assert_num_queries):
    for _ in range(3):
        make_candidate(world, occupation=world.carpenter, skills=tuple(world.skills[:2]))
    with django_assert_num_queries(8):  # ids of a chunk, six queries for it, an empty chunk
        few = list(all_features(today=timezone.localdate()))
    for _ in range(12):
        make_candidate(world, occupation=world.carpenter, skills=tuple(world.skills[:2]))
    with django_assert_num_queries(8):
        many = list(all_features(today=timezone.localdate()))
    assert len(few) == 3 and len(many) == 15
    assert all(len(f.skills) == 2 and f.experience for f in many)
