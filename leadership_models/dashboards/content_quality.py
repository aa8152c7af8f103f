"""Content quality dashboard: item analysis of exercises, learner ratings, translation status."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..i18n import _
from ..reporting.item_analysis import item_statistics, rating_summary
from ..reporting.snapshot import Snapshot, SnapshotError, data_dir_from_env
from . import charts, page


class ContentQuality:
    """Item statistics, ratings and translation status, filtered by course."""

    def __init__(self, snapshot: Snapshot) -> None:
        items = item_statistics(snapshot.table("grades"))
        self.items = items.assign(lang=items["course"].str.rsplit("-", n=1).str[-1])
        self.ratings = snapshot.table("ratings")
        self.translations = snapshot.table("translations")

    def build(self, lang: str) -> widgets.Widget:
        """Return the page in ``lang``, wired so that the language filter redraws it."""
        self.lang = lang
        taught = sorted({*self.items["lang"], *self.ratings["lang"]})
        self.language = page.dropdown(
            _("Course language", lang), [(x, x) for x in taught], _("All languages", lang)
        )
        self.scatter = widgets.Box()
        self.item_table = page.PagedTable(
            _("Item analysis per question", lang),
            _("Nothing to show for this selection.", lang),
            lang,
            shape=self._item_rows,
        )
        self.rating_chart = widgets.Box()
        self.rating_alt = widgets.HTML()
        self.language.observe(lambda _change: self.refresh(), names="value")
        self.refresh()
        return widgets.VBox(
            [
                page.heading(
                    _("Content quality", lang),
                    _(
                        "How exercises perform, how learners rate modules, and what is translated.",
                        lang,
                    ),
                ),
                self.language,
                page.section(_("Exercises", lang), self.scatter, self.item_table),
                page.section(_("Ratings", lang), self.rating_chart, self.rating_alt),
                page.section(_("Translations", lang), widgets.HTML(self._translations())),
            ]
        )

    def refresh(self) -> None:
        """Redraw the exercise and rating views for the courses taught in the chosen language."""
        lang = self.lang
        items = page.selected(self.items, "lang", self.language.value).drop(columns="lang")
        self.scatter.children = [
            charts.scatter_chart(
                _("Difficulty and discrimination of each question", lang),
                items["difficulty"],
                items["discrimination"],
                items["grade_id"],
                x_title=_("Difficulty (share of points earned)", lang),
                y_title=_("Discrimination (item-rest correlation)", lang),
            )
        ]
        # Questions with a finding first, the least discriminating at the top.
        by_discrimination = items.sort_values("discrimination")
        self.item_table.show(
            by_discrimination.sort_values("flag", key=lambda flag: flag == "ok", kind="stable")
        )
        ratings = page.selected(self.ratings, "lang", self.language.value)
        summary = rating_summary(ratings)
        self.rating_chart.children = [
            charts.bar_chart(
                _("Learner ratings per module", lang),
                summary["module"],
                {_("Mean rating (1-5)", lang): summary["mean_rating"].round(2)},
                y_title=_("Mean rating (1-5)", lang),
            )
        ]
        self.rating_alt.value = page.text_alternative(
            summary.rename(
                columns={
                    "module": _("Module", lang),
                    "ratings": _("Ratings", lang),
                    "mean_rating": _("Mean rating (1-5)", lang),
                }
            ),
            _("Learner ratings per module", lang),
            lang=lang,
        )

    def _item_rows(self, items: pd.DataFrame) -> pd.DataFrame:
        """Return one page of item statistics as shown: rounded, findings and columns named."""
        lang = self.lang
        return items.assign(
            difficulty=items["difficulty"].round(2),
            discrimination=items["discrimination"].round(2),
            flag=[_(flag, lang) for flag in items["flag"]],
        ).rename(
            columns={
                "course": _("Course", lang),
                "assignment": _("Module", lang),
                "grade_id": _("Question", lang),
                "students": _("Learners", lang),
                "difficulty": _("Difficulty", lang),
                "discrimination": _("Discrimination", lang),
                "flag": _("Finding", lang),
            }
        )

    def _translations(self) -> str:
        lang = self.lang
        grid = self.translations.pivot_table(
            index="module", columns="lang", values="percent", aggfunc="first"
        )
        states = self.translations.pivot_table(
            index="module", columns="lang", values="state", aggfunc="first"
        )
        cells = grid.astype("Int64").astype(str) + "% (" + states.map(lambda s: _(s, lang)) + ")"
        cells.columns.name = None
        return page.table_html(
            cells.reset_index().rename(columns={"module": _("Module", lang)}),
            _("Translation status per module and language", lang),
            lang=lang,
        )


def build_app(data_dir: Path | None = None, lang: str | None = None) -> widgets.Widget:
    """Return the content quality page for the snapshot in ``data_dir`` (default: $LEADKIT_DATA)."""
    try:
        dashboard = ContentQuality(Snapshot(data_dir or data_dir_from_env()))
    except SnapshotError as exc:
        return page.notice(str(exc))
    return dashboard.build(lang or page.request_language())
