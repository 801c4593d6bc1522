"""Output for people: tables, a document's card, statistics. No logic beyond layout.

Document text is always passed as :class:`rich.text.Text`, never as markup, so brackets in
it ("[1]") are printed as written.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from vanban.core.dates import in_table
from vanban.core.i18n import marked as _marked
from vanban.core.i18n import said_where, translator
from vanban.core.records import DocumentNode
from vanban.core.relations import relation_named
from vanban.core.vocabulary import FAMILIES
from vanban.output.escape import csv_cell, one_line, printable
from vanban.query.views import STATS_PLACEHOLDERS, Chain, DocumentRow, Shown, Stats
from vanban.storage.database import Found

if TYPE_CHECKING:  # the checks import the parser's patterns; the queries' tables do not need them
    from vanban.checks.findings import Finding, Summary

ROW_FIELDS = (
    "id",
    "symbol",
    "kind",
    "date",
    "issuer",
    "body",
    "citations",
    "citing_documents",
    "in_corpus",
    "title",
    "title_from",
)


def emit(console: Console, *renderables: RenderableType) -> None:
    """Print without the padding rich leaves at the end of lines."""
    with console.capture() as capture:
        for renderable in renderables:
            console.print(renderable)
    text = "\n".join(line.rstrip() for line in capture.get().split("\n"))
    console.file.write(printable(text))


def rows_csv(rows: list[DocumentRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROW_FIELDS)
    writer.writerows(
        tuple(
            csv_cell(cell)
            for cell in (
                row.id,
                row.symbol,
                row.kind,
                row.date,
                row.issuer,
                row.body,
                row.citations,
                row.citing_documents,
                "true" if row.in_corpus else "false",
                row.title,
                row.title_from,
            )
        )
        for row in rows
    )
    return buffer.getvalue()


ROW_COLUMNS = (
    ("Symbol", "left"),
    ("Kind", "left"),
    ("Date", "left"),
    ("Issuer", "left"),
    ("Cited", "right"),
    ("By", "right"),
    ("Read", "left"),
)


WRAPPED_COLUMNS = (1, 3, 7)
"""The columns of the list table that wrap, word by word, when the table is wider than the
terminal: kind, issuer (its canonical body) and title. A symbol, a date and the counts are
never cut."""

LEAST_WIDTHS = {1: 8, 3: 10, 7: 12}
"""The narrowest each wrapped column gets ("Kế hoạch" on one line); on a terminal too narrow
for them all, the table is wider than the terminal rather than lose a column."""

TITLE_FIRST = 30
"""Titles wrap first, down to this width, before kinds and issuers wrap too."""


def _fitted(natural: list[int], room: int) -> list[int]:
    """Column widths that fit ``room``: titles give up room first, down to
    :data:`TITLE_FIRST`; then the widest wrapped column gives up a character at a time, none
    below its least width."""
    widths = list(natural)
    for least in ({7: TITLE_FIRST}, LEAST_WIDTHS):
        shrinkable = [i for i in least if i < len(widths)]
        excess = sum(widths) - room
        while excess > 0:
            wider = [i for i in shrinkable if widths[i] > least[i]]
            if not wider:
                break
            widest = max(wider, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return widths


def _wrapped(value: str, width: int) -> list[str]:
    """``value`` in lines of at most ``width`` characters, broken between words (inside a word
    longer than a line)."""
    if len(value) <= width:
        return [value]
    return textwrap.wrap(value, width, break_on_hyphens=False) or [""]


def rows_text(
    rows: list[DocumentRow], boxed: bool = True, width: int = 160, language: str = "en"
) -> str:
    """The document table as plain text, in the layout rich gives small tables; without box
    drawing (columns two spaces apart, a rule of dashes) when ``boxed`` is false. A table wider
    than ``width`` characters wraps its kinds, issuers and titles, titles first.

    Written directly: rich lays out tens of thousands of rows slowly, and an archive's list
    is that long.
    """
    return _rows_text(rows, boxed, width, language)[0]


def _rows_text(rows: list[DocumentRow], boxed: bool, width: int, language: str) -> tuple[str, bool]:
    """:func:`rows_text`, and whether it has a column of titles."""
    _ = translator(language)
    columns: tuple[tuple[str, str], ...] = tuple((_(t), j) for t, j in ROW_COLUMNS)
    cells = [
        [
            one_line(row.id),
            one_line(row.kind or "-"),
            (in_table(row.date) if language == "vi" else row.date) or "-",  # 05/06/2023
            one_line(row.body or row.issuer or "-"),  # the issuer as written: JSON and CSV
            str(row.citations),
            str(row.citing_documents),
            _("yes") if row.in_corpus else "",
        ]
        for row in rows
    ]
    titled = any(row.title for row in rows)
    if titled:
        columns += ((_("Title"), "left"),)
        for values, row in zip(cells, rows, strict=True):
            values.append(one_line(row.title) if row.title else "-")
    natural = [
        max([len(title)] + [len(line[i]) for line in cells]) for i, (title, _) in enumerate(columns)
    ]
    header, rule, cell = (" ┃ ", "━╇━", " │ ") if boxed else ("  ", "  ", "  ")
    widths = _fitted(natural, width - len(cell) * (len(columns) - 1))

    def lines(values: list[str], separator: str) -> list[str]:
        parts = [_wrapped(value, size) for value, size in zip(values, widths, strict=True)]
        said = []
        for index in range(max(len(part) for part in parts)):
            padded = [
                (part[index] if index < len(part) else "").rjust(size)
                if justify == "right"
                else (part[index] if index < len(part) else "").ljust(size)
                for part, size, (_, justify) in zip(parts, widths, columns, strict=True)
            ]
            said.append(separator.join(padded).rstrip())
        return said

    dash = "━" if boxed else "-"
    output = lines([title for title, _ in columns], header)
    output.append(rule.join(dash * size for size in widths))
    for values in cells:
        output.extend(lines(values, cell))
    return "\n".join(output) + "\n", titled


def print_rows(console: Console, rows: list[DocumentRow], language: str = "en") -> None:
    """The table, with box drawing on a terminal and plain columns when piped."""
    _ = translator(language)
    table, titled = (
        _rows_text(rows, console.is_terminal, console.width, language) if rows else ("", False)
    )
    console.file.write(printable(table) + _("{count} document(s)").format(count=len(rows)) + "\n")
    sources = Counter(
        _("the documents read")
        if row.title_from == "document"
        else row.title_from.rsplit(":", 1)[0]
        for row in rows
        if row.title_from
    )
    if sources and titled:
        listed = ", ".join(f"{one_line(name)} ({count})" for name, count in sorted(sources.items()))
        console.file.write(printable(_("titles from: {sources}").format(sources=listed) + "\n"))


def _chain_tree(
    label: str,
    chains: list[Chain],
    document: Callable[[str], DocumentNode | None],
    _: Callable[[str], str],
) -> Tree:
    tree = Tree(Text(label))

    def add(branch: Tree, items: list[Chain]) -> None:
        for item in items:
            node = document(item.id)
            text = Text(one_line(item.id))
            details = one_line(" ".join(p for p in (node.kind, node.date) if p)) if node else ""
            if details:
                text.append(f"  {details}", style="dim")
            if item.shown_above:
                text.append("  " + _("(shown above)"), style="dim")
            if item.cut:
                text.append("  " + _("(goes on: longer than vanban follows)"), style="dim")
            add(branch.add(text), item.children)

    add(tree, chains)
    return tree


CARD_FIELDS = ("kind", "symbol", "date", "issuer", "level", "term", "family", "path", "title")
"""The facts ``show`` prints of a document, in order; their labels are in the catalogue."""
CARD_LABELS = {
    "kind": "kind:",
    "symbol": "symbol:",
    "date": "date:",
    "issuer": "issuer:",
    "level": "level:",
    "term": "term:",
    "family": "family:",
    "path": "path:",
    "title": "title:",
    "register": "register:",
    "read": "read:",
    "also": "also:",
    "note": "note:",
    "version": "version:",
}


def print_document(
    console: Console,
    shown: Shown,
    document: Callable[[str], DocumentNode | None],
    language: str = "en",
) -> None:
    _ = translator(language)
    facts: list[tuple[str, str, str]] = []

    def line(key: str, value: str, style: str = "") -> None:
        facts.append((_(CARD_LABELS[key]), one_line(value), style))

    node, registered = shown.document, shown.registered
    for field in CARD_FIELDS:
        value = getattr(node, field)
        if field == "family" and value in FAMILIES:
            value = _(FAMILIES[value])  # khối: Đảng
        elif field == "date" and value and language == "vi":
            value = in_table(value)  # 14/12/2022
        if value not in (None, ""):
            line(field, str(value))
    if registered is not None:
        if registered.title and not node.title:
            line("title", registered.title)
        signed = _("signed by {signer}").format(signer=registered.signer)
        recorded = ", ".join(
            p
            for p in (
                registered.date or _("undated"),
                registered.issuer,
                signed if registered.signer else None,
            )
            if p
        )
        line("register", f"{registered.place}: {recorded}")
        dated = _("the register dates it {date}").format(date=registered.date)
        if node.date and registered.date and node.date != registered.date:
            line("note", dated, "yellow")
        elif registered.date and not node.date:
            line("note", _("cited undated; ") + dated)
    line("read", _("yes") if node.in_corpus else _("no (only cited)"))
    if node.aliases:
        line("also", ", ".join(node.aliases))
    for note in node.notes:
        line("note", note, "yellow")
    for version in shown.versions:
        read = _("{path} ({date}), {references} reference(s)").format(
            path=version.path, date=version.date or _("undated"), references=len(version.references)
        )
        line("version", read)
    if shown.same_symbol:
        others = _("other documents with this symbol: {ids}").format(
            ids=", ".join(shown.same_symbol)
        )
        line("note", others, "yellow")
    width = max(8, *(len(label) for label, _value, _style in facts))
    parts: list[RenderableType] = [Text(one_line(shown.id), style="bold")]
    parts += [Text(f"  {label:<{width}} {value}", style=style) for label, value, style in facts]
    parts += _places(shown, _, language)
    if shown.cites:
        cites = _("Cites: {ids}").format(ids=", ".join(map(one_line, shown.cites)))
        parts.append(Text("\n" + cites, style="bold"))
    if shown.implements:
        parts.append(_chain_tree(_("Implements:"), shown.implements, document, _))
    if shown.implemented_by:
        parts.append(_chain_tree(_("Implemented by:"), shown.implemented_by, document, _))
    emit(console, *parts)


def _places(shown: Shown, _: Callable[[str], str], language: str) -> list[RenderableType]:
    """Where a document is cited, and the relations others state of it."""
    cited = _("Cited {count} time(s):").format(count=len(shown.cited_at))
    parts: list[RenderableType] = [Text("\n" + cited, style="bold")]
    for place in shown.cited_at:
        where = f"{one_line(str(place.path))}:{place.line}" + (
            f":{place.column}" if place.column else ""
        )
        if place.where:
            where += f" ({one_line(said_where(place.where, language))})"
        elif place.footnote is not None:
            where += " (" + _("footnote {number}").format(number=place.footnote) + ")"
        parts.append(Text(f"  {where}"))
        parts.append(Text(f"    {one_line(place.context or place.text)}", style="dim"))
    if shown.relations or shown.related_by:
        parts.append(Text("\n" + _("Relations:"), style="bold"))
        for relation, target in shown.relations:
            label = one_line(_(relation_named(relation).label))
            parts.append(Text(f"  {label} {one_line(target)}"))
        for relation, source in shown.related_by:
            parts.append(
                Text(
                    "  "
                    + _("{source} {relation} it").format(
                        source=one_line(source),
                        relation=one_line(_(relation_named(relation).label)),
                    )
                )
            )
    return parts


def print_hits(console: Console, found: Found, language: str = "en") -> None:
    """Search results: where, then the sentence, title or passage found; and how many of how
    many were shown."""
    _ = translator(language)
    parts: list[RenderableType] = []
    for hit in found.hits:
        where = f"{hit.path}:{hit.line}" if hit.line else (hit.path or hit.document)
        label = _("title") if hit.what == "title" else hit.document
        parts.append(Text(f"{one_line(where)}  ({one_line(label)})", style="bold"))
        parts.append(Text(f"    {one_line(hit.text)}", style="dim"))
    if len(found.hits) < found.total:
        parts.append(
            Text(
                _("{shown} of {total} result(s); --limit shows more").format(
                    shown=len(found.hits), total=found.total
                )
            )
        )
    else:
        parts.append(Text(_("{count} result(s)").format(count=len(found.hits))))
    emit(console, *parts)


def print_stats(console: Console, numbers: Stats, language: str = "en") -> None:
    _ = translator(language)
    parts: list[RenderableType] = []
    parts.append(
        Text(
            _(
                "{sources} file(s) read, {documents} document(s), {cited} cited, "
                "{references} reference(s)"
            ).format(
                sources=numbers.sources,
                documents=numbers.documents,
                cited=numbers.cited_documents,
                references=numbers.references,
            )
        )
    )
    share = f"{numbers.undated_share * 100:.1f}"
    if language == "vi":
        share = share.replace(".", ",")  # 25,5%: the decimal comma
    parts.append(
        Text(
            _("Undated references: {count} ({share}%)").format(
                count=numbers.undated_references, share=share
            )
        )
    )
    for title, heading, counts in (
        (_("By kind"), _("Kind"), numbers.by_kind),
        (_("By issuer code"), _("Code"), numbers.by_issuer),
        (_("By issuing body"), _("Body"), numbers.by_body),
        (_("By year"), _("Year"), numbers.by_year),
    ):
        table = Table(title=title, title_justify="left", show_edge=False, header_style="bold")
        table.add_column(heading)
        table.add_column(_("Documents"), justify="right")
        for name, count in counts.items():
            shown = _(name) if name in STATS_PLACEHOLDERS else name
            table.add_row(Text(one_line(shown)), str(count))
        parts.append(table)
    table = Table(title=_("Most cited"), title_justify="left", show_edge=False, header_style="bold")
    table.add_column(_("Document"))
    table.add_column(_("Citations"), justify="right")
    for item in numbers.most_cited:
        table.add_row(Text(one_line(item.id)), str(item.citations))
    parts.append(table)
    emit(console, *parts)


def findings_text(findings: list[Finding], counts: Summary, language: str = "en") -> str:
    """Findings the way linters print them, grouped per file, then a summary line."""
    _ = translator(language)
    lines: list[str] = []
    current: object = object()
    for finding in findings:
        if finding.path != current:
            if lines:
                lines.append("")
            current = finding.path
        where = f"{one_line(finding.path or '<graph>')}:{finding.line or 0}"
        if finding.column:
            where += f":{finding.column}"
        if finding.where:
            where += f" ({one_line(said_where(finding.where, language))})"
        severity = _(SEVERITY_WORDS.get(finding.severity, finding.severity))
        mark = ""
        if finding.fix:
            mark = " [*]" if finding.safe_fix else " [" + _("unsafe fix") + "]"
        lines.append(f"{where}: {finding.code} {severity}{mark}: {one_line(finding.message)}")
        if finding.text:
            note = ""
            if finding.footnote is not None:
                note = "[" + _("footnote {number}").format(number=finding.footnote) + "] "
            lines.append(f"    {note}{one_line(finding.text)}")
        if finding.suggestion:
            lines.append(f"    -> {one_line(finding.suggestion)}")
    if lines:
        lines.append("")
    lines.append(summary_line(counts, language) + fixable_line(findings, language))
    return "\n".join(lines) + "\n"


def fixable_line(findings: list[Finding], language: str = "en") -> str:
    """What ``--fix`` would do, after the summary: nothing when no finding has a fix."""
    _ = translator(language)
    safe = sum(1 for f in findings if f.fix and f.safe_fix)
    unsafe = sum(1 for f in findings if f.fix and not f.safe_fix)
    said = []
    if safe:
        said.append(_("{count} fixable with --fix").format(count=safe))
    if unsafe:
        said.append(_("{count} more with --unsafe-fixes").format(count=unsafe))
    return "; " + ", ".join(said) if said else ""


SEVERITY_WORDS = {
    "error": _marked("error"),
    "warning": _marked("warning"),
    "info": _marked("info"),
}
"""Each severity as a finding's line says it to people (JSON and SARIF keep the codes)."""


SUMMARY = (
    "{errors} error(s), {warnings} warning(s), {info} info in {files_with_findings} of "
    "{files} file(s)"
)
"""The last line of ``check``, in English (the catalogue has it in Vietnamese)."""


def summary_line(counts: Summary, language: str = "en") -> str:
    """The last line of a check: how many findings of each severity, in how many files."""
    return translator(language)(SUMMARY).format(**counts.to_dict())


def rule_statistics(findings: list[Finding], counts: Summary, language: str = "en") -> str:
    """How many findings each rule has, most first, as ruff's --statistics prints them."""
    per_rule = Counter((f.code, f.rule, f.severity) for f in findings)
    lines = [
        f"{count:>5}  {code}  {rule} ({severity})"
        for (code, rule, severity), count in sorted(
            per_rule.items(), key=lambda item: (-item[1], item[0][0])
        )
    ]
    return "".join(line + "\n" for line in [*lines, summary_line(counts, language)])


def _escape_annotation(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value (file=, title=): also ':' and ',' escaped."""
    return _escape_annotation(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: one ::error/::warning/::notice line per finding."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for finding in findings:
        properties = f"file={_escape_property(finding.path or '')},line={finding.line or 1}"
        if finding.column:
            properties += f",col={finding.column}"
        if finding.end_line:
            properties += f",endLine={finding.end_line}"
        if finding.end_column and finding.end_line == finding.line:
            properties += f",endColumn={finding.end_column}"
        title = f"{finding.code} {finding.rule}"
        message = finding.message + (f" ({finding.suggestion})" if finding.suggestion else "")
        lines.append(
            f"::{level[finding.severity]} {properties},title={_escape_property(title)}"
            f"::{_escape_annotation(message)}"
        )
    return "".join(line + "\n" for line in lines)


SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
"""SARIF's level for each severity of a finding."""


def sarif_log(findings: list[Finding], version: str) -> dict[str, object]:
    """The findings as a SARIF 2.1.0 log, for editors and code scanning: one run of vanban,
    its rules described, each finding a result at the reference's region, with its fix."""
    from vanban.checks.registry import RULES

    results: list[dict[str, object]] = []
    for finding in findings:
        location: dict[str, object] = {"uri": (finding.path or "<graph>").replace("\\", "/")}
        physical: dict[str, object] = {"artifactLocation": location}
        if finding.line:
            region: dict[str, object] = {"startLine": finding.line}
            if finding.column:
                region["startColumn"] = finding.column
            if finding.end_line and finding.end_column:
                region["endLine"] = finding.end_line
                region["endColumn"] = finding.end_column
            if finding.text:
                region["snippet"] = {"text": finding.text}
            physical["region"] = region
        result: dict[str, object] = {
            "ruleId": finding.code,
            "level": SARIF_LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": physical}],
        }
        properties: dict[str, object] = {}
        if finding.suggestion:
            properties["suggestion"] = finding.suggestion
        if finding.fix:
            properties["fix"] = finding.fix
            properties["safeFix"] = finding.safe_fix
        if properties:
            result["properties"] = properties
        results.append(result)
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": f"{rule.doc.checks} {rule.doc.why}"},
            "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        }
        for rule in RULES
    ]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vanban",
                        "version": version,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
