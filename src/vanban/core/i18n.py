"""The interface's words: English in the code, other languages in one gettext catalogue each.

``locale/vi/LC_MESSAGES/vanban.po`` holds the Vietnamese of every message, label and rule text
(the English is the message id); the ``.mo`` beside it is what runs, compiled from the ``.po``
(a test checks the two agree; ``VANBAN_UPDATE_GOLDENS=1`` remakes it). The standard library's
gettext reads it: nothing to install.
"""

from __future__ import annotations

import gettext
import locale
import os
import string
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "vanban"
LOCALE = Path(__file__).resolve().parent.parent / "locale"


class Language(str, Enum):
    """A language the interface speaks; English is the default, and the messages' own."""

    en = "en"
    vi = "vi"


LANGUAGES = tuple(language.value for language in Language)
"""The codes of :class:`Language`, for settings and the locale."""


class _CheckedTranslations(gettext.GNUTranslations):
    """A catalogue whose entries name only placeholders their English has: one that names
    another (``{nam}`` for ``{name}``) or is not a format (``{name``) would fail where the
    message is said, so the English is said instead. (An entry may leave one out: "ngày
    {dmy}" says the date the English says as ``{date}``.)"""

    def _parse(self, fp: Any) -> None:
        super()._parse(fp)
        catalog: dict[Any, str] = self._catalog  # type: ignore[attr-defined]
        for key, text in list(catalog.items()):
            english = key[0] if isinstance(key, tuple) else key
            if english and not _placeholders(text) <= _placeholders(english):
                del catalog[key]


def _placeholders(text: str) -> set[str]:
    """The names of the ``str.format`` fields of ``text`` (``{count}``, ``{seconds:.1f}``);
    one name no format has when ``text`` is not a format."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"{"}


@cache
def translation(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` (English: none, the messages as written). A catalogue
    that cannot be read (a truncated or damaged ``.mo``) is said once on stderr, and the
    messages are said in English."""
    try:
        return gettext.translation(
            DOMAIN, LOCALE, languages=[language], fallback=True, class_=_CheckedTranslations
        )
    except Exception:  # noqa: BLE001 - struct.error, OSError, UnicodeDecodeError ...
        mo = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        sys.stderr.write(f"warning: {mo}: a damaged catalogue; messages in English\n")
        return gettext.NullTranslations()


def translator(language: str) -> Callable[[str], str]:
    """``gettext`` for one language: the message in that language, or as written."""
    return translation(language).gettext


def chosen_language(
    argv: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    ui_language: Callable[[], int] | None = None,
) -> str:
    """The language asked for: ``--lang vi`` (or ``--lang=vi``) among the arguments, else
    ``VANBAN_LANG``, else a Vietnamese locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else on
    Windows (which sets none of these) the language of the user's Windows, else English."""
    asked = requested_language(argv, environ)
    return asked or system_language(platform, ui_language) or "en"


def system_language(
    platform: str = sys.platform, ui_language: Callable[[], int] | None = None
) -> str | None:
    """The language of the user's Windows (its display language, a Windows language id such as
    0x042A, Vietnamese); None elsewhere, where the locale's variables say it."""
    if platform != "win32":
        return None
    try:
        language_id = (ui_language or _windows_ui_language)()
    except (AttributeError, OSError):
        return None
    name = locale.windows_locale.get(language_id, "")
    return "vi" if name.startswith("vi") else "en"


def _windows_ui_language() -> int:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return int(kernel32.GetUserDefaultUILanguage())


def requested_language(
    argv: Sequence[str] = (), environ: Mapping[str, str] | None = None
) -> str | None:
    """The language the arguments or the environment ask for; None when they say nothing."""
    env = os.environ if environ is None else environ
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return _known(argv[index + 1])
        if word.startswith("--lang="):
            return _known(word.split("=", 1)[1])
    if env.get("VANBAN_LANG"):
        return _known(env["VANBAN_LANG"])
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return None


def _known(value: str) -> str:
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else "en"


def marked(text: str) -> str:
    """A text for the catalogue, translated where it is shown (imported as ``_marked``, the
    name the catalogue's extraction looks for)."""
    return text


_marked = marked


PLACE_WORDS = {
    "page": _marked("page {number}"),
    "line": _marked("line {number}"),
    "footnote": _marked("footnote {number}"),
    "foot": _marked("foot of the page"),
}
"""The words of a place in an original file as its reader names it ("page 3, line 12",
"page 2, footnote 4", "footnote 1")."""


def said_where(where: str, language: str) -> str:
    """A place in an original file ("page 3, line 12") in ``language`` ("trang 3, dòng 12")."""
    said = translator(language)
    parts = []
    for part in where.split(", "):
        word, _space, number = part.partition(" ")
        if word not in PLACE_WORDS:
            return where
        parts.append(said(PLACE_WORDS[word]).format(number=number))
    return ", ".join(parts)
