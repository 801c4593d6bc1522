"""Old binary Word files (.doc, Word 97-2003), read through a converter the system has.

There is no well-kept pure-Python reader of the format, so the text comes from antiword
(Debian/Ubuntu package ``antiword``), the converter that keeps Word footnotes apart: it writes
each mark as ``[n]`` where it stands and the bodies after a line of dashes at the end, tables
as ``|`` rows. Where antiword is missing, LibreOffice (``soffice``) converts the file to text
instead; with neither, the file is refused with the way to get one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from vanban.core.errors import InputError
from vanban.core.records import SourceText
from vanban.readers.format import Format
from vanban.readers.patterns import NOTE_START, NOTES_RULE

TIMEOUT_SECONDS = 120
INSTALL_HINT = (
    "an old binary Word file, and no converter for it is installed: install antiword "
    "(`apt-get install antiword`) or LibreOffice, or save it as .docx"
)
# antiword puts the footnote bodies after a line of dashes; each body starts "[n] ".


def _run(command: list[str], path: Path) -> bytes:
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, stdin=None
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            "{path}: the .doc converter took over {TIMEOUT_SECONDS} s",
            path=path,
            TIMEOUT_SECONDS=TIMEOUT_SECONDS,
        ) from None
    except OSError as error:
        raise InputError(
            "{path}: cannot run {program}: {reason}",
            path=path,
            program=command[0],
            reason=error.strerror,
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[-1].replace(str(path), "the file") if said else f"exit {done.returncode}"
        raise InputError(
            "{path}: {program} cannot read it: {reason}",
            path=path,
            program=Path(command[0]).name,
            reason=reason,
        )
    return done.stdout


def _with_antiword(antiword: str, path: Path) -> str:
    data = _run([antiword, "-w", "0", "-m", "UTF-8.txt", str(path)], path)
    text = data.decode("utf-8", "replace")
    rule = NOTES_RULE.search(text)
    if rule is None:
        return text
    # Each footnote body its own paragraph, so the footnote step ties it to its mark.
    notes: str = NOTE_START.sub(r"\n\1", text[rule.end() :])
    return text[: rule.start()] + "\n" + notes


def _with_soffice(soffice: str, path: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as folder:
        _run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{Path(folder).as_posix()}/profile",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                folder,
                str(path),
            ],
            path,
        )
        converted = Path(folder) / (path.stem + ".txt")
        if not converted.is_file():
            raise InputError("{path}: LibreOffice could not convert it", path=path)
        return converted.read_text(encoding="utf-8-sig", errors="replace")


def converter() -> tuple[str, str] | None:
    """The converter found on this machine: ("antiword", path) or ("soffice", path)."""
    antiword = shutil.which("antiword")
    if antiword:
        return "antiword", antiword
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return "soffice", found
    return None


def read_doc(path: Path) -> SourceText:
    """The text of a .doc file, footnote marks as ``[n]`` and bodies as ``[n] ...`` paragraphs."""
    if not path.is_file() or not os.access(path, os.R_OK):
        raise InputError("{path}: cannot read the file", path=path)
    found = converter()
    if found is None:
        raise InputError("{path}: {INSTALL_HINT}", path=path, INSTALL_HINT=INSTALL_HINT)
    name, program = found
    text = _with_antiword(program, path) if name == "antiword" else _with_soffice(program, path)
    if not text.strip():
        raise InputError("{path}: no text in the Word file (is it a scan?)", path=path)
    return SourceText(text)


FORMAT = Format("doc", (".doc",), 2, lambda path, _options: read_doc(path))
