"""The pooled payment model on the JRS example and its edge cases (known answers)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from jobbro.upskilling.payment import OverCapacity, TeamCount, group_payment


def team(name: str, price: int = 1000, seats: int = 30, **participants: int) -> TeamCount:
    return TeamCount(name=name, seats=seats, price=price, participants=participants)


def test_jrs_example_a_team_of_12_runs_because_another_had_25():
    # Four teams: Næstved 25, Vordingborg 12, Køge 17 and 18: 72 participants, average 18.
    result = group_payment(
        [
            team("Næstved", naestved=25),
            team("Vordingborg", vordingborg=12),
            team("Køge", koege=10, stevns=7),
            team("Øst", faxe=6, stevns=5, ringsted=7),
        ],
        average=18,
        minimum=12,
    )
    assert result.running == ["Næstved", "Vordingborg", "Køge", "Øst"]
    assert result.participants == 72
    assert result.average == 18
    assert result.meets_average
    assert result.shortfall_places == 0
    assert result.total == 72_000
    assert result.shares == {
        "naestved": 25_000,
        "vordingborg": 12_000,
        "koege": 10_000,
        "stevns": 12_000,
        "faxe": 6_000,
        "ringsted": 7_000,
    }


def test_group_below_its_average_shares_the_missing_places_by_participants():
    # 12 + 15 = 27 on two teams; 36 were agreed: 9 missing places at the mean price 1000.
    result = group_payment([team("A", a=12), team("B", a=5, b=10)], average=18, minimum=12)
    assert not result.meets_average
    assert result.average == Fraction(27, 2)
    assert result.shortfall_places == 9
    assert result.direct_cost == 27_000
    assert result.shortfall_cost == 9_000
    assert result.place_price == 1000
    # a has 17 of 27 participants: 17_000 + 9_000 * 17/27 = 22_666.67; b 10_000 + 3_333.33.
    assert result.shares == {"a": 22_667, "b": 13_333}
    assert sum(result.shares.values()) == result.total == 36_000
    # How each share is made, as the group page shows it.
    assert [(line.centre, line.participants, line.own, line.shortfall, line.share)
            for line in result.lines()] == [
        ("a", 17, 17_000, 5_667, 22_667),
        ("b", 10, 10_000, 3_333, 13_333),
    ]  # fmt: skip


def test_an_empty_team_does_not_run_and_does_not_lower_the_average():
    result = group_payment([team("A", a=18), team("Empty")], average=18, minimum=12)
    assert result.running == ["A"]
    assert result.not_running == ["Empty"]
    assert result.meets_average
    assert result.shares == {"a": 18_000}


def test_a_team_below_the_minimum_does_not_run():
    result = group_payment([team("A", a=25), team("Small", b=11)], average=18, minimum=12)
    assert result.not_running == ["Small"]
    assert "b" not in result.shares
    assert result.meets_average  # 25 on the one running team


def test_all_empty_costs_nothing_and_does_not_meet_the_average():
    result = group_payment([team("A"), team("B")], average=18, minimum=12)
    assert result.running == []
    assert not result.meets_average
    assert result.total == 0
    assert result.shares == {}


def test_a_team_over_capacity_is_refused():
    with pytest.raises(OverCapacity) as refused:
        group_payment([team("Full", seats=20, a=21)], average=18, minimum=12)
    assert refused.value.team == "Full"


def test_prices_differ_between_teams():
    result = group_payment(
        [team("A", price=1500, a=20), team("B", price=900, b=16)], average=18, minimum=12
    )
    assert result.meets_average
    assert result.shares == {"a": 30_000, "b": 14_400}


def test_rounded_shares_add_up_to_the_total():
    # Three centres of one participant each share a shortfall of 1000 * 15: thirds.
    result = group_payment([team("A", a=1, b=1, c=1)], average=18, minimum=1)
    assert result.shortfall_places == 15
    assert sum(result.shares.values()) == result.total == 18_000
    assert sorted(result.shares.values()) == [6_000, 6_000, 6_000]
