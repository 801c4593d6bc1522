"""What a rule is given to check with: the graph, the documents read, its own messages in the
run's language, and a way to report its findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from vanban.checks.findings import Finding
from vanban.core.i18n import translator
from vanban.core.records import Citation, DocumentNode, Source

if TYPE_CHECKING:
    from vanban.checks.rule import Rule
    from vanban.query.view import View
    from vanban.register.book import Register


class Run:
    """One run of the checks over a graph: what every rule reads, and the findings so far."""

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


class Context:
    """What one rule sees of a run: it says its own messages and reports under its own code."""

    def __init__(self, run: Run, rule: Rule) -> None:
        self.run = run
        self.rule = rule

    @property
    def view(self) -> View:
        return self.run.view

    @property
    def read(self) -> dict[str, list[DocumentNode]]:
        """The documents read from files, by symbol (upper case)."""
        return self.run.read

    @property
    def register(self) -> Register:
        """The office's register, for a rule that needs one (it runs only when there is one)."""
        register = self.view.register
        assert register is not None, f"{self.rule.code} runs only with a register"
        return register

    def references(self) -> Iterator[tuple[Source, Citation]]:
        """Every reference of every file, with its file."""
        for source in self.view.sources:
            for reference in source.references:
                yield source, reference

    def family(self, reference: Citation) -> str | None:
        """Party or State, as the graph knows the document cited (a year in the symbol makes
        it State)."""
        node = self.view.documents.get(reference.target)
        if node is not None:
            return node.family
        return "state" if reference.year is not None else None

    def say(self, key: str, **values: Any) -> str:
        """One of the rule's messages, in the run's language, with its values."""
        return self.run.translate(self.rule.messages[key]).format(**values)

    def report(
        self,
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
        fix: str | None = None,
        safe_fix: bool = False,
    ) -> None:
        rule = self.rule
        self.run.findings.append(
            Finding(
                rule.code,
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
                fix,
                safe_fix,
            )
        )

    def report_reference(
        self,
        message: str,
        source: Source,
        reference: Citation,
        suggestion: str | None = None,
        fix: str | None = None,
        safe_fix: bool = False,
    ) -> None:
        """Report a finding on one reference, with the rule's usual advice; ``fix`` is the
        text that replaces the reference's to fix it (applied by ``--fix`` when ``safe_fix``,
        else only with ``--unsafe-fixes``)."""
        self.report(
            message,
            source.path,
            reference.line,
            reference.symbol,
            reference.footnote,
            suggestion or self.say(f"{self.rule.code}.fix"),
            reference.text,
            reference.where,
            reference.column,
            (reference.end_line, reference.end_column),
            fix if fix != reference.text else None,
            safe_fix,
        )


def what(reference: Citation) -> str:
    """A reference as the messages name it: its kind and symbol, or its symbol alone."""
    return f"{reference.kind} {reference.symbol}" if reference.kind else reference.symbol
