"""The check rules, listed once, and what is made of the list: looking a rule up by code or
name, choosing the rules to run, running them, and the texts that explain them.

Rules read a typed graph view (:class:`~vanban.query.views.View`), so a graph file and
documents parsed on the fly are checked alike. Every finding says where it is and what to do,
in English or Vietnamese. The rules are documented with examples in docs/checks.md.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from vanban.checks.context import Context, Run
from vanban.checks.findings import Finding
from vanban.checks.rule import Rule
from vanban.core.i18n import translator
from vanban.core.records import many_records
from vanban.query.view import View

RULE_MODULES = (
    "vb101_undated_reference",
    "vb102_broken_reference",
    "vb103_impossible_date",
    "vb104_kind_code_mismatch",
    "vb105_cited_after_citing",
    "vb106_symbol_year_mismatch",
    "vb107_conflicting_citations",
    "vb108_footnote_mismatch",
    "vb109_corpus_mismatch",
    "vb110_unresolved_reference",
    "vb111_ambiguous_identity",
    "vb112_known_date_mismatch",
    "vb113_unregistered_symbol",
    "vb114_register_kind_mismatch",
    "vb115_superseded_reference",
    "vb116_spaced_symbol",
)
"""The modules of :mod:`vanban.checks.rules`, in the order of their codes. A new rule is a new
module there, its name here, and the Vietnamese of its texts in the catalogue."""


def _rule_in(module: str) -> Rule:
    name = f"{__package__}.rules.{module}"
    rule = importlib.import_module(name).RULE
    if not isinstance(rule, Rule):
        raise TypeError(f"{name}.RULE is not a Rule")
    return rule


RULES: tuple[Rule, ...] = tuple(_rule_in(module) for module in RULE_MODULES)
RULE_BY_KEY: dict[str, Rule] = {r.code: r for r in RULES} | {r.name: r for r in RULES}


def rule_text(code: str, language: str = "en") -> str:
    """What ``vanban rule`` prints for one rule: what, why, an example and its fix."""
    rule = RULE_BY_KEY[code]
    doc = rule.doc
    _ = translator(language)
    return (
        f"{rule.code} {rule.name} ({rule.severity})\n"
        f"{_('Checks')}: {_(doc.checks)}\n"
        f"{_('Why')}: {_(doc.why)}\n"
        f"{_('Fires on')}: {_(doc.fires)}\n"
        f"{_('Fixed')}: {_(doc.fixed)}\n"
    )


def rules_markdown() -> str:
    """The rule sections of docs/checks.md, in English and Vietnamese."""
    vi = translator("vi")
    parts = []
    for rule in RULES:
        doc = rule.doc
        parts.append(
            f"### {rule.code} {rule.name}\n\n{doc.checks} {doc.why}\n\n"
            f"*{vi(doc.checks)} {vi(doc.why)}*\n\n"
            f"```\n{doc.fires}\n-> {doc.fixed}\n```\n"
        )
    return "\n".join(parts)


def select_rules(
    select: Iterable[str] = (), ignore: Iterable[str] = (), require_resolved: bool = False
) -> set[str]:
    """Rule codes to run: those selected, else those on by default; with those
    ``require_resolved`` switches on, without those ignored. Names and codes are both
    accepted; an unknown one raises KeyError."""
    chosen = {RULE_BY_KEY[s].code for s in select} or {r.code for r in RULES if r.on_by_default}
    chosen |= {r.code for r in RULES if require_resolved and r.with_require_resolved}
    return chosen - {RULE_BY_KEY[i].code for i in ignore}


def without_ignored(
    findings: list[Finding], ignored_in: Callable[[str], Iterable[str]]
) -> list[Finding]:
    """``findings`` less those of the rules ``ignored_in`` (a file's path -> rule codes or
    names, as the settings' ``per-file-ignores`` gives them) leaves out for their file. Both
    the report and ``--fix`` ask it: a rule ignored for a file is neither said nor fixed."""
    kept = []
    for finding in findings:
        ignored = {RULE_BY_KEY[r].code for r in ignored_in(finding.path or "")}
        if finding.code not in ignored:
            kept.append(finding)
    return kept


@many_records()
def run_checks(view: View, rules: set[str] | None = None, language: str = "en") -> list[Finding]:
    """Findings of the chosen rules (all default ones when ``rules`` is None), sorted. A rule
    that needs the office's register is not run without one."""
    chosen = select_rules() if rules is None else rules
    run = Run(view, language)
    for rule in RULES:
        if rule.code in chosen and (view.register is not None or not rule.needs_register):
            rule.check(Context(run, rule))
    # A copy of a document (the same document saved as .pdf and .txt) says what its original
    # says: its findings are its original's, reported once.
    copies = {source.path for source in view.sources if source.copy_of}
    unique = [f for f in dict.fromkeys(run.findings) if f.path is None or f.path not in copies]
    return sorted(unique, key=lambda f: (f.path or "", f.line or 0, f.column or 0, f.code))
