"""Settings for ``vanban check`` from ``[tool.vanban]`` in pyproject.toml or from vanban.toml."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanban.core.errors import InputError
from vanban.core.i18n import LANGUAGES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KNOWN_KEYS = {
    "select",
    "ignore",
    "strict",
    "lang",
    "require-resolved",
    "register",
    "register-columns",
    "per-file-ignores",
}


@dataclass(frozen=True)
class Settings:
    """``[tool.vanban]`` read and checked: each value of the type its key needs."""

    path: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    strict: bool | None = None
    lang: str | None = None
    require_resolved: bool | None = None
    register: list[Path] = field(default_factory=list)
    """Register files (relative to the settings file), read by check, show, list and parse."""
    register_columns: str | None = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    """Rules left out for the files a pattern matches (``"archive/*.pdf" = ["VB101"]``), the
    patterns relative to the settings file's folder, as ruff's ``per-file-ignores``."""

    def ignored_in(self, path: str) -> set[str]:
        """The rules (codes or names) ``per-file-ignores`` leaves out for ``path``."""
        if not self.per_file_ignores:
            return set()
        candidate = Path(path).resolve()
        base = self.path.parent.resolve() if self.path else Path.cwd()
        try:
            relative = candidate.relative_to(base).as_posix()
        except ValueError:
            relative = candidate.as_posix()
        return {
            rule
            for pattern, rules in self.per_file_ignores.items()
            if fnmatch.fnmatchcase(relative, pattern)
            or fnmatch.fnmatchcase(candidate.name, pattern)
            for rule in rules
        }


def load_settings(start: Path, rule_names: Callable[[], Collection[str]] | None = None) -> Settings:
    """The settings that apply to ``start`` (none when there is no settings file); a value of
    the wrong kind is an :class:`InputError` naming the file, the key and what is allowed.
    Rules the file names are checked against ``rule_names()``, asked for only then."""
    found = find_config(start)
    if found is None:
        return Settings()
    path, section = found

    def at(key: str) -> dict[str, object]:
        """Where a wrong value is, for its error: the file, the key and the value."""
        return {"path": path, "key": key, "value": section[key]}

    def rules(key: str, value: object = None) -> list[str]:
        value = section.get(key, []) if value is None else value
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(
                "{path}: {key} = {value!r}: give rule codes or names, "
                'e.g. ["VB101", "broken-reference"]',
                **at(key),
            )
        names = [n.strip() for v in value for n in v.split(",") if n.strip()]
        known = rule_names() if rule_names is not None and names else None
        unknown = [n for n in names if known is not None and n not in known]
        if unknown:
            raise InputError(
                "{path}: {key} = {value!r}: unknown rule {rule!r}", rule=unknown[0], **at(key)
            )
        return names

    def flag(key: str) -> bool | None:
        value = section.get(key)
        if value is not None and not isinstance(value, bool):
            raise InputError("{path}: {key} = {value!r}: give true or false", **at(key))
        return value

    def files(key: str) -> list[Path]:
        value = section.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise InputError(
                "{path}: {key} = {value!r}: give a file or a list of files, "
                'e.g. ["so-dang-ky.xlsx"]',
                **at(key),
            )
        return [path.parent / v for v in value]

    def columns(key: str) -> str | None:
        value = section.get(key)
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise InputError(
                "{path}: {key} = {value!r}: give the columns as text, "
                'e.g. "symbol=B,date=C,title=D"',
                **at(key),
            )
        return value

    def per_file(key: str) -> dict[str, list[str]]:
        value = section.get(key, {})
        if not isinstance(value, dict):
            raise InputError(
                '{path}: {key} = {value!r}: give patterns and rules, e.g. {{"*.pdf" = ["VB101"]}}',
                **at(key),
            )
        return {str(pattern): rules(key, listed) for pattern, listed in value.items()}

    lang = section.get("lang")
    if lang is not None and lang not in LANGUAGES:
        choices = ", ".join(repr(code) for code in LANGUAGES)
        raise InputError(
            "{path}: {key} = {value!r}: give one of {choices}", choices=choices, **at("lang")
        )
    return Settings(
        path,
        rules("select"),
        rules("ignore"),
        flag("strict"),
        lang,
        flag("require-resolved"),
        files("register"),
        columns("register-columns"),
        per_file("per-file-ignores"),
    )


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest vanban.toml, or pyproject.toml with [tool.vanban], from ``start`` upward."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in ("vanban.toml", "pyproject.toml"):
            path = candidate / name
            if not path.is_file():
                continue
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:  # not TOML, not UTF-8, a 5,000-digit number
                raise InputError(
                    "{path}: cannot read settings ({error})",
                    path=path,
                    error=str(error).split(";")[0],
                ) from None
            section = data if name == "vanban.toml" else data.get("tool", {}).get("vanban")
            if section is None:
                continue
            unknown = set(section) - KNOWN_KEYS
            if unknown:
                raise InputError(
                    "{path}: unknown setting(s) {unknown}; known: {known}",
                    path=path,
                    unknown=", ".join(sorted(unknown)),
                    known=", ".join(sorted(KNOWN_KEYS)),
                )
            return path, section
    return None
