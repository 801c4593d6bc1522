"""Checks on references, like a linter: each rule has a stable code and a short name.

Rules read a typed graph view (:class:`~vanban.query.view.View`), so a graph file and
documents parsed on the fly are checked alike. Every finding says where it is and what to do,
in English or Vietnamese. The rules are documented with examples in docs/checks.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from vanban.core.dates import as_cited
from vanban.core.i18n import translator
from vanban.core.identity import days_between, kind_class, levels_agree, may_be_one, same_numbering
from vanban.core.records import Citation, DocumentNode, Registered, Source, many_records
from vanban.core.vocabulary import PARTY_KIND_CODES, STATE_KIND_CODES
from vanban.parser.patterns import SUBJECT_LINE
from vanban.query.view import View
from vanban.register.book import date_contradicts


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str


RULES: tuple[Rule, ...] = (
    Rule("VB101", "undated-reference", "warning", "a reference has no date after it"),
    Rule("VB102", "broken-reference", "error", "a symbol is incomplete or missing"),
    Rule("VB103", "impossible-date", "error", "a date that no calendar has"),
    Rule("VB104", "kind-code-mismatch", "warning", "the kind word contradicts the kind code"),
    Rule(
        "VB105", "cited-after-citing", "warning", "a cited document is dated after the citing one"
    ),
    Rule(
        "VB106", "symbol-year-mismatch", "error", "a normative symbol's year differs from its date"
    ),
    Rule("VB107", "conflicting-citations", "warning", "one document cited with two dates or kinds"),
    Rule("VB108", "footnote-mismatch", "error", "footnote markers and bodies do not match"),
    Rule(
        "VB109",
        "corpus-mismatch",
        "warning",
        "a reference names another committee than the document read",
    ),
    Rule("VB110", "unresolved-reference", "error", "a reference to the archive finds no document"),
    Rule("VB111", "ambiguous-identity", "info", "a TU/HU symbol without Tỉnh ủy or Thị ủy"),
    Rule(
        "VB112",
        "known-date-mismatch",
        "error",
        "a date contradicts the register or the document read",
    ),
    Rule("VB113", "unregistered-symbol", "warning", "not in the register, and a near number is"),
    Rule("VB114", "register-kind-mismatch", "warning", "the kind word contradicts the register"),
)
RULE_BY_KEY: dict[str, Rule] = {r.code: r for r in RULES} | {r.name: r for r in RULES}
DEFAULT_OFF = frozenset({"VB110"})
"""Rules that run only when asked for (``--require-resolved`` or ``--select``)."""


@dataclass(frozen=True)
class RuleDoc:
    """What a rule checks and why, with an example that fires and its fix. The texts are
    English; their Vietnamese is in the catalogue (see :mod:`vanban.core.i18n`)."""

    checks: str
    why: str
    fires: str
    fixed: str


RULE_DOCS: dict[str, RuleDoc] = {
    "VB101": RuleDoc(
        "A document cited without its date at its first mention in a file. It fires once "
        "per document per file, at that first mention, and not at all when the file dated "
        "it earlier; a công văn's V/v subject line, which names what it is about in brief, "
        "does not count as a mention. The suggestion gives the date when the file, the "
        "archive or the register has it.",
        "Numbers restart every year (State) or every term (Party): without its date a "
        "reference can name two documents, and a reader cannot find the right one.",
        "Tiếp tục thực hiện Kế hoạch số 155-KH/TU của Ban Thường vụ Thị ủy.",
        "Tiếp tục thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.",
    ),
    "VB102": RuleDoc(
        "A kind word and 'số' followed by an incomplete symbol, or by none: no issuer code "
        "('157-KH'), nothing after the slash ('155-KH/'), no number. A kind and a bare "
        "number ('Chỉ thị số 35') is a short reference, not a broken one.",
        "A symbol without its issuer code does not identify a document; it is usually a "
        "typing slip that the signed copy would keep.",
        "Thực hiện Kế hoạch số 157-KH, ngày 12/7/2023 của Thị ủy.",
        "Thực hiện Kế hoạch số 157-KH/TU, ngày 12/7/2023 của Thị ủy.",
    ),
    "VB103": RuleDoc(
        "A date after a reference that no calendar has: 31/02/2023, month 13, a year such "
        "as 0202. The reference is kept, undated.",
        "An impossible date is a typing slip: the document it names cannot be looked up.",
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 31/02/2023 của Thị ủy.",
        "Thực hiện Kế hoạch số 155-KH/TU, ngày 28/02/2023 của Thị ủy.",
    ),
    "VB104": RuleDoc(
        "The kind word contradicts the kind code ('Kế hoạch số 65-Ctr/TU'). A Party Quy "
        "định is coded QĐ like a Quyết định; a State Quy định is coded QyĐ; a State công "
        "văn has no kind code.",
        "One of the two is wrong, and the reader cannot tell which document is meant.",
        "Thực hiện Kế hoạch số 65-Ctr/TU, ngày 12/3/2022 của Tỉnh ủy.",
        "Thực hiện Chương trình số 65-Ctr/TU, ngày 12/3/2022 của Tỉnh ủy.",
    ),
    "VB105": RuleDoc(
        "A cited document dated after the document that cites it.",
        "A document cannot cite one issued later: one of the two dates is wrong.",
        "(a conclusion of 08/12/2023) theo Kế hoạch số 190-KH/TU, ngày 20/12/2023 của Thị ủy.",
        "(a conclusion of 08/12/2023) theo Kế hoạch số 190-KH/TU, ngày 20/11/2023 của Thị ủy.",
    ),
    "VB106": RuleDoc(
        "A State normative symbol carries its year; the date must be of that year.",
        "The year in the symbol and the date disagree: one of them names another document.",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2021 của Chính phủ;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;",
    ),
    "VB107": RuleDoc(
        "One document cited with two dates or two kinds. Administrative numbers restart "
        "each year and Party numbers each term, so dates a year or a congress apart are two "
        "documents, not a conflict; 124-QĐ/TW as a Quyết định and as a Quy định are two.",
        "The same document written two ways leaves the reader unsure which is right.",
        "Quyết định số 2862/QĐ-UBND ngày 5/3/2018 và Quyết định số 2862/QĐ-UBND ngày 9/3/2018",
        "Quyết định số 2862/QĐ-UBND ngày 5/3/2018",
    ),
    "VB108": RuleDoc(
        "A footnote marker with no body, a body with no marker, a number used twice, or a "
        "number skipped.",
        "References in footnotes are citations too; a lost footnote loses them.",
        "theo chỉ đạo của tỉnh⁽¹⁾ và Thị ủy⁽³⁾.",
        "theo chỉ đạo của tỉnh⁽¹⁾ và Thị ủy⁽²⁾.",
    ),
    "VB109": RuleDoc(
        "A reference that matches a document of the archive by symbol and date but "
        "attributes it to another committee (Tỉnh ủy / Thị ủy). A date that disagrees with "
        "the document is VB112.",
        "The archive holds the document itself: what the draft says of it should agree.",
        "Kế hoạch số 66-KH/TU, ngày 28/3/2022 của Ban Thường vụ Thị ủy (the archive holds "
        "66-KH/TU of 28/3/2022 of the Tỉnh ủy)",
        "Kế hoạch số 66-KH/TU, ngày 28/3/2022 của Ban Thường vụ Tỉnh ủy",
    ),
    "VB110": RuleDoc(
        "With --require-resolved: a reference to an issuer whose own documents are in the "
        "archive that resolves to none of them.",
        "It is a broken link in the archive: the document is missing, or the number is wrong.",
        "Kế hoạch số 135-KH/TU, ngày 05/5/2023 (the archive holds 153-KH/TU of 05/5/2023)",
        "Kế hoạch số 153-KH/TU, ngày 05/5/2023",
    ),
    "VB111": RuleDoc(
        "A TU (or HU) symbol with no issuer phrase anywhere in the archive saying whether "
        "it is the Tỉnh ủy's or the Thị ủy's.",
        "TU is the code of both committees, and their numbers overlap: the issuer decides.",
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023.",
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023 của Ban Thường vụ Thị ủy.",
    ),
    "VB112": RuleDoc(
        "A dated reference to a document the office knows, from its register (--register) "
        "or from the document itself in the archive, with another date. Numbers are reused "
        "each year (State) and each term (Party): a date of another year or term names "
        "another document and is not reported.",
        "A wrong date sends the reader to no document, or to another one; the register "
        "records the date the document was issued.",
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/8/2023 (the register: 158-KH/TU of 21/7/2023)",
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023",
    ),
    "VB113": RuleDoc(
        "With --register: a reference in a series the register keeps (the same issuer code) "
        "whose number no register row and no document read has, while a row's number is one "
        "slip away (two neighbouring digits swapped, one dropped or one added) with the "
        "same kind code, committee and a date of the same numbering.",
        "A mistyped number cites a document that does not exist; the register shows the one "
        "that was probably meant.",
        "Thực hiện Kế hoạch số 135-KH/TU, ngày 05/5/2023 (the register: 153-KH/TU of 05/5/2023)",
        "Thực hiện Kế hoạch số 153-KH/TU, ngày 05/5/2023",
    ),
    "VB114": RuleDoc(
        "With --register: the kind word of a reference contradicts the kind the register "
        "records for that document (its kind column, or the kind its summary opens with). A "
        "Party QĐ is a Quyết định or a Quy định: only the register can tell.",
        "The kind is part of how a document is named; a Quy định cited as a Quyết định "
        "points the reader to a document that does not exist.",
        "Quy định số 671-QĐ/TU, ngày 09/02/2022 (the register: Quyết định 671-QĐ/TU)",
        "Quyết định số 671-QĐ/TU, ngày 09/02/2022",
    ),
}


def rule_text(code: str, language: str = "en") -> str:
    """What ``vanban rule`` prints for one rule: what, why, an example and its fix."""
    rule, doc = RULE_BY_KEY[code], RULE_DOCS[RULE_BY_KEY[code].code]
    _ = translator(language)
    return (
        f"{rule.code} {rule.name} ({rule.severity})\n"
        f"{_('Checks')}: {_(doc.checks)}\n"
        f"{_('Why')}: {_(doc.why)}\n"
        f"{_('Fires on')}: {doc.fires}\n"
        f"{_('Fixed')}: {doc.fixed}\n"
    )


def rules_markdown() -> str:
    """The rule sections of docs/checks.md, in English and Vietnamese."""
    vi = translator("vi")
    parts = []
    for rule in RULES:
        doc = RULE_DOCS[rule.code]
        parts.append(
            f"### {rule.code} {rule.name}\n\n{doc.checks} {doc.why}\n\n"
            f"*{vi(doc.checks)} {vi(doc.why)}*\n\n"
            f"```\n{doc.fires}\n-> {doc.fixed}\n```\n"
        )
    return "\n".join(parts)


# Messages per rule and variant, in English; their Vietnamese is in the catalogue (i18n).
MESSAGES: dict[str, str] = {
    "VB101": "undated reference to {what}",
    "VB101.suggest": 'it is dated {date} in {where}: write "{text}, ngày {dmy}"',
    "VB101.later": (
        'this file dates it at line {line}: date this first mention, "{text}, ngày {dmy}", '
        "and cite it bare after"
    ),
    "VB101.register": 'the register dates it {dmy} ({where}): write "{text}, ngày {dmy}"',
    "VB101.registers": (
        "the register has {count} documents {symbol}: {rows}; write the date of the one meant"
    ),
    "VB101.plain": 'add the date after the symbol: "{text}, ngày dd/mm/yyyy"',
    "VB102.no-issuer-code": (
        'symbol {symbol!r} has no issuer code after the kind code (e.g. "-KH/TU")'
    ),
    "VB102.no-code-after-slash": "symbol {symbol!r} ends at the slash: the issuer code is missing",
    "VB102.no-number": '"{text}" has no number and symbol after it',
    "VB102.fix": "complete the number and symbol",
    "VB103": "{what}: {written} is not a date",
    "VB103.fix": "check the day, month and year",
    "VB104": (
        'kind word "{kind}" contradicts kind code {code} in {symbol} (code {code} is {expected})'
    ),
    "VB104.fix": "check the kind word or the symbol",
    "VB105": "{what} is dated {date}, after this document ({own})",
    "VB105.fix": "check the date",
    "VB106": "{symbol} carries the year {year} but is dated {date}",
    "VB106.fix": "check the year in the symbol or the date",
    "VB107.dates": "{symbol} is cited with the dates {dates}",
    "VB107.kinds": "{symbol} of {date} is cited as {kinds}",
    "VB107.fix": "use one date and kind for one document",
    "VB108.no-body": "footnote {number} has a marker but no body",
    "VB108.no-marker": "footnote {number} has a body but no marker",
    "VB108.twice": "footnote number {number} is used twice",
    "VB108.skipped": "footnote {number} is skipped",
    "VB108.fix": "number the footnotes 1, 2, 3 ... each with a body",
    "VB109.issuer": "{what} is attributed to the {level} here, but {path} is of the {corpus_level}",
    "VB109.fix": "match the document in the archive",
    "VB110": "{what} is not among the {count} documents of {issuer} in the archive",
    "VB110.fix": "add the document to the archive or correct the reference",
    "VB112.register": "{what} is dated {date} here, but the register dates it {known} ({where})",
    "VB112.read": "{what} is dated {date} here, but the document itself ({where}) is dated {known}",
    "VB112.fix": 'write the date it was issued, "ngày {dmy}", or the number of the document meant',
    "VB113": "{symbol} is not in the register; did you mean {candidates}?",
    "VB113.candidate": "{symbol} ({dmy}, {where})",
    "VB113.fix": "check the number against the register",
    "VB114": "{symbol} is cited as a {kind}, but the register lists it as a {known} ({where})",
    "VB114.fix": 'write "{known} số {symbol}"',
    "VB111": (
        "{symbol}: TU is the code of both Tỉnh ủy and Thị ủy, and no issuer phrase says which"
    ),
    "VB111.fix": 'add the issuer: "của Ban Thường vụ Tỉnh ủy" or "của Ban Thường vụ Thị ủy"',
}


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    severity: str
    message: str
    path: str | None
    line: int | None
    symbol: str | None
    footnote: int | None
    suggestion: str | None
    text: str | None
    where: str | None = None
    """Where it stands in a PDF or Word original ("page 3, line 12")."""
    column: int | None = None
    """1-based column of the reference's first character in its line."""
    end_line: int | None = None
    end_column: int | None = None
    """Line, and 1-based column just after, of the reference's last character."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "symbol": self.symbol,
            "footnote": self.footnote,
            "suggestion": self.suggestion,
            "text": self.text,
            "where": self.where,
        }


class _Context:
    """What the rules need: the graph, the language, and a way to report."""

    def __init__(self, view: View, language: str) -> None:
        self.view = view
        self.translate = translator(language)
        self.findings: list[Finding] = []

    @cached_property
    def read(self) -> dict[str, list[DocumentNode]]:
        """The documents read from files, by symbol (upper case)."""
        found: dict[str, list[DocumentNode]] = defaultdict(list)
        for node in self.view.documents.values():
            if node.in_corpus and node.symbol:
                found[node.symbol.upper()].append(node)
        return found

    def family(self, reference: Citation) -> str | None:
        """Party or State, as the graph knows the document cited (a year in the symbol makes
        it State)."""
        node = self.view.documents.get(reference.target)
        if node is not None:
            return node.family
        return "state" if reference.year is not None else None

    def say(self, key: str, **values: Any) -> str:
        return self.translate(MESSAGES[key]).format(**values)

    def report(
        self,
        code: str,
        message: str,
        path: str | None,
        line: int | None,
        symbol: str | None = None,
        footnote: int | None = None,
        suggestion: str | None = None,
        text: str | None = None,
        where: str | None = None,
        column: int | None = None,
        end: tuple[int | None, int | None] = (None, None),
    ) -> None:
        rule = RULE_BY_KEY[code]
        self.findings.append(
            Finding(
                code,
                rule.name,
                rule.severity,
                message,
                path,
                line,
                symbol,
                footnote,
                suggestion,
                text,
                where,
                column,
                *end,
            )
        )

    def report_reference(
        self,
        code: str,
        message: str,
        source: Source,
        reference: Citation,
        suggestion: str | None = None,
    ) -> None:
        """Report a finding on one reference, with the rule's usual advice."""
        self.report(
            code,
            message,
            source.path,
            reference.line,
            reference.symbol,
            reference.footnote,
            suggestion or self.say(f"{code}.fix"),
            reference.text,
            reference.where,
            reference.column,
            (reference.end_line, reference.end_column),
        )


def _what(reference: Citation) -> str:
    return f"{reference.kind} {reference.symbol}" if reference.kind else reference.symbol


def _references(context: _Context) -> Iterator[tuple[Source, Citation]]:
    for source in context.view.sources:
        for reference in source.references:
            yield source, reference


def _undated(context: _Context) -> None:
    """Once per document per file, at its first undated mention; not at all when the file
    dates it before (the drafting convention: date the first mention, cite it bare after)."""
    documents = context.view.documents
    for source in context.view.sources:
        dated_at: dict[str, Citation] = {}
        first_undated: dict[str, Citation] = {}
        for reference in source.references:
            if reference.date or reference.date_written:
                dated_at.setdefault(reference.target, reference)
            elif reference.target not in dated_at and not _in_subject_line(reference):
                first_undated.setdefault(reference.target, reference)
        for target, reference in first_undated.items():
            later = dated_at.get(target)
            node = documents.get(target)
            if later is not None and later.date:
                suggestion = context.say(
                    "VB101.later", line=later.line, text=reference.text, dmy=as_cited(later.date)
                )
            elif node is not None and node.date:
                places = [o for o in context.view.occurrences.get(target, []) if o.date]
                where = f"{places[0].path}:{places[0].line}" if places else str(node.path)
                suggestion = context.say(
                    "VB101.suggest",
                    date=node.date,
                    where=where,
                    text=reference.text,
                    dmy=as_cited(node.date),
                )
            else:
                suggestion = _registered_date(context, reference) or context.say(
                    "VB101.plain", text=reference.text
                )
            message = context.say("VB101", what=_what(reference))
            context.report_reference("VB101", message, source, reference, suggestion)


def _in_subject_line(reference: Citation) -> bool:
    """Whether a reference stands in a công văn's "V/v" subject line, which names what the
    letter is about in brief; the date belongs to the first mention in the body."""
    at = reference.context.find(reference.text)
    return at >= 0 and SUBJECT_LINE.search(reference.context[:at]) is not None


def _registered_date(context: _Context, reference: Citation) -> str | None:
    """The undated warning's advice from the register: the date of the one row that can be
    the document meant, or the rows to choose from."""
    register = context.view.register
    if register is None:
        return None
    rows = register.candidates(
        reference.symbol, reference.kind, reference.kind_code, reference.level
    )
    dated = sorted((r for r in rows if r.date), key=lambda r: str(r.date))
    if len(dated) == 1:
        row = dated[0]
        return context.say(
            "VB101.register", dmy=as_cited(str(row.date)), where=row.place, text=reference.text
        )
    if dated:
        listed = ", ".join(f"{as_cited(str(r.date))} ({r.place})" for r in dated[:4])
        return context.say(
            "VB101.registers", count=len(dated), symbol=reference.symbol, rows=listed
        )
    return None


def _broken(context: _Context) -> None:
    for source in context.view.sources:
        for item in source.malformed:
            symbol = item.text.split()[-1] if item.reason != "no-number" else None
            message = context.say(f"VB102.{item.reason}", symbol=symbol, text=item.text)
            context.report(
                "VB102",
                message,
                source.path,
                item.line,
                symbol,
                item.footnote,
                context.say("VB102.fix"),
                item.text,
                column=item.column,
                end=(item.end_line, item.end_column),
            )


def _impossible_dates(context: _Context) -> None:
    for source, reference in _references(context):
        if reference.date_written and not reference.date:
            message = context.say("VB103", what=_what(reference), written=reference.date_written)
            context.report_reference("VB103", message, source, reference)


def _kind_mismatch(context: _Context) -> None:
    documents = context.view.documents
    for source, reference in _references(context):
        kind, code = reference.kind, reference.kind_code
        if not kind or not code:
            continue
        node = documents.get(reference.target)
        table = PARTY_KIND_CODES if node and node.family == "party" else STATE_KIND_CODES
        expected = table.get(code.upper())
        if expected is None or kind in expected:
            continue
        message = context.say(
            "VB104", kind=kind, code=code, symbol=reference.symbol, expected=" / ".join(expected)
        )
        context.report_reference("VB104", message, source, reference)


def _dated_after(context: _Context) -> None:
    for source, reference in _references(context):
        own, date = source.date, reference.date
        if own and date and date > own:
            message = context.say("VB105", what=_what(reference), date=date, own=own)
            context.report_reference("VB105", message, source, reference)


def _symbol_year(context: _Context) -> None:
    for source, reference in _references(context):
        date, year = reference.date, reference.year
        if date and year is not None and str(year) != date[:4]:
            message = context.say("VB106", symbol=reference.symbol, year=year, date=date)
            context.report_reference("VB106", message, source, reference)


def _same_series(a: DocumentNode, b: DocumentNode) -> bool:
    """Whether two dated nodes with one symbol are one document cited two ways."""
    if not may_be_one(
        a.level, kind_class(a.kind, a.kind_code), b.level, kind_class(b.kind, b.kind_code)
    ):
        return False
    assert a.date is not None and b.date is not None
    return same_numbering(a.family, a.year, a.date, b.date)


def _conflicts(context: _Context) -> None:
    documents = context.view.documents
    by_symbol: dict[str, list[str]] = defaultdict(list)
    for key, node in documents.items():
        if node.symbol and node.date and (node.citations or node.in_corpus):
            by_symbol[node.symbol.upper()].append(key)
    for keys in by_symbol.values():
        for index, earlier in enumerate(keys):
            for second in keys[index + 1 :]:
                a, b = documents[earlier], documents[second]
                if not _same_series(a, b):
                    continue
                dates = ", ".join(sorted({str(a.date), str(b.date)}))
                for occurrence in context.view.occurrences.get(second, [])[:1]:
                    message = context.say("VB107.dates", symbol=a.symbol, dates=dates)
                    context.report(
                        "VB107",
                        message,
                        occurrence.path,
                        occurrence.line,
                        a.symbol,
                        occurrence.footnote,
                        context.say("VB107.fix"),
                        occurrence.text,
                        occurrence.where,
                    )
    for source in context.view.sources:
        kinds: dict[tuple[str, str | None], set[str]] = defaultdict(set)
        first: dict[tuple[str, str | None], Citation] = {}
        for reference in source.references:
            if reference.kind:
                pair = (reference.symbol.upper(), reference.date)
                kinds[pair].add(reference.kind)
                first.setdefault(pair, reference)
        for pair, names in kinds.items():
            code = (first[pair].kind_code or "").upper()
            if len(names) > 1 and not (code == "QĐ" and pair[1] is None):
                reference = first[pair]
                message = context.say(
                    "VB107.kinds",
                    symbol=reference.symbol,
                    date=pair[1] or "?",
                    kinds=" / ".join(sorted(names)),
                )
                context.report_reference("VB107", message, source, reference)


def _footnotes(context: _Context) -> None:
    for source in context.view.sources:
        notes = source.footnotes
        if not notes:
            continue
        counts = Counter(n.number for n in notes)
        for note in notes:
            if note.line is not None and not note.text:
                key = "VB108.no-body"
            elif note.line is None:
                key = "VB108.no-marker"
            else:
                continue
            context.report(
                "VB108",
                context.say(key, number=note.number),
                source.path,
                note.line or note.body_line,
                None,
                note.number,
                context.say("VB108.fix"),
                note.marker,
            )
        for number, count in sorted(counts.items()):
            if count > 1:
                line = next(n.line or n.body_line for n in notes if n.number == number)
                context.report(
                    "VB108",
                    context.say("VB108.twice", number=number),
                    source.path,
                    line,
                    None,
                    number,
                    context.say("VB108.fix"),
                )
        numbers = sorted(counts)
        for missing in sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers)):
            line = next(n.line or n.body_line for n in notes if n.number > missing)
            context.report(
                "VB108",
                context.say("VB108.skipped", number=missing),
                source.path,
                line,
                None,
                missing,
                context.say("VB108.fix"),
            )


def _corpus(context: _Context, require_resolved: bool) -> None:
    documents = context.view.documents
    read = context.read
    series: Counter[tuple[str, str | None]] = Counter(
        (node.issuer_code, node.level)
        for node in documents.values()
        if node.in_corpus and node.issuer_code
    )
    for source, reference in _references(context):
        target = documents.get(reference.target)
        if target is not None and target.in_corpus:
            continue
        same = read.get(reference.symbol.upper(), [])
        what = _what(reference)
        for node in same:
            if reference.date and node.date and reference.date != node.date:
                continue  # another document (a reused number), or a wrong date: VB112
            if not levels_agree(reference.level, node.level):
                message = context.say(
                    "VB109.issuer",
                    what=what,
                    level=reference.level,
                    corpus_level=node.level,
                    path=node.path,
                )
            else:
                continue
            context.report_reference("VB109", message, source, reference)
            break
        else:
            key = (str(reference.issuer_code), reference.level)
            if require_resolved and not same and series.get(key):
                issuer = key[0] + (f" ({key[1]})" if key[1] else "")
                message = context.say("VB110", what=what, count=series[key], issuer=issuer)
                context.report_reference("VB110", message, source, reference)


def _known_dates(context: _Context) -> None:
    """Dates that contradict the register's row or the document read, for the same document
    (the same numbering: not a number reused another year or term)."""
    register = context.view.register
    read = context.read
    for source, reference in _references(context):
        date = reference.date
        if date is None:
            continue
        wanted = kind_class(reference.kind, reference.kind_code)
        family = context.family(reference)
        rows = (
            register.candidates(
                reference.symbol, reference.kind, reference.kind_code, reference.level
            )
            if register is not None
            else []
        )
        documents = [
            n
            for n in read.get(reference.symbol.upper(), [])
            if may_be_one(reference.level, wanted, n.level, kind_class(n.kind, n.kind_code))
        ]
        if any(r.date == date for r in rows) or any(n.date == date for n in documents):
            continue
        what = _what(reference)
        row = _closest([r for r in rows if date_contradicts(r, family, reference.year, date)], date)
        if row is not None:
            assert row.date is not None
            known_date = row.date
            message = context.say(
                "VB112.register",
                what=what,
                date=as_cited(date),
                known=as_cited(row.date),
                where=row.place,
            )
        else:
            contradicting = [
                n for n in documents if n.date and same_numbering(n.family, n.year, n.date, date)
            ]
            if not contradicting:
                continue
            known = min(contradicting, key=lambda n: days_between(str(n.date), date))
            known_date = str(known.date)
            message = context.say(
                "VB112.read",
                what=what,
                date=as_cited(date),
                known=as_cited(known_date),
                where=known.path,
            )
        suggestion = context.say("VB112.fix", dmy=as_cited(known_date))
        context.report_reference("VB112", message, source, reference, suggestion)


def _closest(rows: list[Registered], date: str) -> Registered | None:
    dated = [r for r in rows if r.date]
    return min(dated, key=lambda r: days_between(str(r.date), date)) if dated else None


def _unregistered(context: _Context) -> None:
    """A number the register does not have, one slip away from one it has."""
    register = context.view.register
    if register is None:
        return
    codes = register.issuer_codes()
    read = context.read
    reported: set[tuple[str, str]] = set()
    for source, reference in _references(context):
        symbol = reference.symbol
        if (reference.issuer_code or "").upper() not in codes:
            continue
        if register.by_symbol.get(symbol.upper()) or read.get(symbol.upper()):
            continue
        if (source.path or "", symbol.upper()) in reported:
            continue
        near = [
            row
            for row in register.near(
                reference.number, reference.kind_code, reference.issuer_code, reference.level
            )
            if reference.date is None
            or row.date is None
            or same_numbering(
                context.family(reference),
                reference.year,
                row.date,
                reference.date,
            )
        ]
        if not near:
            continue
        date = reference.date
        near.sort(
            key=lambda r: (r.date != date, days_between(r.date, date) if r.date and date else 0)
        )
        candidates = " / ".join(
            context.say(
                "VB113.candidate",
                symbol=row.symbol,
                dmy=as_cited(row.date) if row.date else "?",
                where=row.place,
            )
            for row in near[:3]
        )
        message = context.say("VB113", symbol=symbol, candidates=candidates)
        context.report_reference("VB113", message, source, reference)
        reported.add((source.path or "", symbol.upper()))


def _register_kinds(context: _Context) -> None:
    """The kind written against the kind the register records for the same document."""
    register = context.view.register
    if register is None:
        return
    for source, reference in _references(context):
        if not reference.kind:
            continue
        rows = [
            r
            for r in register.by_symbol.get(reference.symbol.upper(), [])
            if r.kind
            and levels_agree(reference.level, r.level)
            and (reference.date is None or r.date in (None, reference.date))
        ]
        if not rows or len({r.kind for r in rows}) > 1 or reference.kind == rows[0].kind:
            continue
        if reference.date is None and len(rows) > 1:
            continue
        row = rows[0]
        message = context.say(
            "VB114", symbol=reference.symbol, kind=reference.kind, known=row.kind, where=row.place
        )
        suggestion = context.say("VB114.fix", known=row.kind, symbol=reference.symbol)
        context.report_reference("VB114", message, source, reference, suggestion)


def _ambiguous(context: _Context) -> None:
    for source, reference in _references(context):
        if reference.issuer_code in ("TU", "HU") and not reference.level:
            node = context.view.documents.get(reference.target)
            if node is not None and node.level:
                continue  # the same document is attributed elsewhere
            message = context.say("VB111", symbol=reference.symbol)
            context.report_reference("VB111", message, source, reference)


CHECKS: dict[str, Callable[[_Context], None]] = {
    "VB101": _undated,
    "VB102": _broken,
    "VB103": _impossible_dates,
    "VB104": _kind_mismatch,
    "VB105": _dated_after,
    "VB106": _symbol_year,
    "VB107": _conflicts,
    "VB108": _footnotes,
    "VB111": _ambiguous,
    "VB112": _known_dates,
    "VB113": _unregistered,
    "VB114": _register_kinds,
}


def select_rules(
    select: Iterable[str] = (), ignore: Iterable[str] = (), require_resolved: bool = False
) -> set[str]:
    """Rule codes to run. Names and codes are both accepted; an unknown one raises KeyError."""
    chosen = {RULE_BY_KEY[s].code for s in select} or {r.code for r in RULES} - DEFAULT_OFF
    if require_resolved:
        chosen.add("VB110")
    return chosen - {RULE_BY_KEY[i].code for i in ignore}


@many_records()
def run_checks(view: View, rules: set[str] | None = None, language: str = "en") -> list[Finding]:
    """Findings of the chosen rules (all default ones when ``rules`` is None), sorted."""
    chosen = select_rules() if rules is None else rules
    context = _Context(view, language)
    for code, check in CHECKS.items():
        if code in chosen:
            check(context)
    if chosen & {"VB109", "VB110"}:
        context_corpus = _Context(view, language)
        _corpus(context_corpus, "VB110" in chosen)
        context.findings.extend(f for f in context_corpus.findings if f.code in chosen)
    # A copy of a document (the same document saved as .pdf and .txt) says what its original
    # says: its findings are its original's, reported once.
    copies = {source.path for source in view.sources if source.copy_of}
    unique = [f for f in dict.fromkeys(context.findings) if f.path is None or f.path not in copies]
    return sorted(unique, key=lambda f: (f.path or "", f.line or 0, f.column or 0, f.code))


SUMMARY_KEYS = ("errors", "warnings", "info", "files", "files_with_findings")


def summary(findings: list[Finding], files: int) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {
        "errors": counts["error"],
        "warnings": counts["warning"],
        "info": counts["info"],
        "files": files,
        "files_with_findings": len({f.path for f in findings}),
    }
