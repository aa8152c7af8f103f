"""Building blocks every dashboard shares: language, headings, tables, charts' text alternatives."""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Callable, Sequence
from urllib.parse import parse_qs

import ipywidgets as widgets
import pandas as pd

from ..i18n import LANGUAGES, _

ALL = "__all__"


def request_language(default: str = "en") -> str:
    """Return the viewer's language: ``?lang=`` first, then Accept-Language, then ``default``.

    Under Voila with preheated kernels this waits for the request, so everything computed
    before the call is ready when the page is opened.
    """
    try:
        from voila.utils import wait_for_request
    except ImportError:  # plain Jupyter: no request to wait for
        pass
    else:
        wait_for_request()
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    wanted = [
        *query.get("lang", []),
        *_accepted_languages(os.environ.get("HTTP_ACCEPT_LANGUAGE", "")),
    ]
    return next((lang for lang in wanted if lang in LANGUAGES), default)


def _accepted_languages(header: str) -> list[str]:
    weighted = []
    for part in header.split(","):
        tag, _sep, quality = part.strip().partition(";q=")
        if tag:
            weighted.append((float(quality or 1), tag.split("-")[0].lower()))
    return [tag for _q, tag in sorted(weighted, key=lambda item: -item[0])]


def heading(title: str, subtitle: str = "") -> widgets.HTML:
    """Return the page heading with an optional one-line explanation."""
    sub = f"<p class='lk-subtitle'>{html.escape(subtitle)}</p>" if subtitle else ""
    return widgets.HTML(f"<h1>{html.escape(title)}</h1>{sub}")


def section(title: str, *children: widgets.Widget) -> widgets.VBox:
    """Return a titled section of the page."""
    return widgets.VBox([widgets.HTML(f"<h2>{html.escape(title)}</h2>"), *children])


def table_html(
    frame: pd.DataFrame, caption: str, empty: str | None = None, *, lang: str = "en"
) -> str:
    """Return an accessible HTML table (caption, header cells) or a notice when it is empty."""
    if frame.empty:
        notice = empty or _("Nothing to show for this selection.", lang)
        return f"<p role='status'>{html.escape(notice)}</p>"
    body = frame.to_html(index=False, escape=True, na_rep="—", border=0, classes="lk-table")
    return body.replace("<thead>", f"<caption>{html.escape(caption)}</caption><thead>", 1)


def text_alternative(frame: pd.DataFrame, caption: str, *, lang: str = "en") -> str:
    """Return the data behind a chart as a collapsible table, for screen readers and print."""
    return (
        f"<details class='lk-alt'><summary>{html.escape(_('Text alternative', lang))}: "
        f"{html.escape(caption)}</summary>{table_html(frame, caption, lang=lang)}</details>"
    )


def download_link(frame: pd.DataFrame, filename: str, label: str) -> str:
    """Return a link that downloads ``frame`` as CSV from the page itself (works offline)."""
    payload = base64.b64encode(frame.to_csv(index=False).encode("utf-8")).decode("ascii")
    return (
        f"<a download='{html.escape(filename)}' "
        f"href='data:text/csv;charset=utf-8;base64,{payload}'>"
        f"{html.escape(label)}</a>"
    )


def dropdown(
    label: str, options: Sequence[tuple[str, object]], all_label: str | None = None
) -> widgets.Dropdown:
    """Return a labelled filter; with ``all_label`` its first option selects everything."""
    choices = ([(all_label, ALL)] if all_label else []) + list(options)
    return widgets.Dropdown(
        options=choices, description=label, style={"description_width": "initial"}
    )


def selected(frame: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    """Return the rows whose ``column`` equals ``value``, or all rows for the 'all' option."""
    return frame if value == ALL else frame[frame[column] == value]


class PagedTable(widgets.VBox):
    """A long table shown a page at a time, with previous and next buttons.

    Pages keep dashboards light: thousands of rows would be sent to and laid out by the browser
    at once. ``shape`` turns the raw rows of one page into the columns shown (labels,
    explanations), so costly work is done only for the rows on screen.
    """

    def __init__(
        self,
        caption: str,
        empty: str,
        lang: str,
        shape: Callable[[pd.DataFrame], pd.DataFrame] = lambda rows: rows,
        page_size: int = 10,
    ) -> None:
        self.caption, self.empty, self.lang, self.shape = caption, empty, lang, shape
        self.page_size = page_size
        self.rows = pd.DataFrame()
        self.first = 0
        self.table = widgets.HTML()
        self.position = widgets.HTML()
        self.previous = widgets.Button(description=_("Previous", lang))
        self.next = widgets.Button(description=_("Next", lang))
        self.previous.on_click(lambda _button: self.turn(-1))
        self.next.on_click(lambda _button: self.turn(1))
        super().__init__([self.table, widgets.HBox([self.previous, self.position, self.next])])

    def show(self, rows: pd.DataFrame) -> None:
        """Show ``rows`` from the first page on."""
        self.rows, self.first = rows, 0
        self._draw()

    def turn(self, pages: int) -> None:
        """Move ``pages`` pages forward (or back, if negative), stopping at the first."""
        self.first = max(0, self.first + pages * self.page_size)
        self._draw()

    def _draw(self) -> None:
        total = len(self.rows)
        shown = self.rows.iloc[self.first : self.first + self.page_size]
        self.table.value = table_html(self.shape(shown), self.caption, self.empty, lang=self.lang)
        self.position.value = (
            _("{first}–{last} of {count}", self.lang).format(
                first=self.first + 1, last=self.first + len(shown), count=total
            )
            if total
            else ""
        )
        self.previous.disabled = self.first == 0
        self.next.disabled = self.first + self.page_size >= total
        self.previous.layout.visibility = self.next.layout.visibility = (
            "visible" if total > self.page_size else "hidden"
        )


def notice(message: str) -> widgets.HTML:
    """Return a visible notice, e.g. that a snapshot lacks a table."""
    return widgets.HTML(f"<p role='alert' class='lk-notice'>{html.escape(message)}</p>")
