"""Industries, companies with contacts, two years of contact log, recruitment agreements."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jobbro.companies.models import (
    Company,
    ContactPerson,
    Industry,
    Interaction,
    InteractionKind,
    InteractionOutcome,
    RecruitmentAgreement,
)
from jobbro.companies.validators import CVR_WEIGHTS, cvr_is_valid
from jobbro.tabular import read_csv

from .context import Demo
from .names import DANISH_SURNAMES, address, ascii_slug, danish_name, phone

INDUSTRIES_CSV = Path(__file__).resolve().parent / "data" / "industries.csv"

# Where companies sit: København weighs most, then the larger suburbs.
COMPANY_MUNICIPALITY_WEIGHTS = {
    "101": 30, "147": 5, "151": 5, "153": 5, "155": 1, "157": 4, "159": 5, "161": 5,
    "163": 4, "165": 4, "167": 5, "169": 7, "173": 4, "175": 4, "183": 3, "185": 4,
    "187": 2, "190": 3,
}  # fmt: skip
SECTOR_WEIGHTS = {
    "construction": 40, "logistics": 18, "hospitality": 16, "care": 8, "cleaning": 10,
    "metal": 8,
}  # fmt: skip

NAME_PATTERNS = {
    "construction": (
        "{surname} Byg ApS", "{surname} & Søn Entreprise A/S", "{town} Tømrer- og Snedkerfirma",
        "{surname} El-service ApS", "{surname} VVS A/S", "{town} Murerforretning ApS",
        "{surname} Anlæg A/S", "Nordisk Stilladsservice {town} ApS", "{surname} Maskinstation",
        "{surname} Beton ApS", "{surname} Malerfirma ApS", "{town} Tag & Facade ApS",
    ),
    "metal": ("{surname} Stålkonstruktion A/S", "{town} Maskinfabrik", "{surname} Smedie ApS"),
    "hospitality": (
        "Hotel {town}", "Restaurant {surname}", "Café {surname}", "{town} Kantineservice ApS",
        "{surname}s Køkken", "Brasserie {town}",
    ),
    "care": ("Plejecenter {town}", "{surname} Hjemmepleje ApS", "Bofællesskabet {town}"),
    "logistics": (
        "{surname} Transport A/S", "{town} Logistik ApS", "{surname} Vognmandsforretning",
        "Nordic Freight {town} ApS", "{town} Lagerhotel A/S", "{surname} Bus ApS",
    ),
    "cleaning": ("{surname} Rengøring ApS", "{town} Facility Service", "Clean {town} ApS"),
}  # fmt: skip

CONTACT_TITLES = {
    "construction": ("Indehaver", "Formand", "Projektleder", "HR-ansvarlig", "Direktør"),
    "metal": ("Værkfører", "Produktionschef", "HR-partner", "Direktør"),
    "hospitality": ("Køkkenchef", "Restaurantchef", "Hotelchef", "HR-koordinator"),
    "care": ("Plejehjemsleder", "Afdelingsleder", "Rekrutteringskonsulent"),
    "logistics": ("Disponent", "Lagerchef", "Driftsleder", "HR-ansvarlig"),
    "cleaning": ("Serviceleder", "Områdeleder", "Indehaver"),
}

INTERACTION_TEXTS = {
    InteractionKind.VISIT: (
        "Opsøgende besøg – præsenterede rekrutteringsservicen og den fælles kandidatsøgning.",
        "Virksomhedsbesøg: gennemgik forventet rekrutteringsbehov det næste halve år.",
        "Besøg på byggepladsen sammen med formanden; aftalte praktikforløb.",
    ),
    InteractionKind.CALL: (
        "Opkald om ledige stillinger; virksomheden vender tilbage med jobordre.",
        "Opfølgende opkald på kandidater, der er sendt til samtale.",
        "Virksomheden ringede ind på det fælles nummer med behov for medarbejdere.",
    ),
    InteractionKind.MAIL: (
        "Sendt information om løntilskud og virksomhedspraktik.",
        "Mail med kandidatprofiler (anonymiserede CV'er).",
        "Bekræftelse af jobordre og tidsplan for screening.",
    ),
    InteractionKind.MEETING: (
        "Møde om rekrutteringsaftale og opkvalificering af ledige.",
        "Opstartsmøde for stort byggeprojekt – bemanding og sikkerhedskurser.",
        "Statusmøde om besatte stillinger og fastholdelse.",
    ),
}
# The typical outcomes, and now and then none.
OUTCOMES = (*InteractionOutcome.values, "")
GUARANTEE_TERMS = (
    "Jobcentrene opkvalificerer ledige kandidater med de nødvendige certifikater; "
    "virksomheden ansætter dem, der gennemfører forløbet."
)


def seed_industries(demo: Demo) -> None:
    """The demo's codes per sector: DB25 codes from the reference list (the migration loads
    it), and the DB07 codes of companies registered before 2025, which the demo creates with
    their labels (the recorded CVR sample's older entries have them too)."""
    rows = read_csv(INDUSTRIES_CSV)
    existing = {(i.version, i.code): i for i in Industry.objects.all()}
    new = [
        Industry(
            code=r["code"], version=r["version"], label_da=r["label_da"], label_en=r["label_en"]
        )
        for r in rows
        if (r["version"], r["code"]) not in existing and r["label_en"]
    ]
    for industry in Industry.objects.bulk_create(new):
        existing[(industry.version, industry.code)] = industry
    for r in rows:
        demo.industries.setdefault(r["sector"], []).append(existing[(r["version"], r["code"])])


def demo_cvr(rng_value: int) -> str | None:
    """A checksum-valid CVR number from 7 leading digits starting with 9, or None."""
    head = f"{rng_value:07d}"
    remainder = sum(int(d) * w for d, w in zip(head, CVR_WEIGHTS[:7], strict=True)) % 11
    check = (11 - remainder) % 11
    if check == 10:
        return None
    cvr = head + str(check)
    return cvr if cvr_is_valid(cvr) else None


def seed_companies(demo: Demo) -> None:
    assert demo.cooperation is not None
    rng = demo.rng
    n = demo.count(300, minimum=6)
    codes = list(COMPANY_MUNICIPALITY_WEIGHTS)
    code_weights = list(COMPANY_MUNICIPALITY_WEIGHTS.values())
    sectors = list(SECTOR_WEIGHTS)
    sector_weights = list(SECTOR_WEIGHTS.values())
    konsulent = demo.users["konsulent"]
    cvrs: set[str] = set()
    names: set[str] = set()
    companies: list[Company] = []
    sectors_of: list[str] = []
    while len(companies) < n:
        cvr = demo_cvr(rng.randrange(9_000_000, 10_000_000))
        if cvr is None or cvr in cvrs:
            continue
        sector = rng.choices(sectors, weights=sector_weights)[0]
        code = rng.choices(codes, weights=code_weights)[0]
        street, postcode, town = address(rng, code, industrial=sector in ("construction", "metal"))
        name = rng.choice(NAME_PATTERNS[sector]).format(
            surname=rng.choice(DANISH_SURNAMES), town=town.split()[0].rstrip(",")
        )
        if name in names:
            continue
        cvrs.add(cvr)
        names.add(name)
        centre = demo.centre_of_municipality[code]
        consultant = rng.choice(demo.consultants[centre.pk])
        if code == "101" and rng.random() < 0.5:
            consultant = konsulent
        domain = ascii_slug(name.replace(" ApS", "").replace(" A/S", ""))[:40] + ".dk"
        companies.append(
            Company(
                cooperation=demo.cooperation,
                cvr=cvr,
                name=name,
                street=street,
                postcode=postcode,
                city=town,
                municipality=demo.municipalities[code],
                industry=rng.choice(demo.industries[sector]),
                phone=phone(rng),
                email=f"kontakt@{domain}",
                website=f"https://www.{domain}",
                contact_consultant=consultant,
                is_ambassador=rng.random() < 0.08,
            )
        )
        sectors_of.append(sector)
    demo.companies = Company.objects.bulk_create(companies)
    demo.company_sector = {
        c.pk: s for c, s in zip(demo.companies, sectors_of, strict=True) if c.pk is not None
    }
    _seed_contacts_and_log(demo)
    _seed_agreements(demo)


def _seed_contacts_and_log(demo: Demo) -> None:
    rng = demo.rng
    contacts: list[ContactPerson] = []
    for company in demo.companies:
        sector = demo.company_sector[company.pk]
        domain = company.email.split("@")[1]
        for i in range(rng.choices((1, 2, 3), weights=(4, 4, 2))[0]):
            first, last = danish_name(rng)
            contacts.append(
                ContactPerson(
                    company=company,
                    name=f"{first} {last}",
                    title=rng.choice(CONTACT_TITLES[sector]),
                    email=f"{ascii_slug(first)}@{domain}",
                    phone=phone(rng),
                    is_primary=i == 0,
                )
            )
    contacts = ContactPerson.objects.bulk_create(contacts)
    contacts_of: dict[int, list[ContactPerson]] = {}
    for contact in contacts:
        contacts_of.setdefault(contact.company_id, []).append(contact)

    interactions: list[Interaction] = []
    kinds = list(InteractionKind)
    first_contact: dict[int, dt.datetime] = {}
    for company in demo.companies:
        assert company.contact_consultant is not None
        centre = demo.centre_of_municipality[company.municipality.code]
        for _ in range(rng.randint(2, 12)):
            kind = rng.choices(kinds, weights=(3, 5, 4, 2))[0]
            days = int(rng.triangular(0, 730, 120))
            occurred = demo.days_ago(days)
            if company.pk not in first_contact or occurred < first_contact[company.pk]:
                first_contact[company.pk] = occurred
            consultant = company.contact_consultant
            if rng.random() < 0.15:
                consultant = rng.choice(demo.consultants[centre.pk])
            follow_up = None
            if days < 30 and rng.random() < 0.4:
                follow_up = demo.today + dt.timedelta(days=rng.randint(1, 30))
            interactions.append(
                Interaction(
                    company=company,
                    kind=kind,
                    occurred_at=occurred,
                    consultant=consultant,
                    job_centre=centre,
                    contact=rng.choice(contacts_of[company.pk]),
                    summary=rng.choice(INTERACTION_TEXTS[kind]),
                    outcome_code=rng.choice(OUTCOMES),
                    follow_up_on=follow_up,
                )
            )
    Interaction.objects.bulk_create(interactions, batch_size=1000)
    # The company was registered at the first contact, not today.
    for company in demo.companies:
        company.created_at = first_contact[company.pk]
    Company.objects.bulk_update(demo.companies, ["created_at"], batch_size=500)


def _seed_agreements(demo: Demo) -> None:
    rng = demo.rng
    n = min(demo.count(40), len(demo.companies))
    chosen = rng.sample(demo.companies, n)
    trades_by_sector: dict[str, list[int]] = {}
    for data in demo.trades.values():
        trades_by_sector.setdefault(data.trade.sector, []).append(data.occupation_id)
    agreements: list[RecruitmentAgreement] = []
    for company in chosen:
        assert company.contact_consultant is not None
        start = demo.today - dt.timedelta(days=rng.randint(0, 700))
        guarantee = rng.random() < 0.3
        agreements.append(
            RecruitmentAgreement(
                company=company,
                job_centre=demo.centre_of_municipality[company.municipality.code],
                signed_by=company.contact_consultant,
                start_date=start,
                end_date=start + dt.timedelta(days=rng.choice((365, 548, 730))),
                expected_hires=rng.randint(2, 20),
                job_guarantee=guarantee,
                guarantee_terms=GUARANTEE_TERMS if guarantee else "",
                terms="Virksomheden melder ledige stillinger til rekrutteringsservicen først; "
                "jobcentrene screener og sender kandidater inden for fem arbejdsdage.",
            )
        )
    agreements = RecruitmentAgreement.objects.bulk_create(agreements)
    through = RecruitmentAgreement.occupations.through
    links = []
    for agreement in agreements:
        options = trades_by_sector[demo.company_sector[agreement.company_id]]
        for occupation_id in rng.sample(options, min(len(options), rng.randint(1, 3))):
            links.append(through(recruitmentagreement_id=agreement.pk, occupation_id=occupation_id))
    through.objects.bulk_create(links)
