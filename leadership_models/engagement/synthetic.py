"""A realistic synthetic engagement population, with planted leaders kept as separate ground truth.

Many wikis of very different sizes across the eight regions, heavy-tailed activity, churn,
seasonality and cross-project work. A small share of contributors is planted with leader-like
traits (steady, community-facing, organising, mentoring); who they are is written to
``planted_leaders.csv`` beside the data and never into the data itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .schema import CONTRIBUTORS, EVENTS, KINDS, SPECIAL_NAMESPACE
from .storage import write_dataset
from .tables import normalize

GROUND_TRUTH_FILE = "planted_leaders.csv"
TRAITS = ("mentor", "event_organizer", "board_member")
DEFAULT_END = pd.Timestamp("2025-07-01", tz="UTC")
HISTORY_MONTHS = 36
CHUNK_EVENTS = 4_000_000

#: Wikipedia languages per region, roughly from the largest community down.
REGION_LANGUAGES = {
    "nwe": "de fr nl sv it da nb fi is ga cy lb fy br gd",
    "north_america": "en nv chr ik cr",
    "cee": "ru pl uk cs hu ro bg sr hr et lv lt ka hy kk sk sl be mk",
    "eseap": "ja zh ko id vi th tl ms jv su mi to sm km my",
    "lac": "es pt qu gn ay ht nah pap jam",
    "south_asia": "hi bn ta te ml ur mr gu kn pa ne si or as sa",
    "mena": "ar fa he tr arz ckb ary kab azb",
    "ssa": "sw yo ha ig zu xh am so af wo ln tw rw mg",
}
REGION_SHARE = {
    "nwe": 0.25,
    "north_america": 0.15,
    "cee": 0.15,
    "eseap": 0.13,
    "lac": 0.10,
    "south_asia": 0.08,
    "mena": 0.07,
    "ssa": 0.07,
}
SISTER_PROJECTS = ("wiki", "wiktionary", "wikisource")
GLOBAL_WIKIS = ("commonswiki", "wikidatawiki", "metawiki")
#: Share of a region's contributors on its largest wikis that make them large, then medium.
SIZE_BANDS = ((0.60, "large"), (0.88, "medium"), (1.0, "small"))
#: Typical activity of a community-size band relative to a large one.
SIZE_ACTIVITY = {"large": 1.0, "medium": 0.8, "small": 0.6}
#: Monthly seasonality of edit volume, January to December.
SEASON = np.array([1.05, 1.0, 1.05, 1.0, 0.95, 0.9, 0.8, 0.8, 0.95, 1.05, 1.1, 0.85])

_BASE = dict(
    edit=0.74,
    talk_edit=0.10,
    project_edit=0.03,
    thanks_received=0.06,
    event_organized=0.005,
    event_attended=0.025,
    training_completed=0.02,
    mentee_helped=0.01,
)
#: Kind multipliers per activity profile: three ordinary styles, then the planted traits.
PROFILES = {
    "content": dict(talk_edit=0.5, project_edit=0.5),
    "balanced": {},
    "social": dict(talk_edit=2.0, thanks_received=1.5),
    "mentor": dict(mentee_helped=12, talk_edit=2.5, thanks_received=2.5, training_completed=2),
    "event_organizer": dict(event_organized=15, event_attended=4, training_completed=3),
    "board_member": dict(project_edit=5, event_organized=6, talk_edit=1.5, event_attended=2),
}
_EDIT_NAMESPACES = (np.array([0, 2, 6, 10, 14]), np.array([0.85, 0.05, 0.03, 0.03, 0.04]))
_TALK_NAMESPACES = (np.array([1, 3, 5]), np.array([0.6, 0.3, 0.1]))


def _profile_cumulative() -> np.ndarray:
    rows = []
    for boosts in PROFILES.values():
        weights = np.array([_BASE[k] * boosts.get(k, 1.0) for k in KINDS])
        rows.append(np.cumsum(weights / weights.sum()))
    return np.array(rows)


@dataclass(frozen=True)
class Population:
    """Contributors and what the event generator needs to know about each of them."""

    contributors: pd.DataFrame
    planted: pd.DataFrame
    wikis: tuple[str, ...]
    home_wiki: np.ndarray
    sister_wikis: np.ndarray
    profile: np.ndarray
    events: np.ndarray
    first_active: np.ndarray
    last_active: np.ndarray
    trend: np.ndarray
    roaming: np.ndarray


def _wikis() -> tuple[list[str], pd.DataFrame]:
    """Return every wiki name and a table of home wikis with region, language and size band."""
    names = list(GLOBAL_WIKIS)
    homes = []
    for region, languages in REGION_LANGUAGES.items():
        codes = languages.split()
        weights = 1.0 / np.arange(1, len(codes) + 1) ** 1.3
        shares = weights / weights.sum()
        cumulative = np.cumsum(shares) - shares
        for code, share, before in zip(codes, shares, cumulative, strict=True):
            band = next(name for limit, name in SIZE_BANDS if before < limit)
            homes.append(
                dict(
                    wiki=len(names),
                    language=code,
                    region=region,
                    community_size=band,
                    weight=REGION_SHARE[region] * share,
                )
            )
            names.extend(f"{code.replace('-', '_')}{project}" for project in SISTER_PROJECTS)
    return names, pd.DataFrame(homes)


def build_population(
    contributors: int, events: int, seed: int, end: pd.Timestamp = DEFAULT_END
) -> Population:
    """Draw contributors, their home wikis, planted traits and how much each of them does."""
    rng = np.random.default_rng(seed)
    names, homes = _wikis()
    n = contributors
    home = rng.choice(len(homes), size=n, p=homes.weight / homes.weight.sum())
    wiki_of = homes.iloc[home].reset_index(drop=True)

    opted_out = rng.random(n) < 0.03
    planted_mask = np.zeros(n, dtype=bool)
    candidates = np.flatnonzero(~opted_out)
    planted_ids = rng.choice(candidates, size=max(len(TRAITS), int(0.02 * n)), replace=False)
    planted_mask[planted_ids] = True
    trait = np.full(n, -1)
    trait[planted_ids] = rng.integers(0, len(TRAITS), size=len(planted_ids))

    end_s = end.timestamp()
    day = 86_400.0
    tenure_days = rng.exponential(4 * 365, size=n).clip(1, 20 * 365)
    tenure_days[planted_mask] = rng.uniform(2 * 365, 15 * 365, size=planted_mask.sum())
    registered = end_s - tenure_days * day

    intensity = (
        rng.lognormal(0.0, 1.6, size=n) * wiki_of.community_size.map(SIZE_ACTIVITY).to_numpy()
    )
    intensity[planted_mask] = np.maximum(intensity[planted_mask], 1.0) * 6.0
    per_person = rng.multinomial(events, intensity / intensity.sum())

    history_start = (end - pd.DateOffset(months=HISTORY_MONTHS)).timestamp()
    first_active = np.maximum(registered, history_start)
    churn = rng.exponential(18 * 30 * day, size=n)
    churn[planted_mask] = rng.uniform(0, 30 * day, size=planted_mask.sum())
    last_active = np.maximum(end_s - churn, first_active + day)
    last_active = np.minimum(last_active, end_s - 1)
    first_active = np.minimum(first_active, last_active - 1)
    trend = rng.lognormal(0.0, 0.35, size=n)
    trend[planted_mask] = rng.uniform(0.6, 0.9, size=planted_mask.sum())
    roaming = rng.beta(1, 12, size=n)
    roaming[planted_mask] = rng.beta(3, 8, size=planted_mask.sum())

    profile = rng.choice(3, size=n, p=[0.4, 0.45, 0.15])
    profile[planted_mask] = 3 + trait[planted_mask]

    user_id = np.arange(1, n + 1, dtype=np.int64)
    has_affiliate = rng.random(n) < np.where(planted_mask, 0.7, 0.25)
    affiliate_type = np.where(
        has_affiliate,
        rng.choice(
            ["chapter", "user_group", "thematic_organization", "hub"],
            size=n,
            p=[0.35, 0.5, 0.1, 0.05],
        ),
        "none",
    )
    language = wiki_of.language.to_numpy()
    affiliate = np.where(has_affiliate, np.char.add("Wikimedians of ", language.astype(str)), "")
    bilingual = (rng.random(n) < np.where(planted_mask, 0.8, 0.4)) & (language != "en")
    gender = rng.choice(["", "female", "male", "non-binary"], size=n, p=[0.55, 0.1, 0.32, 0.03])
    people = pd.DataFrame(
        {
            "user_id": user_id,
            "user_name": [f"Editor {i:x}" for i in user_id * 2654435761 % 4294967296],
            "home_wiki": np.array(names)[wiki_of.wiki.to_numpy()],
            "region": wiki_of.region.to_numpy(),
            "community_size": wiki_of.community_size.to_numpy(),
            "affiliate": affiliate,
            "affiliate_type": affiliate_type,
            "registered": pd.to_datetime(registered.astype("int64"), unit="s", utc=True),
            "languages": np.where(bilingual, np.char.add(language.astype(str), ";en"), language),
            "gender": gender,
            "opted_out": opted_out,
        }
    )
    planted = pd.DataFrame(
        {"user_id": user_id[planted_ids], "trait": np.array(TRAITS)[trait[planted_ids]]}
    ).sort_values("user_id", ignore_index=True)
    sisters = wiki_of.wiki.to_numpy()[:, None] + np.arange(1, len(SISTER_PROJECTS))[None, :]
    return Population(
        contributors=normalize(people, CONTRIBUTORS),
        planted=planted,
        wikis=tuple(names),
        home_wiki=wiki_of.wiki.to_numpy(),
        sister_wikis=sisters,
        profile=profile,
        events=per_person,
        first_active=first_active.astype("int64"),
        last_active=last_active.astype("int64"),
        trend=trend,
        roaming=roaming,
    )


def generate_events(
    population: Population, seed: int, chunk_events: int = CHUNK_EVENTS
) -> Iterator[pa.Table]:
    """Yield the population's activity events as Arrow tables of about ``chunk_events`` rows."""
    rng = np.random.default_rng([seed, 1])
    cumulative = _profile_cumulative()
    bounds = np.searchsorted(
        np.cumsum(population.events), np.arange(chunk_events, population.events.sum(), chunk_events)
    )
    for users in np.split(np.arange(len(population.events)), bounds + 1):
        if len(users) == 0:
            continue
        yield _event_chunk(population, users, rng, cumulative)


def _event_chunk(
    population: Population, users: np.ndarray, rng: np.random.Generator, cumulative: np.ndarray
) -> pa.Table:
    idx = np.repeat(users, population.events[users])
    rows = len(idx)
    span = population.last_active[idx] - population.first_active[idx]
    seconds = population.first_active[idx] + (
        rng.random(rows) ** population.trend[idx] * span
    ).astype("int64")
    # Sort by (user, second) and nudge equal seconds apart so every event key is unique.
    packed = np.sort((idx.astype(np.int64) << 32) + seconds)
    steps = np.arange(rows, dtype=np.int64)
    packed = np.maximum.accumulate(packed - steps) + steps
    idx = (packed >> 32).astype(np.int64)
    seconds = packed & 0xFFFFFFFF

    profile = population.profile[idx]
    kind = np.empty(rows, dtype=np.int8)
    draw = rng.random(rows)
    for p in range(len(cumulative)):
        mine = profile == p
        kind[mine] = np.searchsorted(cumulative[p], draw[mine], side="right").clip(
            max=len(KINDS) - 1
        )

    namespace = np.full(rows, SPECIAL_NAMESPACE, dtype=np.int32)
    for kind_name, (values, weights) in (
        ("edit", _EDIT_NAMESPACES),
        ("talk_edit", _TALK_NAMESPACES),
    ):
        mine = kind == KINDS.index(kind_name)
        namespace[mine] = rng.choice(values, size=mine.sum(), p=weights)
    namespace[kind == KINDS.index("project_edit")] = 4

    wiki = population.home_wiki[idx].copy()
    roams = (rng.random(rows) < population.roaming[idx]) & (kind < 3)
    to_global = roams & (rng.random(rows) < 0.6)
    wiki[to_global] = rng.integers(0, len(GLOBAL_WIKIS), size=to_global.sum())
    to_sister = roams & ~to_global
    sister = population.sister_wikis[idx[to_sister]]
    wiki[to_sister] = sister[
        np.arange(len(sister)), rng.integers(0, sister.shape[1], size=len(sister))
    ]
    month = seconds.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64) % 12
    count = 1 + rng.poisson(np.where(kind < 3, 3.5 * SEASON[month], 0.0))

    return pa.table(
        {
            "user_id": pa.array(idx + 1, type=pa.int64()),
            "timestamp": pa.array(seconds * 1_000_000, type=pa.timestamp("us", tz="UTC")),
            "wiki": pa.DictionaryArray.from_arrays(
                pa.array(wiki, type=pa.int32()), pa.array(population.wikis)
            ).cast(pa.string()),
            "namespace": pa.array(namespace, type=pa.int32()),
            "kind": pa.DictionaryArray.from_arrays(
                pa.array(kind.astype(np.int32)), pa.array(KINDS)
            ).cast(pa.string()),
            "count": pa.array(count, type=pa.int64()),
        },
        schema=EVENTS,
    )


def generate(
    out: Path,
    contributors: int,
    events: int | None = None,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Population:
    """Write a synthetic dataset folder: contributors, events and the planted ground truth.

    ``events`` defaults to 40 per contributor; ``progress`` is told how many events each
    written chunk held, and ``on_stage`` when the events are written and their store begins.
    """
    total = events if events is not None else 40 * contributors
    population = build_population(contributors, total, seed)

    def chunks() -> Iterator[pa.Table]:
        for chunk in generate_events(population, seed):
            yield chunk
            if progress is not None:
                progress(chunk.num_rows)

    write_dataset(
        out,
        population.contributors,
        chunks(),
        extra={GROUND_TRUTH_FILE: population.planted},
        on_stage=on_stage,
    )
    return population
