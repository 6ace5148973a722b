"""The benchmark's generator and engine path at n=2000, for correctness (not timing)."""

from bench.matching_data import candidates, load_world, queries
from jobbro.matching.engine import CandidateIndex, reference_search

N = 2000


def test_benchmark_data_ranks_like_the_reference():
    world = load_world()
    people = list(candidates(world, N))
    assert [p.id for p in people] == list(range(1, N + 1))
    assert list(candidates(world, 3)) == people[:3]  # deterministic
    index = CandidateIndex.build(
        iter(people), occupations=world.occupations, municipalities=world.coordinates
    )
    assert len(index) == N
    batch = queries(world, 40)
    assert batch == queries(world, 40)
    found_any = 0
    for query in batch:
        fast = index.search(query)
        slow = reference_search(people, query, index.context)
        assert [(h.candidate_id, h.score) for h in fast] == [
            (h.candidate_id, h.score) for h in slow
        ]
        assert fast.total == slow.total
        found_any += bool(fast.total)
    assert found_any >= 30  # the queries are realistic: most find candidates
