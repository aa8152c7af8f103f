"""Skills map dashboard: assets and needs as a heatmap, suppressed cells marked, top needs."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..assessment import build_profiles, load_assessments, load_people
from ..content.loader import find_root, load_courses, load_modules
from ..framework import Framework, default_framework
from ..i18n import _
from ..reporting.snapshot import Snapshot, SnapshotError, data_dir_from_env
from ..skillsmap import ALL, assets, holders, load_needs, needs, top_needs
from ..skillsmap.render import group_label
from . import charts, page

GROUPINGS = ("region", "community_size", "affiliate_type")


class SkillsMap:
    """Profiles of the snapshot's people, their needs, and the modules that teach each skill."""

    def __init__(self, snapshot: Snapshot, framework: Framework) -> None:
        self.framework = framework
        self.people = load_people(snapshot.table("people"), framework)
        evidence = load_assessments(snapshot.table("assessments"), framework, people=self.people)
        self.profiles = build_profiles(evidence, framework)
        self.assets = {by: assets(self.profiles, self.people, framework, by=by) for by in GROUPINGS}
        wanted = load_needs(snapshot.table("needs"), framework, self.people)
        self.top = top_needs(needs(self.profiles, self.people, wanted, framework, by="region"))
        try:
            self.teaching, self.catalog_problem = _modules_by_skill(), ""
        except ValueError as exc:  # a broken or absent module catalog must not hide the map
            self.teaching, self.catalog_problem = {}, str(exc)

    def build(self, lang: str) -> widgets.Widget:
        """Return the page in ``lang``; the grouping, level and category filters redraw the map."""
        self.lang = lang
        fw = self.framework
        self.grouping = page.dropdown(
            _("Group by", lang), [(fw.contexts[by].labels.get(lang), by) for by in GROUPINGS]
        )
        self.level = page.dropdown(
            _("At least level", lang),
            [(f"{lvl.level} {lvl.labels.get(lang)}", lvl.level) for lvl in fw.levels[1:]],
        )
        self.level.value = 3
        self.category = page.dropdown(
            _("Skill area", lang),
            [(c.label(lang), c.id) for c in fw.categories()],
            _("All skill areas", lang),
        )
        self.heatmap = widgets.HTML()
        for control in (self.grouping, self.level, self.category):
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()
        return widgets.VBox(
            [
                page.heading(
                    _("Skills map", lang),
                    _("Where the movement's skills are, and where roles go unfilled.", lang),
                ),
                widgets.HBox([self.grouping, self.level, self.category]),
                self.heatmap,
                page.section(
                    _("Top unmet needs per region", lang),
                    widgets.HTML(self._needs_table()),
                    *([page.notice(self.catalog_problem)] if self.catalog_problem else []),
                ),
            ]
        )

    def refresh(self) -> None:
        """Redraw the heatmap for the selected grouping, level and skill area."""
        lang, fw, by = self.lang, self.framework, self.grouping.value
        table = self.assets[by]
        table = table[table[by] != ALL].assign(
            holders=holders(self.assets[by], fw, self.level.value)
        )
        skills = [
            s.id
            for s in fw.skills.values()
            if self.category.value in (page.ALL, s.id, s.parent)
            or (s.parent and fw.skills[s.parent].parent == self.category.value)
        ]
        grid = table.pivot(index="skill_id", columns=by, values="holders").reindex(skills)
        grid.index = [fw.skill(s).label(lang) for s in grid.index]
        grid.columns = [group_label(fw, by, g, lang) for g in grid.columns]
        title = _("People at level {level} or above", lang).format(level=self.level.value)
        self.heatmap.value = charts.heatmap_table(
            grid,
            title,
            corner=_("Skill", lang),
            suppressed=_("suppressed", lang),
            legend=_("People", lang),
        )

    def _needs_table(self) -> str:
        lang, fw = self.lang, self.framework
        rows = self.top.assign(
            region=[group_label(fw, "region", r, lang) for r in self.top["region"]],
            skill=[fw.skill(s).label(lang) for s in self.top["skill_id"]],
            modules=[
                ", ".join(self.teaching.get(s, {}).get(lang, [])) or "—"
                for s in self.top["skill_id"]
            ],
        )
        shown = rows[
            ["region", "rank", "skill", "required", "wanted", "holders", "unmet", "modules"]
        ]
        return page.table_html(
            shown.rename(
                columns={
                    "region": _("Region", lang),
                    "rank": _("Rank", lang),
                    "skill": _("Skill", lang),
                    "required": _("Level required", lang),
                    "wanted": _("People wanted", lang),
                    "holders": _("People holding it", lang),
                    "unmet": _("Unmet", lang),
                    "modules": _("Modules and packs that teach it", lang),
                }
            ),
            _("Top unmet needs per region", lang),
            lang=lang,
        )


def _modules_by_skill() -> dict[str, dict[str, list[str]]]:
    """Map each skill to the titles of the modules and packs teaching it, per language."""
    root = find_root()
    modules = load_modules(root)
    courses = load_courses(root, modules)
    teaching: dict[str, dict[str, list[str]]] = {}
    for module in modules.values():
        packs = [c for c in courses.values() if module in c.modules]
        for skill in module.spec.skills:
            for lang in ("en", "es", "ja", "ca"):
                names = [module.spec.title.get(lang), *(c.spec.title.get(lang) for c in packs)]
                teaching.setdefault(skill.skill, {}).setdefault(lang, []).extend(
                    n for n in names if n not in teaching[skill.skill].get(lang, [])
                )
    return teaching


def build_app(data_dir: Path | None = None, lang: str | None = None) -> widgets.Widget:
    """Return the skills map page for the snapshot in ``data_dir`` (default: $LEADKIT_DATA)."""
    try:
        dashboard = SkillsMap(Snapshot(data_dir or data_dir_from_env()), default_framework())
    except SnapshotError as exc:
        return page.notice(str(exc))
    return dashboard.build(lang or page.request_language())
