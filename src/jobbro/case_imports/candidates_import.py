"""Candidates from a case system's export: read and check every row, compare with what Jobbro
has, then write all of it in bulk, or nothing (docs/import.md).

Keys: the job centre's own id for the person (`Candidate.case_id`) and the CPR number's
keyed hash. A row equal to what is stored writes nothing. Free-text titles are linked to
ESCO occupations once per distinct title; below the threshold they wait for a person
(`PendingTitleLink`), never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext as _

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
from jobbro.candidates.validators import cpr_birth_date, normalise_cpr
from jobbro.crypto import encrypt_cpr, hash_cpr
from jobbro.matching.services import note_candidates_changed
from jobbro.organisations.models import JobCentre, Municipality, User
from jobbro.taxonomy.models import CefrLevel, Language, Qualification, QualificationKind
from jobbro.taxonomy.selectors import link_title

from .columns import CANDIDATE_COLUMNS, Column, column_lookup, header_key
from .models import PendingTitleLink, TitleUse
from .reading import Table
from .report import Report
from .values import (
    NO,
    YES,
    DatedTitle,
    bad_date_message,
    parse_date,
    parse_dated_title,
    parse_language,
    parse_parenthesis,
    split_list,
)

CHUNK = 900  # ids per IN (…): below SQLite's old limit of 999 variables
BATCH = 2000  # rows per INSERT / UPDATE

Progress = Callable[[str, int, int], None]


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


# --- reference data, read once per file ---------------------------------------------


@dataclass
class Lookups:
    municipalities: dict[str, int]
    target_groups: dict[str, int]
    qualifications: dict[str, tuple[int, str]]  # name → (pk, kind)
    languages: dict[str, int]
    levels: dict[str, str]
    kinds: dict[int, str]  # qualification pk → kind

    @classmethod
    def load(cls) -> Lookups:
        municipalities: dict[str, int] = {}
        for pk, code, name in Municipality.objects.values_list("pk", "code", "name"):
            municipalities[code] = pk
            municipalities[code.lstrip("0")] = pk
            municipalities[_fold(name)] = pk
            municipalities[_fold(f"{name} kommune")] = pk
            municipalities[_fold(f"{name}s kommune")] = pk
        target_groups: dict[str, int] = {}
        for pk, code, da, en in TargetGroup.objects.values_list(
            "pk", "code", "label_da", "label_en"
        ):
            for name in (code, da, en):
                if name:
                    target_groups[_fold(name)] = pk
        qualifications: dict[str, tuple[int, str]] = {}
        rows = Qualification.objects.values_list(
            "pk", "code", "kind", "label_da", "label_en", "synonyms"
        )
        for pk, code, kind, da, en, synonyms in rows:
            names = [code, da, en, *synonyms.split("|")]
            if kind == QualificationKind.DRIVING_LICENCE:
                names.append(code.removeprefix("licence-"))  # "B", "CE"
            for name in names:
                if name.strip():
                    qualifications.setdefault(_fold(name), (pk, kind))
        languages: dict[str, int] = {}
        for pk, code, da, en in Language.objects.values_list("pk", "code", "label_da", "label_en"):
            for name in (code, da, en):
                if name:
                    languages[_fold(name)] = pk
        levels = {_fold(level.value): level.value for level in EducationLevel}
        for level in EducationLevel:
            levels[_fold(str(level.label))] = level.value
        levels.update(
            {
                "grundskole": EducationLevel.PRIMARY,
                "folkeskole": EducationLevel.PRIMARY,
                "gymnasial": EducationLevel.UPPER_SECONDARY,
                "gymnasium": EducationLevel.UPPER_SECONDARY,
                "stx": EducationLevel.UPPER_SECONDARY,
                "hf": EducationLevel.UPPER_SECONDARY,
                "erhvervsuddannelse": EducationLevel.VOCATIONAL,
                "eud": EducationLevel.VOCATIONAL,
                "faglært": EducationLevel.VOCATIONAL,
                "kort videregående": EducationLevel.SHORT_HIGHER,
                "kvu": EducationLevel.SHORT_HIGHER,
                "erhvervsakademi": EducationLevel.SHORT_HIGHER,
                "mellemlang videregående": EducationLevel.BACHELOR,
                "mvu": EducationLevel.BACHELOR,
                "professionsbachelor": EducationLevel.BACHELOR,
                "bachelor": EducationLevel.BACHELOR,
                "lang videregående": EducationLevel.MASTER,
                "lvu": EducationLevel.MASTER,
                "kandidat": EducationLevel.MASTER,
                "master": EducationLevel.MASTER,
                "ph.d.": EducationLevel.MASTER,
            }
        )
        kinds = {pk: kind for pk, kind in qualifications.values()}
        return cls(municipalities, target_groups, qualifications, languages, levels, kinds)


# --- one row, read ------------------------------------------------------------------


@dataclass
class Row:
    line: int
    case_id: str
    cpr: str
    cpr_hash: str
    birth_date: dt.date
    values: dict[str, Any] = field(default_factory=dict)  # Candidate fields given in the file
    consent: tuple[bool, dt.date | None] | None = None
    target_groups: frozenset[int] | None = None
    wished: list[str] | None = None
    past: list[DatedTitle] | None = None
    educations: frozenset[tuple[str, str, int | None]] | None = None
    certificates: frozenset[int] | None = None
    licences: frozenset[int] | None = None
    languages: frozenset[tuple[int, str]] | None = None


class _RowReader:
    """Turns the cells of a row into a `Row`, or reports each problem on the report."""

    def __init__(self, lookups: Lookups, headers: dict[str, str], report: Report) -> None:
        self.lookups = lookups
        self.headers = headers  # key → the header as the file wrote it
        self.report = report
        self.ok = True
        self.line = 0
        self.padded = False  # a 0 was put before a CPR number Excel stored as a number

    def problem(self, key: str, message: str) -> None:
        self.report.problem(self.line, self.headers.get(key, key), message)
        self.ok = False

    def read(self, line: int, cells: dict[str, str]) -> Row | None:
        self.line = line
        self.ok = True
        for key in ("case_id", "cpr", "first_name", "last_name", "municipality"):
            if not cells.get(key):
                self.problem(key, _("This column must be filled in."))
        case_id = cells.get("case_id", "")
        if len(case_id) > 50:
            self.problem("case_id", _("At most 50 characters."))
        cpr = normalise_cpr(cells.get("cpr", ""))
        birth_date = cpr_birth_date(cpr) if cpr else None
        if cpr and birth_date is None:
            message = _("A CPR number has ten digits, the first six a valid date (DDMMYY).")
            if self.padded or (len(cpr) == 9 and cpr.isdigit()):
                message += " " + _(
                    "The leading 0 may be missing: store the column as text in Excel, "
                    "not as a number."
                )
            self.problem("cpr", message)
        values: dict[str, Any] = {}
        for key, limit in (("first_name", 100), ("last_name", 100), ("street", 200)):
            if key in cells:
                if len(cells[key]) > limit:
                    self.problem(key, _("At most %(limit)s characters.") % {"limit": limit})
                values[key] = cells[key]
        if "email" in cells:
            if cells["email"]:
                try:
                    validate_email(cells["email"])
                except ValidationError:
                    self.problem(
                        "email", _("Not an e-mail address: %(value)s") % _v(cells["email"])
                    )
            values["email"] = cells["email"]
        if "phone" in cells:
            if len(cells["phone"]) > 20:
                self.problem("phone", _("At most %(limit)s characters.") % {"limit": 20})
            values["phone"] = cells["phone"]
        if "postcode" in cells:
            postcode = cells["postcode"]
            if postcode and not (len(postcode) == 4 and postcode.isdigit()):
                self.problem("postcode", _("A postcode has four digits: %(value)s") % _v(postcode))
            values["postcode"] = postcode
        if cells.get("municipality"):
            municipality = self.lookups.municipalities.get(_fold(cells["municipality"]))
            if municipality is None:
                self.problem(
                    "municipality",
                    _("Unknown municipality: %(value)s") % _v(cells["municipality"]),
                )
            values["municipality_id"] = municipality
        if cells.get("available_from"):
            values["available_from"] = self.date("available_from", cells["available_from"])
        row = Row(
            line=line,
            case_id=case_id,
            cpr=cpr,
            cpr_hash=hash_cpr(cpr) if birth_date else "",
            birth_date=birth_date or dt.date.min,
        )
        row.values = values
        if "consent" in cells:
            row.consent = self.consent(
                cells["consent"], cells.get("consent_given_on", ""), birth_date
            )
        if "target_groups" in cells:
            row.target_groups = frozenset(
                self.named(
                    "target_groups",
                    cells["target_groups"],
                    self.lookups.target_groups,
                    _("Unknown target group: %(value)s"),
                )
            )
        if "wished" in cells:
            row.wished = split_list(cells["wished"])
            for title in row.wished:
                if len(title) > 200:
                    self.problem("wished", _("At most %(limit)s characters.") % {"limit": 200})
        if "past" in cells:
            row.past = self.past(cells["past"])
        if "education" in cells:
            row.educations = frozenset(self.educations(cells["education"]))
        if "certificates" in cells:
            row.certificates = frozenset(self.qualifications("certificates", cells["certificates"]))
        if "licences" in cells:
            row.licences = frozenset(self.qualifications("licences", cells["licences"]))
        if "languages" in cells:
            row.languages = frozenset(self.languages(cells["languages"]))
        return row if self.ok else None

    def date(self, key: str, text: str) -> dt.date | None:
        value = parse_date(text)
        if value is None:
            self.problem(key, bad_date_message(text))
        return value

    def consent(
        self, text: str, given_on: str, birth_date: dt.date | None
    ) -> tuple[bool, dt.date | None] | None:
        folded = _fold(text)
        date = self.date("consent_given_on", given_on) if given_on else None
        if folded in YES:
            return True, self.consent_date("consent_given_on", date, birth_date)
        if folded in NO:
            return False, None
        as_date = parse_date(text)
        if as_date is not None:
            return True, self.consent_date("consent", as_date, birth_date)
        self.problem("consent", _("Write ja or nej (yes or no), or the date consent was given."))
        return None

    def consent_date(
        self, key: str, date: dt.date | None, birth_date: dt.date | None
    ) -> dt.date | None:
        """As the candidate form: consent is not given in the future, nor before birth."""
        if date is None:
            return None
        if date > timezone.localdate():
            self.problem(
                key,
                _("Consent cannot be given in the future: %(value)s")
                % {"value": date.strftime("%d-%m-%Y")},
            )
        elif birth_date is not None and date < birth_date:
            self.problem(
                key,
                _("Consent cannot be given before the person was born (%(born)s): %(value)s")
                % {"value": date.strftime("%d-%m-%Y"), "born": birth_date.strftime("%d-%m-%Y")},
            )
        return date

    def named(self, key: str, text: str, names: dict[str, int], message: str) -> list[int]:
        found = []
        for value in split_list(text):
            pk = names.get(_fold(value))
            if pk is None:
                self.problem(key, message % _v(value))
            else:
                found.append(pk)
        return found

    def qualifications(self, key: str, text: str) -> list[int]:
        found = []
        for value in split_list(text):
            hit = self.lookups.qualifications.get(_fold(value))
            if hit is None and key == "licences":
                hit = self.lookups.qualifications.get(_fold(f"kørekort {value}"))
            if hit is None:
                message = (
                    _("Unknown driving licence: %(value)s")
                    if key == "licences"
                    else _("Unknown certificate or licence: %(value)s")
                )
                self.problem(key, message % _v(value))
            else:
                found.append(hit[0])
        return found

    def languages(self, text: str) -> list[tuple[int, str]]:
        found: dict[int, str] = {}
        for value in split_list(text):
            parsed = parse_language(value)
            if parsed is None:
                self.problem(
                    "languages",
                    _("A language needs its level (A1–C2), as in “dansk C2”: %(value)s")
                    % _v(value),
                )
                continue
            name, level = parsed
            pk = self.lookups.languages.get(_fold(name))
            if pk is None:
                self.problem("languages", _("Unknown language: %(value)s") % _v(name))
            elif level not in CefrLevel.values:
                self.problem("languages", _("Unknown level: %(value)s") % _v(level))
            elif pk in found:
                self.problem("languages", _("Listed twice: %(value)s") % _v(name))
            else:
                found[pk] = level
        return list(found.items())

    def past(self, text: str) -> list[DatedTitle]:
        found = []
        this_year = timezone.localdate().year
        for value in split_list(text):
            parsed = parse_dated_title(value)
            if parsed is None or parsed.start_year is None:
                self.problem(
                    "past",
                    _(
                        "A past job needs its years, as in “Lagermedarbejder (2015-2019)” or "
                        "“Kok (2019-)”: %(value)s"
                    )
                    % _v(value),
                )
                continue
            if parsed.start_year > this_year or not parsed.title or len(parsed.title) > 200:
                self.problem("past", _("Cannot read this past job: %(value)s") % _v(value))
                continue
            found.append(parsed)
        return found

    def educations(self, text: str) -> list[tuple[str, str, int | None]]:
        found = []
        for value in split_list(text):
            title, parts = parse_parenthesis(value)
            year = None
            level = None
            bad = False
            for part in parts:
                if part.isdigit() and len(part) == 4:
                    year = int(part)
                elif _fold(part) in self.lookups.levels:
                    level = self.lookups.levels[_fold(part)]
                else:
                    bad = True
            if bad or level is None or not title or len(title) > 200:
                self.problem(
                    "education",
                    _(
                        "An education needs its level and may have its year, as in "
                        "“Tømrer (erhvervsuddannelse, 2012)”: %(value)s"
                    )
                    % _v(value),
                )
                continue
            found.append((title, level, year))
        return found


def _v(value: str) -> dict[str, str]:
    return {"value": value[:100]}


# --- the state a candidate has, and the one the file wants ---------------------------

SCALARS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "postcode",
    "municipality_id",
    "available_from",
    "consent_scope",
    "consent_given_on",
    "status",
    "case_id",
)


@dataclass
class State:
    """A candidate as compared: scalar fields and each CV section as a set."""

    pk: int | None = None
    cv_id: int | None = None
    scalars: dict[str, Any] = field(default_factory=dict)
    target_groups: frozenset[int] = frozenset()
    wished: frozenset[int] = frozenset()
    experiences: frozenset[tuple[int, str, dt.date, dt.date | None]] = frozenset()
    educations: frozenset[tuple[str, str, int | None]] = frozenset()
    qualifications: frozenset[int] = frozenset()
    languages: frozenset[tuple[int, str]] = frozenset()
    pending: frozenset[tuple[str, str, int | None, int | None]] = frozenset()
    recorded_by: int | None = None  # who recorded the consent (kept unless it changes)


def _load_states(candidate_ids: list[int]) -> dict[int, State]:
    states: dict[int, State] = {}
    for chunk in _chunks(candidate_ids):
        for values in Candidate.objects.filter(pk__in=chunk).values(
            "pk", "consent_recorded_by_id", *SCALARS
        ):
            recorded_by = values.pop("consent_recorded_by_id")
            pk = values.pop("pk")
            states[pk] = State(pk=pk, scalars=values, recorded_by=recorded_by)
        cv_of: dict[int, int] = {}
        for cv_id, candidate_id in Cv.objects.filter(candidate_id__in=chunk).values_list(
            "pk", "candidate_id"
        ):
            states[candidate_id].cv_id = cv_id
            cv_of[cv_id] = candidate_id
        groups: dict[int, set[Any]] = defaultdict(set)
        through = Candidate.target_groups.through
        for c, g in through.objects.filter(candidate_id__in=chunk).values_list(
            "candidate_id", "targetgroup_id"
        ):
            groups[c].add(g)
        for c, found in groups.items():
            states[c].target_groups = frozenset(found)
        cvs = list(cv_of)
        sections: dict[str, dict[int, set[Any]]] = defaultdict(lambda: defaultdict(set))
        wished = Cv.wished_occupations.through.objects.filter(cv_id__in=cvs)
        for cv_id, occupation_id in wished.values_list("cv_id", "occupation_id"):
            sections["wished"][cv_of[cv_id]].add(occupation_id)
        for cv_id, *rest in Experience.objects.filter(cv_id__in=cvs).values_list(
            "cv_id", "occupation_id", "title", "start_date", "end_date"
        ):
            sections["experiences"][cv_of[cv_id]].add(tuple(rest))
        for cv_id, *rest in Education.objects.filter(cv_id__in=cvs).values_list(
            "cv_id", "title", "level", "completed_year"
        ):
            sections["educations"][cv_of[cv_id]].add(tuple(rest))
        for cv_id, qualification_id in HeldQualification.objects.filter(cv_id__in=cvs).values_list(
            "cv_id", "qualification_id"
        ):
            sections["qualifications"][cv_of[cv_id]].add(qualification_id)
        for cv_id, *rest in SpokenLanguage.objects.filter(cv_id__in=cvs).values_list(
            "cv_id", "language_id", "level"
        ):
            sections["languages"][cv_of[cv_id]].add(tuple(rest))
        for c, *rest in PendingTitleLink.objects.filter(
            candidate_id__in=chunk, resolved_at=None
        ).values_list("candidate_id", "use", "title", "start_year", "end_year"):
            sections["pending"][c].add(tuple(rest))
        for name, by_candidate in sections.items():
            for c, found in by_candidate.items():
                setattr(states[c], name, frozenset(found))
    return states


SECTIONS = (
    "target_groups",
    "wished",
    "experiences",
    "educations",
    "qualifications",
    "languages",
    "pending",
)


@dataclass
class Planned:
    row: Row
    current: State | None  # None: a new candidate
    wanted: State
    changed: list[str]  # scalar fields and sections that differ


@dataclass
class Plan:
    report: Report
    rows: list[Planned] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # candidate pks no longer in the file
    titles: _Titles | None = None


class _Titles:
    """Links free-text titles once per distinct title: first what a person of the job centre
    chose for the same title before, then the suggestion engine at its threshold."""

    def __init__(self, job_centre: JobCentre) -> None:
        self.chosen: dict[str, int] = {}
        resolved = PendingTitleLink.objects.filter(
            job_centre=job_centre, occupation__isnull=False
        ).order_by("resolved_at")
        for title, occupation_id in resolved.values_list("title", "occupation_id"):
            self.chosen[_fold(title)] = occupation_id
        self.cache: dict[str, tuple[int | None, float, list[dict[str, Any]]]] = {}

    def link(self, title: str) -> tuple[int | None, float, list[dict[str, Any]]]:
        key = _fold(title)
        if key in self.chosen:
            return self.chosen[key], 1.0, []
        if key not in self.cache:
            found = link_title(title, "da")
            suggestions = [
                {"pk": s.pk, "label_da": s.label_da, "label_en": s.label_en, "score": s.score}
                for s in found.candidates[:5]
            ]
            self.cache[key] = (found.occupation_id, found.confidence, suggestions)
        return self.cache[key]


def plan_candidates(
    table: Table,
    *,
    job_centre: JobCentre,
    mark_missing: bool = False,
    progress: Progress | None = None,
) -> Plan:
    """Read and check every row and compare it with the stored candidates; writes nothing."""
    report = Report()
    plan = Plan(report=report)
    lookup = column_lookup(CANDIDATE_COLUMNS)
    headers: dict[str, str] = {}
    positions: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        column: Column | None = lookup.get(header_key(header))
        if column is None:
            report.problem(0, header, _("Unknown column: %(value)s") % _v(header))
        elif column.key in headers:
            report.problem(0, header, _("The column is there twice."))
        else:
            headers[column.key] = header
            positions[column.key] = index
    for column in CANDIDATE_COLUMNS:
        if column.required and column.key not in headers:
            report.problem(
                0, column.danish, _("The column %(value)s is missing.") % _v(column.danish)
            )
    report.counts["rows"] = len(table.rows)
    if not report.ok:
        return plan

    lookups = Lookups.load()
    reader = _RowReader(lookups, headers, report)
    rows: list[Row] = []
    seen_case: dict[str, int] = {}
    seen_cpr: dict[str, int] = {}
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.numbered(), start=1):
        if len(cells) > len(table.headers):
            report.problem(number, "", _("The row has more cells than the file has columns."))
            continue
        values = {key: cells[i] for key, i in positions.items()}
        # Excel drops the leading 0 of a CPR number stored as a number: 0101801239 → 101801239.
        reader.padded = False
        numeric = "cpr" in positions and (done - 1, positions["cpr"]) in table.numeric
        if numeric and len(values["cpr"]) == 9 and values["cpr"].isdigit():
            values["cpr"] = "0" + values["cpr"]
            reader.padded = True
        row = reader.read(number, values)
        # The same person twice is said even when a row is wrong for another reason too.
        row_case = values.get("case_id", "")
        cpr = normalise_cpr(values.get("cpr", ""))
        row_hash = hash_cpr(cpr) if cpr and cpr_birth_date(cpr) else ""
        duplicate = False
        reader.line = number
        if row_case and row_case in seen_case:
            reader.problem(
                "case_id", _("The same person as in row %(row)s.") % {"row": seen_case[row_case]}
            )
            duplicate = True
        elif row_hash and row_hash in seen_cpr:
            reader.problem(
                "cpr", _("The same person as in row %(row)s.") % {"row": seen_cpr[row_hash]}
            )
            duplicate = True
        if row_case:
            seen_case.setdefault(row_case, number)
        if row_hash:
            seen_cpr.setdefault(row_hash, number)
        if row is None or duplicate:
            continue
        rows.append(row)
        if progress is not None and done % 5000 == 0:
            progress("read", done, total)

    # Who is who: the job centre's case ids first, then the CPR hash anywhere.
    own = Candidate.objects.filter(job_centre=job_centre, anonymised_at=None).exclude(case_id="")
    by_case = {case: (pk, h) for pk, case, h in own.values_list("pk", "case_id", "cpr_hash")}
    unmatched = [r.cpr_hash for r in rows if r.case_id not in by_case]
    by_hash: dict[str, tuple[int, int, str, str]] = {}
    for chunk in _chunks(unmatched):
        for pk, centre_id, centre_name, case_id, cpr_hash in Candidate.objects.filter(
            cpr_hash__in=chunk
        ).values_list("pk", "job_centre_id", "job_centre__name", "case_id", "cpr_hash"):
            by_hash[str(cpr_hash)] = (pk, centre_id, centre_name, case_id)
    matched: dict[int, int] = {}  # row line → candidate pk
    for row in rows:
        reader.line = row.line
        if row.case_id in by_case:
            pk, stored_hash = by_case[row.case_id]
            if stored_hash != row.cpr_hash:
                reader.problem(
                    "cpr",
                    _(
                        "The candidate with this case id has another CPR number in Jobbro. "
                        "Correct the file, or the candidate in Jobbro."
                    ),
                )
                continue
            matched[row.line] = pk
        elif row.cpr_hash in by_hash:
            pk, centre_id, centre_name, case_id = by_hash[row.cpr_hash]
            if centre_id != job_centre.pk:
                reader.problem(
                    "cpr",
                    _(
                        "This person is already a candidate at %(centre)s. A candidate belongs "
                        "to one job centre; contact %(centre)s if the person has moved."
                    )
                    % {"centre": centre_name},
                )
            elif case_id:
                reader.problem(
                    "case_id",
                    _("This person is already imported with the case id %(value)s.") % _v(case_id),
                )
            else:
                matched[row.line] = pk  # registered by hand before: the import adopts them
    if not report.ok:
        return plan

    titles = _Titles(job_centre)
    plan.titles = titles
    distinct = {_fold(t): t for r in rows for t in (r.wished or [])}
    distinct.update({_fold(p.title): p.title for r in rows for p in (r.past or [])})
    for done, title in enumerate(distinct.values(), start=1):
        titles.link(title)
        if progress is not None and done % 200 == 0:
            progress("titles", done, len(distinct))

    states = _load_states(sorted(set(matched.values())))
    today = timezone.localdate()
    for row in rows:
        current = states.get(matched[row.line]) if row.line in matched else None
        wanted, pending = _wanted(row, current, titles, lookups, today)
        if current is None:
            changed = ["created"]
        else:
            changed = [n for n in SCALARS if wanted.scalars[n] != current.scalars[n]]
            changed += [n for n in SECTIONS if getattr(wanted, n) != getattr(current, n)]
        plan.rows.append(Planned(row, current, wanted, changed))
        for item in pending:
            report.pending.append(item)
        report.counts["pending_titles"] += len(pending)
        if current is None:
            report.change(row.line, row.case_id, "created", [])
        elif changed:
            report.change(row.line, row.case_id, "updated", [_field_label(n) for n in changed])
        else:
            report.change(row.line, row.case_id, "unchanged", [])

    if mark_missing:
        in_file = {r.case_id for r in rows}
        for case_id, (pk, _hash) in sorted(by_case.items()):
            if case_id not in in_file:
                plan.missing.append(pk)
                report.missing.append(case_id)
        if plan.missing:
            # Already inactive ones stay as they are: nothing to mark.
            inactive = set()
            for chunk in _chunks(plan.missing):
                inactive |= set(
                    Candidate.objects.filter(
                        pk__in=chunk, status=CandidateStatus.INACTIVE
                    ).values_list("pk", flat=True)
                )
            keep = [pk for pk in plan.missing if pk not in inactive]
            known = {pk: case for case, (pk, _h) in by_case.items()}
            plan.missing = keep
            report.missing = [known[pk] for pk in keep]
        report.counts["missing"] = len(plan.missing)
    return plan


def _field_label(name: str) -> str:
    labels = {
        "target_groups": _("target groups"),
        "wished": _("wished occupations"),
        "experiences": _("past jobs"),
        "educations": _("education"),
        "qualifications": _("certificates and licences"),
        "languages": _("languages"),
        "pending": _("job titles waiting for a person"),
        "municipality_id": _("municipality of residence"),
        "case_id": _("case system id"),
    }
    if name in labels:
        return str(labels[name])
    return str(getattr(Candidate._meta.get_field(name), "verbose_name", name))


def _wanted(
    row: Row, current: State | None, titles: _Titles, lookups: Lookups, today: dt.date
) -> tuple[State, list[dict[str, Any]]]:
    """What the candidate is to be after the import; sections the file has no column for stay
    as they are."""
    base = current or State(
        scalars={
            "first_name": "",
            "last_name": "",
            "email": "",
            "phone": "",
            "street": "",
            "postcode": "",
            "municipality_id": None,
            "available_from": today,
            "consent_scope": ConsentScope.NONE,
            "consent_given_on": None,
            "status": CandidateStatus.ACTIVE,
            "case_id": row.case_id,
        }
    )
    scalars = dict(base.scalars)
    scalars.update(row.values)
    scalars["case_id"] = row.case_id
    if scalars["status"] == CandidateStatus.INACTIVE:
        scalars["status"] = CandidateStatus.ACTIVE  # in the case system's export again
    if row.consent is not None:
        given, date = row.consent
        if given:
            kept = base.scalars["consent_given_on"]
            scalars["consent_scope"] = ConsentScope.COOPERATION
            scalars["consent_given_on"] = date or (
                kept if base.scalars["consent_scope"] == ConsentScope.COOPERATION else today
            )
        else:
            scalars["consent_scope"] = ConsentScope.NONE
            scalars["consent_given_on"] = None
    wanted = State(
        pk=base.pk,
        cv_id=base.cv_id,
        scalars=scalars,
        target_groups=base.target_groups if row.target_groups is None else row.target_groups,
        wished=base.wished,
        experiences=base.experiences,
        educations=base.educations if row.educations is None else row.educations,
        languages=base.languages if row.languages is None else row.languages,
        qualifications=base.qualifications,
        pending=base.pending,
        recorded_by=base.recorded_by,
    )
    pending: list[dict[str, Any]] = []
    pending_keys = set(base.pending)
    if row.wished is not None:
        pending_keys = {p for p in pending_keys if p[0] != TitleUse.WISHED}
        linked = set()
        for title in row.wished:
            occupation_id, confidence, suggestions = titles.link(title)
            if occupation_id is not None:
                linked.add(occupation_id)
            else:
                pending_keys.add((TitleUse.WISHED, title, None, None))
                pending.append(_pending_item(row, "wished", title, confidence, suggestions))
        wanted.wished = frozenset(linked)
    if row.past is not None:
        pending_keys = {p for p in pending_keys if p[0] != TitleUse.PAST}
        experiences = set()
        for past in row.past:
            occupation_id, confidence, suggestions = titles.link(past.title)
            start, end = _period(past)
            if occupation_id is not None:
                experiences.add((occupation_id, past.title, start, end))
            else:
                pending_keys.add((TitleUse.PAST, past.title, past.start_year, past.end_year))
                pending.append(_pending_item(row, "past", past.title, confidence, suggestions))
        wanted.experiences = frozenset(experiences)
    wanted.pending = frozenset(pending_keys)
    if row.certificates is not None or row.licences is not None:
        kinds = lookups.kinds
        kept = set()
        for pk in base.qualifications:
            is_licence = kinds.get(pk) == QualificationKind.DRIVING_LICENCE
            if (row.licences is None and is_licence) or (
                row.certificates is None and not is_licence
            ):
                kept.add(pk)
        wanted.qualifications = frozenset(
            kept | (row.certificates or set()) | (row.licences or set())
        )
    return wanted, pending


def _period(past: DatedTitle) -> tuple[dt.date, dt.date | None]:
    assert past.start_year is not None
    start = dt.date(past.start_year, 1, 1)
    end = None if past.end_year is None else dt.date(past.end_year, 12, 31)
    return start, end


def _pending_item(
    row: Row, column: str, title: str, confidence: float, suggestions: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "row": row.line,
        "key": row.case_id,
        "column": column,
        "title": title,
        "confidence": round(confidence, 2),
        "suggestions": suggestions,
    }


# --- writing ------------------------------------------------------------------------


def _insert(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """INSERT many rows with executemany: the values as each field prepares them for this
    database, without building a model instance per row (bulk_create's cost at this size)."""
    fields = [cast(models.Field[Any, Any], model._meta.get_field(name)) for name in names]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  # names from the models
        quote(model._meta.db_table),
        ", ".join(quote(str(f.column)) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    prepared = [
        (i, f.get_db_prep_save)
        for i, f in enumerate(fields)
        if isinstance(f, (models.DateField, models.JSONField))
    ]
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            values = list(row)
            for index, prep in prepared:
                if values[index] is not None:
                    values[index] = prep(values[index], connection)
            batch.append(values)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


CANDIDATE_INSERT = (
    "job_centre",
    "case_id",
    "cpr_encrypted",
    "cpr_hash",
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "street",
    "postcode",
    "municipality",
    "consent_scope",
    "consent_given_on",
    "consent_recorded_by",
    "available_from",
    "status",
    "registered_on",
    "created_at",
    "updated_at",
)


def apply_candidates(
    plan: Plan,
    *,
    job_centre: JobCentre,
    user: User | None,
    run_id: int | None = None,
    progress: Progress | None = None,
) -> list[int]:
    """Write the plan in bulk, in the caller's transaction; returns the changed candidates."""
    now = timezone.now()
    today = timezone.localdate()
    creates = [p for p in plan.rows if p.current is None]
    updates = [p for p in plan.rows if p.current is not None and p.changed]
    total = len(creates) + len(updates)
    user_id = user.pk if user is not None else None

    def new_rows() -> Iterator[tuple[Any, ...]]:
        for done, planned in enumerate(creates, start=1):
            s = planned.wanted.scalars
            consenting = s["consent_scope"] == ConsentScope.COOPERATION
            yield (
                job_centre.pk,
                s["case_id"],
                encrypt_cpr(planned.row.cpr),
                planned.row.cpr_hash,
                s["first_name"],
                s["last_name"],
                planned.row.birth_date,
                s["email"],
                s["phone"],
                s["street"],
                s["postcode"],
                s["municipality_id"],
                s["consent_scope"],
                s["consent_given_on"],
                user_id if consenting else None,
                s["available_from"],
                s["status"],
                today,
                now,
                now,
            )
            if progress is not None and done % BATCH == 0:
                progress("write", done, total)

    _insert(Candidate, CANDIDATE_INSERT, new_rows())
    # The new candidates' ids by their case ids (unique in the job centre), then their CVs.
    by_case: dict[str, int] = {}
    for chunk in _chunks([p.row.case_id for p in creates]):
        by_case.update(
            Candidate.objects.filter(job_centre=job_centre, case_id__in=chunk).values_list(
                "case_id", "pk"
            )
        )
    for planned in creates:
        planned.wanted.pk = by_case[planned.row.case_id]
    _insert(
        Cv,
        ("candidate", "profile_da", "profile_en", "max_commute_km", "updated_at"),
        ((p.wanted.pk, "", "", 30, now) for p in creates),
    )
    cv_of: dict[int, int] = {}
    for chunk in _chunks([p.wanted.pk for p in creates]):
        cv_of.update(Cv.objects.filter(candidate_id__in=chunk).values_list("candidate_id", "pk"))
    for planned in creates:
        assert planned.wanted.pk is not None
        planned.wanted.cv_id = cv_of[planned.wanted.pk]
        planned.changed = [n for n in SECTIONS if getattr(planned.wanted, n)]

    # Updates: every scalar field of a changed candidate written as wanted (bulk_update
    # writes the same columns for all), then its changed sections replaced.
    to_update = []
    for planned in updates:
        candidate = Candidate(pk=planned.wanted.pk, updated_at=now)
        for name in SCALARS:
            setattr(candidate, name, planned.wanted.scalars[name])
        consent_changed = {"consent_scope", "consent_given_on"} & set(planned.changed)
        candidate.consent_recorded_by_id = (
            user_id if consent_changed else planned.wanted.recorded_by
        )
        to_update.append(candidate)
    names = ["municipality" if n == "municipality_id" else n for n in SCALARS]
    names += ["consent_recorded_by", "updated_at"]
    for done, batch in enumerate(_chunks(to_update, BATCH), start=1):
        Candidate.objects.bulk_update(batch, names)
        if progress is not None:
            progress("write", len(creates) + min(done * BATCH, len(updates)), total)

    everyone = creates + updates
    _replace_sections(everyone, plan=plan, job_centre=job_centre, run_id=run_id, now=now)
    changed_cvs = [
        p.wanted.cv_id for p in updates if p.wanted.cv_id and set(p.changed) & set(SECTIONS[1:6])
    ]
    for chunk in _chunks(changed_cvs):
        Cv.objects.filter(pk__in=chunk).update(updated_at=now)

    for chunk in _chunks(plan.missing):
        Candidate.objects.filter(pk__in=chunk).update(
            status=CandidateStatus.INACTIVE, updated_at=now
        )
    changed = [p.wanted.pk for p in everyone if p.wanted.pk is not None] + plan.missing
    note_candidates_changed(changed)  # the matching index re-reads them: one journal write
    if progress is not None:
        progress("write", total, total)
    return changed


def _cv(planned: Planned) -> int:
    assert planned.wanted.cv_id is not None
    return planned.wanted.cv_id


def _pk(planned: Planned) -> int:
    assert planned.wanted.pk is not None
    return planned.wanted.pk


def _replace_sections(
    planned_rows: list[Planned],
    *,
    plan: Plan,
    job_centre: JobCentre,
    run_id: int | None,
    now: dt.datetime,
) -> None:
    sections: dict[str, list[Planned]] = defaultdict(list)
    for planned in planned_rows:
        for name in planned.changed:
            if name in SECTIONS:
                sections[name].append(planned)
    titles = plan.titles
    assert titles is not None

    def pending(p: Planned) -> Iterator[tuple[Any, ...]]:
        for use, title, start, end in sorted(p.wanted.pending, key=str):
            _occupation, confidence, suggestions = titles.link(title)
            suggested = [item["pk"] for item in suggestions]  # the labels are the taxonomy's
            yield (
                job_centre.pk,
                _pk(p),
                use,
                title,
                start,
                end,
                p.row.line,
                run_id,
                suggested,
                confidence,
                now,
            )

    Section = tuple[
        type[models.Model], str, tuple[str, ...], Callable[[Planned], Iterable[tuple[Any, ...]]]
    ]
    builders: dict[str, Section] = {
        "target_groups": (
            Candidate.target_groups.through,
            "candidate_id",
            ("candidate", "targetgroup"),
            lambda p: ((_pk(p), g) for g in p.wanted.target_groups),
        ),
        "wished": (
            Cv.wished_occupations.through,
            "cv_id",
            ("cv", "occupation"),
            lambda p: ((_cv(p), o) for o in p.wanted.wished),
        ),
        "experiences": (
            Experience,
            "cv_id",
            ("cv", "occupation", "title", "employer", "start_date", "end_date", "description"),
            lambda p: ((_cv(p), o, t, "", s, e, "") for o, t, s, e in p.wanted.experiences),
        ),
        "educations": (
            Education,
            "cv_id",
            ("cv", "title", "institution", "level", "completed_year"),
            lambda p: ((_cv(p), t, "", lv, y) for t, lv, y in p.wanted.educations),
        ),
        "qualifications": (
            HeldQualification,
            "cv_id",
            ("cv", "qualification"),
            lambda p: ((_cv(p), q) for q in p.wanted.qualifications),
        ),
        "languages": (
            SpokenLanguage,
            "cv_id",
            ("cv", "language", "level"),
            lambda p: ((_cv(p), lang, lv) for lang, lv in p.wanted.languages),
        ),
        "pending": (
            PendingTitleLink,
            "candidate_id",
            (
                "job_centre",
                "candidate",
                "use",
                "title",
                "start_year",
                "end_year",
                "row",
                "run",
                "suggestions",
                "confidence",
                "created_at",
            ),
            pending,
        ),
    }
    for name, rows in sections.items():
        model, key, columns, build = builders[name]
        existing = [p for p in rows if p.current is not None]
        ids = [_pk(p) if key == "candidate_id" else _cv(p) for p in existing]
        for chunk in _chunks(ids):
            query = model._default_manager.filter(**{f"{key}__in": chunk})
            if model is PendingTitleLink:
                query = query.filter(resolved_at=None)
            query.delete()
        _insert(model, columns, (values for planned in rows for values in build(planned)))
