"""Potential leaders dashboard: nominations per role for human review, explained, with the audit."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..framework import Framework, default_framework
from ..i18n import _
from ..leaders.config import default_scoring_config
from ..leaders.explain import explain
from ..reporting.snapshot import Snapshot, SnapshotError, data_dir_from_env
from ..skillsmap.render import group_label
from . import charts, page

FAIRNESS_RATIO = 0.8
AUDIT_DIMENSIONS = ("community_size", "region", "gender")


class PotentialLeaders:
    """Nominations and the fairness audit, filtered by role and context."""

    def __init__(self, snapshot: Snapshot, framework: Framework) -> None:
        self.framework = framework
        self.nominations = snapshot.table("nominations")
        self.audit = snapshot.table("audit")

    def build(self, lang: str) -> widgets.Widget:
        """Return the page in ``lang``; role, region, community size and audit filters redraw it."""
        self.lang = lang
        fw = self.framework
        roles = sorted(self.nominations["role"].unique())
        self.role = page.dropdown(
            _("Role", lang), [(fw.role(r).labels.get(lang), r) for r in roles]
        )
        self.region = page.dropdown(
            _("Region", lang), self._options("region"), _("All regions", lang)
        )
        self.size = page.dropdown(
            _("Community size", lang), self._options("community_size"), _("All sizes", lang)
        )
        dimensions = [d for d in AUDIT_DIMENSIONS if d in set(self.audit["dimension"])]
        self.dimension = page.dropdown(
            _("Audit by", lang), [(_(d.replace("_", " "), lang), d) for d in dimensions]
        )
        self.count = widgets.HTML()
        self.table = page.PagedTable(
            _("Nominations", lang),
            _("Nobody is nominated in this selection.", lang),
            lang,
            shape=lambda rows: self._review(rows).rename(columns=self._review_columns()),
        )
        self.export = widgets.Button(description=_("Prepare the export for review (CSV)", lang))
        self.export.layout.width = "auto"
        self.export.on_click(lambda _button: self._export())
        self.export_link = widgets.HTML()
        self.chart = widgets.Box()
        self.audit_table = widgets.HTML()
        for control in (self.role, self.region, self.size, self.dimension):
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()
        return widgets.VBox(
            [
                page.heading(
                    _("Potential leaders", lang),
                    _(
                        "Suggestions for human review, never decisions: each person is compared "
                        "with peers in similar communities, and people who opted out never appear.",
                        lang,
                    ),
                ),
                widgets.HBox([self.role, self.region, self.size]),
                page.section(
                    _("Nominations", lang),
                    self.count,
                    self.table,
                    widgets.HBox([self.export, self.export_link]),
                ),
                page.section(
                    _("Fairness audit", lang), self.dimension, self.chart, self.audit_table
                ),
            ]
        )

    def _options(self, column: str) -> list[tuple[str, str]]:
        values = sorted(self.nominations[column].dropna().unique())
        return [(group_label(self.framework, column, v, self.lang), v) for v in values]

    def refresh(self) -> None:
        """Redraw the nominations (from the first page) and the audit for the current filters."""
        rows = self.nominations[
            (self.nominations["role"] == self.role.value) & self.nominations["nominated"]
        ]
        rows = page.selected(
            page.selected(rows, "region", self.region.value), "community_size", self.size.value
        )
        self.rows = rows.sort_values("score", ascending=False)
        self.count.value = _("{count} people nominated for review", self.lang).format(
            count=len(self.rows)
        )
        self.table.show(self.rows)
        self.export_link.value = ""
        self._draw_audit()

    def _export(self) -> None:
        """Offer every nomination of the selection, explained, as a CSV for the human review."""
        self.export_link.value = page.download_link(
            self._review(self.rows),
            f"nominations-{self.role.value}.csv",
            _("Export for review (CSV)", self.lang),
        )

    def _review(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Return what a reviewer reads of each nomination, explanation included."""
        lang = self.lang
        config = default_scoring_config()
        explanations = explain(rows, config.role(self.role.value), config.context, lang)
        return rows.assign(
            region=[group_label(self.framework, "region", v, lang) for v in rows["region"]],
            community_size=[
                group_label(self.framework, "community_size", v, lang)
                for v in rows["community_size"]
            ],
            score_percentile=(rows["score_percentile"] * 100).round().astype(int),
            explanation=explanations,
        )[["user_name", "home_wiki", "region", "community_size", "score_percentile", "explanation"]]

    def _review_columns(self) -> dict[str, str]:
        lang = self.lang
        return {
            "user_name": _("Contributor", lang),
            "home_wiki": _("Home wiki", lang),
            "region": _("Region", lang),
            "community_size": _("Community size", lang),
            "score_percentile": _("Percentile among peers", lang),
            "explanation": _("Why", lang),
        }

    def _draw_audit(self) -> None:
        lang, fw = self.lang, self.framework
        audit = self.audit[
            (self.audit["role"] == self.role.value)
            & (self.audit["dimension"] == self.dimension.value)
        ]
        labels = [group_label(fw, self.dimension.value, str(g), lang) for g in audit["group"]]
        colours = [charts.PALETTE[5] if flag else charts.PALETTE[0] for flag in audit["flagged"]]
        self.chart.children = [
            charts.bar_chart(
                _("Selection rate per group", lang),
                labels,
                {_("Nominated (%)", lang): (audit["rate"] * 100).round(2)},
                y_title=_("Nominated (%)", lang),
                colours=colours,
            )
        ]
        shown = audit.assign(
            group=labels,
            rate=(audit["rate"] * 100).round(1),
            ratio=audit["ratio"].round(2),
            flagged=[_("below 0.8 of the highest", lang) if f else "" for f in audit["flagged"]],
        )[["group", "people", "nominated", "rate", "ratio", "flagged"]]
        self.audit_table.value = page.table_html(
            shown.rename(
                columns={
                    "group": _("Group", lang),
                    "people": _("People", lang),
                    "nominated": _("Nominated", lang),
                    "rate": _("Nominated (%)", lang),
                    "ratio": _("Ratio to the highest", lang),
                    "flagged": _("Flag", lang),
                }
            ),
            _("Selection rate per group", lang),
            lang=lang,
        )


def build_app(data_dir: Path | None = None, lang: str | None = None) -> widgets.Widget:
    """Return the potential leaders page for the snapshot in ``data_dir`` ($LEADKIT_DATA)."""
    try:
        dashboard = PotentialLeaders(Snapshot(data_dir or data_dir_from_env()), default_framework())
    except SnapshotError as exc:
        return page.notice(str(exc))
    return dashboard.build(lang or page.request_language())
