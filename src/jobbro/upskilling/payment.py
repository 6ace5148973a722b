"""The pooled payment model of a group of course teams (JRS Sjælland's SOSU-ready model).

The job centres and the schools agree that all the group's teams together must average
`average` participants, and that no team runs with fewer than `minimum`. So a team of 12
runs because another had 25. The rule (docs/upskilling.md):

* A team with fewer participants than the minimum does not run: it costs nothing and does
  not count in the average (an empty team is the plainest case).
* The running teams' participants are paid at their team's price.
* When the running teams average fewer than `average`, the schools are owed the missing
  places too, at the running teams' mean price per participant; the job centres share that
  shortfall in proportion to their participants on running teams.
* Amounts are whole kroner; shares are rounded by the largest remainder, so they add up
  to the group's total exactly.

Pure Python, no Django models: the selectors feed it counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


class OverCapacity(ValueError):
    """A team has more participants than seats: the counts are wrong, nothing is computed."""

    def __init__(self, team: str) -> None:
        super().__init__(team)
        self.team = team


@dataclass(frozen=True)
class TeamCount:
    name: str
    seats: int
    price: int  # kroner per participant
    participants: dict[str, int]  # job centre -> participants

    @property
    def total(self) -> int:
        return sum(self.participants.values())


@dataclass(frozen=True)
class GroupPayment:
    running: list[str]
    not_running: list[str]
    participants: int
    average: Fraction  # of the running teams; 0 when none runs
    meets_average: bool
    shortfall_places: int
    direct_cost: int
    shortfall_cost: int
    shares: dict[str, int] = field(default_factory=dict)  # job centre -> kroner
    # How each share is made: the centre's participants on running teams, what they cost at
    # their teams' prices, and (the rest of its share) its part of the missing places.
    participants_of: dict[str, int] = field(default_factory=dict)
    own_cost: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.direct_cost + self.shortfall_cost

    @property
    def place_price(self) -> Fraction:
        """What a place short of the average costs: the running teams' mean price per
        participant."""
        return Fraction(self.direct_cost, self.participants) if self.participants else Fraction(0)

    def lines(self) -> list[ShareLine]:
        """Each job centre's share as it is made, by name."""
        return [
            ShareLine(
                centre=centre,
                participants=self.participants_of.get(centre, 0),
                own=self.own_cost.get(centre, 0),
                shortfall=share - self.own_cost.get(centre, 0),
                share=share,
            )
            for centre, share in sorted(self.shares.items())
        ]


@dataclass(frozen=True)
class ShareLine:
    centre: str
    participants: int
    own: int  # its participants at their teams' prices
    shortfall: int  # its part of the places short of the average
    share: int


def _split(amount: Fraction, weights: dict[str, int]) -> dict[str, Fraction]:
    whole = sum(weights.values())
    return {key: amount * weight / whole for key, weight in weights.items()} if whole else {}


def _round_shares(exact: dict[str, Fraction]) -> dict[str, int]:
    """Whole kroner that add up to the rounded total (largest remainder, ties by name)."""
    total = round(sum(exact.values(), Fraction(0)))
    floors = {key: int(value) for key, value in exact.items()}  # values are never negative
    left = total - sum(floors.values())
    by_remainder = sorted(exact, key=lambda key: (-(exact[key] - floors[key]), key))
    for key in by_remainder[:left]:
        floors[key] += 1
    return floors


def group_payment(teams: list[TeamCount], *, average: int, minimum: int) -> GroupPayment:
    for team in teams:
        if team.total > team.seats:
            raise OverCapacity(team.name)
    running = [team for team in teams if team.total > 0 and team.total >= minimum]
    not_running = [team.name for team in teams if team not in running]
    participants = sum(team.total for team in running)
    mean = Fraction(participants, len(running)) if running else Fraction(0)
    exact: dict[str, Fraction] = {}
    for team in running:
        for centre, count in team.participants.items():
            exact[centre] = exact.get(centre, Fraction(0)) + count * team.price
    direct = sum(exact.values(), Fraction(0))
    own = {centre: round(cost) for centre, cost in exact.items() if cost}
    weights: dict[str, int] = {}
    for team in running:
        for centre, count in team.participants.items():
            weights[centre] = weights.get(centre, 0) + count
    shortfall_places = max(0, average * len(running) - participants)
    shortfall = Fraction(0)
    if shortfall_places and participants:
        mean_price = direct / participants
        shortfall = shortfall_places * mean_price
        for centre, part in _split(shortfall, weights).items():
            exact[centre] += part
    shares = _round_shares({key: value for key, value in exact.items() if value})
    direct_cost = round(direct)
    return GroupPayment(
        running=[team.name for team in running],
        not_running=not_running,
        participants=participants,
        average=mean,
        meets_average=bool(running) and mean >= average,
        shortfall_places=shortfall_places,
        direct_cost=direct_cost,
        shortfall_cost=sum(shares.values()) - direct_cost,
        shares=shares,
        participants_of={centre: count for centre, count in weights.items() if count},
        own_cost=own,
    )
