"""The sampled case-file review draw (R-SUP-6): seeded, reproducible, verifiable by anyone.

The population is stratified by *(unit, category)* — every penalty, coercion and licensing file
of the year, per unit. From each stratum the agency draws ``size`` files (the plan's 2–4, dated
parameters), or the whole stratum when it holds fewer.

The draw is a pure function of the seed and the population, chosen so that anyone can re-run it
by hand or in any language, without this code: every file gets the rank

    SHA-256("<seed>|<unit id>|<category>|<file id>")  (hex digest)

and the ``size`` files with the smallest ranks are drawn (ties, impossible in practice, fall back
on the file id). Recording the seed *and* the population (ids in order plus a digest) lets
``manage.py verify_draw`` and the public page show two things separately:

- the recorded draw is what the recorded seed gives on the recorded population (nobody picked
  the files by hand afterwards);
- the population is still what it was (files added to or removed from the year after the draw
  are detected and listed).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from jiandu.core.errors import InvalidInput

Stratum = tuple[int, str]  # (unit id, category)
Population = Mapping[Stratum, Sequence[int]]
Draw = dict[Stratum, list[int]]


def new_seed(token_hex: Callable[[int], str] = secrets.token_hex) -> str:
    """A fresh seed of 64 random bits, as 16 hex characters (the agency may also type its own,
    e.g. drawn publicly, as long as it is recorded before the draw)."""
    return token_hex(8)


def check_size(size: int, *, minimum: int, maximum: int) -> None:
    """The per-stratum sample size must lie within the plan's range (2–4 by default)."""
    if minimum > maximum:
        raise InvalidInput(details={"size": f"抽取数量参数有误：下限 {minimum} 大于上限 {maximum}。"})
    if not minimum <= size <= maximum:
        raise InvalidInput(
            f"每类案卷抽取数量应在 {minimum}～{maximum} 个之间。",
            details={"size": f"每个单位每类案卷抽取 {minimum}～{maximum} 个。"},
        )


def check_seed(seed: str) -> str:
    seed = (seed or "").strip()
    if not seed or len(seed) > 64 or "|" in seed:
        raise InvalidInput(details={"seed": "随机种子应为 1～64 个字符，且不含“|”。"})
    return seed


def normalize_population(population: Population) -> dict[Stratum, list[int]]:
    """Each stratum's ids sorted ascending and de-duplicated; empty strata dropped."""
    result: dict[Stratum, list[int]] = {}
    for (unit_id, category), ids in sorted(population.items()):
        clean = sorted({int(i) for i in ids})
        if clean:
            result[(int(unit_id), str(category))] = clean
    return result


def rank(seed: str, stratum: Stratum, file_id: int) -> str:
    unit_id, category = stratum
    return hashlib.sha256(f"{seed}|{unit_id}|{category}|{file_id}".encode()).hexdigest()


def draw(population: Population, *, seed: str, size: int, minimum: int, maximum: int) -> Draw:
    """The files drawn from each stratum, in rank order: ``min(size, stratum size)`` of them."""
    seed = check_seed(seed)
    check_size(size, minimum=minimum, maximum=maximum)
    result: Draw = {}
    for stratum, ids in normalize_population(population).items():
        ranked = sorted(ids, key=lambda i: (rank(seed, stratum, i), i))
        result[stratum] = ranked[:size]
    return result


def stratum_key(stratum: Stratum) -> str:
    return f"{stratum[0]}:{stratum[1]}"


def parse_key(key: str) -> Stratum:
    unit_id, category = key.split(":", 1)
    return int(unit_id), category


def to_json(mapping: Mapping[Stratum, Sequence[int]]) -> dict[str, list[int]]:
    """JSON-safe form (``"unit:category" -> ids``), as stored with the review."""
    return {stratum_key(s): [int(i) for i in ids] for s, ids in sorted(mapping.items())}


def from_json(data: Mapping[str, Iterable[int]]) -> dict[Stratum, list[int]]:
    return {parse_key(k): [int(i) for i in v] for k, v in data.items()}


def population_digest(population: Population) -> str:
    """SHA-256 of the canonical JSON of the normalised population (keys sorted, no spaces)."""
    canonical = json.dumps(to_json(normalize_population(population)), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class StratumChange:
    stratum: Stratum
    added: tuple[int, ...]
    removed: tuple[int, ...]


@dataclass(frozen=True)
class Verification:
    """The answer of ``verify``: is the recorded draw reproducible, is the population unchanged?"""

    draw_reproduced: bool
    population_unchanged: bool
    recorded_digest: str
    current_digest: str
    recomputed: Draw = field(default_factory=dict)
    mismatched_strata: tuple[Stratum, ...] = ()
    changes: tuple[StratumChange, ...] = ()
    digest_matches_record: bool = True

    @property
    def ok(self) -> bool:
        return self.draw_reproduced and self.population_unchanged and self.digest_matches_record


def verify(
    *,
    recorded_population: Population,
    recorded_digest: str,
    recorded_draw: Mapping[Stratum, Sequence[int]],
    current_population: Population,
    seed: str,
    size: int,
    minimum: int,
    maximum: int,
) -> Verification:
    """Re-run the draw on the recorded population and compare; compare the populations.

    ``minimum``/``maximum`` are the range that applied when the draw was made (the size was
    checked then); a later change of the parameters does not make an old draw irreproducible.
    """
    recomputed = draw(recorded_population, seed=seed, size=size, minimum=min(minimum, size),
                      maximum=max(maximum, size))
    recorded = {tuple(s): list(ids) for s, ids in recorded_draw.items() if ids}  # type: ignore[misc]
    strata = sorted(set(recomputed) | set(recorded))
    mismatched = tuple(s for s in strata if recomputed.get(s, []) != recorded.get(s, []))
    before = normalize_population(recorded_population)
    after = normalize_population(current_population)
    changes = []
    for s in sorted(set(before) | set(after)):
        old, new = set(before.get(s, [])), set(after.get(s, []))
        if old != new:
            changes.append(StratumChange(s, tuple(sorted(new - old)), tuple(sorted(old - new))))
    recorded_recomputed_digest = population_digest(recorded_population)
    return Verification(
        draw_reproduced=not mismatched,
        population_unchanged=not changes,
        recorded_digest=recorded_digest,
        current_digest=population_digest(current_population),
        recomputed=recomputed,
        mismatched_strata=mismatched,
        changes=tuple(changes),
        digest_matches_record=recorded_recomputed_digest == recorded_digest,
    )
