"""Vietnamese text in the encodings old archives hold: Windows-1258, TCVN3 (ABC) and VNI.

Files typed with .VnTime fonts store TCVN3 bytes, with VNI fonts VNI-Windows bytes; shown as
Latin-1 they read "Uû ban nh©n d©n" and "COÄNG HOØA XAÕ HOÄI". :func:`detect` decides on the
bytes which of the three a file is in, by how Vietnamese each decoding reads; :func:`decode`
converts to Unicode (NFC).
"""

from __future__ import annotations

import unicodedata

import regex

# TCVN3 (TCVN 5712:1993, VN3 / ABC fonts): one byte a letter. Capitals with a tone have no
# code of their own (the .VnTimeH fonts draw the lower-case codes as capitals).
_TCVN3_LETTERS = {
    0xB5: "à", 0xB8: "á", 0xB6: "ả", 0xB7: "ã", 0xB9: "ạ",
    0xA8: "ă", 0xBB: "ằ", 0xBE: "ắ", 0xBC: "ẳ", 0xBD: "ẵ", 0xC6: "ặ",
    0xA9: "â", 0xC7: "ầ", 0xCA: "ấ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCB: "ậ",
    0xAE: "đ",
    0xCC: "è", 0xD0: "é", 0xCE: "ẻ", 0xCF: "ẽ", 0xD1: "ẹ",
    0xAA: "ê", 0xD2: "ề", 0xD5: "ế", 0xD3: "ể", 0xD4: "ễ", 0xD6: "ệ",
    0xD7: "ì", 0xDD: "í", 0xD8: "ỉ", 0xDC: "ĩ", 0xDE: "ị",
    0xDF: "ò", 0xE3: "ó", 0xE1: "ỏ", 0xE2: "õ", 0xE4: "ọ",
    0xAB: "ô", 0xE5: "ồ", 0xE8: "ố", 0xE6: "ổ", 0xE7: "ỗ", 0xE9: "ộ",
    0xAC: "ơ", 0xEA: "ờ", 0xED: "ớ", 0xEB: "ở", 0xEC: "ỡ", 0xEE: "ợ",
    0xEF: "ù", 0xF3: "ú", 0xF1: "ủ", 0xF2: "ũ", 0xF4: "ụ",
    0xAD: "ư", 0xF5: "ừ", 0xF8: "ứ", 0xF6: "ử", 0xF7: "ữ", 0xF9: "ự",
    0xFA: "ỳ", 0xFD: "ý", 0xFB: "ỷ", 0xFC: "ỹ", 0xFE: "ỵ",
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
}  # fmt: skip
_TCVN3_TABLE = str.maketrans({chr(code): letter for code, letter in _TCVN3_LETTERS.items()})

# VNI-Windows: a base letter followed by a mark byte (Latin-1 shown); a few letters are one byte.
_VNI_MARKS_LOWER = {
    "ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "à": "\u0302\u0300", "á": "\u0302\u0301", "å": "\u0302\u0309",
    "ã": "\u0302\u0303", "ä": "\u0302\u0323",
    "ê": "\u0306", "è": "\u0306\u0300", "é": "\u0306\u0301", "ú": "\u0306\u0309",
    "ü": "\u0306\u0303", "ë": "\u0306\u0323",
}  # fmt: skip
_VNI_MARKS = {**_VNI_MARKS_LOWER, **{k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}}
# The same marks in canonical order (dot below before circumflex or breve), for encoding.
_VNI_MARK_OF = {
    unicodedata.normalize("NFD", "a" + marks)[1:]: byte for byte, marks in _VNI_MARKS_LOWER.items()
}
_VNI_SINGLE = {
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "ô": "ơ", "ö": "ư", "î": "ỵ", "ñ": "đ",
    "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Ô": "Ơ", "Ö": "Ư", "Î": "Ỵ", "Ñ": "Đ",
}  # fmt: skip
# One pass: a base letter and its mark byte, or a one-byte letter (never both for one byte).
_VNI_CODE = regex.compile(
    "(?P<base>[aeiouyAEIOUYôöÔÖ])(?P<mark>[" + regex.escape("".join(_VNI_MARKS)) + "])"
    "|(?P<single>[" + regex.escape("".join(_VNI_SINGLE)) + "])"
)

# Letters of Vietnamese among U+00A0-U+00FF; every other character of that range is noise.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

ENCODINGS = ("windows-1258", "tcvn3", "vni")
ALIASES = {
    "cp1258": "windows-1258", "windows-1258": "windows-1258", "windows1258": "windows-1258",
    "tcvn3": "tcvn3", "tcvn": "tcvn3", "abc": "tcvn3", "vn3": "tcvn3",
    "vni": "vni", "vni-windows": "vni",
}  # fmt: skip


def _vni_letter(match: regex.Match[str]) -> str:
    if match.group("single"):
        return _VNI_SINGLE[match.group("single")]
    base = _VNI_SINGLE.get(match.group("base"), match.group("base"))
    return unicodedata.normalize("NFC", base + _VNI_MARKS[match.group("mark")])


def decode(data: bytes, encoding: str) -> str:
    """``data`` decoded from one of :data:`ENCODINGS` and composed to NFC."""
    name = ALIASES[encoding.lower()]
    if name == "windows-1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    latin = data.decode("latin-1")
    if name == "tcvn3":
        return unicodedata.normalize("NFC", latin.translate(_TCVN3_TABLE))
    return unicodedata.normalize("NFC", _VNI_CODE.sub(_vni_letter, latin))


def _noise(text: str) -> float:
    """Share of the letters that no Vietnamese text holds (Latin-1 symbols, ø, ©, ¸ ...)."""
    letters = sum(1 for c in text if c.isalpha() or "\u00a0" <= c <= "\u00ff")
    if not letters:
        return 1.0
    noise = sum(
        1
        for c in text
        if ("\u00a0" <= c <= "\u00ff" and c not in _VIETNAMESE_LATIN1) or c == "\ufffd"
    )
    return noise / letters


def detect(data: bytes) -> tuple[str, str] | None:
    """The legacy encoding ``data`` reads best in, and the text; None when none reads well."""
    best: tuple[float, str, str] | None = None
    for name in ENCODINGS:
        text = decode(data, name)
        score = _noise(text)
        if best is None or score < best[0]:
            best = (score, name, text)
    if best is None or best[0] > 0.02:
        return None
    return best[1], best[2]


def encode(text: str, encoding: str) -> bytes:
    """``text`` in a legacy encoding (for tests and for writing fixtures)."""
    name = ALIASES[encoding.lower()]
    if name == "windows-1258":
        # Windows-1258 has â, ê, ô, ơ, ư, ă, đ whole and the five tones as combining marks.
        out = []
        for char in unicodedata.normalize("NFC", text):
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in _TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
            out.append(base + tones)
        return "".join(out).encode("cp1258")
    if name == "tcvn3":
        reverse = {letter: chr(code) for code, letter in _TCVN3_LETTERS.items()}
        lowered = "".join(
            reverse.get(c, reverse.get(c.lower(), c)) if ord(c) > 0x7F else c for c in text
        )
        return lowered.encode("latin-1")
    single = {v: k for k, v in _VNI_SINGLE.items()}
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in single:
            out.append(single[char])
            continue
        parts = unicodedata.normalize("NFD", char)
        base, combining = parts[0], parts[1:]
        if base in "oOuU" and combining.startswith("\u031b"):  # horn: ơ ư
            base, combining = single["ơ" if base in "oO" else "ư"], combining[1:]
            if char.isupper():
                base = base.upper()
        if not combining:
            out.append(base)
            continue
        mark = _VNI_MARK_OF[combining]
        out.append(base + (mark.upper() if char.isupper() else mark))
    return "".join(out).encode("latin-1")
