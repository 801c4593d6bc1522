"""When two mentions, rows or files can be one document, and which committee a symbol is of.

Every step that asks "is this the same document?" asks here: the graph when it joins the
references to one document, the register when it finds a document's row, the checks when they
compare what a draft says with what the archive or the register knows. The rules
(``../docs/conventions.md``): numbers restart, so a symbol alone does not name a document; its
committee level (a TU code is used by a Tỉnh ủy and a Thị ủy alike), its kind where two kinds
share one code (a Party Quy định and a Quyết định are both QĐ) and its date decide.
"""

from __future__ import annotations

import datetime

from vanban.core.vocabulary import fold_words

LEVELS: tuple[tuple[str, str], ...] = (
    ("tinh uy", "Tỉnh ủy"),
    ("thi uy", "Thị ủy"),
    ("thanh uy", "Thành ủy"),
    ("huyen uy", "Huyện ủy"),
    ("quan uy", "Quận ủy"),
)
"""The committees a TU or HU code is used by, each named by its issuer phrase (folded)."""

LEVEL_CODES = frozenset({"TU", "HU"})
"""Issuer codes shared by committees of more than one level: only the issuer phrase tells."""

_SPLIT_KINDS = frozenset({"Quy định", "Quyết định"})
_SPLIT_CODES = frozenset({"QĐ", "QĐI", "QYĐ"})


def committee_level(issuer: str | None) -> str | None:
    """The committee an issuer phrase names: "Ban Thường vụ Tỉnh ủy" -> "Tỉnh ủy"."""
    if not issuer:
        return None
    folded_issuer = fold_words(issuer)
    for key, label in LEVELS:
        if key in folded_issuer:
            return label
    return None


def levels_agree(first: str | None, second: str | None) -> bool:
    """Whether two committee levels can be one committee's: equal, or one of them unknown."""
    return first is None or second is None or first == second


def kind_class(kind: str | None, kind_code: str | None) -> str | None:
    """Quyết định or Quy định for a QĐ code (the two kinds share it, so they are two
    documents); None for any other kind, whose code alone tells it."""
    if kind in _SPLIT_KINDS and (kind_code or "").upper() in _SPLIT_CODES:
        return kind
    return None


def kinds_agree(first: str | None, second: str | None) -> bool:
    """Whether two kind classes (:func:`kind_class`) can be one document's."""
    return first is None or second is None or first == second


def may_be_one(
    level: str | None, kind: str | None, other_level: str | None, other_kind: str | None
) -> bool:
    """Whether two things that share a symbol can be one document, dates aside: their
    committee levels and kind classes agree."""
    return levels_agree(level, other_level) and kinds_agree(kind, other_kind)


def same_numbering(family: str | None, symbol_year: int | None, first: str, second: str) -> bool:
    """Whether two dates of one symbol can belong to one document, or the number was reused.

    A State normative symbol carries its year: one number, one document. Other State numbers
    restart each year; Party numbers each term, so only dates less than a year apart with no
    congress season between them can be one document.
    """
    if symbol_year is not None:
        return True
    if family == "state":
        return first[:4] == second[:4]
    return days_between(first, second) < 366 and not congress_between(first, second)


def days_between(first: str, second: str) -> int:
    """Days between two ISO dates, whichever comes first."""
    return abs((datetime.date.fromisoformat(first) - datetime.date.fromisoformat(second)).days)


def congress_between(first: str, second: str) -> bool:
    """Whether a Party congress season (April of a year divisible by 5 to the end of February
    after it: local congresses, then the national one) overlaps the span between two dates,
    so that a term can have ended and numbering restarted in it."""
    start, end = sorted((first, second))
    for year in range(int(start[:4]) - 1, int(end[:4]) + 1):
        if year % 5 == 0 and start <= f"{year + 1}-02-28" and end >= f"{year}-04-01":
            return True
    return False
