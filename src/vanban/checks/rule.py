"""What a check rule is: its code and name, how severe its findings are, when it runs, the
texts that explain it and the messages it reports, and the function that checks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from vanban.checks.context import Context

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class RuleDoc:
    """What a rule checks and why, with an example that fires and its fix. The texts are
    English; their Vietnamese is in the catalogue (see :mod:`vanban.core.i18n`)."""

    checks: str
    why: str
    fires: str
    fixed: str


@dataclass(frozen=True, eq=False)
class Rule:
    """One check, defined in its own module of :mod:`vanban.checks.rules`."""

    code: str
    """Stable code: ``VB101``."""
    name: str
    """Stable name, accepted wherever the code is: ``undated-reference``."""
    severity: Severity
    summary: str
    """What it finds, in a line."""
    doc: RuleDoc
    messages: Mapping[str, str]
    """Its messages in English, keyed by the code and a variant (``VB101``,
    ``VB101.suggest``); ``CODE.fix`` is the advice given when a finding has none of its own.
    Their Vietnamese is in the catalogue."""
    check: Callable[[Context], None]
    """Reports the rule's findings through the context it is given."""
    on_by_default: bool = True
    """Whether it runs when no rules are selected; one that is off runs only when selected, or
    switched on by :attr:`with_require_resolved`."""
    with_require_resolved: bool = False
    """Whether ``--require-resolved`` (``require-resolved`` in the settings) runs it."""
    needs_register: bool = False
    """Whether it can find anything only with the office's register: without one it is not
    run."""
