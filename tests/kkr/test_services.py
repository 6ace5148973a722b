"""Reporting a municipality's year: whole or nothing, every version kept, nothing
overwritten unseen, and a report as it stands changes nothing."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobbro.kkr import selectors
from jobbro.kkr.models import Assessment, AssessmentChange, Status
from jobbro.kkr.services import (
    Entry,
    recommendation_create,
    recommendation_update,
    year_report,
)

pytestmark = pytest.mark.django_db


def report(
    s: SimpleNamespace, rows: list[tuple], *, user=None, municipality=None, year=2025, today=None
):
    """Report the rows (recommendation, status, remark, version shown) as the manager, on a
    day the year is open (its 1 December, unless `today` says otherwise)."""
    return year_report(
        actor=user or s.manager,
        cooperation=s.hrs,
        municipality=municipality or s.herlev,
        year=year,
        entries=[Entry(rec, status, remark, version) for rec, status, remark, version in rows],
        today=today or dt.date(year, 12, 1),
    )


def test_a_year_is_reported_in_one_go_with_its_first_versions(scheme) -> None:
    s = scheme
    changed = report(s, [(s.r1, "green", "", 0), (s.r2, "red", "Ikke påbegyndt endnu.", 0)])
    assert changed == 2
    r1 = Assessment.objects.get(recommendation=s.r1, municipality=s.herlev, year=2025)
    assert (r1.status, r1.version, r1.job_centre, r1.updated_by) == (
        "green",
        1,
        s.centre_h,
        s.manager,
    )
    assert [(c.version, c.status, c.remark) for c in r1.changes.all()] == [(1, "green", "")]
    r2 = Assessment.objects.get(recommendation=s.r2, municipality=s.herlev, year=2025)
    assert r2.remark == "Ikke påbegyndt endnu."


def test_a_row_left_unassessed_makes_nothing(scheme) -> None:
    s = scheme
    assert report(s, [(s.r1, "", "", 0), (s.r2, "green", "", 0)]) == 1
    assert not Assessment.objects.filter(recommendation=s.r1).exists()


def test_saving_the_report_as_it_stands_changes_nothing(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "yellow", "Aftale under forhandling.", 0)])
    # The same again, with the remark's surrounding spaces the browser may add.
    assert report(s, [(s.r1, "yellow", "  Aftale under forhandling. ", 1)]) == 0
    assessment = Assessment.objects.get(recommendation=s.r1)
    assert assessment.version == 1
    assert AssessmentChange.objects.filter(assessment=assessment).count() == 1


def test_a_change_adds_a_version_and_keeps_the_old_one(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "red", "Ikke påbegyndt.", 0)])
    report(s, [(s.r1, "yellow", "Påbegyndt i efteråret.", 1)], user=s.team_leader_h)
    assessment = Assessment.objects.get(recommendation=s.r1)
    assert (assessment.status, assessment.version, assessment.updated_by) == (
        "yellow",
        2,
        s.team_leader_h,
    )
    history = list(selectors.history(s.r1, [s.herlev]))
    assert [(c.version, c.status, c.remark, c.changed_by) for c in history] == [
        (2, "yellow", "Påbegyndt i efteråret.", s.team_leader_h),
        (1, "red", "Ikke påbegyndt.", s.manager),
    ]


def test_history_runs_across_years_newest_first(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "red", "Ikke påbegyndt.", 0)], year=2023)
    report(s, [(s.r1, "green", "", 0)], year=2024)
    history = list(selectors.history(s.r1, [s.herlev]))
    assert [(c.assessment.year, c.status) for c in history] == [(2024, "green"), (2023, "red")]


def test_two_reports_at_once_the_second_is_refused_and_nothing_of_it_saved(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "yellow", "Påbegyndt.", 0), (s.r2, "green", "", 0)])
    # Both open the form on version 1; Hanne saves first.
    report(s, [(s.r1, "green", "På plads.", 1), (s.r2, "green", "", 1)])
    with pytest.raises(ValidationError) as refused:
        report(
            s,
            [(s.r1, "red", "Gået i stå.", 1), (s.r2, "yellow", "Mangler.", 1)],
            user=s.team_leader_h,
        )
    assert refused.value.code == "stale_version"
    assert "1.1" in refused.value.messages[0]
    r1 = Assessment.objects.get(recommendation=s.r1)
    r2 = Assessment.objects.get(recommendation=s.r2)
    assert (r1.status, r1.version, r2.status, r2.version) == ("green", 2, "green", 1)


def test_two_first_reports_at_once_the_second_is_refused(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "green", "", 0)])
    with pytest.raises(ValidationError) as refused:
        report(s, [(s.r1, "red", "Ikke påbegyndt.", 0)], user=s.team_leader_h)
    assert refused.value.code == "stale_version"
    assert Assessment.objects.get(recommendation=s.r1).status == "green"


def test_a_stale_row_the_user_left_as_it_was_is_no_conflict(scheme) -> None:
    """Someone changed 1.1 meanwhile; the form still shows 1.1 as it was then, but since its
    values equal what stands now there is nothing to overwrite."""
    s = scheme
    report(s, [(s.r1, "yellow", "Påbegyndt.", 0)])
    report(s, [(s.r1, "green", "", 1)])
    assert report(s, [(s.r1, "green", "", 1), (s.r2, "green", "", 0)]) == 1


@pytest.mark.parametrize("status", [Status.YELLOW, Status.RED])
def test_yellow_and_red_need_a_remark_and_nothing_is_saved_without(scheme, status) -> None:
    s = scheme
    with pytest.raises(ValidationError) as refused:
        report(s, [(s.r2, "green", "", 0), (s.r1, status, "  ", 0)])
    assert list(refused.value.error_dict) == [f"remark_{s.r1.pk}"]
    assert not Assessment.objects.exists()


def test_a_remark_without_a_colour_is_refused(scheme) -> None:
    s = scheme
    with pytest.raises(ValidationError) as refused:
        report(s, [(s.r1, "", "Vi er i gang.", 0)])
    assert list(refused.value.error_dict) == [f"status_{s.r1.pk}"]


def test_a_reported_assessment_cannot_be_blanked(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "green", "", 0)])
    with pytest.raises(ValidationError) as refused:
        report(s, [(s.r1, "", "", 1)])
    assert list(refused.value.error_dict) == [f"status_{s.r1.pk}"]
    assert Assessment.objects.get().status == "green"


def test_only_a_job_centre_serving_the_municipality_reports_for_it(scheme) -> None:
    s = scheme
    for user in (s.team_leader, s.steering, s.secretariat, s.consultant, s.other_manager):
        with pytest.raises(PermissionDenied):
            report(s, [(s.r1, "green", "", 0)], user=user)
    # Gladsaxe's team leader reports for both municipalities Jobcenter Gladsaxe serves.
    report(s, [(s.r1, "green", "", 0)], user=s.team_leader, municipality=s.lyngby)
    assert Assessment.objects.get().job_centre == s.centre_g
    assert not Assessment.objects.filter(municipality=s.herlev).exists()


def test_a_recommendation_not_in_force_or_of_another_cooperation_is_refused(scheme) -> None:
    s = scheme
    for rec in (s.r_old, s.r_nrs):
        with pytest.raises(ValidationError) as refused:
            report(s, [(rec, "green", "", 0)])
        assert refused.value.code == "not_in_force"
    assert report(s, [(s.r_old, "green", "", 0)], year=2016) == 1


def test_the_overview_is_the_years_matrix(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "green", "", 0), (s.r2, "red", "Ikke påbegyndt.", 0)])
    report(s, [(s.r1, "yellow", "I gang.", 0)], user=s.team_leader, municipality=s.lyngby)
    report(s, [(s.r1, "red", "Sidste år.", 0)], year=2024)
    matrix = selectors.overview(s.hrs, 2025)
    assert [m.name for m in matrix.municipalities] == ["Gladsaxe", "Herlev", "Lyngby-Taarbæk"]
    cells = {
        row.recommendation.number: [a.status if a else None for _m, a in row.cells]
        for row in matrix.rows
    }
    assert cells == {"1.1": [None, "green", "yellow"], "1.2": [None, "red", None]}
    assert [m.name for m in selectors.overview(s.hrs, 2016).municipalities] == [
        "Gladsaxe",
        "Herlev",
        "Lyngby-Taarbæk",
    ]
    assert [r.recommendation.number for r in selectors.overview(s.hrs, 2016).rows] == [
        "1.1",
        "1.2",
        "1.3",
    ]
    assert selectors.latest_year(s.hrs) == 2025


def test_the_secretariat_adds_and_changes_recommendations(scheme) -> None:
    s = scheme
    rec = recommendation_create(
        actor=s.secretariat,
        cooperation=s.hrs,
        number="2.1",
        area=" Borgerrettede indsatser ",
        text="Alle kommuner skal samarbejde om opkvalificering.",
        obligation="must",
        order=4,
        first_year=2015,
        last_year=None,
    )
    assert rec.area == "Borgerrettede indsatser"
    _rec, changed = recommendation_update(actor=s.secretariat, recommendation=rec, order=4)
    assert not changed
    for user in (s.manager, s.steering, s.other_manager):
        with pytest.raises(PermissionDenied):
            recommendation_update(actor=user, recommendation=rec, order=5)
    with pytest.raises(ValidationError):
        recommendation_create(
            actor=s.secretariat,
            cooperation=s.hrs,
            number="2.1",
            area="x",
            text="x",
            obligation="may",
            order=5,
            first_year=2015,
            last_year=None,
        )


def test_a_recommendation_stays_in_force_in_the_years_reported_on(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "green", "", 0)], year=2020)
    with pytest.raises(ValidationError) as refused:
        recommendation_update(actor=s.secretariat, recommendation=s.r1, last_year=2019)
    assert "2020" in refused.value.messages[0]
    _rec, changed = recommendation_update(actor=s.secretariat, recommendation=s.r1, last_year=2020)
    assert changed


@pytest.mark.parametrize(
    ("today", "years"),
    [
        (dt.date(2026, 1, 1), [2026, 2025]),
        (dt.date(2026, 3, 31), [2026, 2025]),  # the year before, until its report closes
        (dt.date(2026, 4, 1), [2026]),
        (dt.date(2026, 12, 31), [2026]),
    ],
)
def test_this_year_is_open_and_the_year_before_until_31_march(today, years) -> None:
    assert selectors.open_years(today) == years


def test_a_closed_year_is_refused_whole_and_its_history_kept(scheme) -> None:
    s = scheme
    report(s, [(s.r1, "yellow", "I gang.", 0)], year=2024)
    # Still open on 31 March 2025: the year before's report may be finished.
    assert report(s, [(s.r1, "green", "", 1)], year=2024, today=dt.date(2025, 3, 31)) == 1
    for who in (s.manager, s.team_leader_h):
        with pytest.raises(ValidationError) as refused:
            report(s, [(s.r1, "red", "Nej.", 2)], year=2024, user=who, today=dt.date(2025, 4, 1))
        assert refused.value.code == "closed_year"
        assert "2024" in refused.value.messages[0]
    # And a year long gone, even one never reported on.
    with pytest.raises(ValidationError):
        report(s, [(s.r2, "green", "", 0)], year=2020, today=dt.date(2025, 4, 1))
    standing = Assessment.objects.get(recommendation=s.r1, year=2024)
    assert (standing.status, standing.version) == ("green", 2)
    assert [c.status for c in standing.changes.all()] == ["green", "yellow"]
    assert not Assessment.objects.filter(year=2020).exists()
