"""Benchmark of the matching engine against a plain SQL implementation on PostgreSQL.

    .venv/bin/python bench/matching.py [--n 1000000] [--queries 200] [--sql-queries 200]
        [--database-url postgres://postgres@127.0.0.1:5432/jobbro_bench] [--skip-sql]

1. Generates n synthetic candidates (bench/matching_data.py: ESCO occupations and skills
   from the shipped compact copy, deterministic) and streams them into
   `CandidateIndex.build`: build time (generation time measured separately and subtracted),
   the index's array bytes and the process's peak RSS.
2. Runs the fixed 200 job-order queries twice (the first pass warms up, the second is
   timed): p50/p95/p99 of a ranked, explained top 50, wall clock and CPU time.
3. Loads the same candidates into PostgreSQL with COPY (skipped when the database already
   holds this n and seed), runs the same queries as one SQL statement each, reports
   p50/p95/p99 and the speed-up, and checks that both return the same top 50.

Not a test: timings depend on the machine and on what else runs on it (see
docs/performance.md for figures and the exact command).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from matching_data import World, candidates, load_world, queries

from jobbro.matching.engine import CandidateFeatures, CandidateIndex, Query

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/jobbro_bench"


class Timed:
    """Wraps an iterator and adds up the time spent inside it."""

    def __init__(self, source: Iterator[CandidateFeatures]) -> None:
        self.source = source
        self.seconds = 0.0

    def __iter__(self) -> Iterator[CandidateFeatures]:
        return self

    def __next__(self) -> CandidateFeatures:
        started = time.perf_counter()
        try:
            return next(self.source)
        finally:
            self.seconds += time.perf_counter() - started


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(values: list[float]) -> str:
    p50, p95, p99 = np.percentile(np.array(values) * 1000, [50, 95, 99])
    return f"p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  p99 {p99:7.2f} ms"


def build(world: World, n: int, seed: int) -> CandidateIndex:
    stream = Timed(candidates(world, n, seed))
    rss_before = rss_mb()
    started = time.perf_counter()
    index = CandidateIndex.build(
        stream, occupations=world.occupations, municipalities=world.coordinates
    )
    total = time.perf_counter() - started
    print(f"candidates            {n:,}")
    print(f"generation            {stream.seconds:7.1f} s (synthetic data, not the engine)")
    print(f"index build           {total - stream.seconds:7.1f} s")
    print(f"index arrays          {index.nbytes / 2**20:7.0f} MiB")
    print(f"peak RSS              {rss_mb():7.0f} MiB (before build {rss_before:.0f} MiB)")
    return index


def run_engine(
    index: CandidateIndex, batch: list[Query]
) -> tuple[list[list[tuple[int, int]]], list[int]]:
    for query in batch:  # warm-up pass
        index.search(query)
    wall: list[float] = []
    cpu: list[float] = []
    results = []
    totals = []
    for query in batch:
        started, started_cpu = time.perf_counter(), time.process_time()
        result = index.search(query)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert all(hit.explanation is not None for hit in result)
        results.append([(h.candidate_id, round(h.score * 1_000_000)) for h in result])
        totals.append(result.total)
    print(f"engine, {len(batch)} queries  {percentiles(wall)}  (wall)")
    print(f"                      {percentiles(cpu)}  (CPU)")
    hits = [len(r) for r in results]
    print(f"hits per query        median {statistics.median(hits):.0f}, min {min(hits)}")
    print(f"peak RSS after search {rss_mb():7.0f} MiB")
    run_engine.wall = wall  # type: ignore[attr-defined]
    return results, totals


def freshness(index: CandidateIndex, batch: list[Query], edits: int = 100) -> None:
    """A CV edit: upsert one changed candidate, then search (as a web process would)."""
    rng = random.Random(5)
    upserts: list[float] = []
    after: list[float] = []
    for i in range(edits):
        features = index.features(rng.randint(1, len(index)))
        assert features is not None
        features.skills = tuple(sorted({*features.skills, rng.randint(1, 13_000)}))
        started = time.perf_counter()
        index.upsert(features)
        upserts.append(time.perf_counter() - started)
        started = time.perf_counter()
        index.search(batch[i % len(batch)])
        after.append(time.perf_counter() - started)
    print(f"upsert one candidate  {percentiles(upserts)}")
    print(f"search after upsert   {percentiles(after)}")


def same_top(engine: list[tuple[int, int]], sql: list[tuple[int, int]]) -> tuple[bool, bool]:
    """(identical, identical up to float rounding): scores may differ by one millionth
    between NumPy and PostgreSQL arithmetic, which can swap neighbours of equal score."""
    if engine == sql:
        return True, True
    if len(engine) != len(sql):
        return False, False
    if any(abs(a[1] - b[1]) > 1 for a, b in zip(engine, sql, strict=True)):
        return False, False
    cutoff = min(engine[-1][1], sql[-1][1]) if engine else 0
    differ = {e[0] for e in engine} ^ {s[0] for s in sql}
    units = dict(engine) | dict(sql)
    return False, all(units[c] - cutoff <= 1 for c in differ)


def run_sql(
    url: str,
    world: World,
    n: int,
    seed: int,
    batch: list[Query],
    engine_results: list[list[tuple[int, int]]],
    engine_totals: list[int],
) -> None:
    import matching_sql
    import psycopg

    with psycopg.connect(url) as conn:
        if matching_sql.loaded(conn, n, seed):
            print("PostgreSQL            data already loaded (same n and seed)")
        else:
            seconds = matching_sql.load(
                conn,
                candidates(world, n, seed),
                occupations=world.occupations,
                coordinates=world.coordinates,
                n=n,
                seed=seed,
            )
            print(f"PostgreSQL load       {seconds:7.1f} s (COPY, indexes, ANALYZE)")
        conn.execute("SET work_mem = '64MB'")
        version = conn.execute("SHOW server_version").fetchone()
        print(f"PostgreSQL            {version[0] if version else '?'}, work_mem 64MB")
        matching_sql.search(conn, batch[0])  # warm the cache a little
        wall: list[float] = []
        exact = tolerant = 0
        totals_equal = 0
        for query, expected, expected_total in zip(
            batch, engine_results, engine_totals, strict=False
        ):
            started = time.perf_counter()
            rows, total = matching_sql.search(conn, query)
            wall.append(time.perf_counter() - started)
            same, close = same_top(expected, rows)
            exact += same
            tolerant += close
            totals_equal += total == expected_total
        print(f"SQL, {len(wall)} queries     {percentiles(wall)}  (wall)")
        engine_wall = run_engine.wall[: len(wall)]  # type: ignore[attr-defined]
        for name, q in (("p50", 50), ("p95", 95), ("p99", 99)):
            ratio = np.percentile(wall, q) / np.percentile(engine_wall, q)
            print(f"speed-up {name}          {ratio:7.0f}x (same queries, same run)")
        print(
            f"same top 50           {exact}/{len(wall)} identical, {tolerant}/{len(wall)} "
            f"identical up to rounding; same match count {totals_equal}/{len(wall)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--sql-queries", type=int, default=None, help="default: --queries")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--skip-sql", action="store_true")
    args = parser.parse_args()
    print(
        f"machine               {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, NumPy {np.__version__}"
    )
    print(f"load average          {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    world = load_world(args.seed)
    index = build(world, args.n, args.seed)
    batch = queries(world, args.queries)
    results, totals = run_engine(index, batch)
    if not args.skip_sql:
        count = args.sql_queries or args.queries
        run_sql(
            args.database_url,
            world,
            args.n,
            args.seed,
            batch[:count],
            results[:count],
            totals[:count],
        )
    freshness(index, batch)  # changes the index: last
    print(f"load average          {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
