"""Cohort progress dashboard: enrolment, submissions, grades, badges and learners at risk."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..framework import default_framework
from ..i18n import _
from ..reporting.progress import at_risk, learner_totals, progress_table, student_scores
from ..reporting.snapshot import Snapshot, SnapshotError, data_dir_from_env
from ..skillsmap.render import group_label
from . import charts, page

# Ten bands of the share of points; the last one includes 100 %.
SCORE_BINS = [*range(0, 100, 10), 100.001]


class CohortProgress:
    """The dashboard's data, loaded once, and the widgets that show a filtered view of it."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.people = snapshot.table("people")
        self.enrolments = snapshot.table("enrolments")
        self.grades = snapshot.table("grades")
        self.badges = snapshot.optional("badges")
        self.as_of = pd.Timestamp(self.enrolments["enrolled_on"].max()) + pd.Timedelta(days=14)

    def build(self, lang: str) -> widgets.Widget:
        """Return the page in ``lang``, wired so that filters redraw it."""
        courses = sorted(self.enrolments["course"].unique())
        languages = sorted(self.enrolments["lang"].unique())
        self.course = page.dropdown(
            _("Course", lang), [(c, c) for c in courses], _("All courses", lang)
        )
        self.language = page.dropdown(
            _("Language", lang), [(x, x) for x in languages], _("All languages", lang)
        )
        self.summary = widgets.HTML()
        self.by_region = widgets.Box()
        self.scores = widgets.Box()
        self.region_alt = widgets.HTML()
        self.scores_alt = widgets.HTML()
        self.risk = page.PagedTable(
            _("Learners at risk of dropping out", lang),
            _("No learner is at risk in this selection.", lang),
            lang,
            shape=self._risk_rows,
        )
        self.risk_download = widgets.HTML()
        self.lang = lang
        for control in (self.course, self.language):
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()
        return widgets.VBox(
            [
                page.heading(
                    _("Cohort progress", lang),
                    _(
                        "Enrolment, submissions, grades and badges per course, language and "
                        "region.",
                        lang,
                    ),
                ),
                widgets.HBox([self.course, self.language]),
                self.summary,
                self.by_region,
                self.region_alt,
                self.scores,
                self.scores_alt,
                page.section(
                    _("Learners at risk of dropping out", lang), self.risk, self.risk_download
                ),
            ]
        )

    def refresh(self) -> None:
        """Redraw every part of the page for the current filters."""
        lang = self.lang
        enrolled = page.selected(
            page.selected(self.enrolments, "course", self.course.value), "lang", self.language.value
        )
        table = progress_table(enrolled, self.people, self.grades, self.badges)
        by_region = table.groupby("region")[["enrolled", "submitted"]].sum().reset_index()
        by_region["region"] = [self._region(r) for r in by_region["region"]]
        regions = by_region["region"].tolist()
        self.by_region.children = [
            charts.bar_chart(
                _("Enrolled and submitting learners by region", lang),
                regions,
                {
                    _("Enrolled", lang): by_region["enrolled"],
                    _("Submitted", lang): by_region["submitted"],
                },
                y_title=_("Learners", lang),
            )
        ]
        self.region_alt.value = page.text_alternative(
            by_region.rename(
                columns={
                    "region": _("Region", lang),
                    "enrolled": _("Enrolled", lang),
                    "submitted": _("Submitted", lang),
                }
            ),
            _("Enrolled and submitting learners by region", lang),
            lang=lang,
        )
        wanted = set(enrolled["course"] + "-" + enrolled["lang"])
        shares = student_scores(self.grades[self.grades["course"].isin(wanted)])["share"] * 100
        bins = pd.cut(shares, SCORE_BINS, right=False, include_lowest=True)
        counts = bins.value_counts(sort=False)
        ranges = [f"{int(b.left)}–{int(b.right)}" for b in counts.index]
        self.scores.children = [
            charts.bar_chart(
                _("Distribution of learners' scores", lang),
                ranges,
                {_("Learners", lang): counts.to_numpy()},
                y_title=_("Learners", lang),
            )
        ]
        self.scores_alt.value = page.text_alternative(
            pd.DataFrame({_("Share of points (%)", lang): ranges, _("Learners", lang): counts}),
            _("Distribution of learners' scores", lang),
            lang=lang,
        )
        self.summary.value = self._summary(enrolled)
        risky = at_risk(enrolled, self.people, self.grades, self.as_of)
        self.risk.show(risky)
        self.risk_download.value = (
            page.download_link(risky, "learners-at-risk.csv", _("Download the list (CSV)", lang))
            if not risky.empty
            else ""
        )

    def _risk_rows(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Return one page of learners at risk as shown: labelled region, named columns."""
        lang = self.lang
        columns = {
            "name": _("Learner", lang),
            "course": _("Course", lang),
            "lang": _("Language", lang),
            "region": _("Region", lang),
            "reason": _("Reason", lang),
        }
        shown = rows.assign(region=[self._region(r) for r in rows["region"]])
        return shown.drop(columns="person_id").rename(columns=columns)

    def _region(self, region: str) -> str:
        return group_label(default_framework(), "region", region, self.lang)

    def _summary(self, enrolled: pd.DataFrame) -> str:
        lang = self.lang
        totals = learner_totals(enrolled, self.people, self.grades, self.badges)
        mean = totals["mean_score"]
        figures = [
            (_("Learners", lang), f"{totals['learners']}"),
            (_("Submitted", lang), f"{totals['submitted']}"),
            (_("Mean score", lang), "—" if pd.isna(mean) else f"{mean:.0%}"),
            (_("Learners with a badge", lang), f"{totals['with_badge']}"),
        ]
        cells = "".join(
            f"<div class='lk-kpi'><strong>{value}</strong><span>{label}</span></div>"
            for label, value in figures
        )
        return f"<div class='lk-kpis' role='group'>{cells}</div>"


def build_app(data_dir: Path | None = None, lang: str | None = None) -> widgets.Widget:
    """Return the cohort progress page for the snapshot in ``data_dir`` (default: $LEADKIT_DATA)."""
    try:
        dashboard = CohortProgress(Snapshot(data_dir or data_dir_from_env()))
    except SnapshotError as exc:
        return page.notice(str(exc))
    return dashboard.build(lang or page.request_language())
