"""Reading documents and graphs, writing outputs. The only module that touches files.

Outputs are written atomically: to a temporary file beside the target, then renamed,
so an interrupted run leaves what was there before.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from . import legacy
from .emit import to_yaml
from .errors import GraphFormatError, InputError, OutputError
from .schema import validate_graph

try:  # the C parser when PyYAML was built with libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SCHEMA_VERSION = 1


MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""Largest document read (directives are kilobytes; a larger file is most likely not one)."""


def check_size(path: Path) -> None:
    """Refuse a document larger than :data:`MAX_DOCUMENT_BYTES` before reading it."""
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES and path.is_file():
            raise InputError(
                f"{path}: {size / 1048576:.1f} MB is larger than the "
                f"{MAX_DOCUMENT_BYTES // 1048576} MB a document may be; "
                "pass --max-size to read it anyway"
            )


def read_document(path: Path, encoding: str | None = None) -> str:
    """The text of a document file, decoded; an :class:`InputError` says why not."""
    check_size(path)
    text = decode(read_bytes(path, "document"), str(path), encoding)
    if not text.strip():
        raise InputError(f"{path}: empty document")
    return text


def read_bytes(path: Path, what: str) -> bytes:
    """The bytes of a file; an :class:`InputError` in one line when they cannot be had."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a {what}") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode the bytes of a text document: UTF-8 (with or without BOM) or UTF-16 with BOM."""
    if encoding:
        if encoding.lower() in legacy.ALIASES:
            return legacy.decode(data, encoding)
        try:
            return data.decode(encoding)
        except LookupError:
            known = ", ".join(("utf-8", "utf-16", *legacy.ENCODINGS))
            raise InputError(f"{name}: unknown encoding {encoding!r}; try one of {known}") from None
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name}: not valid {encoding} (byte {error.start}); check --encoding"
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: UTF-16 byte order mark but invalid UTF-16") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file, not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        found = legacy.detect(data)
        if found is not None:
            return found[1]
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {error.start}), nor Windows-1258, "
            "TCVN3 or VNI; re-save it as UTF-8 or pass --encoding"
        ) from None


def dump_yaml(data: dict[str, Any]) -> str:
    """YAML text of a graph: block style, Unicode kept, keys in the order given."""
    return to_yaml(data)


def dump_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load_graph_data(path: Path) -> dict[str, Any]:
    """Load a whole graph file (YAML or JSON) safely and check that it is a vanban graph."""
    core, sources = load_graph_parts(path)
    return {**core, "sources": sources.all()}


class Sources:
    """The ``sources`` of a graph, read all at once or only those of some documents."""

    def __init__(
        self,
        load_all: Callable[[], list[dict[str, Any]]],
        load_some: Callable[[list[str]], list[dict[str, Any]]] | None = None,
    ) -> None:
        self._load_all = load_all
        self._load_some = load_some
        self._all: list[dict[str, Any]] | None = None

    def all(self) -> list[dict[str, Any]]:
        if self._all is None:
            self._all = self._load_all()
        return self._all

    def some(self, ids: list[str]) -> list[dict[str, Any]]:
        """The sources whose ``id`` is in ``ids``, in graph order."""
        if self._all is None and self._load_some is not None:
            found = self._load_some(ids)
            if found is not None:
                return found
        wanted = set(ids)
        return [s for s in self.all() if s.get("id") in wanted]


def load_graph_parts(path: Path) -> tuple[dict[str, Any], Sources]:
    """The graph without its sources, and the sources to read when they are needed.

    A YAML graph is parsed once; what was read is kept beside it (``.NAME.cache.json`` for
    documents and edges, ``.NAME.sources.jsonl`` for sources, one a line) with the YAML's
    SHA-256, so later commands read JSON, and only the part they need, while the YAML is
    unchanged.
    """
    raw = read_bytes(path, "graph file")
    digest = hashlib.sha256(raw).hexdigest()
    cached = _read_cache(cache_path(path), digest)
    if cached is not None:
        core, lines = cached
        return core, Sources(
            lambda: _cached_sources(path, digest, core, lines, None),
            lambda ids: _cached_sources(path, digest, core, lines, ids),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; a vanban graph is written in UTF-8") from None
    data = _parse_graph_text(text, path)
    _check_frame(data, path)
    validate_graph(data, str(path))
    if path.suffix.lower() != ".json":
        _write_cache(path, digest, data)
    sources: list[dict[str, Any]] = data.get("sources") or []
    return {k: v for k, v in data.items() if k != "sources"}, Sources(lambda: sources)


def _cached_sources(
    path: Path, digest: str, core: dict[str, Any], lines: dict[str, int], ids: list[str] | None
) -> list[dict[str, Any]]:
    """Sources from the JSON-lines copy: all, or the lines of ``ids``."""
    try:
        with sources_cache_path(path).open("rb") as stream:
            header = json.loads(stream.readline())
            if not isinstance(header, dict) or header.get("sha256") != digest:
                raise ValueError("stale copy")
            if ids is None:
                found = [json.loads(line) for line in stream]
            else:
                found = []
                for offset in sorted(lines[i] for i in ids if i in lines):
                    stream.seek(offset)
                    found.append(json.loads(stream.readline()))
        validate_graph({**core, "sources": found}, str(path))
    except (OSError, ValueError, TypeError, KeyError, GraphFormatError):
        sources: list[dict[str, Any]] = load_graph_data_uncached(path)["sources"]
        if ids is None:
            return sources
        wanted = set(ids)
        return [s for s in sources if s.get("id") in wanted]
    return found


def load_graph_data_uncached(path: Path) -> dict[str, Any]:
    """Parse the graph file itself, ignoring any fast copy."""
    text = read_bytes(path, "graph file").decode("utf-8-sig", errors="replace")
    data = _parse_graph_text(text, path)
    _check_frame(data, path)
    validate_graph(data, str(path))
    result: dict[str, Any] = data
    return result


def _parse_graph_text(text: str, path: Path) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise GraphFormatError(
                f"{path}: not a vanban graph (invalid JSON: {error.msg})"
            ) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise GraphFormatError(f"{path}: not a vanban graph ({problem})") from None


def _check_frame(data: Any, path: Path) -> None:
    if not isinstance(data, dict) or "documents" not in data or "sources" not in data:
        raise GraphFormatError(f"{path}: not a vanban graph (no 'sources' and 'documents')")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise GraphFormatError(f"{path}: not a vanban graph (no schema 'version')")
    if version > SCHEMA_VERSION:
        raise GraphFormatError(
            f"{path}: graph schema version {version} is newer than this vanban reads "
            f"({SCHEMA_VERSION}); upgrade vanban"
        )


def cache_path(path: Path) -> Path:
    """Where the fast copy of a YAML graph's documents and edges is kept."""
    return path.with_name(f".{path.name}.cache.json")


def sources_cache_path(path: Path) -> Path:
    """Where the fast copy of a YAML graph's sources is kept, one JSON line each."""
    return path.with_name(f".{path.name}.sources.jsonl")


def _read_cache(path: Path, digest: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The documents and edges of the copy, and where each source's line starts."""
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(cached, dict) or cached.get("sha256") != digest:
        return None
    core, lines = cached.get("graph"), cached.get("source_lines")
    if not isinstance(core, dict) or not isinstance(lines, dict):
        return None
    if not isinstance(core.get("documents"), dict) or not isinstance(core.get("edges"), list):
        return None
    try:
        _check_frame({**core, "sources": []}, path)
    except GraphFormatError:
        return None
    return core, lines


def _write_cache(path: Path, digest: str, data: dict[str, Any]) -> None:
    """Keep the fast copies; a folder that cannot take them only makes later loads slower."""
    core = {k: v for k, v in data.items() if k != "sources"}
    header = json.dumps({"sha256": digest}) + "\n"
    lines = [header]
    offsets: dict[str, int] = {}
    position = len(header.encode("utf-8"))
    for source in data.get("sources") or []:
        line = json.dumps(source, ensure_ascii=False) + "\n"
        offsets[str(source.get("id"))] = position
        position += len(line.encode("utf-8"))
        lines.append(line)
    with contextlib.suppress(OutputError, OSError):
        write_atomic(sources_cache_path(path), "".join(lines))
        wrapper = {"sha256": digest, "graph": core, "source_lines": offsets}
        write_atomic(cache_path(path), json.dumps(wrapper, ensure_ascii=False))


def write_graph(path: Path, data: dict[str, Any], as_json: bool = False) -> None:
    """Write a graph atomically, with its fast copies beside it when it is YAML."""
    text = dump_json(data) if as_json else dump_yaml(data)
    write_atomic(path, text)
    if not as_json and path.suffix.lower() != ".json":
        _write_cache(path, hashlib.sha256(text.encode("utf-8")).hexdigest(), data)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the output")
    if not directory.is_dir():
        raise OutputError(f"{path}: folder {directory} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock beside ``path`` (``.NAME.lock``) so two updates do not interleave.

    Waits up to ``timeout`` seconds (default: $VANBAN_LOCK_TIMEOUT, else 60) for another holder.
    """
    if timeout is None:
        timeout = float(os.environ.get("VANBAN_LOCK_TIMEOUT", "60"))
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    except OSError as error:
        raise OutputError(
            f"{path}: cannot create lock file {lock_path} ({error.strerror})"
        ) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError(
                        f"{path}: another vanban is updating it; gave up after {timeout:.0f} s"
                    ) from None
                time.sleep(0.2)
        yield
    finally:
        handle.close()
