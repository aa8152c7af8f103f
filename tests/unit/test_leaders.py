"""Tests of potential-leader scoring, its configuration, explanations, opt-out and audit."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from leadership_models.cli import main
from leadership_models.datafiles import DataFileError
from leadership_models.engagement import GROUND_TRUTH_FILE, generate
from leadership_models.leaders import (
    load_feature_catalog,
    load_scoring_config,
    roc_auc,
    score_dataset,
    selection_rates,
)
from leadership_models.leaders.config import _data_file, default_scoring_config
from leadership_models.leaders.explain import explain
from leadership_models.leaders.percentiles import peer_groups, percent_rank

pytestmark = pytest.mark.unit

ROLES = ("mentor", "event_organizer", "board_member")


def score_mentors(population: Path, out: Path) -> list[str]:
    """The `leadkit leaders score` arguments that score mentors of ``population`` into ``out``."""
    return ["leaders", "score", "--data", str(population), "--role", "mentor", "--out", str(out)]


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic population large enough for stable selection rates per size band."""
    out = tmp_path_factory.mktemp("leaders") / "data"
    generate(out, 20_000, seed=3)
    return out


@pytest.fixture(scope="module")
def scored(population: Path) -> dict[str, pd.DataFrame]:
    """Every role scored once on the population with the default peer groups."""
    return {role: score_dataset(population, role).table for role in ROLES}


@pytest.mark.parametrize("role", ROLES, ids=list(ROLES))
def test_ranking_recovers_planted_leaders(
    population: Path, scored: dict[str, pd.DataFrame], role: str
) -> None:
    """Does the score rank the people planted with that role's traits above everyone else?"""
    planted = pd.read_csv(population / GROUND_TRUTH_FILE)
    table = scored[role]
    auc = roc_auc(table.score, table.user_id.isin(planted.user_id[planted.trait == role]))
    assert auc > 0.9, f"ROC AUC {auc:.3f}"


@pytest.mark.parametrize("role", ROLES, ids=list(ROLES))
def test_small_communities_are_selected_fairly(scored: dict[str, pd.DataFrame], role: str) -> None:
    """Do within-context percentiles keep small communities' selection rate within 0.8 of large?"""
    rates = selection_rates(scored[role], ["community_size"]).set_index("group").rate
    assert rates["small"] / rates["large"] >= 0.8, rates.to_dict()


def test_global_percentiles_would_shortchange_small_communities(population: Path) -> None:
    """Without peer groups, do small communities fall under four fifths of large ones' rate?"""
    table = score_dataset(population, "event_organizer", context=()).table
    rates = selection_rates(table, ["community_size"]).set_index("group").rate
    assert rates["small"] / rates["large"] < 0.8, rates.to_dict()


def test_opted_out_people_never_appear(
    population: Path, scored: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """Are people who opted out absent from scores, nominations and the audit file?"""
    contributors = pd.read_parquet(population / "contributors.parquet")
    hidden = set(contributors.user_id[contributors.opted_out])
    assert hidden
    for table in scored.values():
        assert hidden.isdisjoint(table.user_id)
    nominations = tmp_path / "n.csv"
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            *score_mentors(population, nominations),
        ],
    )
    assert result.exit_code == 0, result.output
    assert hidden.isdisjoint(pd.read_csv(nominations, usecols=["user_id"]).user_id)
    audit = runner.invoke(
        main, ["leaders", "audit", str(nominations), "--out", str(tmp_path / "a.csv")]
    )
    assert audit.exit_code == 0, audit.output
    people = pd.read_csv(tmp_path / "a.csv").groupby("dimension").people.sum()
    assert (people == len(contributors) - len(hidden)).all()


def test_nominations_are_eligible_and_explained(scored: dict[str, pd.DataFrame]) -> None:
    """Does every nomination meet the minimums and carry three reasons with percentiles?"""
    table = scored["mentor"]
    nominated = table[table.nominated]
    assert len(nominated) > 0
    large = nominated[nominated.community_size == "large"]
    assert (large.edits >= 500).all() and (nominated.tenure_days >= 90).all()
    assert (nominated[nominated.community_size == "small"].edits >= 300).all()
    assert nominated.explanation.str.count(r"ahead of \d+%").eq(3).all()
    assert nominated.explanation.str.startswith("Compared with peers in").all()
    assert (table.loc[~table.nominated, "explanation"] == "").all()


def test_explanations_follow_the_language(population: Path) -> None:
    """Are explanations written in the requested language, with the framework's labels?"""
    table = score_dataset(population, "event_organizer", lang="es").table
    first = table[table.nominated].explanation.iloc[0]
    assert first.startswith("En comparación con sus pares en")
    assert "eventos organizados" in first or "formaciones completadas" in first


def test_japanese_explanations_use_japanese_punctuation(scored: dict[str, pd.DataFrame]) -> None:
    """Are Japanese reasons joined with 、 after a full-width colon, not with '; '?"""
    table = scored["mentor"]
    role = default_scoring_config().role("mentor")
    sentences = explain(table, role, ("community_size", "region"), "ja")[table.nominated]
    assert sentences.str.contains("の仲間と比べて：").all()
    assert sentences.str.count("を上回る）、").eq(2).all()
    assert not sentences.str.contains("; ").any()


def test_percentiles_are_within_context(scored: dict[str, pd.DataFrame]) -> None:
    """Does each peer group's best person reach the top percentile whatever its size?"""
    table = scored["mentor"]
    best = table.groupby(["community_size", "region"]).edits_percentile.max()
    assert (best == 1.0).all()


def test_audit_flags_groups_under_four_fifths() -> None:
    """Are rates under 0.8 of the highest flagged, with unreported values as their own group?"""
    table = pd.DataFrame(
        {
            "gender": ["female"] * 10 + ["male"] * 10 + [""] * 10,
            "nominated": [True] * 5
            + [False] * 5
            + [True] * 3
            + [False] * 7
            + [True] * 5
            + [False] * 5,
        }
    )
    rates = selection_rates(table, ["gender"]).set_index("group")
    assert rates.loc["male", "ratio"] == pytest.approx(0.6)
    assert rates.flagged.to_dict() == {"female": False, "(not reported)": False, "male": True}


def test_percent_rank_is_sqls_within_each_group() -> None:
    """Does percent_rank match DuckDB's, ties and groups of one included, in input order?"""
    rng = np.random.default_rng(3)
    frame = (
        pd.DataFrame(
            {
                "group": np.r_[rng.integers(0, 6, 5000), 6, 7],  # groups 6 and 7 have one member
                "value": np.r_[rng.integers(0, 40, 4000), rng.random(1000), -1.0, 9.0],
            }
        )
        .rename_axis("row")
        .reset_index()
    )
    expected = duckdb.sql(
        'select percent_rank() over (partition by "group" order by value) as p '
        "from frame order by row"
    ).df()["p"]
    ranked = percent_rank(frame["value"].to_numpy(), peer_groups(frame, ("group",)))
    np.testing.assert_allclose(ranked, expected.to_numpy())
    assert ranked[-2:].tolist() == [0.0, 0.0]


def test_peer_groups_keep_missing_values_apart() -> None:
    """Is a missing context value a peer group of its own, and no context one group for all?"""
    table = pd.DataFrame({"region": ["eu", None, "eu", None, "ssa"]})
    by_region = peer_groups(table, ("region",))
    groups = sorted(sorted(by_region.order[group].tolist()) for group in by_region.slices())
    assert groups == [[0, 2], [1, 3], [4]]
    everyone = peer_groups(table, ())
    assert [everyone.order[group].tolist() for group in everyone.slices()] == [[0, 1, 2, 3, 4]]
    assert by_region.sizes().tolist() == [2, 2, 2, 2, 1]


def test_roc_auc_of_known_rankings() -> None:
    """Is the rank-sum AUC 1 for a perfect ranking, 0.5 for ties and 0 for a reversed one?"""
    labels = [False, False, True, True]
    assert roc_auc([1, 2, 3, 4], labels) == 1.0
    assert roc_auc([1, 1, 1, 1], labels) == 0.5
    assert roc_auc([4, 3, 2, 1], labels) == 0.0


def _write_roles(tmp_path: Path, change: dict) -> Path:
    doc = yaml.safe_load(_data_file("roles.yaml").read_text())
    doc["roles"]["mentor"].update(change)
    path = tmp_path / "roles.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


@pytest.mark.parametrize(
    ("change", "key_path"),
    [
        ({"weights": {"charisma": 1}}, "roles.mentor.weights.charisma"),
        ({"eligibility": {"edits": -5}}, "roles.mentor.eligibility.edits"),
        ({"top_share": 2}, "roles.mentor.top_share"),
        (
            {"eligibility_overrides": [{"when": {"planet": "mars"}, "eligibility": {"edits": 1}}]},
            "roles.mentor.eligibility_overrides[0].when[0]",
        ),
    ],
    ids=["unknown-feature", "negative-minimum", "share-over-one", "unknown-context"],
)
def test_roles_file_errors_name_the_key(tmp_path: Path, change: dict, key_path: str) -> None:
    """Does a broken roles file name the file and the key path at fault?"""
    with pytest.raises(DataFileError) as caught:
        load_scoring_config(_write_roles(tmp_path, change))
    assert caught.value.key_path == key_path


def test_roles_must_be_framework_roles(tmp_path: Path) -> None:
    """Is a role the framework does not know rejected?"""
    doc = yaml.safe_load(_data_file("roles.yaml").read_text())
    doc["roles"]["wizard"] = doc["roles"]["mentor"]
    (tmp_path / "roles.yaml").write_text(yaml.safe_dump(doc))
    with pytest.raises(DataFileError, match="not a framework role"):
        load_scoring_config(tmp_path / "roles.yaml")


def test_feature_catalog_must_cover_every_feature(tmp_path: Path) -> None:
    """Is a feature catalog missing a computed feature rejected by name?"""
    doc = yaml.safe_load(_data_file("features.yaml").read_text())
    del doc["features"]["growth"]
    (tmp_path / "features.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True))
    with pytest.raises(DataFileError, match=r"missing feature.*growth"):
        load_feature_catalog(tmp_path / "features.yaml")


def test_score_cli_rejects_unknown_context(population: Path, tmp_path: Path) -> None:
    """Does `leaders score` refuse a peer-group column it cannot use, writing nothing?"""
    out = tmp_path / "n.csv"
    result = CliRunner().invoke(
        main,
        [
            *score_mentors(population, out),
            "--context",
            "favourite_colour",
        ],
    )
    assert result.exit_code == 1
    assert "favourite_colour" in result.output
    assert not out.exists()
