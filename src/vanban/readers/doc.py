"""Old binary Word files (.doc, Word 97-2003), read through a converter the system has.

There is no well-kept pure-Python reader of the format, so the text comes from a converter:

- antiword (Debian/Ubuntu package ``antiword``), which keeps Word footnotes apart: it writes
  each mark as ``[n]`` where it stands and the bodies after a line of dashes at the end, tables
  as ``|`` rows;
- else LibreOffice (``soffice``), found on the PATH or where its installer puts it on Windows
  and macOS (Windows installers do not add it to the PATH). It converts the file to .docx,
  which the .docx reader reads with its real footnotes. (Its plain-text export drops the
  footnotes: on the dev set's four .doc files it gave 30 of 36 references, the .docx route and
  antiword all 36.)

With neither, the file is refused with the way to get one for the system it runs on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from vanban.core.errors import InputError
from vanban.core.records import SourceText
from vanban.readers.docx import read_docx
from vanban.readers.format import Format
from vanban.readers.patterns import NOTE_START, NOTES_RULE

TIMEOUT_SECONDS = 120
INSTALL_HINT = (
    "an old binary Word file, and no converter for it is installed: install antiword "
    "(`apt-get install antiword`) or LibreOffice, or save it as .docx"
)
WINDOWS_INSTALL_HINT = (
    "an old binary Word file, and no converter for it is installed: install LibreOffice "
    "(libreoffice.org; vanban finds it where its installer puts it), or save it as .docx in Word"
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


def _with_soffice(soffice: str, path: Path) -> SourceText:
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as folder:
        _run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
                "--convert-to",
                "docx",
                "--outdir",
                folder,
                str(path),
            ],
            path,
        )
        converted = Path(folder) / (path.stem + ".docx")
        if not converted.is_file():
            raise InputError("{path}: LibreOffice could not convert it", path=path)
        try:
            return read_docx(converted)
        except InputError:
            raise InputError("{path}: LibreOffice could not convert it", path=path) from None


def install_places(environ: Mapping[str, str], platform: str) -> list[Path]:
    """Where LibreOffice's installer puts ``soffice`` on Windows and macOS (not on the PATH)."""
    if platform == "win32":
        roots = [
            environ.get(name) for name in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")
        ]
        local = environ.get("LOCALAPPDATA")
        places = [Path(root, "LibreOffice", "program", "soffice.exe") for root in roots if root]
        if local:
            places.append(Path(local, "Programs", "LibreOffice", "program", "soffice.exe"))
        return places
    if platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return []


def converter(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> tuple[str, str] | None:
    """The converter found on this machine: ("antiword", path) or ("soffice", path)."""
    antiword = shutil.which("antiword")
    if antiword:
        return "antiword", antiword
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return "soffice", found
    for place in install_places(environ, platform):
        if place.is_file():
            return "soffice", str(place)
    return None


def install_hint(platform: str = sys.platform) -> str:
    """How to get a converter, for the system vanban runs on."""
    return WINDOWS_INSTALL_HINT if platform == "win32" else INSTALL_HINT


def read_doc(path: Path) -> SourceText:
    """The text of a .doc file, footnote marks as ``[n]`` and bodies as ``[n] ...`` paragraphs."""
    if not path.is_file() or not os.access(path, os.R_OK):
        raise InputError("{path}: cannot read the file", path=path)
    found = converter()
    if found is None:
        raise InputError("{path}: {INSTALL_HINT}", path=path, INSTALL_HINT=install_hint())
    name, program = found
    if name == "antiword":
        source = SourceText(_with_antiword(program, path))
    else:
        source = _with_soffice(program, path)
    if not source.text.strip():
        raise InputError("{path}: no text in the Word file (is it a scan?)", path=path)
    return source


FORMAT = Format("doc", (".doc",), 2, lambda path, _options: read_doc(path))
