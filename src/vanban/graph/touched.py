"""An update's graph made again only where the files that changed can change it.

A document node belongs to one symbol (its key, the symbol in capitals): every reference to that
symbol, and every file that is that document, decide how many nodes the symbol is, their ids and
what they say (a dated reference can split one number into two documents, an undated one can
become ambiguous). The files that changed (read again, or gone) can change only the nodes of the
symbols they cited or were, before and after: the *touched* symbols. Those nodes are made again
by :func:`build_graph` from every file that cites or is one of them (the changed files, and the
sources of the graph that cite a touched symbol, restored as documents); every other node,
source and edge is the graph's as it was.

Where that cannot be sure to give what building the whole graph gives, :func:`rebuild_touched`
returns None and the caller builds the whole graph: a file without a number or a date among the
files changed (such files are matched as copies by their text, whatever their symbol), a
register's rows, or a node made here whose id or body differs from the one the rest of the graph
knows. The copies and versions of a document made again are made again with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from vanban.core.records import CitationGraph, DocumentNode, Edge, ParsedDocument, Source
from vanban.graph.build import (
    EarlierIds,
    add_edges,
    build_graph,
    edge_order,
    source_record,
    symbol_key,
)
from vanban.graph.restore import document_from_source


def rebuild_touched(
    previous: CitationGraph,
    changed: Iterable[str],
    fresh: list[ParsedDocument],
    earlier: EarlierIds,
    where: str,
) -> CitationGraph | None:
    """``previous`` (with its sources and edges) with the sources of the paths ``changed``
    (read again, or gone) replaced by the documents ``fresh``: the graph :func:`build_graph`
    makes of all its documents, given ``previous`` and ``earlier`` (the ids it had); None when
    that cannot be made surely here (see the module). ``where`` names the graph in errors."""
    gone = set(changed)
    if any(n.registered is not None for n in previous.documents.values()):
        return None
    replaced = [s for s in previous.sources if s.path in gone]
    if any(not (s.symbol and s.date) for s in replaced):
        return None
    if any(not (d.identity.symbol and d.identity.date) for d in fresh):
        return None
    touched = {symbol_key(s.symbol) for s in replaced if s.symbol}
    touched |= {symbol_key(c.symbol) for s in replaced for c in s.references}
    touched |= {symbol_key(d.identity.symbol.canonical) for d in fresh if d.identity.symbol}
    touched |= {symbol_key(r.symbol.canonical) for d in fresh for r in d.references}
    nodes = previous.documents
    old_ids = {
        key for key, node in nodes.items() if node.symbol and symbol_key(node.symbol) in touched
    }
    citing = [
        s
        for s in previous.sources
        if s.path not in gone
        and (s.id in old_ids or any(c.target in old_ids for c in s.references))
    ]
    citing = _with_copies(citing, previous.sources, gone)
    documents = [document_from_source(s, f"{where}: {s.path}") for s in citing] + fresh
    documents.sort(key=lambda d: (d.path or "", d.content_hash or ""))  # as build_graph does
    part = build_graph(documents, nodes, earlier)
    made = {
        key: node
        for key, node in part.documents.items()
        if node.symbol and symbol_key(node.symbol) in touched
    }
    if not _agrees(part, made, citing, previous):
        return None
    kept = {key: node for key, node in nodes.items() if key not in old_ids}
    if any(key in kept for key in made):
        return None  # an id another node has: the whole graph settles it
    remade = {s.path: s for s in part.sources}
    old_sources = {s.path: s for s in citing}
    versioned = {s.id for s in part.sources if s.version_of}
    by_path: dict[str | None, Source] = {}
    edges_made: dict[tuple[str, str, str, str | None], Edge] = {}
    stated: set[tuple[str, str, str]] = set()  # by the versions of a document, each once
    for document in documents:
        source = remade[document.path]
        ids = [c.target for c in source.references]
        old = old_sources.get(document.path)
        if old is not None:  # its references to untouched symbols keep their documents
            ids = [
                new if before.target in old_ids else before.target
                for before, new in zip(old.references, ids, strict=True)
            ]
        made_source = source_record(document, source.id, ids)
        made_source.copy_of, made_source.version_of = source.copy_of, source.version_of
        by_path[document.path] = made_source
        if not source.copy_of:  # a copy states nothing its original does not
            add_edges(
                edges_made, document, source.id, ids, stated if source.id in versioned else None
            )
    sources = [by_path.get(s.path, s) for s in previous.sources if s.path not in gone]
    sources += [by_path[d.path] for d in fresh]
    sources.sort(key=lambda s: (s.path or "", s.sha256 or ""))
    edges = [e for e in previous.edges if e.path not in by_path and e.path not in gone]
    edges += edges_made.values()
    edges.sort(key=edge_order)
    return CitationGraph(
        sources=sources,
        documents={**kept, **made},
        edges=edges,
        roots=list(previous.roots),
        version=previous.version,
    )


def _with_copies(citing: list[Source], every: list[Source], gone: set[str]) -> list[Source]:
    """``citing`` and the copies and versions of the documents it holds (all the files of one
    document are made again together: a copy's references are counted once, what versions
    state is stated once), in graph order."""
    shared = {s.id for s in every if s.copy_of or s.version_of}
    wanted = {s.id for s in citing} & shared
    if not wanted:
        return citing
    held = {s.path for s in citing}
    return [s for s in every if s.path in held or (s.id in wanted and s.path not in gone)]


def _agrees(
    part: CitationGraph,
    made: Mapping[str, DocumentNode],
    citing: list[Source],
    previous: CitationGraph,
) -> bool:
    """Whether the graph ``part``, made of the touched symbols' files only, agrees with the
    rest of ``previous``: each source kept has the id it had (the documents it cites list it by
    that id) and is the copy or version it was; each document read whose node is not remade has
    the body it had, and so has each one read before that is (the bodies of citing documents
    shape those of the documents they cite)."""
    by_path = {s.path: s for s in part.sources}
    for old in citing:
        new = by_path.get(old.path)
        if new is None or new.id != old.id:
            return False
        if (new.copy_of, new.version_of) != (old.copy_of, old.version_of):
            return False
    nodes = previous.documents
    for key, node in part.documents.items():
        if not node.in_corpus:
            continue
        was = nodes.get(key)
        if key not in made and (was is None or was.body != node.body):
            return False  # a node of the rest of the graph, as this part makes it
        if was is not None and was.in_corpus and was.body != node.body:
            return False  # a document read whose body changed: those it cites may change
    return True
