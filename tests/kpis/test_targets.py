"""Targets on the constructed quarter (tests/kpis/conftest.py): Q1 2027 in HRS has 3 hires
(Herlev 2: 10 and 30 days to fill; Gladsaxe 1: 14 days), a match rate of 3 of 4 (Herlev 2
of 3, Gladsaxe 1 of 1), and project Metro Sydhavn's 2 hires at Herlev."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobbro.kpis import targets
from jobbro.kpis.models import Target
from jobbro.kpis.targets import Measure, Status
from jobbro.organisations.models import JobCentre, Role
from tests.factories import staff

pytestmark = pytest.mark.django_db

DURING = dt.date(2027, 3, 1)  # 60 of the quarter's 90 days gone
AFTER = dt.date(2027, 4, 10)


def make(world, kpi: str, value: int, parts: dict, **fields) -> Target:
    steering = staff(Role.STEERING_GROUP, world.herlev)
    return targets.target_create(
        actor=steering,
        cooperation=world.coop,
        parts={centre.pk: Decimal(v) for centre, v in parts.items()},
        kpi=kpi,
        start=world.period.start,
        end=world.period.end,
        value=Decimal(value),
        **fields,
    )


def centre_rows(progress) -> dict[str, tuple]:
    return {
        (row.job_centre.name if row.job_centre else "secretariat"): (
            row.progress.value,
            row.progress.status,
            row.progress.bar,
        )
        for row in progress.centres
    }


def test_a_count_is_judged_against_the_share_of_the_period_gone(world):
    target = make(world, "hires", 4, {world.herlev: 2, world.gladsaxe: 2})
    during = targets.progress_of(target, today=DURING, now=world.now)
    assert during.measure is Measure.COUNT
    assert during.elapsed == pytest.approx(60 / 90)
    assert during.total.value == 3
    assert during.total.expected == pytest.approx(4 * 60 / 90)
    assert (during.total.status, during.total.bar) == (Status.ON_TRACK, 75)
    assert centre_rows(during) == {
        "Jobcenter Gladsaxe": (1, Status.BEHIND, 50),
        "Jobcenter Herlev": (2, Status.REACHED, 100),
    }
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.total.status is Status.MISSED
    assert centre_rows(after)["Jobcenter Gladsaxe"] == (1, Status.MISSED, 50)
    before = targets.progress_of(target, today=dt.date(2026, 12, 1), now=world.now)
    assert before.total.status is Status.NOT_STARTED


def test_a_share_is_judged_on_the_percentage_so_far(world):
    target = make(world, "match_rate", 70, {world.herlev: 70, world.gladsaxe: 80})
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.measure is Measure.PERCENT
    assert after.total.value == 75
    assert after.total.status is Status.REACHED
    value, status, bar = centre_rows(after)["Jobcenter Herlev"]
    assert value == pytest.approx(200 / 3)
    assert (status, bar) == (Status.MISSED, 95)
    assert centre_rows(after)["Jobcenter Gladsaxe"] == (100, Status.REACHED, 100)
    during = targets.progress_of(target, today=DURING, now=world.now)
    assert during.total.status is Status.ON_TRACK


def test_time_to_fill_is_reached_at_or_below_its_target(world):
    target = make(world, "time_to_fill", 15, {world.herlev: 15, world.gladsaxe: 15})
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.measure is Measure.DAYS
    assert (after.total.value, after.total.status, after.total.bar) == (14, Status.REACHED, 100)
    # Herlev's median of 10 and 30 days is 20: three quarters of the way to 15.
    assert centre_rows(after)["Jobcenter Herlev"] == (20, Status.MISSED, 75)


def test_a_project_narrows_the_figure(world):
    target = make(world, "hires", 2, {world.herlev: 2, world.gladsaxe: 0}, project=world.project)
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert (after.total.value, after.total.status) == (2, Status.REACHED)
    assert centre_rows(after)["Jobcenter Gladsaxe"] == (0, Status.REACHED, 100)


def test_an_industry_narrows_the_figure(world):
    target = make(world, "hires", 5, {}, industry=world.cleaning)
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.total.value == 1
    assert [row.progress.target for row in after.centres] == [None, None]


def test_the_secretariats_own_rows_show_beside_the_centres(world):
    target = make(world, "job_orders", 4, {world.herlev: 2, world.gladsaxe: 2})
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.total.value == 4
    rows = centre_rows(after)
    assert rows["secretariat"][0] == 1
    assert after.centres[-1].progress.target is None


def test_the_parts_of_a_count_must_add_up_to_the_whole(world):
    with pytest.raises(ValidationError) as refused:
        make(world, "hires", 500, {world.herlev: 300, world.gladsaxe: 150})
    assert "450" in str(refused.value) and "500" in str(refused.value)
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("kpi", "value", "fields", "field"),
    [
        ("hires", -1, {}, "value"),
        ("match_rate", 101, {}, "value"),
        ("survey_overall", 6, {}, "value"),
        ("visits", 10, {"project": "project"}, "kpi"),
        ("hires", 10, {"project": "project", "industry": "building"}, "project"),
    ],
)
def test_what_cannot_be_followed_is_refused(world, kpi, value, fields, field):
    with pytest.raises(ValidationError) as refused:
        make(world, kpi, value, {}, **{k: getattr(world, v) for k, v in fields.items()})
    assert field in refused.value.error_dict
    assert not Target.objects.exists()


def test_only_the_steering_group_of_the_cooperation_sets_targets(world):
    for role in Role:
        if role is Role.STEERING_GROUP:
            continue
        with pytest.raises(PermissionDenied):
            targets.target_create(
                actor=staff(role, world.herlev),
                cooperation=world.coop,
                parts={},
                kpi="hires",
                start=world.period.start,
                end=world.period.end,
                value=Decimal(3),
            )
    elsewhere = staff(Role.STEERING_GROUP, JobCentre.objects.get(name="Jobcenter Helsingør"))
    target = make(world, "hires", 3, {})
    with pytest.raises(PermissionDenied):
        targets.target_delete(actor=elsewhere, target=target)
    assert Target.objects.count() == 1


def test_an_unchanged_save_writes_nothing_and_a_stale_one_is_refused(world):
    target = make(world, "hires", 4, {world.herlev: 2, world.gladsaxe: 2})
    steering = staff(Role.STEERING_GROUP, world.gladsaxe)
    fields = {
        "kpi": "hires",
        "start": target.start,
        "end": target.end,
        "industry": None,
        "project": None,
        "value": Decimal("4.0"),
        "note": "",
    }
    parts = {world.herlev.pk: Decimal(2), world.gladsaxe.pk: Decimal(2)}
    stamp = Target.objects.get().updated_at
    _same, changed = targets.target_update(
        actor=steering, target=target, parts=parts, expected_version=1, **fields
    )
    assert not changed
    assert Target.objects.get().version == 1
    assert Target.objects.get().updated_at == stamp
    moved = {world.herlev.pk: Decimal(3), world.gladsaxe.pk: Decimal(1)}
    _moved, changed = targets.target_update(
        actor=steering, target=target, parts=moved, expected_version=1, **fields
    )
    assert changed and Target.objects.get().version == 2
    with pytest.raises(ValidationError) as refused:
        targets.target_update(
            actor=steering,
            target=target,
            parts=parts,
            expected_version=1,
            **(fields | {"value": Decimal(4)}),
        )
    assert refused.value.code == "stale_version"
    stored = Target.objects.get()
    assert {p.job_centre_id: p.value for p in stored.parts.all()} == moved


def test_a_period_of_ten_years_is_the_longest(world):
    steering = staff(Role.STEERING_GROUP, world.herlev)
    fields = {"kpi": "hires", "value": Decimal(2600), "parts": {}}
    kept = targets.target_create(
        actor=steering,
        cooperation=world.coop,
        start=dt.date(2016, 2, 29),
        end=dt.date(2026, 2, 28),
        **fields,
    )
    assert kept.pk
    with pytest.raises(ValidationError) as refused:
        targets.target_create(
            actor=steering,
            cooperation=world.coop,
            start=dt.date(2016, 2, 29),
            end=dt.date(2026, 3, 1),
            **fields,
        )
    assert "end" in refused.value.error_dict
