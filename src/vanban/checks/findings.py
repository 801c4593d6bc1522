"""What the checks report: findings, and the summary of a run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from typing import Any


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
    fix: str | None = None
    """The text that replaces ``text`` to fix it, when the rule knows it."""
    safe_fix: bool = False
    """Whether ``vanban check --fix`` applies the fix; a guess (a near number from the
    register) is applied only with ``--unsafe-fixes``."""

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
            "fix": self.fix,
            "safe_fix": self.safe_fix,
        }


@dataclass(frozen=True)
class Summary:
    """How many findings of each severity a check has, in how many of the files it read."""

    errors: int
    warnings: int
    info: int
    files: int
    files_with_findings: int

    def to_dict(self) -> dict[str, int]:
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "info": self.info,
            "files": self.files,
            "files_with_findings": self.files_with_findings,
        }


SUMMARY_KEYS = tuple(item.name for item in fields(Summary))
"""The summary's keys, in the order ``--format json`` writes them."""


def summary(findings: list[Finding], files: int) -> Summary:
    counts = Counter(f.severity for f in findings)
    return Summary(
        errors=counts["error"],
        warnings=counts["warning"],
        info=counts["info"],
        files=files,
        files_with_findings=len({f.path for f in findings}),
    )
