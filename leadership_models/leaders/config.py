"""Scoring configuration: feature display, role weights and eligibility, loaded and validated."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..datafiles import DataFileError, read_yaml, validate
from ..engagement.features import FEATURES
from ..engagement.schema import CONTRIBUTORS
from ..framework import Framework, Localized, default_framework

#: Contributor columns that can define a peer group.
CONTEXT_COLUMNS = ("community_size", "region", "affiliate_type", "home_wiki", "affiliate")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeatureDisplay(_Strict):
    """How a feature is ranked and shown to people."""

    format: Literal["number", "days", "share", "trend"]
    higher_is_better: bool = True
    labels: Localized


class FeatureCatalog(_Strict):
    """Every feature's display and the sentences that explain a nomination's reasons."""

    explanation: Localized
    reason: Localized
    separator: Localized
    features: dict[str, FeatureDisplay]


Minimums = dict[str, Annotated[float, Field(ge=0)]]


class EligibilityOverride(_Strict):
    """Eligibility minimums that apply where every condition of ``when`` holds."""

    when: dict[str, str] = Field(min_length=1)
    eligibility: Minimums = Field(min_length=1)


class RoleScoring(_Strict):
    """Weights, eligibility minimums and the nomination threshold of one framework role."""

    weights: dict[str, Annotated[float, Field(gt=0)]] = Field(min_length=1)
    eligibility: Minimums = Field(default_factory=dict)
    eligibility_overrides: list[EligibilityOverride] = Field(default_factory=list)
    top_share: Annotated[float, Field(gt=0, le=1)]


class ScoringConfig(_Strict):
    """Default peer-group context and the scoring of each role."""

    context: tuple[str, ...]
    roles: dict[str, RoleScoring] = Field(min_length=1)

    def role(self, role_id: str) -> RoleScoring:
        """Return a role's scoring; KeyError lists the roles that have one."""
        try:
            return self.roles[role_id]
        except KeyError:
            known = ", ".join(sorted(self.roles))
            raise KeyError(
                f"no scoring for role {role_id!r}; roles with scoring: {known}"
            ) from None


def _data_file(name: str) -> Path:
    return Path(str(resources.files("leadership_models.leaders") / "data" / name))


def load_feature_catalog(path: Path | None = None) -> FeatureCatalog:
    """Load ``features.yaml``; every computed feature must be described, and only those."""
    file = path or _data_file("features.yaml")
    catalog: FeatureCatalog = validate(file, "", FeatureCatalog, read_yaml(file))
    for name in catalog.features:
        if name not in FEATURES:
            raise DataFileError(
                file, f"features.{name}", f"unknown feature; known: {', '.join(FEATURES)}"
            )
    missing = [name for name in FEATURES if name not in catalog.features]
    if missing:
        raise DataFileError(file, "features", f"missing feature(s): {', '.join(missing)}")
    return catalog


def load_scoring_config(
    path: Path | None = None, framework: Framework | None = None
) -> ScoringConfig:
    """Load ``roles.yaml``: roles must be framework roles and features known ones."""
    file = path or _data_file("roles.yaml")
    config: ScoringConfig = validate(file, "", ScoringConfig, read_yaml(file))
    roles = (framework or default_framework()).roles
    check_context(config.context, file, "context")
    for role_id, scoring in config.roles.items():
        if role_id not in roles:
            raise DataFileError(
                file, f"roles.{role_id}", f"not a framework role; known: {', '.join(roles)}"
            )
        named = [("weights", scoring.weights), ("eligibility", scoring.eligibility)]
        for i, override in enumerate(scoring.eligibility_overrides):
            where = f"eligibility_overrides[{i}]"
            check_context(tuple(override.when), file, f"roles.{role_id}.{where}.when")
            named.append((f"{where}.eligibility", override.eligibility))
        for key, values in named:
            for name in values:
                if name not in FEATURES:
                    raise DataFileError(
                        file,
                        f"roles.{role_id}.{key}.{name}",
                        f"unknown feature; known: {', '.join(FEATURES)}",
                    )
    return config


def check_context(
    context: tuple[str, ...], file: Path | str = "--context", where: str = ""
) -> None:
    """Raise DataFileError unless every context column is one a peer group can be formed on."""
    for i, column in enumerate(context):
        if column not in CONTEXT_COLUMNS or column not in CONTRIBUTORS.names:
            raise DataFileError(
                file,
                f"{where}[{i}]" if where else column,
                f"not a context column; use {', '.join(CONTEXT_COLUMNS)}",
            )


@cache
def default_feature_catalog() -> FeatureCatalog:
    """Return the shipped feature catalog, loaded once per process."""
    return load_feature_catalog()


@cache
def default_scoring_config() -> ScoringConfig:
    """Return the shipped scoring configuration, loaded once per process."""
    return load_scoring_config()
