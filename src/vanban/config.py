"""Settings for ``vanban check`` from ``[tool.vanban]`` in pyproject.toml or from vanban.toml."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KNOWN_KEYS = {"select", "ignore", "strict", "lang", "require-resolved"}


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
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
                raise InputError(f"{path}: cannot read settings ({error})") from None
            section = data if name == "vanban.toml" else data.get("tool", {}).get("vanban")
            if section is None:
                continue
            unknown = set(section) - KNOWN_KEYS
            if unknown:
                raise InputError(
                    f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; "
                    f"known: {', '.join(sorted(KNOWN_KEYS))}"
                )
            return path, section
    return None
