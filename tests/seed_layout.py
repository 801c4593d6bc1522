"""The seed's paragraphs as a word processor holds them, for building .docx and .pdf fixtures."""

from __future__ import annotations

from pathlib import Path

import regex

SEED = Path(__file__).resolve().parent.parent / "samples" / "ket-luan-thi-uy-la-gi-2023-12-08.txt"
MARKER = regex.compile(r"⁽([¹²³])⁾")
DIGIT = {"¹": 1, "²": 2, "³": 3}


def logical_paragraphs() -> tuple[list[str], dict[int, str]]:
    """Paragraphs with the halves a page break split joined again, and the footnote bodies."""
    paragraphs: list[str] = []
    notes: dict[int, str] = {}
    for block in SEED.read_text(encoding="utf-8").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        head = MARKER.match(block)
        if head:
            notes[DIGIT[head.group(1)]] = block[head.end() :].strip()
        elif paragraphs and not paragraphs[-1].endswith((".", ":", ";")) and block[0].islower():
            paragraphs[-1] += " " + block
        else:
            paragraphs.extend(block.split("\n"))
    return paragraphs, notes
