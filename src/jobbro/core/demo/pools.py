"""Two candidate pools: Herlev's construction pool, shared in the cooperation, and
København's pool for the largest construction company's recruitment; each with a few
consenting candidates of the trade, added by consultants of several job centres."""

from __future__ import annotations

from django.db.models import Count

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope
from jobbro.companies.models import Company
from jobbro.organisations.models import JobCentre, User
from jobbro.pools.models import Pool, PoolKind, PoolMember

from .context import Demo


def _centre_of(user: User) -> JobCentre:
    return user.memberships.select_related("job_centre").get().job_centre


def _construction_candidates(demo: Demo) -> list[Candidate]:
    return [
        c
        for c in demo.candidates
        if c.status == CandidateStatus.ACTIVE
        and c.consent_scope == ConsentScope.COOPERATION
        and c.pk in demo.candidate_trade
        and demo.trades[demo.candidate_trade[c.pk]].trade.sector == "construction"
    ]


def _add(demo: Demo, pool: Pool, candidates: list[Candidate], notes: list[str]) -> None:
    for number, candidate in enumerate(candidates):
        adders = demo.job_consultants.get(candidate.job_centre_id)
        PoolMember.objects.create(
            pool=pool,
            candidate=candidate,
            added_by=adders[0] if adders else pool.created_by,
            note=notes[number % len(notes)],
        )


def seed_pools(demo: Demo) -> None:
    assert demo.cooperation is not None
    herlev_jk, copenhagen_bc = demo.users["jobkonsulent"], demo.users["konsulent"]
    trades = {
        data.occupation_id for data in demo.trades.values() if data.trade.sector == "construction"
    }
    construction = Pool.objects.create(
        cooperation=demo.cooperation,
        job_centre=_centre_of(herlev_jk),
        name="Byggeri og anlæg",
        kind=PoolKind.INDUSTRY,
        created_by=herlev_jk,
    )
    construction.industries.set(demo.industries["construction"])
    candidates = _construction_candidates(demo)
    _add(
        demo,
        construction,
        demo.rng.sample(candidates, min(8, len(candidates))),
        ["Svendebrev", "Kørekort B og C", "Klar til metrobyggeriet", ""],
    )
    builders = [c.pk for c in demo.companies if demo.company_sector.get(c.pk) == "construction"]
    largest = (
        Company.objects.filter(pk__in=builders)
        .annotate(orders=Count("job_orders"))
        .order_by("-orders", "pk")
        .first()
    )
    assert largest is not None
    company_pool = Pool.objects.create(
        cooperation=demo.cooperation,
        job_centre=_centre_of(copenhagen_bc),
        name=f"{largest.name} – rekruttering",
        kind=PoolKind.COMPANY,
        company=largest,
        created_by=copenhagen_bc,
    )
    company_pool.occupations.set(sorted(trades)[:3])
    _add(
        demo,
        company_pool,
        demo.rng.sample(candidates, min(4, len(candidates))),
        ["Til jobsamtale i uge 12", "Har været i praktik hos virksomheden", ""],
    )
