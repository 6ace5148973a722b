# ruff: noqa: S608  # SQL text is assembled from fixed fragments; every value is a parameter
"""The SQL baseline of the matching benchmark: the same rules, written plainly for PostgreSQL.

Candidates are loaded with COPY into small normalised tables (not the Django tables: the
point is the search, and these hold exactly what the engine holds). One query per search
does the hard filter, scores with the same formula in SQL, counts the matches and orders
by score, id with LIMIT. Indexes are the obvious ones (every link table by concept and by
candidate).
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable
from typing import Any

import psycopg

from jobbro.matching.engine import (
    CandidateFeatures,
    OccupationCode,
    Query,
    Requirement,
    RequirementKind,
    normalised,
    scoring,
)

SCHEMA = """
DROP TABLE IF EXISTS bench_meta, muni, occupation, candidate, cand_experience, cand_wish,
    cand_skill, cand_qualification, cand_language;
CREATE TABLE bench_meta (n int, seed int, loaded_at timestamptz DEFAULT now());
CREATE TABLE muni (id int PRIMARY KEY, lat float8 NOT NULL, lon float8 NOT NULL);
CREATE TABLE occupation (
    id int PRIMARY KEY, isco1 text, isco2 text, isco3 text, isco4 text, branch text
);
CREATE TABLE candidate (
    id int PRIMARY KEY, job_centre_id int NOT NULL, municipality_id int NOT NULL,
    active bool NOT NULL, shared bool NOT NULL, available_from date NOT NULL,
    max_commute_km float8 NOT NULL, total_years float8 NOT NULL
);
CREATE TABLE cand_experience (candidate_id int NOT NULL, occupation_id int NOT NULL,
    years float8 NOT NULL);
CREATE TABLE cand_wish (candidate_id int NOT NULL, occupation_id int NOT NULL);
CREATE TABLE cand_skill (candidate_id int NOT NULL, skill_id int NOT NULL);
CREATE TABLE cand_qualification (candidate_id int NOT NULL, qualification_id int NOT NULL,
    expires_on date);
CREATE TABLE cand_language (candidate_id int NOT NULL, language_id int NOT NULL,
    level smallint NOT NULL);
"""

INDEXES = """
CREATE INDEX ON candidate (job_centre_id);
CREATE INDEX ON cand_experience (occupation_id, candidate_id);
CREATE INDEX ON cand_experience (candidate_id);
CREATE INDEX ON cand_wish (occupation_id, candidate_id);
CREATE INDEX ON cand_skill (skill_id, candidate_id);
CREATE INDEX ON cand_skill (candidate_id);
CREATE INDEX ON cand_qualification (qualification_id, candidate_id);
CREATE INDEX ON cand_qualification (candidate_id);
CREATE INDEX ON cand_language (language_id, level, candidate_id);
CREATE INDEX ON cand_language (candidate_id);
ANALYZE;
"""

TABLES = (
    "candidate",
    "cand_experience",
    "cand_wish",
    "cand_skill",
    "cand_qualification",
    "cand_language",
)


def loaded(conn: psycopg.Connection, n: int, seed: int) -> bool:
    """Whether the database already holds this (n, seed) data set."""
    try:
        row = conn.execute("SELECT n, seed FROM bench_meta").fetchone()
    except psycopg.errors.UndefinedTable:
        conn.rollback()
        return False
    return row == (n, seed)


def load(
    conn: psycopg.Connection,
    candidates: Iterable[CandidateFeatures],
    *,
    occupations: dict[int, OccupationCode],
    coordinates: dict[int, tuple[float, float]],
    n: int,
    seed: int,
    batch: int = 50_000,
) -> float:
    """Create the tables and COPY the candidates in; returns seconds taken."""
    started = time.perf_counter()
    conn.execute(SCHEMA)
    with conn.cursor() as cur:
        with cur.copy("COPY muni FROM STDIN") as copy:
            for pk, (lat, lon) in coordinates.items():
                copy.write_row((pk, lat, lon))
        with cur.copy("COPY occupation FROM STDIN") as copy:
            for pk, code in occupations.items():
                copy.write_row((pk, *code.path()))
    buffers = {t: io.StringIO() for t in TABLES}
    for count, raw in enumerate(candidates, start=1):
        f = normalised(raw)
        c = f.id
        buffers["candidate"].write(
            f"{c}\t{f.job_centre_id}\t{f.municipality_id}\t{'t' if f.active else 'f'}\t"
            f"{'t' if f.shared_with_cooperation else 'f'}\t{f.available_from.isoformat()}\t"
            f"{f.max_commute_km!r}\t{f.total_years!r}\n"
        )
        out = buffers["cand_experience"]
        for occupation_id, years in f.experience:
            out.write(f"{c}\t{occupation_id}\t{years!r}\n")
        out = buffers["cand_wish"]
        for occupation_id in f.wished_occupations:
            out.write(f"{c}\t{occupation_id}\n")
        out = buffers["cand_skill"]
        for skill_id in f.skills:
            out.write(f"{c}\t{skill_id}\n")
        out = buffers["cand_qualification"]
        for held in f.qualifications:
            expires = held.expires_on.isoformat() if held.expires_on else "\\N"
            out.write(f"{c}\t{held.qualification_id}\t{expires}\n")
        out = buffers["cand_language"]
        for spoken in f.languages:
            out.write(f"{c}\t{spoken.language_id}\t{spoken.level}\n")
        if count % batch == 0:
            _flush(conn, buffers)
    _flush(conn, buffers)
    conn.execute("INSERT INTO bench_meta (n, seed) VALUES (%s, %s)", (n, seed))
    conn.commit()
    for statement in INDEXES.strip().split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.commit()
    return time.perf_counter() - started


def _flush(conn: psycopg.Connection, buffers: dict[str, io.StringIO]) -> None:
    with conn.cursor() as cur:
        for table, buffer in buffers.items():
            data = buffer.getvalue()
            if data:
                with cur.copy(f"COPY {table} FROM STDIN") as copy:
                    copy.write(data)
            buffer.seek(0)
            buffer.truncate()


def _condition(requirement: Requirement, params: dict[str, Any], name: str, years: str) -> str:
    """A requirement as a boolean SQL expression on candidate `c` (an uncorrelated IN, which
    PostgreSQL runs as a semi-join in WHERE and as a hashed subplan in the select list)."""
    target = requirement.target_id
    params[f"{name}_t"] = target
    match requirement.kind:
        case RequirementKind.QUALIFICATION:
            return (
                "c.id IN (SELECT q.candidate_id FROM cand_qualification q"
                f" WHERE q.qualification_id = %({name}_t)s"
                " AND (q.expires_on IS NULL OR q.expires_on >= %(valid_on)s))"
            )
        case RequirementKind.LANGUAGE:
            params[f"{name}_l"] = requirement.min_level
            return (
                "c.id IN (SELECT l.candidate_id FROM cand_language l"
                f" WHERE l.language_id = %({name}_t)s AND l.level >= %({name}_l)s)"
            )
        case RequirementKind.SKILL:
            return (
                f"c.id IN (SELECT s.candidate_id FROM cand_skill s WHERE s.skill_id = %({name}_t)s)"
            )
    params[f"{name}_y"] = requirement.min_years
    return f"({years} + 1e-9 >= %({name}_y)s)"


def sql_for(query: Query) -> tuple[str, dict[str, Any]]:
    """One SQL statement doing what `CandidateIndex.search` does (without explanations)."""
    filters = query.filters
    essential = set(query.essential_skills)
    optional = set(query.optional_skills) - essential
    named = sorted(query.named_skills)
    weights = [
        1.0 if s in essential else scoring.OPTIONAL_SKILL_WEIGHT if s in optional else 0.0
        for s in named
    ]
    denominator = len(essential) + scoring.OPTIONAL_SKILL_WEIGHT * len(optional)
    params: dict[str, Any] = {
        "occupations": list(query.occupations),
        "skills": named,
        "weights": weights,
        "denominator": denominator or 1.0,
        "own": sorted(query.visibility.own_job_centres),
        "coop": sorted(query.visibility.cooperation_job_centres),
        "valid_on": query.valid_on,
        "limit": query.limit,
    }
    years = "coalesce(yrs.years, 0.0)" if query.occupations else "c.total_years"
    where = [
        "c.active",
        "(c.job_centre_id = ANY(%(own)s) OR (c.shared AND c.job_centre_id = ANY(%(coop)s)))",
    ]
    if filters.job_centres is not None:
        params["centres"] = sorted(filters.job_centres)
        where.append("c.job_centre_id = ANY(%(centres)s)")
    if query.start_date is not None:
        params["start"] = query.start_date
        where.append("c.available_from <= %(start)s")
    if filters.available_by is not None:
        params["by"] = filters.available_by
        where.append("c.available_from <= %(by)s")
    if query.exclude:
        params["exclude"] = sorted(query.exclude)
        where.append("NOT (c.id = ANY(%(exclude)s))")
    if query.gated:
        where.append("(occ.v IS NOT NULL OR sk.hits IS NOT NULL)")
    licences = [Requirement.qualification(q, must=True) for q in filters.licences]
    for i, requirement in enumerate((*query.must_haves, *licences)):
        where.append(_condition(requirement, params, f"m{i}", years))
    nices = [
        f"({_condition(r, params, f'n{i}', years)})::int" for i, r in enumerate(query.nice_to_haves)
    ]
    denominator = scoring.nice_denominator(len(nices))
    nice = f"({' + '.join(nices)})::float8 / {denominator}" if nices else "0.0"
    if query.workplace is not None:
        params["wlat"], params["wlon"] = query.workplace
        distance = (
            "2 * 6371.0 * asin(sqrt(least(1.0,"
            " sin((radians(m.lat) - radians(%(wlat)s)) / 2) ^ 2"
            " + cos(radians(%(wlat)s)) * cos(radians(m.lat))"
            " * sin((radians(m.lon) - radians(%(wlon)s)) / 2) ^ 2)))"
        )
        proximity = (
            "CASE WHEN c.max_commute_km > 0"
            " THEN greatest(0.0, 1.0 - d.km / c.max_commute_km)"
            " WHEN d.km <= 0 THEN 1.0 ELSE 0.0 END"
        )
        if filters.max_distance_km is not None:
            params["max_km"] = filters.max_distance_km
            where.append("d.km <= %(max_km)s")
    else:
        distance, proximity = "NULL::float8", "0.0"
    sql = f"""
WITH sim AS (
    SELECT o.id AS occupation_id, max(CASE
        WHEN o.id = qo.id THEN 1.0
        WHEN o.branch <> '' AND o.branch = qo.branch THEN 0.8
        WHEN o.isco4 = qo.isco4 THEN 0.6
        WHEN o.isco3 = qo.isco3 THEN 0.4
        ELSE 0.2 END) AS s
    FROM occupation qo JOIN occupation o ON o.isco2 = qo.isco2
    WHERE qo.id = ANY(%(occupations)s)
    GROUP BY o.id
), occ AS (
    SELECT x.candidate_id, max(x.v) AS v FROM (
        SELECT e.candidate_id,
               sim.s * (0.5 + 0.5 * (1.0 - power(2.0, -e.years / 2.0))) AS v
        FROM cand_experience e JOIN sim ON sim.occupation_id = e.occupation_id
        UNION ALL
        SELECT w.candidate_id, sim.s * 0.5
        FROM cand_wish w JOIN sim ON sim.occupation_id = w.occupation_id
    ) x GROUP BY x.candidate_id
), qs AS (
    SELECT * FROM unnest(%(skills)s::int[], %(weights)s::float8[]) AS t(skill_id, w)
), sk AS (
    SELECT s.candidate_id, sum(qs.w) AS held, count(*) AS hits
    FROM cand_skill s JOIN qs ON qs.skill_id = s.skill_id
    GROUP BY s.candidate_id
), yrs AS (
    SELECT e.candidate_id, sum(e.years) AS years FROM cand_experience e
    WHERE e.occupation_id = ANY(%(occupations)s) GROUP BY e.candidate_id
), scored AS (
    SELECT c.id,
        0.40 * coalesce(occ.v, 0.0)
        + 0.25 * coalesce(sk.held, 0.0) / %(denominator)s
        + 0.20 * {nice}
        + 0.15 * {proximity} AS score
    FROM candidate c
    JOIN muni m ON m.id = c.municipality_id
    CROSS JOIN LATERAL (SELECT {distance} AS km) d
    LEFT JOIN occ ON occ.candidate_id = c.id
    LEFT JOIN sk ON sk.candidate_id = c.id
    LEFT JOIN yrs ON yrs.candidate_id = c.id
    WHERE {" AND ".join(where)}
)
SELECT id, round(score * 1000000)::bigint AS units, count(*) OVER () AS total
FROM scored
ORDER BY units DESC, id
LIMIT %(limit)s
"""
    return sql, params


def search(conn: psycopg.Connection, query: Query) -> tuple[list[tuple[int, int]], int]:
    """[(candidate id, score units)] best first, and the number of matches."""
    sql, params = sql_for(query)
    rows = conn.execute(sql, params).fetchall()  # type: ignore[call-overload]
    total = rows[0][2] if rows else 0
    return [(pk, units) for pk, units, _ in rows], total
