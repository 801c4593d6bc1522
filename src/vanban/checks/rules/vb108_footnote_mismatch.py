"""VB108 footnote-mismatch: footnote markers and bodies that do not match."""

from __future__ import annotations

from collections import Counter

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc


def _check(context: Context) -> None:
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
                context.say("VB108.skipped", number=missing),
                source.path,
                line,
                None,
                missing,
                context.say("VB108.fix"),
            )


RULE = Rule(
    code="VB108",
    name="footnote-mismatch",
    severity="error",
    summary="footnote markers and bodies do not match",
    doc=RuleDoc(
        "A footnote marker with no body, a body with no marker, a number used twice, or a "
        "number skipped.",
        "References in footnotes are citations too; a lost footnote loses them.",
        "theo chỉ đạo của tỉnh⁽¹⁾ và Thị ủy⁽³⁾.",
        "theo chỉ đạo của tỉnh⁽¹⁾ và Thị ủy⁽²⁾.",
    ),
    messages={
        "VB108.no-body": "footnote {number} has a marker but no body",
        "VB108.no-marker": "footnote {number} has a body but no marker",
        "VB108.twice": "footnote number {number} is used twice",
        "VB108.skipped": "footnote {number} is skipped",
        "VB108.fix": "number the footnotes 1, 2, 3 ... each with a body",
    },
    check=_check,
)
