"""Candidates across the 16 job centres, each with a bilingual CV built from ESCO."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jobbro.candidates.models import (
    Candidate,
    CandidateStatus,
    ConsentScope,
    Cv,
    Education,
    EducationLevel,
    Experience,
    HeldQualification,
    SpokenLanguage,
    TargetGroup,
)
from jobbro.candidates.validators import cpr_birth_date
from jobbro.crypto import hash_cpr
from jobbro.taxonomy.models import CefrLevel, Language, Qualification

from .context import Demo
from .names import ELSEWHERE_CODES, address, ascii_slug, person_name, phone, pick_origin
from .occupations import SECTORS, TRADES

# Share of the candidates per job centre, roughly by size of the municipalities.
CENTRE_WEIGHTS = {
    "København": 34, "Frederiksberg": 6, "Gladsaxe": 5, "Gentofte": 4, "Hvidovre": 5,
    "Høje-Taastrup": 5, "Lyngby-Taarbæk": 3, "Rødovre": 4, "Ballerup": 4, "Brøndby": 4,
    "Albertslund": 3, "Glostrup": 2, "Herlev": 3, "Furesø": 3, "Tårnby": 4, "Vallensbæk": 3,
}  # fmt: skip
EMPLOYERS_BY_SECTOR = {
    "construction": ("MT Højgaard", "Per Aarsleff", "NCC", "Enemærke & Petersen", "CG Jensen"),
    "metal": ("Vestas Blades", "Danfoss", "Smedefirmaet Nord", "MAN Energy Solutions"),
    "hospitality": ("Hotel d'Angleterre", "Scandic", "Comwell", "Tivoli", "Cafe Norden"),
    "care": ("Københavns Kommune", "Plejecenter Sølund", "Dagmarsminde", "Forenede Care"),
    "logistics": ("PostNord", "DSV", "Arriva", "Movia", "Coop Distribution", "Bring"),
    "cleaning": ("ISS", "Elite Miljø", "Coor", "Forenede Service", "Alliance+"),
}
EDUCATION_BY_SECTOR = {
    "construction": ("Erhvervsuddannelse (svendebrev)", EducationLevel.VOCATIONAL, "TEC"),
    "metal": ("Erhvervsuddannelse – smed", EducationLevel.VOCATIONAL, "TEC"),
    "hospitality": ("Gastronom / tjener", EducationLevel.VOCATIONAL, "Hotel- og Restaurantskolen"),
    "care": ("Social- og sundhedsuddannelsen", EducationLevel.VOCATIONAL, "SOSU H"),
    "logistics": ("Lager- og terminaluddannelsen", EducationLevel.VOCATIONAL, "NEXT"),
    "cleaning": ("Folkeskolens afgangsprøve", EducationLevel.PRIMARY, ""),
}
DANISH_LEVELS_NON_NATIVE = (CefrLevel.A2, CefrLevel.B1, CefrLevel.B2, CefrLevel.C1)


def _cpr(demo: Demo, birth: dt.date, female: bool, used: set[str]) -> str:
    """A new valid CPR number; `used` holds the keyed hashes, as the database does."""
    # Seventh digit picks the century (0–3: 1900s; 4–9 with a low year: 2000s).
    while True:
        seventh = demo.rng.randint(0, 3) if birth.year < 2000 else demo.rng.randint(4, 9)
        serial = demo.rng.randint(0, 99)
        last = demo.rng.randrange(0 if female else 1, 10, 2)  # even for women, odd for men
        cpr = f"{birth:%d%m%y}{seventh}{serial:02d}{last}"
        key = hash_cpr(cpr)
        if key not in used and cpr_birth_date(cpr) == birth:
            used.add(key)
            return cpr


def _profile(trade_title: tuple[str, str], sector: str, years: int, origin_lang: str) -> tuple:
    title_da, title_en = trade_title
    place = SECTORS[sector]
    da = f"{title_da} med {years} års erfaring fra {place.place_da}."
    en = f"{title_en} with {years} years of experience in {place.place_en}."
    if years >= 10:
        da += " Erfaren og selvstændig, vant til at lære nye kolleger op."
        en += " Experienced and independent, used to training new colleagues."
    elif years <= 2:
        da += " Motiveret for at lære faget og klar til at starte hurtigt."
        en += " Motivated to learn the trade and ready to start at short notice."
    else:
        da += " Pålidelig, mødestabil og god til at samarbejde."
        en += " Reliable, punctual and a good team player."
    if origin_lang != "da":
        da += " Taler flere sprog."
        en += " Speaks several languages."
    return da, en


def seed_candidates(demo: Demo) -> None:
    rng = demo.rng
    n = demo.count(3000, minimum=20)
    centres = [demo.job_centres[t] for t in CENTRE_WEIGHTS]
    centre_weights = list(CENTRE_WEIGHTS.values())
    codes_of = {c.pk: [] for c in centres}  # type: dict[int, list[str]]
    for code, centre in demo.centre_of_municipality.items():
        codes_of[centre.pk].append(code)
    trade_weights = [t.weight for t in TRADES]
    used_cprs: set[str] = {
        key for key in Candidate.objects.values_list("cpr_hash", flat=True) if key
    }

    candidates: list[Candidate] = []
    plans: list[dict] = []
    for _ in range(n):
        centre = rng.choices(centres, weights=centre_weights)[0]
        code = rng.choice(codes_of[centre.pk])
        if rng.random() < 0.03:
            code = rng.choice(ELSEWHERE_CODES)
        trade = rng.choices(TRADES, weights=trade_weights)[0]
        origin = pick_origin(rng)
        female_share = 0.8 if trade.sector in ("care", "cleaning") else 0.15
        if trade.sector == "hospitality":
            female_share = 0.5
        female = rng.random() < female_share
        first, last = person_name(rng, origin, female)
        age = int(rng.triangular(19, 66, 35))
        birth = demo.today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        registered = demo.today - dt.timedelta(days=int(rng.triangular(0, 730, 60)))
        consent = rng.random() < 0.75
        street, postcode, _town = address(rng, code)
        status = rng.choices(
            (CandidateStatus.ACTIVE, CandidateStatus.PAUSED, CandidateStatus.INACTIVE),
            weights=(88, 7, 5),
        )[0]
        cpr = _cpr(demo, birth, female, used_cprs)  # drawn first, as before: same demo data
        candidate = Candidate(
            job_centre=centre,
            first_name=first,
            last_name=last,
            birth_date=birth,
            email=f"{ascii_slug(first)}.{ascii_slug(last)}{rng.randint(1, 99)}@example.dk",
            phone=phone(rng),
            street=street,
            postcode=postcode,
            municipality=demo.municipalities[code],
            unemployment_fund=rng.choice(demo.unemployment_funds) if rng.random() < 0.8 else None,
            consent_scope=ConsentScope.COOPERATION if consent else ConsentScope.NONE,
            consent_given_on=registered + dt.timedelta(days=rng.randint(0, 14))
            if consent
            else None,
            available_from=registered + dt.timedelta(days=rng.randint(0, 45)),
            status=status,
            registered_on=registered,
        )
        candidate.cpr = cpr  # encrypted and hashed by the property (jobbro.crypto)
        candidates.append(candidate)
        plans.append({"trade": trade, "origin": origin, "age": age})
    demo.candidates = Candidate.objects.bulk_create(candidates, batch_size=1000)
    for candidate, plan in zip(demo.candidates, plans, strict=True):
        demo.candidate_trade[candidate.pk] = plan["trade"].label_en
    _seed_target_groups(demo, plans)
    _seed_cvs(demo, plans)


def _seed_target_groups(demo: Demo, plans: list[dict]) -> None:
    rng = demo.rng
    groups = demo.target_groups
    through = Candidate.target_groups.through
    links: list[Any] = []
    for candidate, plan in zip(demo.candidates, plans, strict=True):
        chosen: list[TargetGroup] = []
        if plan["age"] < 30:
            chosen.append(groups["youth"])
        if plan["age"] >= 55:
            chosen.append(groups["senior"])
        refugee_odds = 0.35 if plan["origin"].language in ("ar", "so", "fa", "uk", "ti") else 0
        for code, odds in (
            ("refugee", refugee_odds),
            ("academic", 0.05),
            ("flex_job", 0.05),
            ("sick_listed", 0.06),
            ("long_term", 0.15),
        ):
            if rng.random() < odds:
                chosen.append(groups[code])
        links.extend(through(candidate_id=candidate.pk, targetgroup_id=g.pk) for g in chosen)
    through.objects.bulk_create(links, batch_size=2000)


def _seed_cvs(demo: Demo, plans: list[dict]) -> None:
    rng = demo.rng
    profiles = []
    for candidate, plan in zip(demo.candidates, plans, strict=True):
        trade = plan["trade"]
        years = max(0, min(plan["age"] - 18, int(rng.triangular(0, 25, 5))))
        plan["years"] = years
        da, en = _profile(
            (trade.title_da, trade.title_en), trade.sector, years, plan["origin"].language
        )
        profiles.append(
            Cv(
                candidate=candidate,
                profile_da=da,
                profile_en=en,
                max_commute_km=rng.randrange(10, 65, 5),
            )
        )
    cvs = Cv.objects.bulk_create(profiles, batch_size=1000)

    experiences: list[Experience] = []
    educations: list[Education] = []
    held: list[HeldQualification] = []
    spoken: list[SpokenLanguage] = []
    skill_links: list[Any] = []
    wished_links: list[Any] = []
    skill_through = Cv.skills.through
    wished_through = Cv.wished_occupations.through
    same_sector = {s: [t for t in TRADES if t.sector == s] for s in {t.sector for t in TRADES}}
    for cv, candidate, plan in zip(cvs, demo.candidates, plans, strict=True):
        trade = plan["trade"]
        data = demo.trades[trade.label_en]
        years = plan["years"]
        # Experience: the main trade, sometimes an earlier job in a related trade.
        end = candidate.registered_on - dt.timedelta(days=rng.randint(0, 60))
        start = end - dt.timedelta(days=max(90, int(years * 365 * rng.uniform(0.5, 1.0))))
        employers = EMPLOYERS_BY_SECTOR[trade.sector]
        experiences.append(
            Experience(
                cv=cv,
                occupation_id=data.occupation_id,
                title=trade.title_da,
                employer=rng.choice(employers),
                start_date=start,
                end_date=end,
                description=f"{trade.title_da} – daglige opgaver inden for faget.",
            )
        )
        for _ in range(rng.choice((0, 0, 1, 2))):
            other = rng.choice(same_sector[trade.sector])
            end = start - dt.timedelta(days=rng.randint(10, 200))
            start = end - dt.timedelta(days=rng.randint(120, 1500))
            experiences.append(
                Experience(
                    cv=cv,
                    occupation_id=demo.trades[other.label_en].occupation_id,
                    title=other.title_da,
                    employer=rng.choice(employers),
                    start_date=start,
                    end_date=end,
                )
            )
        title, level, institution = EDUCATION_BY_SECTOR[trade.sector]
        if rng.random() < 0.7:
            educations.append(
                Education(
                    cv=cv,
                    title=title,
                    institution=institution,
                    level=level,
                    completed_year=max(1975, demo.today.year - years - rng.randint(0, 3)),
                )
            )
        # Skills from ESCO: most essential ones, a few optional ones.
        essential = data.essential_skill_ids
        optional = data.optional_skill_ids
        skills = set(rng.sample(essential, min(len(essential), rng.randint(4, 9))))
        skills |= set(rng.sample(optional, min(len(optional), rng.randint(0, 3))))
        skill_links.extend(skill_through(cv_id=cv.pk, skill_id=s) for s in sorted(skills))
        wished = {data.occupation_id}
        if rng.random() < 0.4:
            other = rng.choice(same_sector[trade.sector])
            wished.add(demo.trades[other.label_en].occupation_id)
        wished_links.extend(wished_through(cv_id=cv.pk, occupation_id=o) for o in sorted(wished))
        held.extend(_qualifications(demo, cv, trade.qualifications, years))
        spoken.extend(_languages(demo, cv, plan["origin"].language))
    Experience.objects.bulk_create(experiences, batch_size=2000)
    Education.objects.bulk_create(educations, batch_size=2000)
    HeldQualification.objects.bulk_create(held, batch_size=2000)
    SpokenLanguage.objects.bulk_create(spoken, batch_size=2000)
    skill_through.objects.bulk_create(skill_links, batch_size=5000)
    wished_through.objects.bulk_create(wished_links, batch_size=5000)


def _qualifications(
    demo: Demo, cv: Cv, codes: tuple[str, ...], years: int
) -> list[HeldQualification]:
    rng = demo.rng
    chosen: list[Qualification] = []
    for i, code in enumerate(codes):
        # The first qualification of a trade is the usual one; later ones are rarer.
        if rng.random() < (0.85 if i == 0 else 0.45):
            chosen.append(demo.qualifications[code])
    if rng.random() < 0.7 and demo.qualifications["licence-b"] not in chosen:
        chosen.append(demo.qualifications["licence-b"])
    if rng.random() < 0.25:
        chosen.append(demo.qualifications["first-aid"])
    # Lorry drivers with CE hold C too.
    if (
        demo.qualifications["licence-ce"] in chosen
        and demo.qualifications["licence-c"] not in chosen
    ):
        chosen.append(demo.qualifications["licence-c"])
    result = []
    for qualification in dict.fromkeys(chosen):
        obtained = demo.today - dt.timedelta(days=rng.randint(30, 365 * max(1, years) + 30))
        expires = None
        if qualification.code.startswith(("driver-cpc", "adr", "first-aid")):
            expires = obtained + dt.timedelta(days=5 * 365)
        result.append(
            HeldQualification(
                cv=cv, qualification=qualification, obtained_on=obtained, expires_on=expires
            )
        )
    return result


def _languages(demo: Demo, cv: Cv, mother_tongue: str) -> list[SpokenLanguage]:
    rng = demo.rng
    languages: dict[Language, str] = {}
    if mother_tongue == "da":
        languages[demo.languages["da"]] = CefrLevel.C2
    else:
        languages[demo.languages[mother_tongue]] = CefrLevel.C2
        languages[demo.languages["da"]] = rng.choice(DANISH_LEVELS_NON_NATIVE)
    if rng.random() < 0.75:
        languages.setdefault(
            demo.languages["en"],
            rng.choice((CefrLevel.A2, CefrLevel.B1, CefrLevel.B2, CefrLevel.C1)),
        )
    if rng.random() < 0.1:
        languages.setdefault(demo.languages[rng.choice(("de", "sv", "no"))], CefrLevel.B1)
    return [SpokenLanguage(cv=cv, language=lang, level=level) for lang, level in languages.items()]
