"""The Vietnamese catalogue: compiled, complete, and asking only for placeholders the English
has."""

from __future__ import annotations

import gettext
import inspect
import os
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from vanban.checks.registry import RULES
from vanban.cli import CLICK_MESSAGES, CLICK_WORDS, TYPER_WORDS, app
from vanban.core.i18n import LOCALE, PLACE_WORDS, chosen_language, translator
from vanban.core.relations import RELATIONS
from vanban.core.vocabulary import FAMILIES
from vanban.output.pages import LABELS
from vanban.output.terminal import CARD_LABELS, ROW_COLUMNS, STATS_PLACEHOLDERS, SUMMARY

from .conftest import ROOT

PO = LOCALE / "vi" / "LC_MESSAGES" / "vanban.po"
MO = PO.with_suffix(".mo")


def _catalogue() -> dict[str, str]:
    with PO.open("rb") as stream:
        return {m.id: m.string for m in read_po(stream, locale="vi") if m.id}


def test_the_compiled_catalogue_is_the_po_file() -> None:
    if os.environ.get("VANBAN_UPDATE_GOLDENS") == "1":
        with PO.open("rb") as source, MO.open("wb") as target:
            write_mo(target, read_po(source, locale="vi"))
    with MO.open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    assert {k: v for k, v in compiled._catalog.items() if k} == _catalogue()  # type: ignore[attr-defined]


def _used() -> set[str]:
    """Every English text the interface shows through the catalogue."""
    words = {*LABELS.values(), *(r.label for r in RELATIONS), SUMMARY, *PLACE_WORDS.values()}
    words |= {message for rule in RULES for message in rule.messages.values()}
    words |= {text for rule in RULES for text in (rule.doc.checks, rule.doc.why)}
    for _, _, message, *_ in extract_from_dir(
        str(ROOT / "src" / "vanban"), keywords={"_": None, "_marked": None}
    ):
        words.add(message if isinstance(message, str) else message[0])
    words |= {
        inspect.cleandoc(c.callback.__doc__ or "") for c in app.registered_commands if c.callback
    }
    words |= set(CARD_LABELS.values()) | set(STATS_PLACEHOLDERS) | set(FAMILIES.values())
    words |= set(CLICK_WORDS) | set(CLICK_MESSAGES)
    words |= {title for title, _ in ROW_COLUMNS} | {"Title"} | {e for _, e in TYPER_WORDS}
    return words


def test_every_text_has_its_vietnamese_with_known_placeholders() -> None:
    catalogue = _catalogue()
    formatter = string.Formatter()
    for english in sorted(_used()):
        assert catalogue.get(english), f"no Vietnamese for {english!r}"
        names = {name for _, name, _, _ in formatter.parse(english) if name}
        translated = {name for _, name, _, _ in formatter.parse(catalogue[english]) if name}
        assert translated <= names, english  # a translation may say less, never ask for more


READ_WHAT = ("document", "graph file", "register", "text document", ".csv register")
"""What ``io.read_bytes`` and ``io.decode`` say a file was to be (their ``what``, said in the
catalogue's words)."""


def test_the_errors_of_reading_and_writing_speak_vietnamese() -> None:
    from babel.messages.extract import extract_from_file

    catalogue = _catalogue()
    keywords = {"InputError": None, "OutputError": None, "GraphFormatError": None}
    found = [
        message
        for path in sorted((ROOT / "src" / "vanban").rglob("*.py"))
        for _, message, _, _ in extract_from_file("python", str(path), keywords)
        if "{" in message  # a template; messages built whole are said as they are
    ]
    assert len(found) >= 40
    for english in [*found, *READ_WHAT]:
        assert catalogue.get(english), english
    from vanban.core.errors import InputError

    error = InputError("{path}: is a folder, not a {what}", path="kho", what="register")
    assert str(error) == "kho: is a folder, not a register"
    assert error.said_in(translator("vi")) == "kho: là thư mục, không phải sổ đăng ký"


def test_translator() -> None:
    assert (
        translator("vi")("undated reference to {what}")
        == "tham chiếu {what} chưa ghi ngày ban hành"
    )
    assert translator("en")("undated reference to {what}") == "undated reference to {what}"


# fmt: off
@pytest.mark.parametrize(("argv", "environ", "language"), [
    ([], {}, "en"),
    (["check", "--lang", "vi"], {}, "vi"),
    (["check", "--lang=vi"], {"VANBAN_LANG": "en"}, "vi"),
    (["check"], {"VANBAN_LANG": "vi"}, "vi"),
    (["check"], {"LANG": "vi_VN.UTF-8"}, "vi"),
    (["check"], {"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
    (["check", "--lang", "fr"], {}, "en"),
])
# fmt: on
def test_chosen_language(argv: list[str], environ: dict[str, str], language: str) -> None:
    assert chosen_language(argv, environ) == language
