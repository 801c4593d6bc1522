"""Build the citation graph: one node per distinct document, edges between documents.

Identity rules (see docs/schema.md):

* References with the same symbol (case and spacing aside) are candidates for one
  document. A Party ``QĐ`` code is split by its kind word (Quyết định / Quy định), and a
  ``TU``/``HU`` code by the committee its issuer phrase names (Tỉnh ủy / Thị ủy ...).
* Dated references are one document per date: State administrative numbers restart
  every year and Party numbers every term, so two dates are two documents.
* An undated reference joins the one document it can be; when it could be several, it
  becomes a node of its own marked ``ambiguous`` rather than be merged wrongly.
* A document read from a file is identified by its header number and date, so the
  references of other files resolve to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import regex

from vanban.core.bodies import (
    body_level,
    canonical_body,
    document_body,
    named_in_short,
    placed,
    placed_by_citing,
    stated_in_full,
)
from vanban.core.identity import committee_level, kind_class, may_be_one
from vanban.core.records import (
    Citation,
    CitationGraph,
    DocumentNode,
    Edge,
    Identity,
    ParsedDocument,
    Reference,
    ShortCitation,
    Source,
    Symbol,
)
from vanban.core.symbols import kind_from_code
from vanban.core.vocabulary import fold_words
from vanban.readers.registry import format_of

_AMBIGUOUS_NOTE = "undated reference that could be any of"


@dataclass
class _Document:
    """A document being assembled from the places that name it."""

    key: str
    kind_class: str | None
    level: str | None
    date: str | None
    own: ParsedDocument | None = None
    references: list[Reference] = field(default_factory=list)
    cited_by: set[int] = field(default_factory=set)
    ambiguous: list[_Document] = field(default_factory=list)
    is_ambiguous: bool = False
    id: str = ""
    aliases: list[str] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)
    """The symbol as each reference to it wrote it, copies' references included."""
    versioned: bool = False
    """Read from several files that are not copies of one another (versions)."""


def symbol_key(symbol: str) -> str:
    """What groups the references to one number: the symbol in capitals."""
    return symbol.upper()


def edge_order(edge: Edge) -> tuple[str, str, str, str, int]:
    """The order of a graph's edges."""
    return (edge.source, edge.relation, edge.target, edge.path or "", edge.line)


def _compatible(document: _Document, kind_class: str | None, level: str | None) -> bool:
    return may_be_one(document.level, document.kind_class, level, kind_class)


class _Registry:
    def __init__(self) -> None:
        self.groups: dict[str, list[_Document]] = {}

    def add(self, document: _Document) -> _Document:
        self.groups.setdefault(document.key, []).append(document)
        return document

    def dated(self, key: str, kind_class: str | None, level: str | None, date: str) -> _Document:
        group = self.groups.get(key, [])
        for document in group:
            if document.date == date and _compatible(document, kind_class, level):
                return self._narrow(document, kind_class, level)
        undated_own = [
            d
            for d in group
            if d.date is None and d.own is not None and _compatible(d, kind_class, level)
        ]
        if len(undated_own) == 1:
            undated_own[0].date = date
            return self._narrow(undated_own[0], kind_class, level)
        return self.add(_Document(key, kind_class, level, date))

    def undated(self, key: str, kind_class: str | None, level: str | None) -> _Document:
        group = self.groups.get(key, [])
        candidates = [d for d in group if not d.is_ambiguous and _compatible(d, kind_class, level)]
        if len(candidates) == 1:
            return self._narrow(candidates[0], kind_class, level)
        if not candidates:
            return self.add(_Document(key, kind_class, level, None))
        for document in group:
            if document.is_ambiguous and (document.kind_class, document.level) == (
                kind_class,
                level,
            ):
                return document
        ambiguous = self.add(_Document(key, kind_class, level, None, is_ambiguous=True))
        ambiguous.ambiguous = candidates
        return ambiguous

    @staticmethod
    def _narrow(document: _Document, kind_class: str | None, level: str | None) -> _Document:
        document.kind_class = document.kind_class or kind_class
        document.level = document.level or level
        return document


@dataclass(frozen=True)
class EarlierIds:
    """The ids the documents without a number had in a graph, by their text's hash and by
    their file: an update gives each its id again, though its file moved or its text changed."""

    by_content: Mapping[str, str] = field(default_factory=dict)
    by_path: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, sources: Iterable[Source]) -> EarlierIds:
        by_content: dict[str, str] = {}
        by_path: dict[str, str] = {}
        for source in sources:
            if source.symbol is None and not source.copy_of:
                if source.sha256:
                    by_content.setdefault(source.sha256, source.id)
                if source.path:
                    by_path.setdefault(source.path, source.id)
        return cls(by_content, by_path)

    def of_document(self, doc: ParsedDocument) -> str | None:
        """The id ``doc`` had: that of its text, else that of its file."""
        found = self.by_content.get(doc.content_hash or "")
        return found or self.by_path.get(doc.path or "")


def build_graph(
    documents: Iterable[ParsedDocument],
    previous: Mapping[str, DocumentNode] | None = None,
    earlier: EarlierIds | None = None,
) -> CitationGraph:
    """Merge parsed documents into one citation graph; the result does not depend on order.

    ``previous`` is the graph's documents before an update: a document that was there keeps
    its id (see :func:`_assign_ids`); ``earlier`` gives those without a number theirs.
    """
    docs = sorted(documents, key=lambda d: (d.path or "", d.content_hash or ""))
    registry = _Registry()
    copies = copies_of(docs)
    originals = {
        index: _own_document(registry, doc, index)
        for index, doc in enumerate(docs)
        if index not in copies
    }
    # One document, several files: a copy shares its original's node, a version its first
    # version's.
    own_nodes = [originals[copies.get(index, index)] for index in range(len(docs))]
    versions = _versions(originals)

    # The document each reference names, by document and reference.
    targets: list[list[_Document | None]] = [[None] * len(doc.references) for doc in docs]
    for dated_pass in (True, False):
        for doc_index, doc in enumerate(docs):
            found = targets[doc_index]
            for ref_index, reference in enumerate(doc.references):
                if (reference.date is not None) != dated_pass:
                    continue
                key = symbol_key(reference.symbol.canonical)
                wanted = kind_class(reference.kind, reference.symbol.kind_code)
                if reference.date is not None:
                    target = registry.dated(key, wanted, reference.level, reference.date)
                else:
                    target = registry.undated(key, wanted, reference.level)
                found[ref_index] = target
                target.spellings.append(reference.symbol.canonical)
    _count_citations(docs, targets, own_nodes, copies, versions)

    all_nodes = [d for group in registry.groups.values() for d in group]
    _assign_ids(all_nodes, previous or {}, earlier or EarlierIds())
    nodes = {d.id: _node(d, own_nodes) for d in all_nodes}
    named_by: dict[str, set[str]] = {}  # the bodies each document read names
    localities: dict[str, set[tuple[str, ...]]] = {}  # the places each one's header states
    for index, doc in enumerate(docs):
        forms = named_by.setdefault(own_nodes[index].id, set())
        forms.update(
            form for form in map(canonical_body, (r.issuer for r in doc.references)) if form
        )
        localities.setdefault(own_nodes[index].id, set()).add(doc.identity.localities)
    for made in nodes.values():  # a body its citing documents name in short is theirs
        if not made.in_corpus and made.body:
            full = named_in_short(made.body, (nodes[key].body for key in made.cited_by))
            full = full or placed_by_citing(
                made.body, (places for k in made.cited_by for places in localities.get(k, ()))
            )
            full = full or stated_in_full(made.body, (named_by.get(k, ()) for k in made.cited_by))
            if full:
                made.body, made.body_level = full, body_level(full)
    for node in all_nodes:  # what the nodes needed of the documents: let go of
        node.references, node.own = [], None
    paths = [doc.path for doc in docs]
    sources: list[Source] = []
    edges: dict[tuple[str, str, str, str | None], Edge] = {}
    stated: set[tuple[str, str, str]] = set()  # by the versions of a document, each once
    # Each document is let go of once its source and edges are made, so that the documents
    # and the graph made of them are not held whole together.
    for index, doc in enumerate(handed_over(docs)):
        ids = [target.id for target in targets[index] if target is not None]
        targets[index] = []
        sources.append(source_record(doc, own_nodes[index].id, ids))
        if index in copies:
            sources[index].copy_of = paths[copies[index]]
            continue
        if index in versions:
            sources[index].version_of = paths[versions[index]]
        versioned = stated if own_nodes[index].versioned else None
        add_edges(edges, doc, own_nodes[index].id, ids, versioned)
    return CitationGraph(
        sources=sources,
        documents=nodes,
        edges=sorted(edges.values(), key=edge_order),
    )


_T = TypeVar("_T")


def handed_over(items: list[_T]) -> Iterator[_T]:
    """The items of a list in order, the list letting go of each as it is handed over (it is
    empty at the end): a caller that passes this to :func:`build_graph` keeps no parsed
    document alive while the graph is made of them."""
    items.reverse()
    while items:
        yield items.pop()


_SAME_TEXT_MIN_REFERENCES = 3


def copies_of(docs: list[ParsedDocument]) -> dict[int, int]:
    """Which documents are copies of an earlier one (the same document saved as .pdf, .docx and
    .txt), and so read once. Files are one document's copies when they have the same own
    number, date and committee (or, without a number, the same kind and title: drafts) and
    their content says the same: the same text, or the same references (their order and the
    layout aside). Files with the same number and another content are versions of one document
    (a draft and its signed final, a revised report), not copies: see :func:`_versions`.
    Maps each copy's index to its original's."""
    first: dict[tuple[object, ...], list[tuple[object, int]]] = {}
    copies: dict[int, int] = {}
    # The original is the richest format of the set: the signed PDF, then Word, then text.
    for index in sorted(range(len(docs)), key=lambda i: format_of(docs[i].path or "").rank):
        doc = docs[index]
        identity = doc.identity
        key: tuple[object, ...]
        cited = tuple(
            sorted((symbol_key(r.symbol.canonical), r.date or "") for r in doc.references)
        )
        if identity.symbol is not None and identity.date is not None:
            level = committee_level(identity.issuer)
            key = ("own", symbol_key(identity.symbol.canonical), identity.date, level)
        elif len(doc.references) >= _SAME_TEXT_MIN_REFERENCES or (
            identity.blank_number and identity.title  # a draft, its number not yet given
        ):
            key = ("text", identity.kind, identity.title, identity.blank_number, cited)
        else:
            continue
        readings = first.setdefault(key, [])
        original = next(
            (i for content, i in readings if content in (cited, doc.content_hash)), None
        )
        if original is not None:
            copies[index] = original
        else:
            readings.append((cited, index))
            if doc.content_hash:
                readings.append((doc.content_hash, index))
    return copies


def _versions(originals: dict[int, _Document]) -> dict[int, int]:
    """Files that are not copies but share a node (the same number and date, another content:
    a draft and its signed final, a revised report): each later file's index mapped to the
    first one's, the node marked as versioned."""
    first: dict[int, int] = {}
    versions: dict[int, int] = {}
    for index, node in sorted(originals.items()):
        if id(node) in first:
            versions[index] = first[id(node)]
            node.versioned = True
        else:
            first[id(node)] = index
    return versions


def _count_citations(
    docs: list[ParsedDocument],
    targets: list[list[_Document | None]],
    own_nodes: list[_Document],
    copies: Mapping[int, int],
    versions: Mapping[int, int],
) -> None:
    """Count each file's references in the documents they name: a copy's are its original's
    (not counted again); a document's versions count, for each document they cite, as often
    as the version that cites it most (a reference the versions share is counted once, one
    only a later version makes is counted); and no document cites itself."""
    groups: dict[int, list[int]] = {}
    for index in range(len(docs)):
        if index not in copies:
            groups.setdefault(versions.get(index, index), []).append(index)
    for main, members in groups.items():
        own = own_nodes[main]
        chosen: dict[int, tuple[int, int]] = {}  # target -> (count, member)
        for member in members:
            counts = Counter(id(t) for t in targets[member] if t is not None and t is not own)
            for cited, count in counts.items():
                if count > chosen.get(cited, (0, 0))[0]:
                    chosen[cited] = (count, member)
        for member in members:
            for reference, target in zip(docs[member].references, targets[member], strict=True):
                if target is None or target is own or chosen[id(target)][1] != member:
                    continue
                target.references.append(reference)
                target.cited_by.add(main)


def _own_document(registry: _Registry, doc: ParsedDocument, index: int) -> _Document:
    identity = doc.identity
    if identity.symbol is None:
        return registry.add(_Document(f"\x00source:{index}", None, None, identity.date, own=doc))
    key = symbol_key(identity.symbol.canonical)
    own_class = kind_class(identity.kind, identity.symbol.kind_code)
    level = None
    if identity.symbol.family == "party" and identity.issuer:
        level = committee_level(identity.issuer)
    for document in registry.groups.get(key, []):
        if (
            document.own is not None
            and document.date == identity.date
            and _compatible(document, own_class, level)
        ):
            return document  # the same document read twice (two copies)
    return registry.add(_Document(key, own_class, level, identity.date, own=doc))


_SLUG = regex.compile(r"[^\w.-]+")


_CONTENT_ID_LENGTH = 8


def _own_id(doc: ParsedDocument) -> str:
    """The id of a document without a number: what it is, its date and a short hash of its
    text (``ket-luan-2023-12-08-1f0c3a9e``), so that it does not change when its file is
    renamed or moved; a copy (the same text) is the same document."""
    identity = doc.identity
    kind = fold_words(identity.kind).replace(" ", "-") if identity.kind else "van-ban"
    parts = [_SLUG.sub("-", kind).strip("-") or "van-ban"]
    if identity.date:
        parts.append(identity.date)
    if doc.content_hash:
        parts.append(doc.content_hash[:_CONTENT_ID_LENGTH])
    return "-".join(parts)


def _assign_ids(
    nodes: list[_Document], previous: Mapping[str, DocumentNode], earlier: EarlierIds
) -> None:
    """Give each node its id: the one it had in ``previous`` when it was there, else the bare
    symbol when no other node has that symbol, else the symbol qualified by date, committee
    level, ``undated`` or ``ambiguous``; a document without a number the id ``earlier`` gives
    it, else :func:`_own_id`. Ids of ``previous`` that no node takes over become
    aliases of the node that now stands for their document."""
    by_key: dict[str, list[_Document]] = {}
    for node in nodes:
        by_key.setdefault(node.key, []).append(node)
    taken = _keep_previous_ids(by_key, previous)
    for key in sorted(by_key):
        group = by_key[key]
        if key.startswith("\x00"):
            for node in group:
                assert node.own is not None
                node.id = _unique(earlier.of_document(node.own) or _own_id(node.own), taken)
            continue
        spellings = Counter(
            [spelling for node in group for spelling in node.spellings]
            + [
                node.own.identity.symbol.canonical
                for node in group
                if node.own and node.own.identity.symbol
            ]
        )
        base = min(spellings, key=lambda s: (-spellings[s], s))
        group.sort(
            key=lambda n: (n.date or "9999", n.level or "", n.kind_class or "", n.is_ambiguous)
        )
        for node in group:
            if node.id:
                continue
            if len(group) == 1:
                node.id = _unique(base, taken)
                continue
            qualifier = (
                node.date
                or _slug_level(node.level)
                or ("ambiguous" if node.is_ambiguous else "undated")
            )
            node.id = _unique(f"{base}@{qualifier}", taken)


def _keep_previous_ids(
    by_key: dict[str, list[_Document]], previous: Mapping[str, DocumentNode]
) -> set[str]:
    """Give back their ids to the nodes that were in the graph before; the ids taken."""
    taken: set[str] = set()
    old_by_key: dict[str, list[DocumentNode]] = {}
    for old in previous.values():
        if old.symbol and not any(n.startswith(_AMBIGUOUS_NOTE) for n in old.notes):
            old_by_key.setdefault(symbol_key(old.symbol), []).append(old)
    for key, olds in old_by_key.items():
        group = [n for n in by_key.get(key, []) if not n.is_ambiguous]
        unclaimed = []
        for old in olds:  # the same date, level and kind first
            old_class = kind_class(old.kind, old.kind_code)
            same = [
                n
                for n in group
                if not n.id and (n.date, n.level, n.kind_class) == (old.date, old.level, old_class)
            ]
            if len(same) == 1:
                same[0].id, same[0].aliases = old.id, list(old.aliases)
                taken.add(old.id)
            else:
                unclaimed.append(old)
        for old in unclaimed:  # then the one node it can have become (dated since, ...)
            old_class = kind_class(old.kind, old.kind_code)
            fits = [
                n
                for n in group
                if old.date in (None, n.date)
                and old.level in (None, n.level)
                and _compatible(n, old_class, None)
            ]
            if len(fits) != 1:
                continue
            if not fits[0].id:
                fits[0].id, fits[0].aliases = old.id, list(old.aliases)
                taken.add(old.id)
            else:
                fits[0].aliases = sorted({*fits[0].aliases, old.id, *old.aliases})
    return taken


def _slug_level(level: str | None) -> str | None:
    if level is None:
        return None
    return fold_words(level).replace(" ", "-")


def _unique(candidate: str, taken: set[str]) -> str:
    result, counter = candidate, 2
    while result in taken:
        result = f"{candidate}#{counter}"
        counter += 1
    taken.add(result)
    return result


@dataclass(slots=True)
class _Cited:
    """What the references to a document say of it, each from the first reference that says
    it: dated references first, then those naming an issuer (as they are read best); the
    symbol as the first of them writes it."""

    symbol: Symbol | None = None
    kind: str | None = None
    issuer: str | None = None
    term: str | None = None

    @classmethod
    def of(cls, references: list[Reference]) -> _Cited:
        cited = cls()
        if len(references) > 1:
            references = sorted(references, key=lambda r: (r.date is None, r.issuer is None))
        if references:
            cited.symbol = references[0].symbol
        for reference in references:
            cited.kind = cited.kind or reference.kind
            cited.issuer = cited.issuer or reference.issuer
            cited.term = cited.term or reference.term
            if cited.kind and cited.issuer and cited.term:
                break
        return cited


def _node(document: _Document, own_nodes: list[_Document]) -> DocumentNode:
    identity = document.own.identity if document.own else Identity()
    cited = _Cited.of(document.references)
    symbol = identity.symbol or cited.symbol
    kind = identity.kind or cited.kind or kind_from_code(symbol)
    notes: list[str] = []
    if document.is_ambiguous:
        candidates = ", ".join(sorted(d.id for d in document.ambiguous))
        notes.append(f"{_AMBIGUOUS_NOTE}: {candidates}")
    if identity.blank_number:
        notes.append(
            f"a draft: its number is left blank ({identity.blank_number}); it has none until "
            "it is signed"
        )
    if symbol is not None and symbol.issuer_code in ("TU", "HU") and document.level is None:
        notes.append("committee level unknown: no issuer phrase says Tỉnh ủy, Thị ủy or Thành ủy")
    body = document_body(identity.issuer, (r.issuer for r in document.references))
    if body:  # a header's body under the lines naming its place; a document's own header
        # also says which province its body named in short elsewhere is ("Chủ tịch UBND tỉnh")
        body = placed(body, identity.localities, own=bool(identity.issuer)) or body
    return DocumentNode(
        id=document.id,
        kind=kind,
        symbol=symbol.canonical if symbol else None,
        number=symbol.number if symbol else None,
        kind_code=symbol.kind_code if symbol else None,
        issuer_code=symbol.issuer_code if symbol else None,
        family=symbol.family if symbol else None,
        issuer=_issuer(identity.issuer, cited.issuer),
        level=document.level,
        date=document.date,
        term=identity.term or cited.term,
        in_corpus=document.own is not None,
        path=document.own.path if document.own else None,
        title=identity.title,
        body=body,
        body_level=body_level(body),
        cited_by=sorted({own_nodes[i].id for i in document.cited_by}),
        citations=len(document.references),
        notes=notes,
        year=symbol.year if symbol else None,
        aliases=[a for a in document.aliases if a != document.id],
    )


def _issuer(own: str | None, cited: str | None) -> str | None:
    """The document's own issuer, unless it is a header in capitals and a citation names it."""
    if own and (not own.isupper() or not cited):
        return own
    return cited or own


def source_record(doc: ParsedDocument, own_id: str, targets: list[str]) -> Source:
    """The source of ``doc``, whose references name the documents of ids ``targets``."""
    identity = doc.identity
    return Source(
        id=own_id,
        path=doc.path,
        kind=identity.kind,
        symbol=identity.symbol.canonical if identity.symbol else None,
        date=identity.date,
        issuer=identity.issuer,
        term=identity.term,
        title=identity.title,
        place=identity.place,
        sha256=doc.content_hash,
        footnotes=list(doc.footnotes),
        references=[
            Citation.of(r, target) for r, target in zip(doc.references, targets, strict=True)
        ],
        short_references=[
            ShortCitation(
                s.text,
                s.kind,
                s.line,
                s.footnote,
                targets[s.refers_to] if s.refers_to is not None else None,
            )
            for s in doc.short_references
        ],
        relations=list(doc.relations),
        malformed=list(doc.malformed),
        blank_number=identity.blank_number,
        localities=list(identity.localities),
    )


def add_edges(
    edges: dict[tuple[str, str, str, str | None], Edge],
    doc: ParsedDocument,
    own_id: str,
    targets: list[str],
    stated: set[tuple[str, str, str]] | None = None,
) -> None:
    """Add to ``edges`` those ``doc`` states: it cites each document its references name
    (``targets``), and what its relations say, each once per file; for a document read in
    several versions, ``stated`` holds what its versions stated before, each stated once."""

    def add(source: str, target: str, relation: str, line: int) -> None:
        key = (source, target, relation, doc.path)
        if source == target or key in edges:
            return
        if stated is not None:
            if (source, target, relation) in stated:
                return
            stated.add((source, target, relation))
        edges[key] = Edge(source, target, relation, line, doc.path)

    for reference, target in zip(doc.references, targets, strict=True):
        add(own_id, target, "cites", reference.line)
    for relation in doc.relations:
        add(
            own_id if relation.source < 0 else targets[relation.source],
            targets[relation.target],
            relation.relation,
            relation.line,
        )
