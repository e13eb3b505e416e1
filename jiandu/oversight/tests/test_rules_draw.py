"""R-SUP-6, issue #5 point 3: the sampling draw is a pure, seeded function: 2–4 files per
category per unit, never more than the population, the same seed and population give the same
draw, and a changed population is detected."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiandu.core.errors import InvalidInput
from jiandu.oversight.rules import draw as d

CATEGORIES = ("penalty", "coercion", "licensing")
strata = st.tuples(st.integers(min_value=1, max_value=40), st.sampled_from(CATEGORIES))
populations = st.dictionaries(strata, st.lists(st.integers(min_value=1, max_value=10_000), max_size=30), max_size=8)
seeds = st.text(alphabet="0123456789abcdef", min_size=1, max_size=16)
sizes = st.integers(min_value=2, max_value=4)


@settings(max_examples=200)
@given(population=populations, seed=seeds, size=sizes)
def test_each_stratum_gives_size_files_or_all_of_a_smaller_stratum(population, seed, size):
    result = d.draw(population, seed=seed, size=size, minimum=2, maximum=4)
    normalized = d.normalize_population(population)
    assert set(result) == set(normalized)
    for stratum, ids in normalized.items():
        drawn = result[stratum]
        assert len(drawn) == min(size, len(ids))
        assert len(set(drawn)) == len(drawn)
        assert set(drawn) <= set(ids)


@given(population=populations, seed=seeds, size=sizes)
def test_the_same_seed_and_population_give_the_same_draw_whatever_the_order_given(population, seed, size):
    shuffled = {s: list(reversed(ids)) for s, ids in reversed(list(population.items()))}
    assert d.draw(population, seed=seed, size=size, minimum=2, maximum=4) == d.draw(
        shuffled, seed=seed, size=size, minimum=2, maximum=4)


def test_a_different_seed_usually_draws_different_files():
    population = {(7, "penalty"): list(range(1, 101))}
    draws = {tuple(d.draw(population, seed=f"{n:x}", size=4, minimum=2, maximum=4)[(7, "penalty")]) for n in range(50)}
    assert len(draws) > 40


def test_the_rank_is_sha256_of_seed_unit_category_and_id_so_anyone_can_recompute_it():
    population = {(12, "licensing"): [5, 9, 31, 44, 70]}
    ranks = {i: hashlib.sha256(f"abc123|12|licensing|{i}".encode()).hexdigest() for i in population[(12, "licensing")]}
    expected = sorted(ranks, key=ranks.get)[:3]
    assert d.draw(population, seed="abc123", size=3, minimum=2, maximum=4) == {(12, "licensing"): expected}


@pytest.mark.parametrize("size", [1, 5, 0])
def test_a_size_outside_the_dated_range_is_refused(size):
    with pytest.raises(InvalidInput) as exc:
        d.draw({(1, "penalty"): [1, 2, 3]}, seed="s", size=size, minimum=2, maximum=4)
    assert "2～4" in exc.value.message


def test_a_district_with_another_range_may_draw_more():
    result = d.draw({(1, "penalty"): list(range(1, 11))}, seed="s", size=6, minimum=3, maximum=6)
    assert len(result[(1, "penalty")]) == 6


@pytest.mark.parametrize("seed", ["", "   ", "a|b", "x" * 65])
def test_a_seed_must_be_recordable(seed):
    with pytest.raises(InvalidInput):
        d.draw({(1, "penalty"): [1]}, seed=seed, size=2, minimum=2, maximum=4)


def test_empty_strata_are_left_out_and_duplicates_count_once():
    result = d.draw({(1, "penalty"): [], (1, "coercion"): [3, 3, 3]}, seed="s", size=2, minimum=2, maximum=4)
    assert result == {(1, "coercion"): [3]}


@given(population=populations)
def test_the_population_digest_ignores_order_and_survives_the_json_round_trip(population):
    digest = d.population_digest(population)
    shuffled = {s: list(reversed(ids)) for s, ids in population.items()}
    assert d.population_digest(shuffled) == digest
    assert d.population_digest(d.from_json(d.to_json(d.normalize_population(population)))) == digest


def _recorded(population, seed="5eed", size=3):
    return dict(recorded_population=population, recorded_digest=d.population_digest(population),
                recorded_draw=d.draw(population, seed=seed, size=size, minimum=2, maximum=4), seed=seed, size=size,
                minimum=2, maximum=4)


def test_verify_confirms_an_untouched_draw():
    population = {(1, "penalty"): [1, 2, 3, 4, 5], (2, "licensing"): [8, 9]}
    result = d.verify(current_population=population, **_recorded(population))
    assert result.ok and result.draw_reproduced and result.population_unchanged
    assert result.current_digest == result.recorded_digest


def test_verify_detects_a_file_added_to_or_removed_from_the_population():
    population = {(1, "penalty"): [1, 2, 3, 4, 5], (2, "licensing"): [8, 9]}
    changed = {(1, "penalty"): [1, 2, 3, 4, 5, 6], (2, "licensing"): [9]}
    result = d.verify(current_population=changed, **_recorded(population))
    assert result.draw_reproduced  # the recorded draw still follows from the recorded population
    assert not result.population_unchanged and not result.ok
    assert {(c.stratum, c.added, c.removed) for c in result.changes} == {
        ((1, "penalty"), (6,), ()), ((2, "licensing"), (), (8,)),
    }


def test_verify_detects_a_draw_edited_after_the_fact():
    population = {(1, "penalty"): list(range(1, 21))}
    recorded = _recorded(population)
    drawn = recorded["recorded_draw"][(1, "penalty")]
    swapped = next(i for i in population[(1, "penalty")] if i not in drawn)
    recorded["recorded_draw"] = {(1, "penalty"): [swapped] + drawn[1:]}
    result = d.verify(current_population=population, **recorded)
    assert not result.draw_reproduced and result.mismatched_strata == ((1, "penalty"),)


def test_verify_detects_a_recorded_population_that_no_longer_matches_its_digest():
    population = {(1, "penalty"): [1, 2, 3]}
    recorded = _recorded(population)
    recorded["recorded_population"] = {(1, "penalty"): [1, 2, 3, 4]}
    recorded["recorded_draw"] = d.draw(recorded["recorded_population"], seed="5eed", size=3, minimum=2, maximum=4)
    result = d.verify(current_population={(1, "penalty"): [1, 2, 3, 4]}, **recorded)
    assert not result.digest_matches_record and not result.ok


def test_an_old_draw_stays_verifiable_after_the_range_parameter_changes():
    population = {(1, "penalty"): list(range(1, 10))}
    recorded = _recorded(population, size=4)
    recorded.update(minimum=2, maximum=3)  # today's range would refuse size 4
    assert d.verify(current_population=population, **recorded).ok


def test_a_new_seed_is_sixteen_hex_characters():
    seed = d.new_seed()
    assert len(seed) == 16 and int(seed, 16) >= 0
