"""A case system's candidate export with realistic Danish data, for the import benchmark and
the kill test (docs/import.md has the format). Deterministic: the same (n, seed) gives the
same file. Never committed at 50,000 rows: `python bench/case_import_data.py 50000 out.csv`.

CPR numbers are valid dates (DDMMYY, century digit to match, no modulus 11 as issued since
2007) and unique within a file; municipalities are the real 98 (from the project's own
reference list); titles are Danish national job titles as case systems write them, some clear
("Tømrer"), some only a person can link ("Souschef, køkken").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUNICIPALITIES = ROOT / "src/jobbro/organisations/data/municipalities.csv"

HEADER = [
    "Sags-id",
    "CPR",
    "Fornavn",
    "Efternavn",
    "E-mail",
    "Telefon",
    "Adresse",
    "Postnummer",
    "Kommune",
    "Ledig fra",
    "Samtykke",
    "Målgrupper",
    "Ønskede job",
    "Tidligere job",
    "Uddannelse",
    "Certifikater",
    "Kørekort",
    "Sprog",
]
FIRST = [
    "Anna",
    "Mette",
    "Sofie",
    "Ida",
    "Emma",
    "Freja",
    "Camilla",
    "Louise",
    "Maria",
    "Kirsten",
    "Hanne",
    "Susanne",
    "Fatima",
    "Aisha",
    "Peter",
    "Jens",
    "Lars",
    "Michael",
    "Henrik",
    "Søren",
    "Thomas",
    "Mads",
    "Rasmus",
    "Jonas",
    "Mikkel",
    "Ahmed",
    "Mohammed",
    "Ali",
    "Niels",
    "Bo",
    "Kasper",
    "Frederik",
    "Emil",
    "Noah",
    "Lukas",
    "Oliver",
    "Karen",
    "Lene",
    "Tina",
    "Birgitte",
    "Nadia",
    "Sara",
]
LAST = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Jakobsen",
    "Mikkelsen",
    "Olesen",
    "Frederiksen",
    "Laursen",
    "Henriksen",
    "Lund",
    "Schmidt",
    "Holm",
    "Yilmaz",
    "Hussein",
    "Ahmadi",
    "Nguyen",
    "Kowalski",
]
STREETS = [
    "Hovedgaden",
    "Stationsvej",
    "Skolevej",
    "Kirkevej",
    "Møllevej",
    "Bygaden",
    "Vestergade",
    "Østergade",
]
TITLES = [
    "Lagermedarbejder",
    "Tømrer",
    "Tømrerlærling",
    "Murer",
    "Maler",
    "Elektriker",
    "Buschauffør",
    "Lastbilchauffør",
    "Truckfører",
    "Kok",
    "Souschef, køkken",
    "Køkkenmedhjælper",
    "Rengøringsassistent",
    "Social- og sundhedshjælper",
    "Social- og sundhedsassistent",
    "Pædagog",
    "Pædagogmedhjælper",
    "Butiksassistent",
    "Kassemedarbejder",
    "Kontorassistent",
    "Regnskabsassistent",
    "Tjener",
    "Opvasker",
    "Specialarbejder, medicinal",
    "Postbud",
    "Sygeplejerske",
    "Skov- og naturteknikerelev",
    "Smed",
    "VVS-montør",
    "Gartner",
    "Mekaniker",
    "Receptionist",
    "Kundeservicemedarbejder",
    "Slagter",
    "Bager",
    "Frisør",
    "Tandklinikassistent",
    "Portør",
    "Chauffør, kran",
    "Assistent, kontor",
]
EDUCATIONS = [
    ("Tømrer", "erhvervsuddannelse"),
    ("Social- og sundhedsassistent", "erhvervsuddannelse"),
    ("Kontoruddannelse", "erhvervsuddannelse"),
    ("Student", "gymnasial"),
    ("Folkeskolens afgangsprøve", "grundskole"),
    ("Pædagog", "professionsbachelor"),
    ("Markedsføringsøkonom", "kort videregående"),
    ("Cand.mag. i dansk", "kandidat"),
]
CERTIFICATES = ["Truckcertifikat B", "Hygiejnebevis", "Førstehjælp", "ADR", "Asbestkursus"]
LICENCES = ["B", "B; C", "B; C; CE", "B; D", "BE"]
LANGUAGES = ["engelsk", "tysk", "arabisk", "polsk", "tyrkisk"]
GROUPS = [
    "Unge under 30 år",
    "Seniorer",
    "Akademikere",
    "Langtidsledige – fra kanten af arbejdsmarkedet",
]
LEVELS = ["A2", "B1", "B2", "C1"]


ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def municipalities() -> list[tuple[str, str]]:
    with MUNICIPALITIES.open(encoding="utf-8") as handle:
        return [(r["name"], r["code"]) for r in csv.DictReader(handle)]


def cpr(birth: dt.date, serial: int) -> str:
    """A CPR number for the birth date; the 7th digit gives the century as the CPR office."""
    century_digit = 0 if birth.year < 2000 else 4
    return f"{birth:%d%m%y}-{century_digit}{serial % 1000:03d}"


def rows(n: int, *, seed: int = 7, prefix: str = "S") -> list[list[str]]:
    rng = random.Random(seed)
    places = municipalities()
    out = []
    used: set[str] = set()
    for i in range(n):
        while True:
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 45))
            number = cpr(birth, rng.randrange(1000))
            if number not in used:
                used.add(number)
                break
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name, _code = rng.choice(places)
        available = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(0, 180))
        wished = rng.sample(TITLES, rng.choice((1, 1, 2)))
        past = []
        year = 2025
        for title in rng.sample(TITLES, rng.choice((0, 1, 2, 2, 3))):
            start = year - rng.randrange(1, 6)
            past.append(f"{title} ({start}-{year})")
            year = start
        education_title, level = rng.choice(EDUCATIONS)
        languages = ["dansk C2"] if rng.random() < 0.8 else [f"dansk {rng.choice(LEVELS)}"]
        if rng.random() < 0.6:
            languages.append(f"{rng.choice(LANGUAGES)} {rng.choice(LEVELS)}")
        out.append(
            [
                f"{prefix}-{100000 + i}",
                number,
                first,
                last,
                f"{first.lower()}.{last.lower()}{i}@example.dk".translate(ASCII),
                f"{rng.randrange(20000000, 99999999)}",
                f"{rng.choice(STREETS)} {rng.randrange(1, 120)}",
                f"{rng.randrange(1000, 9990)}",
                name,
                available.strftime(rng.choice(("%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"))),
                rng.choice(("ja", "ja", "nej")),
                rng.choice(GROUPS) if rng.random() < 0.3 else "",
                "; ".join(wished),
                "; ".join(past),
                f"{education_title} ({level}, {rng.randrange(1985, 2024)})",
                "; ".join(rng.sample(CERTIFICATES, rng.choice((0, 0, 1, 2)))),
                rng.choice(LICENCES) if rng.random() < 0.7 else "",
                "; ".join(languages),
            ]
        )
    return out


def csv_bytes(n: int, *, seed: int = 7, prefix: str = "S") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows(n, seed=seed, prefix=prefix))
    return out.getvalue().encode("utf-8")


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"case_import_{count}.csv")
    target.write_bytes(csv_bytes(count))
    print(target)
