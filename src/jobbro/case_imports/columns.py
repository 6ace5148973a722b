"""The columns of each kind of file: the Danish header a case system writes, the English
aliases accepted, and whether a row must fill it (docs/import.md lists them)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    danish: str
    aliases: tuple[str, ...] = ()
    required: bool = False


CANDIDATE_COLUMNS = (
    Column("case_id", "Sags-id", ("Case ID", "Case id", "Sagsnummer", "ID"), required=True),
    Column("cpr", "CPR", ("CPR number", "CPR-nummer", "CPR-nr"), required=True),
    Column("first_name", "Fornavn", ("First name",), required=True),
    Column("last_name", "Efternavn", ("Last name", "Surname"), required=True),
    Column("email", "E-mail", ("Email", "Mail")),
    Column("phone", "Telefon", ("Phone", "Mobil", "Telephone")),
    Column("street", "Adresse", ("Address", "Street")),
    Column("postcode", "Postnummer", ("Postcode", "Postnr", "Postal code")),
    Column("municipality", "Kommune", ("Municipality",), required=True),
    Column("available_from", "Ledig fra", ("Available from",)),
    Column("consent", "Samtykke", ("Consent",)),
    Column("consent_given_on", "Samtykke givet", ("Consent given on", "Samtykkedato")),
    Column("target_groups", "Målgrupper", ("Target groups", "Målgruppe")),
    Column("wished", "Ønskede job", ("Wished jobs", "Wished occupations", "Jobønsker")),
    Column("past", "Tidligere job", ("Past jobs", "Experience", "Erfaring")),
    Column("education", "Uddannelse", ("Education", "Uddannelser")),
    Column("certificates", "Certifikater", ("Certificates", "Kurser og certifikater")),
    Column("licences", "Kørekort", ("Driving licences", "Driving licence")),
    Column("languages", "Sprog", ("Languages",)),
)

COMPANY_COLUMNS = (
    Column("cvr", "CVR", ("CVR number", "CVR-nummer", "CVR-nr"), required=True),
    Column("name", "Navn", ("Name", "Virksomhed", "Company"), required=True),
    Column("p_number", "P-nummer", ("P number", "P-nr")),
    Column("street", "Adresse", ("Address", "Street"), required=True),
    Column("postcode", "Postnummer", ("Postcode", "Postnr", "Postal code"), required=True),
    Column("city", "By", ("City", "Postdistrikt"), required=True),
    Column("municipality", "Kommune", ("Municipality",), required=True),
    Column("industry", "Branchekode", ("Industry code", "Branche", "Industry"), required=True),
    Column("phone", "Telefon", ("Phone", "Telephone")),
    Column("email", "E-mail", ("Email", "Mail")),
    Column("website", "Hjemmeside", ("Website", "Web")),
)

JOB_ORDER_COLUMNS = (
    Column("case_id", "Jobordre-id", ("Job order ID", "Job order id", "Ordre-id"), required=True),
    Column("cvr", "CVR", ("CVR number", "CVR-nummer", "CVR-nr"), required=True),
    Column("title", "Stillingsbetegnelse", ("Title", "Job title", "Titel"), required=True),
    Column("positions", "Antal stillinger", ("Positions",)),
    Column("kind", "Type", ("Kind", "Jobtype")),
    Column("hours_per_week", "Timer pr. uge", ("Hours per week", "Timer")),
    Column("workplace_address", "Arbejdssted", ("Workplace address", "Workplace"), required=True),
    Column("workplace_municipality", "Arbejdsstedets kommune", ("Workplace municipality",)),
    Column("start_date", "Startdato", ("Start date", "Tiltrædelse"), required=True),
    Column("deadline", "Ansøgningsfrist", ("Deadline", "Application deadline"), required=True),
    Column("tasks", "Arbejdsopgaver", ("Tasks", "Opgaver", "Beskrivelse")),
)


def header_key(text: str) -> str:
    """A header as compared: case, spaces, hyphens, underscores and dots do not count."""
    return re.sub(r"[\s_\-.]+", "", text.casefold())


def column_lookup(columns: tuple[Column, ...]) -> dict[str, Column]:
    found: dict[str, Column] = {}
    for column in columns:
        for name in (column.danish, *column.aliases):
            found[header_key(name)] = column
    return found
