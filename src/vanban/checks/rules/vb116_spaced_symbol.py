"""VB116 spaced-symbol: a number and symbol written with stray spaces or a long dash."""

from __future__ import annotations

import regex

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc

# Between the parts of a symbol as drafts write them: "12- HD/BTCTW", "15 – KH/TU",
# "30/2020/ NĐ-CP". The symbol is written together, with "-" and "/" alone (NĐ 30/2020 Phụ lục
# I; NĐ 34/2016 Điều 58: "viết liền, không cách").
_DASH = r"[ ]{0,2}[-–—‐][ ]{0,2}"
_SLASH = r"[ ]{0,2}/[ ]{0,2}"


def written_symbol(canonical: str, text: str) -> regex.Match[str] | None:
    """Where the symbol ``canonical`` stands in ``text``, spaces and dashes as written."""
    parts = [
        _DASH if char == "-" else _SLASH if char == "/" else regex.escape(char)
        for char in canonical
    ]
    return regex.search(r"(?<![\p{L}0-9])" + "".join(parts) + r"(?![\p{L}0-9])", text)


def _check(context: Context) -> None:
    for source, reference in context.references():
        if reference.end_line is not None and reference.end_line != reference.line:
            continue  # a symbol broken at the end of a line ("226-" / "KL/TW") is not spaced
        found = written_symbol(reference.symbol, reference.text)
        if found is None or found.group() == reference.symbol:
            continue
        text = reference.text
        fix = text[: found.start()] + reference.symbol + text[found.end() :]
        message = context.say("VB116", written=found.group(), symbol=reference.symbol)
        advice = context.say("VB116.fix", symbol=reference.symbol)
        context.report_reference(message, source, reference, advice, fix, safe_fix=True)


RULE = Rule(
    code="VB116",
    name="spaced-symbol",
    severity="info",
    summary="a symbol written with stray spaces or a long dash",
    doc=RuleDoc(
        "A number and symbol written with spaces between its parts or with a long dash "
        "('12- HD/BTCTW', '15 – KH/TU').",
        "The symbol is written together, its parts joined by '-' and '/' alone; spaced or "
        "with another dash it is not found when searched for as the register writes it.",
        "Thực hiện Hướng dẫn số 12- HD/BTCTW, ngày 12/6/2023 của Ban Tổ chức Trung ương.",
        "Thực hiện Hướng dẫn số 12-HD/BTCTW, ngày 12/6/2023 của Ban Tổ chức Trung ương.",
    ),
    messages={
        "VB116": "{written!r} is written with spaces or a long dash",
        "VB116.fix": "write it together: {symbol}",
    },
    check=_check,
)
