"""Turn the files people have into text: plain text, HTML pages saved from portals.

Each reader returns the document's text with paragraphs separated by blank lines and footnote
markers written as ``[n]``, the form the footnote step reads; so a page read here gives the
same references as the same text typed out.
"""

from __future__ import annotations

import codecs
from html.parser import HTMLParser
from pathlib import Path

import regex

from . import io, legacy
from .doc_reader import read_doc
from .docx_reader import read_docx
from .errors import InputError
from .io import check_size, decode, read_bytes, read_document
from .model import SourceText
from .pdf_reader import read_pdf

TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WORD_SUFFIXES = (".docx",)
OLD_WORD_SUFFIXES = (".doc",)
PDF_SUFFIXES = (".pdf",)
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + WORD_SUFFIXES + OLD_WORD_SUFFIXES + PDF_SUFFIXES

# Elements whose text is not the document's: navigation, scripts, page furniture.
_SKIPPED = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "svg",
    "iframe",
    "template",
    "head",
    "title",
    "menu",
}
_PARAGRAPHS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "center",
    "main",
}
_CELLS = {"td", "th"}
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", regex.I)
_SPACES = regex.compile(r"[ \t\u00a0]+")
_BLANK_LINES = regex.compile(r"\n[ \t]*(?:\n[ \t]*)+")


class _PageText(HTMLParser):
    """Collects the text of a page, paragraph by paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.in_superscript = 0
        self.superscript: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag in _PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" | ")
        elif tag == "sup":
            self.in_superscript += 1
            self.superscript = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag in _PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag == "sup" and self.in_superscript:
            self.in_superscript -= 1
            mark = "".join(self.superscript).strip().strip("[]()")
            # A footnote mark: written [n] whatever the page made of it (¹, (1), [1]).
            self.parts.append(f"[{mark}]" if mark.isdigit() else "".join(self.superscript))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_superscript:
            self.superscript.append(data)
        else:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The document text of an HTML page: no scripts, navigation or markup; entities decoded."""
    parser = _PageText()
    parser.feed(page)
    parser.close()
    text = "".join(parser.parts)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    joined: str = _BLANK_LINES.sub("\n\n", "\n".join(lines))
    return joined.strip() + "\n"


def _known_encoding(name: str) -> bool:
    if name.lower() in legacy.ALIASES:
        return True
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def read_file(path: Path, encoding: str | None = None) -> SourceText:
    """The text of a document file of any format vanban reads, with line positions."""
    suffix = path.suffix.lower()
    if suffix in OLD_WORD_SUFFIXES:
        check_size(path)
        return read_doc(path)
    if suffix in WORD_SUFFIXES:
        check_size(path)
        return read_docx(path)
    if suffix in PDF_SUFFIXES:
        check_size(path)
        return read_pdf(path)
    if suffix in HTML_SUFFIXES:
        check_size(path)
        data = read_bytes(path, "document", io.MAX_DOCUMENT_BYTES)
        charset = encoding or _html_charset(data)
        if charset in ("utf-8", "utf8"):
            charset = None  # decode() reads UTF-8 and says clearly when it is not
        if charset and not encoding and not _known_encoding(charset):
            raise InputError(
                f"{path}: the page says its charset is {charset!r}, which vanban does not "
                "know; pass --encoding (utf-8, windows-1258, tcvn3, vni)"
            )
        text = html_to_text(decode(data, str(path), charset))
        if not text.strip():
            raise InputError("{path}: no text in the page", path=path)
        return SourceText(text)
    return SourceText(read_document(path, encoding))
