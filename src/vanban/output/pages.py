"""Pages for people: a document's text with its references lit up, and a browsable archive.

:func:`document_page` writes one self-contained HTML page for one document read: its paragraphs,
every numbered reference marked and carrying its facts as ``data-`` attributes, footnote marks
linked to their bodies and back, findings where they occur, and a side panel of what the
document cites. :func:`write_site` writes a static archive of a whole graph: an index to sort,
filter and search, a page per document, a findings page per file. Every page works from
``file://`` with no network: styles and scripts are inline, nothing is fetched.
"""

from __future__ import annotations

import bisect
import html
import itertools
import os
import shutil
import urllib.parse
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from vanban.checks.findings import Finding
from vanban.core.dates import in_table
from vanban.core.errors import InputError, Notice, Problem, VanbanError
from vanban.core.i18n import said_where, translator
from vanban.core.records import (
    DocumentNode,
    Edge,
    ParsedDocument,
    Reference,
    Source,
    TextLayout,
    many_records,
)
from vanban.core.relations import relation_named
from vanban.core.vocabulary import fold_words
from vanban.output.graph_formats import picture, subgraph, to_dot
from vanban.query.view import View
from vanban.query.views import Chain, show, symbol_order
from vanban.storage.files import locked_folder, remove_leftovers, write_atomic

CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""How the pages are opened in headless Chromium to test them and to take the README's
pictures: no sandbox (containers), no GPU, and nothing fetched from the network."""

# Labels of the pages, in English; their Vietnamese is in the catalogue (see vanban.core.i18n).
LABELS: dict[str, str] = {
    "cites": "Documents cited",
    "relations": "Relations",
    "findings": "Check findings",
    "findings_column": "Findings",
    "no_findings": "No findings.",
    "footnotes": "Footnotes",
    "legend": "Dated reference · undated · with a finding · short mention",
    "dated": "dated",
    "undated": "undated",
    "times": "times",
    "back": "back",
    "archive": "Archive",
    "search": "Search symbols and titles",
    "kind": "Kind",
    "symbol": "Symbol",
    "date": "Date",
    "issuer": "Issuer",
    "title": "Title",
    "cited_by": "Cited by",
    "year": "Year",
    "all": "All",
    "undated_only": "Undated only",
    "with_findings": "With findings only",
    "read": "read",
    "shown": "documents shown",
    "cited_at": "Cited at",
    "implements": "Implements",
    "implemented_by": "Implemented by",
    "shown_above": "shown above",
    "cut": "goes on",
    "register": "Register",
    "file": "File",
    "only_cited": "Only cited; not in the archive.",
    "picture": "Graph picture",
    "no_picture": "The picture needs Graphviz (dot); each document's page lists its relations.",
    "too_big": "Too many documents for one picture; each document's page lists its relations.",
    "too_dense": "Too many relations for one picture; each document's page lists its relations.",
    "more": "and {count} more",
    "findings_of": "Findings in",
    "changed": "The file changed since the graph was made; run vanban parse --update.",
    "unreadable": "The file cannot be read",
    "notes": "Notes",
}
CSS = """
:root { --dated: #1a7f37; --undated: #b35900; --finding: #c62828; --short: #5a5a9e;
  --line: #d8d8d8; --panel: #f6f7f9; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 "Times New Roman", "Noto Serif", serif; color: #1b1b1b; }
header, main, footer { max-width: 80rem; margin: 0 auto; padding: 0 1rem; }
header h1 { font-size: 1.35rem; margin: 1rem 0 .25rem; }
.meta, .legend, nav { font: 14px/1.5 system-ui, sans-serif; color: #555; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 24rem; gap: 2rem; }
article p { text-align: justify; margin: 0 0 .8em; }
aside { font: 14px/1.5 system-ui, sans-serif; background: var(--panel); padding: .5rem 1rem;
  align-self: start; position: sticky; top: 0; max-height: 100vh; overflow-y: auto; }
aside h2, article h2 { font: 600 15px/1.4 system-ui, sans-serif; margin: 1rem 0 .4rem; }
aside ul { padding-left: 1.1rem; margin: 0; } aside li { margin-bottom: .35rem; }
a.ref { text-decoration: none; border-bottom: 2px solid var(--dated); color: inherit; }
a.ref.undated { border-bottom: 2px dashed var(--undated); }
a.ref.finding { border-bottom: 3px double var(--finding); background: #fdecea; }
span.short { border-bottom: 1px dotted var(--short); }
.swatch-dated { color: var(--dated); } .swatch-undated { color: var(--undated); }
.swatch-finding { color: var(--finding); } .swatch-short { color: var(--short); }
sup a { text-decoration: none; }
.here { font: 13px/1.45 system-ui, sans-serif; border-left: 3px solid var(--finding);
  background: #fff6f5; padding: .3rem .6rem; margin: -.4em 0 .9em; }
.sev-error { color: var(--finding); } .sev-warning { color: var(--undated); }
.known { color: #555; }
.footnotes { border-top: 1px solid var(--line); margin-top: 1.5rem; font-size: 15px; }
table { border-collapse: collapse; width: 100%; font: 14px/1.45 system-ui, sans-serif; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { cursor: pointer; background: var(--panel); position: sticky; top: 0; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .75rem 0;
  font: 14px/1.5 system-ui, sans-serif; align-items: center; }
.filters input[type=search] { min-width: 18rem; padding: .3rem; font: inherit; }
.said { color: #555; font-size: 14px; } .said mark { background: #fff3a0; }
.card dt { font-weight: 600; } .card dd { margin: 0 0 .4rem 1rem; }
.picture svg, .picture img { max-width: 100%; height: auto; }
@media (max-width: 900px) { main { display: block; } aside { position: static; max-height: none;
  margin-top: 1rem; } .filters input[type=search] { min-width: 0; width: 100%; }
  td:nth-child(4), th:nth-child(4), td:nth-child(6), th:nth-child(6) { display: none; } }
@media print { aside { position: static; max-height: none; background: none; }
  main { display: block; } a.ref { border-bottom-width: 1px; } nav, .filters { display: none; }
  a { color: inherit; } }
"""

INDEX_SCRIPT = """
(function () {
  var fold = function (s) {
    return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[đĐ]/g, 'd')
      .toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  };
  var table = document.getElementById('documents');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = document.getElementById('count');
  var controls = ['q', 'kind', 'issuer', 'year', 'undated', 'findings'].map(function (id) {
    return document.getElementById(id);
  });
  // one folded letter for each letter, so that a place in the folded text is one in the text
  var foldLetters = function (s) {
    return Array.prototype.map.call(s, function (c) {
      var f = fold(c);
      return f.length === 1 ? f : ' ';
    }).join('');
  };
  // the passage of the sentence the document is cited in where the words stand together, or
  // else the first of them found
  function passage(row, words) {
    var said = row.dataset.said || '', folded = ' ' + foldLetters(said), at = -1, word = '';
    [words.join(' ')].concat(words).some(function (w) {
      at = folded.indexOf(' ' + w); word = w; return at >= 0;
    });
    var box = row.querySelector('.said');
    if (!words.length || at < 0 || !box) { if (box) { box.hidden = true; } return; }
    var low = Math.max(0, at - 60), high = Math.min(said.length, at + word.length + 60);
    var mark = document.createElement('mark');
    mark.textContent = said.slice(at, at + word.length);
    box.textContent = '';
    box.append((low ? '…' : '') + said.slice(low, at), mark,
      said.slice(at + word.length, high) + (high < said.length ? '…' : ''));
    box.hidden = false;
  }
  function apply() {
    var words = fold(controls[0].value).split(' ').filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = words.every(function (w) { return d.search.indexOf(w) >= 0; })
        && (!controls[1].value || d.kind === controls[1].value)
        && (!controls[2].value || d.issuer === controls[2].value)
        && (!controls[3].value || d.year === controls[3].value)
        && (!controls[4].checked || d.undated === '1')
        && (!controls[5].checked || d.findings !== '0');
      row.hidden = !ok;
      if (ok) { shown += 1; passage(row, words); }
    });
    count.textContent = shown;
  }
  controls.forEach(function (c) { c.addEventListener('input', apply); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    cell.addEventListener('click', function () {
      var up = cell.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
        c.removeAttribute('aria-sort');
      });
      cell.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.sort, y = b.cells[column].dataset.sort;
        var n = x.localeCompare(y, 'vi', {numeric: true});
        return up ? n : -n;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });
  apply();
})();
"""


def label(key: str, language: str) -> str:
    return translator(language)(LABELS[key])


def _relation(name: str, language: str) -> str:
    return translator(language)(relation_named(name).label)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_SLUG = regex.compile(r"[^a-z0-9]+")


WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
"""Names Windows keeps for devices, whatever the ending (``con.html`` cannot be opened there)."""


def slug(document_id: str) -> str:
    """A file name for a document's page: ``155-KH/TU@2023-06-15`` -> ``155-kh-tu-2023-06-15``;
    never a name Windows keeps for a device (``CON`` -> ``con-0``)."""
    name = _SLUG.sub("-", fold_words(document_id)).strip("-") or "van-ban"
    return f"{name}-0" if name in WINDOWS_DEVICES else name


GENERATOR = '<meta name="generator" content="vanban">'
"""The line in the head of every page vanban writes, by which a page of its own found in an
archive is told from a document (see :func:`is_own_page`)."""


def is_own_page(head: bytes) -> bool:
    """Whether the first kilobytes of an HTML file are those of a page vanban wrote."""
    return GENERATOR.encode() in head


def _page(title: str, body: str, language: str, script: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"{GENERATOR}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:\">\n"
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        + (f"<script>{script}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


# --- one document ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    kind: str
    """``ref``, ``short`` or ``mark``."""
    index: int


def _items(document: ParsedDocument, layout: TextLayout) -> list[_Item]:
    text = layout.text
    starts = sorted(r.start for r in document.references)
    items = []
    for i, reference in enumerate(document.references):
        # an issuer phrase may run over the next reference ("của ..., Công văn số ..."): each
        # reference's mark ends where the next begins
        after = bisect.bisect_right(starts, reference.start)
        end = min(reference.end, starts[after]) if after < len(starts) else reference.end
        items.append(_Item(reference.start, end, "ref", i))
    spans = [(item.start, item.end) for item in items]
    for i, short in enumerate(document.short_references):
        end = short.start + len(short.text)
        overlaps = any(start < end and short.start < stop for start, stop in spans)
        if not overlaps and fold_words(text[short.start : end]) == fold_words(short.text):
            items.append(_Item(short.start, end, "short", i))
    items += [_Item(start, end, "mark", number) for number, start, end in layout.marks]
    return sorted(items, key=lambda item: (item.start, item.kind != "ref", -item.end))


class _Renderer:
    """Writes the text of one document, its references marked."""

    def __init__(
        self,
        document: ParsedDocument,
        layout: TextLayout,
        source: Source,
        findings: list[Finding],
        link: Callable[[str], str],
        known: Callable[[str], DocumentNode | None],
        language: str,
    ) -> None:
        self.document, self.layout, self.source = document, layout, source
        self.link, self.known, self.language = link, known, language
        self.items = _items(document, layout)
        self.by_place: dict[tuple[int, int | None], list[Finding]] = defaultdict(list)
        for finding in findings:
            if finding.line is not None:
                self.by_place[(finding.line, finding.column)].append(finding)
        self.noted_marks: set[int] = set()

    def span(self, start: int, end: int) -> tuple[str, list[Finding]]:
        """The HTML of the text from ``start`` to ``end``, and the findings on its references."""
        text = self.layout.text
        parts: list[str] = []
        found: list[Finding] = []
        position = start
        inside_until = -1
        pending_marks: list[int] = []
        for item in self.items:
            if item.start < start or item.start >= end:
                continue
            if item.start < inside_until:  # inside a reference: marks go after it
                if item.kind == "mark":
                    pending_marks.append(item.index)
                continue
            if pending_marks:
                parts.append("".join(self._mark(n) for n in pending_marks))
                pending_marks = []
            parts.append(_text(text[position : item.start]))
            item_end = min(item.end, end)
            if item.kind == "ref":
                html_text, flagged = self._reference(item.index, text[item.start : item_end])
                parts.append(html_text)
                found += flagged
                inside_until = item_end
            elif item.kind == "short":
                title = _e(self.document.short_references[item.index].kind)
                parts.append(f'<span class="short" title="{title}">')
                parts.append(_text(text[item.start : item_end]) + "</span>")
                inside_until = item_end
            else:
                parts.append(self._mark(item.index))
            position = item_end
        if pending_marks:
            parts.append("".join(self._mark(n) for n in pending_marks))
        parts.append(_text(text[position:end]))
        return "".join(parts), found

    def _mark(self, number: int) -> str:
        anchor = "" if number in self.noted_marks else f' id="fnref-{number}"'
        self.noted_marks.add(number)
        return f'<sup><a class="fn" href="#fn-{number}"{anchor}>{number}</a></sup>'

    def _reference(self, index: int, written: str) -> tuple[str, list[Finding]]:
        reference: Reference = self.document.references[index]
        citation = self.source.references[index] if index < len(self.source.references) else None
        target = citation.target if citation else ""
        node = self.known(target) if target else None
        flagged = self.by_place.get((reference.line, reference.column), [])
        state = "finding" if flagged else ("dated" if reference.date else "undated")
        tip = [
            " ".join(p for p in (reference.kind, reference.symbol.canonical) if p),
            in_table(reference.date) or label("undated", self.language),
            reference.issuer or "",
        ]
        if node is not None and not reference.date and node.date:
            tip.append(f"({in_table(node.date)})")
        title = _title_of(node)
        if title:
            tip.append("— " + title)
        tip += [f"{f.code}: {f.message}" for f in flagged]
        attributes = {
            "class": f"ref {state}",
            "id": f"ref-{index}",
            "href": self.link(target) if target else f"#ref-{index}",
            "data-symbol": reference.symbol.canonical,
            "data-date": reference.date or "",
            "data-kind": reference.kind or "",
            "data-issuer": reference.issuer or "",
            "data-id": target,
            "data-line": str(reference.line),
            "title": " ".join(p for p in tip if p),
        }
        opened = " ".join(f'{name}="{_e(value)}"' for name, value in attributes.items())
        return f"<a {opened}>{_text(written)}</a>", list(flagged)

    def paragraphs(self) -> str:
        parts = []
        for start, end in self.layout.paragraphs:
            if not self.layout.text[start:end].strip():
                continue
            inner, flagged = self.span(start, end)
            parts.append(f"<p>{inner.strip()}</p>")
            if flagged:
                parts.append(_findings_here(flagged))
        return "\n".join(parts)

    def footnotes(self) -> str:
        if not self.layout.notes:
            return ""
        items = []
        for number, start, end in self.layout.notes:
            inner, flagged = self.span(start, end)
            back = (
                f' <a class="back" href="#fnref-{number}" title="{label("back", self.language)}">'
                "↩</a>"
                if number in self.noted_marks
                else ""
            )
            here = _findings_here(flagged) if flagged else ""
            items.append(f'<li id="fn-{number}" value="{number}">{inner.strip()}{back}{here}</li>')
        return (
            f'<section class="footnotes"><h2>{label("footnotes", self.language)}</h2>'
            f"<ol>{''.join(items)}</ol></section>"
        )


def _text(text: str) -> str:
    return html.escape(" ".join(text.split("\n")).replace("\t", " "), quote=False)


def _title_of(node: DocumentNode | None) -> str | None:
    if node is None:
        return None
    return node.title or (node.registered.title if node.registered else None)


def _findings_here(findings: Iterable[Finding]) -> str:
    lines = []
    for finding in findings:
        advice = f" → {_e(finding.suggestion)}" if finding.suggestion else ""
        lines.append(
            f'<div class="here sev-{_e(finding.severity)}"><b>{_e(finding.code)}</b> '
            f"{_e(finding.message)}{advice}</div>"
        )
    return "\n".join(lines)


def _heading(source: Source, node: DocumentNode | None) -> str:
    parts = [p for p in (source.kind, source.symbol) if p]
    if source.date:
        parts.append(in_table(source.date))
    return " ".join(parts) or (source.path or source.id)


def document_page(
    document: ParsedDocument,
    layout: TextLayout,
    source: Source,
    view: View,
    findings: list[Finding],
    language: str = "vi",
    link: Callable[[str], str] | None = None,
    home: str | None = None,
    original: str | None = None,
) -> str:
    """One self-contained page: the document's text, its references marked, and a panel of
    what it cites, the relations it states and the findings of ``check`` on it; ``original``
    is the link to the file it was read from."""
    links = link or (lambda target: f"#cited-{slug(target)}")
    renderer = _Renderer(document, layout, source, findings, links, view.document, language)
    text = renderer.paragraphs() + renderer.footnotes()
    node = view.document(source.id)
    title = _heading(source, node)
    meta_parts = [_file_link(source.path, original)] if source.path else []
    meta_parts += [_e(p) for p in (source.issuer, source.title) if p]
    meta = " · ".join(meta_parts)
    legend = label("legend", language).split(" · ")
    swatches = " · ".join(
        f'<span class="swatch-{name}">{_e(word)}</span>'
        for name, word in zip(("dated", "undated", "finding", "short"), legend, strict=True)
    )
    nav = f'<nav><a href="{_e(home)}">{label("archive", language)}</a></nav>' if home else ""
    body = (
        f'<header>{nav}<h1>{_e(title)}</h1><p class="meta">{meta}</p>'
        f'<p class="legend">{swatches}</p></header>\n'
        f'<main><article id="text">\n{text}\n</article>\n'
        f'<aside id="panel">{_panel(source, view, findings, language, links, link is None)}'
        "</aside></main>"
    )
    return _page(title, body, language)


def _panel(
    source: Source,
    view: View,
    findings: list[Finding],
    language: str,
    link: Callable[[str], str],
    anchors: bool,
) -> str:
    first: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for index, citation in enumerate(source.references):
        first.setdefault(citation.target, index)
        counts[citation.target] += 1
    cited = []
    for target, index in itertools.islice(first.items(), LIST_LIMIT):
        node = view.document(target)
        citation = source.references[index]
        facts = [
            _e(node.kind if node and node.kind else citation.kind or ""),
            _e(in_table(node.date) if node and node.date else label("undated", language)),
            _e(node.issuer if node and node.issuer else citation.issuer or ""),
        ]
        known = _title_of(node)
        title = f'<br><span class="known">{_e(known)}</span>' if known else ""
        anchor = f' id="cited-{slug(target)}"' if anchors else ""
        times = f" ({counts[target]} {label('times', language)})" if counts[target] > 1 else ""
        cited.append(
            f'<li{anchor}><a href="#ref-{index}">{_e(citation.symbol)}</a> '
            f"{', '.join(f for f in facts if f)}{times}"
            + (f' · <a href="{_e(link(target))}">→</a>' if not anchors else "")
            + f"{title}</li>"
        )
    relations = [
        f"<li>{_e(e.source)} {_relation(e.relation, language)} {_e(e.target)}</li>"
        for e in _stated(view, source)
    ]
    listed = []
    placed = _anchors(source)
    for finding in findings[:LIST_LIMIT]:
        place = _e(finding_place(finding, language))
        at = placed.get((finding.line or 0, finding.column))
        where = f'<a href="#ref-{at}">{place}</a>' if at is not None else place
        advice = f" → {_e(finding.suggestion)}" if finding.suggestion else ""
        listed.append(
            f'<li class="sev-{_e(finding.severity)}">{where} <b>{_e(finding.code)}</b> '
            f"{_e(finding.message)}{advice}</li>"
        )
    return (
        f"<h2>{label('cites', language)} ({len(first)})</h2>"
        f"<ul>{_capped(cited, language, len(first))}</ul>"
        + (
            f"<h2>{label('relations', language)}</h2><ul>{_capped(relations, language)}</ul>"
            if relations
            else ""
        )
        + f"<h2>{label('findings', language)} ({len(findings)})</h2>"
        + (
            f"<ul>{_capped(listed, language, len(findings))}</ul>"
            if listed
            else f"<p>{label('no_findings', language)}</p>"
        )
    )


def finding_place(finding: Finding, language: str) -> str:
    """Where a finding stands in its file: the page and line of a PDF or Word original
    ("page 5, line 12"), else the line and column of the text."""
    if finding.where:
        return said_where(finding.where, language)
    if finding.column:
        return f"{finding.line}:{finding.column}"
    return str(finding.line)


def _file_link(path: str, href: str | None) -> str:
    return f'<a class="original" href="{_e(href)}">{_e(path)}</a>' if href else _e(path)


def _anchors(source: Source) -> dict[tuple[int, int | None], int]:
    """Where each reference of a file stands (line, column), and its anchor (``#ref-N``)."""
    found: dict[tuple[int, int | None], int] = {}
    for index, citation in enumerate(source.references):
        found.setdefault((citation.line, citation.column), index)
    return found


def _capped(items: list[str], language: str, total: int | None = None) -> str:
    """The first :data:`LIST_LIMIT` of ``items`` (of ``total``, when they are only the first)
    as list items, and a last item counting the others."""
    total = len(items) if total is None else total
    shown = "".join(items[:LIST_LIMIT])
    left = total - min(len(items), LIST_LIMIT)
    if left > 0:
        more = label("more", language).format(count=f"{left:,}")
        shown += f'<li class="more"><i>… {_e(more)}</i></li>'
    return shown


def _stated(view: View, source: Source) -> list[Edge]:
    """The relations a file states (implements, amends ...), in the order of the graph."""
    return [e for e in view.stated_in(source.path) if e.relation != "cites"]


# --- the archive -------------------------------------------------------------------------------


MANIFEST = ".vanban-site"
"""The list of pages a site folder holds, so that a later run removes only its own pages."""
SEARCHED_CONTEXT = 240
"""Characters of the first sentence a document is cited in that the index's search reads."""
PICTURE_LIMIT = 400
"""Most documents drawn in the site's one picture of the graph."""
PICTURE_EDGE_LIMIT = 2_000
"""Most lines drawn in it: Graphviz took 5 GB to lay out 400 documents and 32,000 lines."""
LIST_LIMIT = 200
"""Most items of one list on a page (what a document cites, where it is cited, the steps of
its chains, its findings): the others are counted ("and 1,200 more"), so that no page grows
with the graph (a lattice of plans made pages of 4.5 MB)."""


@dataclass(frozen=True)
class SiteResult:
    written: int
    unchanged: int
    removed: int
    unreadable: list[str]


@many_records()
def write_site(
    view: View,
    folder: Path,
    findings: list[Finding],
    read: Callable[[str], tuple[ParsedDocument, TextLayout]],
    language: str = "vi",
    originals: Path | None = None,
) -> SiteResult:
    """A static archive of the graph in ``folder``: ``index.html``, a page per document in
    ``documents/``, a findings page per file in ``findings/``. Pages whose content did not
    change are left as they are; pages of an earlier run that are no longer made are removed
    (only those: the folder may hold nothing else but the site). The view's paths are
    relative to ``originals`` (the current folder when None): each document's page links to
    its file from where the page stands.

    One run at a time writes a folder (a second is refused at once, :func:`locked_folder`);
    the pages about to be written are listed before the first is, so that a run killed midway
    leaves a site the next run finishes; nothing is written or removed outside ``folder``,
    through a link or a name in the list of pages."""
    if folder.is_dir():
        _manifest(folder)  # a folder that is not a site is refused before the lock is made in it
    with locked_folder(folder, SITE_LOCK):
        before = _manifest(folder)
        unreadable: list[str] = []
        names = _PageNames.of(view, findings)
        _list_pages(folder, (before or set()) | names.planned())
        pages_folder = os.path.abspath(folder / "documents")
        base = os.path.abspath(originals or ".")

        def original(path: str) -> str:
            return file_href(os.path.join(base, path), pages_folder)

        pages = _pages(view, findings, read, language, unreadable, names, original)
        return _write_pages(folder, pages, before, unreadable)


@dataclass(frozen=True)
class _PageNames:
    """The name of each page of a site, each unique: a document's (by its id) and a file's
    findings (by its path)."""

    documents: dict[str, str]
    findings: dict[str | None, str]

    @classmethod
    def of(cls, view: View, findings: list[Finding]) -> _PageNames:
        paths = {finding.path for finding in findings}  # and each file read, its page empty
        paths |= {s.path for s in view.sources if s.path and not s.copy_of}
        by_name = {path or "stdin": path for path in paths}
        unique = _unique_names(by_name)
        return cls(_unique_names(view.documents), {by_name[k]: v for k, v in unique.items()})

    def planned(self) -> set[str]:
        return {
            "index.html",
            "graph.svg",
            *(f"documents/{name}.html" for name in self.documents.values()),
            *(f"findings/{name}.html" for name in self.findings.values()),
        }


def _unique_names(keys: Iterable[str]) -> dict[str, str]:
    """A page name for each key, made from it (:func:`slug`); keys whose names would be the
    same (``a b.txt``, ``a-b.txt``, ``A_B.txt``) take ``-2``, ``-3`` ... in the order of keys."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(keys):
        name, counter = slug(key), 2
        while name in taken:
            name = f"{slug(key)}-{counter}"
            counter += 1
        taken.add(name)
        names[key] = name
    return names


def _pages(
    view: View,
    findings: list[Finding],
    read: Callable[[str], tuple[ParsedDocument, TextLayout]],
    language: str,
    unreadable: list[str],
    page_names: _PageNames,
    original: Callable[[str], str],
) -> Iterator[tuple[str, str]]:
    """Each page of the site, its name and content, made as it is written (a site of many
    thousand pages is never held whole); documents that cannot be read again go to
    ``unreadable`` and get their card."""
    by_path: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    # a document read in several versions: its page shows the first, the node's file
    sources = {s.id: s for s in view.sources if not s.copy_of and not s.version_of}
    names = page_names.documents
    anchors = _reference_anchors(view)
    for key, node in view.documents.items():
        source = sources.get(key)
        page = None
        if source is not None and source.path:
            try:
                page = _read_document_page(
                    view,
                    source,
                    by_path.get(source.path, []),
                    read,
                    names,
                    language,
                    original,
                )
            except VanbanError as error:
                unreadable.append(Problem(error))
        if page is None:
            page = _card_page(view, node, names, anchors, language, original)
        yield f"documents/{names[key]}.html", page
    sources_by_path = {s.path: s for s in reversed(view.sources)}  # the first of a path
    for path, name in sorted(page_names.findings.items(), key=lambda kv: kv[0] or ""):
        yield (
            f"findings/{name}.html",
            _findings_page(path, by_path.get(path, []), sources_by_path.get(path), names, language),
        )
    picture_file = _picture(view, language)
    if picture_file is not None:
        yield "graph.svg", picture_file
    yield (
        "index.html",
        _index_page(view, by_path, page_names, language, picture_file is not None),
    )


def _read_document_page(
    view: View,
    source: Source,
    findings: list[Finding],
    read: Callable[[str], tuple[ParsedDocument, TextLayout]],
    names: dict[str, str],
    language: str,
    original: Callable[[str], str],
) -> str | None:
    assert source.path is not None
    document, layout = read(source.path)
    if len(document.references) != len(source.references):
        return None  # the file changed since the graph was made: its card instead
    return document_page(
        document,
        layout,
        source,
        view,
        findings,
        language,
        link=lambda target: f"{names[target]}.html" if target in names else "#",
        home="../index.html",
        original=original(source.path),
    )


def _card_page(
    view: View,
    node: DocumentNode,
    names: dict[str, str],
    anchors: dict[tuple[str, int, int | None], int],
    language: str,
    original: Callable[[str], str],
) -> str:
    shown = show(view, node.id)
    facts = [
        ("kind", node.kind),
        ("symbol", node.symbol),
        ("date", in_table(node.date) or label("undated", language)),
        ("issuer", node.issuer),
        ("title", _title_of(node)),
    ]
    card = "".join(
        f"<dt>{label(key, language)}</dt><dd>{_e(value)}</dd>" for key, value in facts if value
    )
    registered = shown.registered
    if registered is not None:
        row = ", ".join(p for p in (in_table(registered.date), registered.issuer) if p)
        card += f"<dt>{label('register', language)}</dt><dd>{_e(registered.place)}: {_e(row)}</dd>"
    if node.path:
        link = _file_link(node.path, original(node.path))
        card += f"<dt>{label('file', language)}</dt><dd>{link}</dd>"
    if node.notes:
        card += f"<dt>{label('notes', language)}</dt>" + "".join(
            f"<dd>{_e(n)}</dd>" for n in node.notes
        )
    places = []
    for place in shown.cited_at[:LIST_LIMIT]:
        index = anchors.get((place.source, place.line, place.column))
        target = f"{names[place.source]}.html" + (f"#ref-{index}" if index is not None else "")
        where = (
            f"{place.path} ({said_where(place.where, language)})"
            if place.path and place.where
            else f"{place.path}:{place.line}"
            if place.path
            else place.source
        )
        places.append(
            f'<li><a href="{_e(target)}">{_e(where)}</a><br>'
            f'<span class="known">{_e(place.context or place.text)}</span></li>'
        )
    body = (
        f'<header><nav><a href="../index.html">{label("archive", language)}</a></nav>'
        f"<h1>{_e(' '.join(p for p in (node.kind, node.symbol or node.id) if p))}</h1>"
        + ("" if node.in_corpus else f'<p class="meta">{label("only_cited", language)}</p>')
        + f'</header>\n<main><article><dl class="card">{card}</dl>'
        f"<h2>{label('cited_at', language)} ({len(shown.cited_at)})</h2>"
        f"<ul>{_capped(places, language, len(shown.cited_at))}</ul>"
        "</article><aside>"
        + _chains(label("implements", language), shown.implements, names, language)
        + _chains(label("implemented_by", language), shown.implemented_by, names, language)
        + "</aside></main>"
    )
    return _page(node.symbol or node.id, body, language)


def file_href(path: str, page_folder: str) -> str:
    """The link from a page in ``page_folder`` to the file ``path`` (both absolute): relative,
    so that it opens wherever the archive and its site are found together (a shared drive
    mapped to any letter); a file URL when no relative path leads there (another drive)."""
    try:
        relative = Path(os.path.relpath(path, page_folder)).as_posix()
    except ValueError:
        return Path(path).as_uri()
    return urllib.parse.quote(relative)


def _reference_anchors(view: View) -> dict[tuple[str, int, int | None], int]:
    anchors: dict[tuple[str, int, int | None], int] = {}
    for source in view.sources:
        for (line, column), index in _anchors(source).items():
            anchors.setdefault((source.id, line, column), index)
    return anchors


def _chains(title: str, chains: list[Chain], names: dict[str, str], language: str) -> str:
    """The chains as nested lists, their first :data:`LIST_LIMIT` steps depth first; the steps
    past them counted where they were left out."""
    if not chains:
        return ""
    room = [LIST_LIMIT]

    def items(level: list[Chain]) -> str:
        parts = []
        for position, chain in enumerate(level):
            if room[0] <= 0:
                left = sum(_steps(other) for other in level[position:])
                more = label("more", language).format(count=f"{left:,}")
                parts.append(f'<li class="more"><i>… {_e(more)}</i></li>')
                break
            room[0] -= 1
            note = ""
            if chain.shown_above:
                note = f" <i>({label('shown_above', language)})</i>"
            elif chain.cut:
                note = f" <i>({label('cut', language)})</i>"
            inner = f"<ul>{items(chain.children)}</ul>" if chain.children else ""
            href = f"{names[chain.id]}.html" if chain.id in names else "#"
            parts.append(
                f'<li><a class="chain" href="{_e(href)}">{_e(chain.id)}</a>{note}{inner}</li>'
            )
        return "".join(parts)

    return f"<h2>{_e(title)}</h2><ul>{items(chains)}</ul>"


def _steps(chain: Chain) -> int:
    """How many steps a chain shows: itself and those below it."""
    count, stack = 0, [chain]
    while stack:
        step = stack.pop()
        count += 1
        stack.extend(step.children)
    return count


def _findings_page(
    path: str | None,
    findings: list[Finding],
    source: Source | None,
    names: dict[str, str],
    language: str,
) -> str:
    page = f"../documents/{names[source.id]}.html" if source and source.id in names else None
    anchors = _anchors(source) if source else {}
    rows = []
    for finding in findings:
        place = _e(finding_place(finding, language))
        index = anchors.get((finding.line or 0, finding.column))
        if page:
            place = (
                f'<a href="{_e(page)}'
                + (f"#ref-{index}" if index is not None else "")
                + f'">{place}</a>'
            )
        advice = f" → {_e(finding.suggestion)}" if finding.suggestion else ""
        rows.append(
            f'<li class="sev-{_e(finding.severity)}">{place} <b>{_e(finding.code)}</b> '
            f"{_e(finding.message)}{advice}</li>"
        )
    title = f"{label('findings_of', language)} {path or 'stdin'}"
    body = (
        f'<header><nav><a href="../index.html">{label("archive", language)}</a></nav>'
        f"<h1>{_e(title)}</h1></header><main><article><ul>{''.join(rows)}</ul></article></main>"
    )
    return _page(title, body, language)


def _picture(view: View, language: str) -> str | None:
    """The site's picture of the graph (SVG), or None: without Graphviz, or past what one
    picture draws (:data:`PICTURE_LIMIT` documents, :data:`PICTURE_EDGE_LIMIT` relations; said
    in a warning, and on the index page)."""
    if not view.documents:
        return None
    nodes, edges = subgraph(view, None, 1)
    if _too_big(len(nodes), len(edges)):
        warnings.warn(
            Notice(
                "the graph's picture is not drawn: {documents} documents and {edges} relations "
                "are more than one picture shows ({most_documents} and {most_edges}); each "
                "document's page lists its relations",
                documents=f"{len(nodes):,}",
                edges=f"{len(edges):,}",
                most_documents=f"{PICTURE_LIMIT:,}",
                most_edges=f"{PICTURE_EDGE_LIMIT:,}",
            ),
            stacklevel=2,
        )
        return None
    if shutil.which("dot") is None:
        return None
    try:
        return picture(to_dot(view, nodes, edges, language), ".svg").decode("utf-8")
    except VanbanError:
        return None


def _too_big(documents: int, edges: int) -> str | None:
    """Why a graph of so many documents and relations has no picture: the label saying so."""
    if documents > PICTURE_LIMIT:
        return "too_big"
    return "too_dense" if edges > PICTURE_EDGE_LIMIT else None


def _index_page(
    view: View,
    findings: dict[str | None, list[Finding]],
    page_names: _PageNames,
    language: str,
    has_picture: bool,
) -> str:
    names = page_names.documents
    counts = {s.id: len(findings.get(s.path, [])) for s in view.sources if s.path is not None}
    finding_pages = {
        s.id: f"findings/{page_names.findings[s.path]}.html"
        for s in view.sources
        if s.path in page_names.findings
    }
    rows = []
    kinds: set[str] = set()
    issuers: set[str] = set()
    years: set[str] = set()
    for key in sorted(view.documents, key=lambda k: symbol_order(view.documents[k].symbol, k)):
        node = view.documents[key]
        title = _title_of(node) or ""
        year = str(node.year_of or "")
        issuer = node.body or node.level or ""  # one entry per body, whatever its spellings
        kinds.add(node.kind or "")
        issuers.add(issuer)
        years.add(year)
        count = counts.get(key, 0)
        places = view.occurrences.get(key, [])
        said = places[0].context[:SEARCHED_CONTEXT] if places else ""
        search = fold_words(" ".join(p for p in (node.kind, node.symbol, key, title, said) if p))
        cells = [
            (node.kind or "", _e(node.kind or "")),
            (
                node.symbol or key,
                f'<a href="documents/{names[key]}.html">{_e(node.symbol or key)}</a>'
                + (f" <small>({label('read', language)})</small>" if node.in_corpus else ""),
            ),
            (node.date or "", _e(in_table(node.date)) or f"<i>{label('undated', language)}</i>"),
            (issuer, _e(node.body or node.issuer or "")),
            (title, _e(title) + '<div class="said" hidden></div>'),
            (f"{len(node.cited_by):06d}", str(len(node.cited_by))),
            (
                f"{count:06d}",
                f'<a href="{_e(finding_pages[key])}">{count}</a>' if count else "0",
            ),
        ]
        tds = "".join(f'<td data-sort="{_e(sort)}">{shown}</td>' for sort, shown in cells)
        rows.append(
            f'<tr data-id="{_e(key)}" data-kind="{_e(node.kind or "")}" data-issuer="{_e(issuer)}" '
            f'data-year="{_e(year)}" data-undated="{0 if node.date else 1}" '
            f'data-findings="{count}" data-search="{_e(search)}" data-said="{_e(said)}">'
            f"{tds}</tr>"
        )

    def options(element: str, values: set[str]) -> str:
        listed = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in sorted(values) if v)
        everything = f'<option value="">{label("all", language)}</option>'
        return f'<select id="{element}">{everything}{listed}</select>'

    heads = ("kind", "symbol", "date", "issuer", "title", "cited_by", "findings_column")
    header_cells = "".join(f"<th>{label(h, language)}</th>" for h in heads)
    if has_picture:
        picture_html = f'<p><a href="graph.svg">{label("picture", language)}</a></p>'
    else:
        edges = len(subgraph(view, None, 1)[1])
        why_not = _too_big(len(view.documents), edges) or "no_picture"
        picture_html = f'<p class="meta">{label(why_not, language)}</p>'

    filters = (
        '<div class="filters">'
        f'<input type="search" id="q" placeholder="{_e(label("search", language))}" '
        f'aria-label="{_e(label("search", language))}">'
        f"<label>{label('kind', language)} {options('kind', kinds)}</label>"
        f"<label>{label('issuer', language)} {options('issuer', issuers)}</label>"
        f"<label>{label('year', language)} {options('year', years)}</label>"
        f'<label><input type="checkbox" id="undated"> {label("undated_only", language)}</label>'
        f'<label><input type="checkbox" id="findings"> {label("with_findings", language)}</label>'
        f'<span><b id="count">{len(rows)}</b> {label("shown", language)}</span></div>'
    )
    body = (
        f'<header><h1>{label("archive", language)}</h1></header>\n<main style="display:block">'
        f"{filters}{picture_html}"
        f'<table id="documents"><thead><tr>{header_cells}</tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></main>"
    )
    return _page(label("archive", language), body, language, INDEX_SCRIPT)


SITE_LOCK = ".vanban-site.lock"
"""The file a run holds locked while it writes the site's folder."""
_PAGE_NAME = regex.compile(r"index\.html|graph\.svg|(?:documents|findings)/[a-z0-9-]+\.html")
"""The names of the pages a site holds, as its list of pages gives them: ``documents/1-kh.html``.
Another line of the list (an absolute path, ``../x``) names no page of the site and is left
alone."""
_PAGE_FOLDERS = ("documents", "findings")


def _manifest(folder: Path) -> set[str] | None:
    """The pages an earlier run wrote; None when ``folder`` is new or empty. A folder that
    holds other things and no manifest is refused: the site would be mixed into it; so is one
    whose folder of pages is a file, or a link (pages would be written elsewhere)."""
    for name in _PAGE_FOLDERS:
        pages = folder / name
        if pages.is_symlink():
            raise InputError(
                "{path}: is a link; vanban writes no page through a link (remove it, or give "
                "another folder)",
                path=pages,
            )
        if pages.exists() and not pages.is_dir():
            raise InputError(
                "{path}: is a file, where the site keeps its pages; remove it, or give another "
                "folder",
                path=pages,
            )
    path = folder / MANIFEST
    if path.is_file():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(
                "{path}: cannot be read as the list of the site's pages ({reason})",
                path=path,
                reason=error,
            ) from None
        return {line for line in lines if _PAGE_NAME.fullmatch(line)}
    if any(entry.name != SITE_LOCK for entry in folder.iterdir()):
        raise InputError(
            "{folder}: not empty and not a vanban site; give a new or empty folder", folder=folder
        )
    return None


def _inside(folder: Path, path: Path) -> bool:
    """Whether ``path`` is in ``folder`` once every link on the way is followed."""
    real, home = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, home]) == home


def _write_pages(
    folder: Path, pages: Iterable[tuple[str, str]], before: set[str] | None, unreadable: list[str]
) -> SiteResult:
    """Write each page as it is made, leaving alone those whose content did not change; then
    remove the pages of the earlier run that were not made again, and list the pages made.
    When making a page fails, the list says what is in the folder, so that it stays a site."""
    written = unchanged = 0
    folders: set[Path] = set()
    made: set[str] = set()
    try:
        for name, content in pages:
            made.add(name)
            path = folder / name
            data = content.encode("utf-8")
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                if not _inside(folder, path.parent):
                    raise InputError(
                        "{path}: leads out of the site's folder; vanban writes no page there",
                        path=path.parent,
                    )
                folders.add(path.parent)
            if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
                unchanged += 1
                continue
            write_atomic(path, data, many=True)
            written += 1
    except BaseException:
        if made:
            _list_pages(folder, made | (before or set()))
        raise
    removed = 0
    for name in sorted((before or set()) - made):
        path = folder / name
        if (path.is_file() or path.is_symlink()) and _inside(folder, path.parent):
            os.remove(path)
            removed += 1
    for used in folders:
        remove_leftovers(used)
    _list_pages(folder, made)
    return SiteResult(written, unchanged, removed, unreadable)


def _list_pages(folder: Path, names: set[str]) -> None:
    """The list of the pages in ``folder`` (:data:`MANIFEST`), which the next run reads."""
    write_atomic(folder / MANIFEST, "".join(f"{name}\n" for name in sorted(names)))
