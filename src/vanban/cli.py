"""The ``vanban`` command: a thin layer over the library.

Each command converts its arguments, calls the library, prints, and returns an exit
code: 0 success, 1 findings (``check``), 2 input that cannot be used.
"""

from __future__ import annotations

import codecs
import contextlib
import inspect
import io
import os
import re
import string
import sys
import time
import warnings
from collections.abc import Callable, Collection, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from typer import rich_utils
from typer._click.exceptions import NoArgsIsHelpError, UsageError  # click, inside typer
from typer.core import TyperCommand, TyperGroup

from vanban import __version__
from vanban.config import Settings, load_settings
from vanban.core.errors import VanbanError, said_in
from vanban.core.i18n import Language, chosen_language, requested_language, translator
from vanban.core.i18n import marked as _marked
from vanban.readers.source import READ_ENCODINGS, ReadOptions, decode, read_limited
from vanban.storage.files import write_atomic

if TYPE_CHECKING:  # each command imports what it uses: `vanban --help` does not wait
    from rich.progress import Progress
    from typer._click.core import Command as _ClickCommand

    from vanban.app.batch import (
        IndexResult,
        UpdateResult,
    )
    from vanban.app.fixes import FixResult
    from vanban.checks.findings import Finding, Summary
    from vanban.core.records import CitationGraph
    from vanban.query.view import View
    from vanban.register.book import Register
    from vanban.storage.graph_file import Reach

else:
    _ClickCommand = object

STARTED_IN = chosen_language(sys.argv[1:])
"""The language vanban started in: --lang, else VANBAN_LANG, else the locale (vanban.core.i18n);
the help is written in it."""


@dataclass
class _Run:
    """What one run of a command chose and met, kept by its click context."""

    language: str
    """The language of its tables and messages: ``asked``, else the settings' ``lang``, else
    the locale."""
    asked: str | None = None
    """The language asked for: ``vanban --lang`` (or a command's), else ``VANBAN_LANG``."""
    unread: list[str] = field(default_factory=list)
    """Inputs it could not read (each said as it was met); the run then ends with exit 2."""
    started: float = field(default_factory=time.monotonic)
    """When it started (:func:`time.monotonic`)."""
    inputs: list[Path] = field(default_factory=list)
    """The settings files and registers it read: no output may replace them."""


_RUN: ContextVar[_Run] = ContextVar("vanban_run")
"""The run of the command being carried out, set as it starts (scoped to its thread or task)."""


def _run() -> _Run:
    """The run of the command being carried out; before one starts (the help), a run in the
    language vanban started in."""
    found = _RUN.get(None)
    return found if found is not None else _Run(STARTED_IN)


def _(text: str) -> str:
    """``text`` in the run's language."""
    return translator(_run().language)(text)


TYPER_WORDS = (
    ("ARGUMENTS_PANEL_TITLE", "Arguments"),
    ("OPTIONS_PANEL_TITLE", "Options"),
    ("COMMANDS_PANEL_TITLE", "Commands"),
    ("ERRORS_PANEL_TITLE", "Error"),
    ("DEFAULT_STRING", "[default: {}]"),
    ("REQUIRED_LONG_STRING", "[required]"),
    ("ABORTED_TEXT", "Aborted."),
    ("RICH_HELP", "Try [blue]'{command_path} {help_option}'[/] for help."),
    ("ENVVAR_STRING", "[env var: {}]"),
    ("DEPRECATED_STRING", "(deprecated) "),
)
"""Typer's own words in the help, said in the interface's language."""
for _name, _english in TYPER_WORDS:
    setattr(rich_utils, _name, _(_english))

CLICK_WORDS = (
    _marked("Usage:"),
    _marked("[OPTIONS]"),
    _marked("COMMAND [ARGS]..."),
    _marked("Show this message and exit."),
    _marked("Install completion for the current shell."),
    _marked("Show completion for the current shell, to copy it or customize the installation."),
    _marked("<str>"),
    _marked("<int>"),
    _marked("<int range>"),
    _marked("<path>"),
    _marked("<list[Path]>"),
    _marked("<list[str]>"),
)
"""The words click and typer write around a command's own (the usage line, the help and
completion options, the type of each value), said in the run's language where they are
shown. Click inside typer writes them as constant English, not through gettext, so they are
caught where they are shown rather than by a gettext domain."""

PLAIN_TYPES = {
    "<str>": "<text>",
    "<int>": "<number>",
    "<int range>": "<number>",
    "<list[Path]>": "<path>...",
    "<list[str]>": "<text>...",
}
"""The value types typer names as Python writes them, said plainly in English help."""

ARGUMENT_NAMES = (_marked("paths"), _marked("document"), _marked("code"), _marked("words"))
"""The names of the commands' arguments, which the usage line, the help and the errors of a
command line show, in the run's language."""

_ARGUMENT_PIECE = re.compile(r"(?P<open>[{\[])(?P<name>\w+)(?P<close>[}\]])(?P<dots>(?:\.\.\.)?)")
"""An argument in the usage line: ``{paths}...``, ``[code]``."""

CLICK_MESSAGES = (
    _marked("No such option: {name} (Possible options: {options})"),
    _marked("No such option: {name}"),
    _marked("No such command {name}."),
    _marked("Missing command."),
    _marked("Missing argument {name}."),
    _marked("Missing option {name}."),
    _marked("Missing option {name}. Choose from:\n\t{choices}"),
    _marked("Option {name} requires an argument."),
    _marked("Option {name} requires {count} arguments."),
    _marked("Option {name} does not take a value."),
    _marked("Got unexpected extra argument(s) ({arguments})"),
    _marked("Invalid value for {name}: {problem}"),
    _marked("Input should be a valid integer, unable to parse string as an integer"),
    _marked("Input should be greater than or equal to {least}"),
    _marked("Input should be less than or equal to {most}"),
    _marked("Value error, {value} is not one of {choices}."),
    _marked("{value} is not one of {choices}."),
    _marked("Path {path} does not exist."),
    _marked("File {path} does not exist."),
    _marked("Directory {path} does not exist."),
)
"""What click and typer say of a command line they cannot use, as they say it in English
(``{problem}`` is said again through this list): the line is matched against each in turn and
said in the run's language."""


def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression that matches what ``template`` says, its fields as groups."""
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts), re.DOTALL)


CLICK_PATTERNS = tuple((template, _pattern(template)) for template in CLICK_MESSAGES)


def said_click(message: str) -> str:
    """A message of click or typer in the run's language; one it does not know, as it is."""
    for template, pattern in CLICK_PATTERNS:
        found = pattern.fullmatch(message)
        if found is not None:
            values = found.groupdict()
            if "problem" in values:
                values["problem"] = said_click(values["problem"])
            if values.get("name", "").strip("'") in ARGUMENT_NAMES:  # 'document': 'văn bản'
                values["name"] = f"'{_(values['name'].strip(chr(39)))}'"
            return _(template).format(**values)
    return message


def _said_usage_error(error: UsageError) -> UsageError:
    """A command line that cannot be used, said in the run's language (its usage line too)."""
    said = said_click(error.format_message())
    if said == error.format_message():
        return error
    return UsageError(said, error.ctx)


@contextlib.contextmanager
def _params_said(params: list[Any], ctx: Any) -> Iterator[None]:
    """The help of ``params`` in the run's language while it is written: the type of each value
    (none for a flag, which takes none) and the help typer gives its own options."""
    kept = [(param, param.help, param.metavar) for param in params]
    try:
        for param in params:
            if param.help in CLICK_WORDS:
                param.help = _(param.help)
            if param.metavar is None and param.name in ARGUMENT_NAMES:
                named = _(param.name)  # as the usage line names it
                param.metavar = named if named != param.name else None
            label = param.display_type_rich(ctx)
            if getattr(param, "is_flag", False):
                said = None
            elif isinstance(label, str) and label.removesuffix("...") in CLICK_WORDS:
                word = label.removesuffix("...")
                said_word = _(word)
                if said_word == word:  # English: a word for people, not a Python type
                    said_word = PLAIN_TYPES.get(word, word)
                said = said_word + ("..." if label.endswith("...") else "")
            else:
                continue
            param.display_type_rich = lambda ctx=None, said=said: said
        yield
    finally:
        for param, help_text, metavar in kept:
            param.help, param.metavar = help_text, metavar
            vars(param).pop("display_type_rich", None)


def _usage_said(pieces: list[str]) -> list[str]:
    said = []
    for piece in pieces:
        argument = _ARGUMENT_PIECE.fullmatch(piece)
        if piece in CLICK_WORDS:
            piece = _(piece)
        elif argument is not None and argument["name"] in ARGUMENT_NAMES:
            piece = argument["open"] + _(argument["name"]) + argument["close"] + argument["dots"]
        said.append(piece)
    return said


class _SaidWords(_ClickCommand):
    """A command or the group whose usage line, help option and value types speak the run's
    language."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_said(super().collect_usage_pieces(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _params_said(self.get_params(ctx), ctx):
            super().format_help(ctx, formatter)


class _Command(_SaidWords, TyperCommand):
    """A command of ``vanban``."""


class _Commands(_SaidWords, TyperGroup):
    """The commands, with the one error boundary: a :class:`VanbanError` from any of them (a
    file that cannot be read, a graph that is not one, an output that cannot be written) is one
    line on stderr and exit code 2; a command line that cannot be used is said in the run's
    language, as the usage line and the help are."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            raise _said_usage_error(error) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
        except VanbanError as error:
            raise fail(error.said_in(_)) from None
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            raise _said_usage_error(error) from None
        unread = _run().unread
        if unread:  # listed as skipped as they were met; a command that missed one did not pass
            raise fail(_("{count} input(s) could not be read").format(count=len(unread)))
        return result


app = typer.Typer(
    cls=_Commands,
    name="vanban",
    help=_("Read Vietnamese directive documents and write the citation graph of what they cite."),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
errors = Console(stderr=True, highlight=False, soft_wrap=True)

EXAMPLES: dict[str, tuple[str, ...]] = {
    "parse": (
        "vanban parse van-ban/ -o graph.yaml",
        "vanban parse --update graph.yaml",
        "vanban parse du-thao.docx",
    ),
    "list": (
        "vanban list graph.yaml --kind KH --year 2023",
        "vanban list graph.yaml --cites 21-NQ/TW",
        "vanban list graph.yaml --undated --format csv > chua-ngay.csv",
    ),
    "show": (
        'vanban show "kế hoạch 155" graph.yaml',
        "vanban show 66-KH/TU@2022-03-28 graph.yaml --format json",
    ),
    "stats": ("vanban stats graph.yaml", "vanban stats van-ban/ --format yaml"),
    "graph": (
        "vanban graph graph.yaml --around 155-KH/TU -o quanh-155.svg",
        "vanban graph graph.yaml --format mermaid",
    ),
    "check": (
        "vanban check du-thao.docx",
        "vanban check van-ban/ --statistics",
        "vanban check - --stdin-name du-thao.txt < du-thao.txt",
    ),
    "rule": ("vanban rule VB101", "vanban rule --all --lang vi"),
    "search": (
        'vanban search "kiem tra giam sat" graph.yaml',
        'vanban search "chỉnh đốn Đảng" graph.yaml --limit 5',
    ),
    "export": (
        "vanban export graph.yaml --table references -o tham-chieu.csv",
        "vanban export graph.yaml --table edges --format json",
        "vanban export graph.yaml --table documents -o van-ban.xlsx",
    ),
    "schema": ("vanban schema -o graph.schema.json", "vanban schema --findings"),
    "html": (
        "vanban html du-thao.docx -o du-thao.html",
        "vanban html ket-luan.pdf -o ket-luan.html --register so-dang-ky.xlsx --lang en",
    ),
    "site": (
        "vanban site graph.yaml -o kho/",
        "vanban site van-ban/ -o kho/ --register so-dang-ky.xlsx",
    ),
}
"""Real commands shown at the end of each command's --help."""


def _examples(command: str) -> str:
    return _("Examples:") + "\n\n" + "\n\n".join(EXAMPLES[command])


_F = TypeVar("_F", bound=Callable[..., Any])


def _unwrapped(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs made spaces: the help and the list of
    commands wrap it to the terminal, never at the docstring's own breaks."""
    return "\n\n".join(" ".join(part.split("\n")) for part in text.split("\n\n"))


def command(name: str | None = None) -> Callable[[_F], _F]:
    """A command of ``vanban``: its help is its docstring in the interface's language, and
    its examples end it."""

    def register(function: _F) -> _F:
        key = name or function.__name__
        described = _unwrapped(_(inspect.cleandoc(function.__doc__ or "")))
        registered: _F = app.command(name, cls=_Command, help=described, epilog=_examples(key))(
            function
        )
        return registered

    return register


class OutputFormat(str, Enum):
    yaml = "yaml"
    json = "json"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"vanban {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Print the version.")),
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            help=_(
                "Language of every command's help, tables and messages (also VANBAN_LANG; "
                "default: from the locale)."
            )
        ),
    ] = None,
) -> None:
    """Read Vietnamese directive documents and write the citation graph of what they cite."""
    asked = lang.value if lang is not None else requested_language(sys.argv[1:], _variable())
    run = _Run(asked or chosen_language((), os.environ), asked)  # a wrong setting is said in it
    _RUN.set(run)
    settings = _settings(Path("."), _rule_names)  # checked for every command
    run.language = asked or settings.lang or chosen_language((), os.environ)
    context.with_resource(_notices_said())


@contextlib.contextmanager
def _notices_said() -> Iterator[None]:
    """What vanban did on its own during the command (:class:`Notice`), each a warning line."""
    from vanban.core.errors import Notice

    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if isinstance(message, Notice):
            say(_("warning: {notice}").format(notice=message.said_in(_)))
        else:
            shown(message, category, *args, **kwargs)

    with warnings.catch_warnings():
        warnings.simplefilter("always", Notice)
        warnings.showwarning = show
        yield


def _settings(start: Path, rule_names: Callable[[], Collection[str]] | None = None) -> Settings:
    """The settings that apply to ``start``; their file is one of the run's inputs."""
    settings = load_settings(start, rule_names)
    if settings.path is not None:
        _run().inputs.append(settings.path)
    return settings


def _variable() -> dict[str, str]:
    return {"VANBAN_LANG": os.environ.get("VANBAN_LANG", "")}


def _rule_names() -> Collection[str]:
    """The rules' codes and names, which a settings file's rules are checked against."""
    from vanban.checks.registry import RULE_BY_KEY

    return RULE_BY_KEY.keys()


def say(message: str) -> None:
    """One line on stderr: line breaks, control characters and direction marks in the names
    it gives made visible, so that a name cannot forge a line of its own."""
    from vanban.output.escape import one_line

    errors.print(one_line(message), markup=False)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``Error: message`` on stderr and return the Exit to raise."""
    say(_("Error: {message}").format(message=message))
    return typer.Exit(code=code)


def _show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@command()
def parse(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=_("Document files or folders (read recursively)."), show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=_("Write the graph to this file instead of stdout.")),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = OutputFormat.yaml,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", min=1, help=_("Processes to parse with (default: cores).")),
    ] = None,
    max_size: Annotated[
        int | None,
        typer.Option("--max-size", min=1, help=_("Largest document to read, in MB (default 20).")),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help=_(
                "Read every file in this encoding: utf-8, utf-16, windows-1258, tcvn3, vni "
                "(default: detected per file)."
            ),
        ),
    ] = None,
    stdin_name: StdinName = "<stdin>",
    update: Annotated[
        Path | None,
        typer.Option(
            "--update",
            help=_(
                "Bring this graph up to date with its folders (new, changed and deleted "
                "files) and write it back (or to -o). Folders given are added to it."
            ),
        ),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help=_(
                "With --update: drop the documents of folders and files that are not there "
                "(instead of stopping)."
            ),
        ),
    ] = False,
    register: RegisterFiles = None,
    register_columns: RegisterColumns = None,
) -> None:
    """Parse documents into a citation graph (YAML on stdout, or -o FILE)."""
    reading = _reading_options(encoding, max_size, stdin_name)
    start = update or (paths[0] if paths else None)
    office = _register(start, register, register_columns)
    if update is not None:
        _update(update, paths, output, output_format, workers, prune, office, reading.max_bytes)
        return
    _refuse_overwriting_inputs(output, list(paths or []))
    if not paths:
        raise fail(_("give document files or folders to parse (or --update GRAPH)"))
    result = _read_inputs(paths, workers, reading, stdin_name)
    _warn_copies(result.graph)
    if office is not None:
        _merge_register(result.graph, office)
    _write_parsed(result, output, output_format is OutputFormat.json)
    _say_parsed(result, output)


def _say_parsed(result: IndexResult, output: Path | None) -> None:
    """What could not be read, then what was written (with -o); exit 2 when a file was
    skipped."""
    for problem in result.skipped:
        say(_("skipped: {problem}").format(problem=said_in(problem, _)))
    if output is not None:
        say(_summary(output, result))
    if result.skipped:
        say(
            _("Error: {skipped} input(s) skipped, {read} document(s) read").format(
                skipped=len(result.skipped), read=result.read
            )
        )
        raise typer.Exit(code=2)


def _reading_options(encoding: str | None, max_size: int | None, stdin_name: str) -> ReadOptions:
    """Check the options on how documents are read, and make them one record."""
    chosen = encoding.lower() if encoding else None
    if chosen and chosen not in READ_ENCODINGS:
        raise fail(
            _("--encoding {encoding!r}: vanban reads {known}").format(
                encoding=encoding, known=", ".join(READ_ENCODINGS)
            )
        )
    if len(stdin_name) > 255:
        raise fail(
            _("--stdin-name: {count} characters; a name has at most 255").format(
                count=len(stdin_name)
            )
        )
    if max_size is None:
        return ReadOptions(encoding=chosen)
    return ReadOptions(max_bytes=max_size * 1024 * 1024, encoding=chosen)


def _write_parsed(result: IndexResult, output: Path | None, as_json: bool) -> None:
    from vanban.storage.graph_file import graph_text, write_graph

    if output is None:
        sys.stdout.write(graph_text(result.graph, as_json))
    else:  # with the files' sizes and times, so that an update reads only those that change
        write_graph(output, result.graph, as_json, files=result.files, texts=result.texts)


def _summary(output: Path, result: IndexResult) -> str:
    """What a parse wrote, in one line: files read, documents, references, skipped, time."""
    references = sum(len(s.references) for s in result.graph.sources if not s.copy_of)
    return _(
        "{output}: {read} file(s) read, {documents} document(s), {references} reference(s), "
        "{skipped} skipped, {seconds:.1f} s"
    ).format(
        output=output,
        read=result.read,
        documents=len(result.graph.documents),
        references=references,
        skipped=len(result.skipped),
        seconds=time.monotonic() - _run().started,
    )


def _read_inputs(
    paths: list[Path], workers: int | None, reading: ReadOptions, stdin_name: str
) -> IndexResult:
    """The documents named (standard input for -), parsed, with a progress bar on a terminal."""
    from vanban.app.batch import collect_files, index_paths, index_stdin

    if [str(p) for p in paths] == ["-"]:
        data = read_limited(sys.stdin.buffer, stdin_name, reading.max_bytes)
        return index_stdin(data, stdin_name, reading.encoding)
    files = collect_files(paths)[0]
    if not (_show_progress() and len(files) > 1):
        return index_paths(paths, workers, options=reading)
    with _progress_bar() as bar:
        task = bar.add_task(_("parsing"), total=len(files))
        return index_paths(paths, workers, lambda n: bar.advance(task, n), reading)


def _progress_bar() -> Progress:
    """A bar on stderr that says how many files are done of how many, and the time left."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
    )


def _merge_register(graph: CitationGraph, office: Register) -> None:
    from vanban.register.book import merge

    matched, added = merge(graph, office)
    say(
        _(
            "register: {rows} row(s); {matched} document(s) found in it, {added} known only "
            "from it added"
        ).format(rows=len(office.entries), matched=matched, added=added)
    )


def _warn_copies(graph: CitationGraph) -> None:
    for source in graph.sources:
        if source.copy_of:
            say(
                _(
                    "warning: {path} is a copy of {original} (same document); its citations "
                    "are counted once"
                ).format(path=source.path, original=source.copy_of)
            )
        elif source.version_of:
            say(
                _(
                    "note: {path} is another version of {original} (the same number, another "
                    "content); each keeps its citations"
                ).format(path=source.path, original=source.version_of)
            )


def _refuse_overwriting_inputs(output: Path | None, inputs: list[Path]) -> None:
    """An output that is one of the inputs, or a settings file or a register the run read,
    would replace what the user had: refused (exit 2)."""
    from vanban.storage.files import refuse_overwriting

    refuse_overwriting(output, [*inputs, *_run().inputs])


def _update(
    graph: Path,
    paths: list[Path] | None,
    output: Path | None,
    output_format: OutputFormat,
    workers: int | None,
    prune: bool,
    office: Register | None,
    max_bytes: int,
) -> None:
    from vanban.app.batch import unchanged, update_index, update_inputs
    from vanban.storage.graph_file import write_graph, writing

    target = output or graph
    if output is not None and output != graph:  # the graph itself is what an update rewrites
        _refuse_overwriting_inputs(output, [graph, *(paths or []), *update_inputs(graph)])
    as_json = output_format is OutputFormat.json or target.suffix.lower() == ".json"
    with writing(target) as lock:
        same_file = target == graph and as_json == (graph.suffix.lower() == ".json")
        held = unchanged(graph, paths or []) if same_file and office is None else None
        if held is not None:  # nothing to read, nothing to write
            _say_updated(graph, 0, held, 0)
            return
        in_part = target == graph and not as_json and office is None  # written by what changed
        options = ReadOptions(max_bytes)
        result = update_index(graph, paths or [], workers, prune, options, in_part)
        if office is not None:
            _merge_register(result.graph, office)
        before = result.before if in_part else None
        write_graph(target, result.graph, as_json, lock, result.files, result.texts, before)
    _say_updated(graph, len(result.parsed), result.reused, len(result.removed))
    _say_update_details(result)


def _say_update_details(result: UpdateResult) -> None:
    """The folders an update added or pruned, the files it removed and those it skipped."""
    for root in result.added_roots:
        say(_("folder added: {root} (rescanned by later updates)").format(root=root))
    for root in result.pruned_roots:
        say(_("pruned: folder {root} is not there; its documents dropped").format(root=root))
    for root in result.left_roots:
        say(
            _(
                "warning: folder {root} is outside the graph's folder; not read unless named "
                "after the graph"
            ).format(root=root)
        )
    for old, new in result.moved:
        say(_("moved: {old} -> {new}").format(old=old, new=new))
    for path in result.removed:
        say(_("removed: {path} (the file is no longer there)").format(path=path))
    for problem in result.skipped:
        say(_("skipped: {problem}").format(problem=said_in(problem, _)))
    if result.skipped:
        raise typer.Exit(code=2)


def _say_updated(graph: Path, parsed: int, reused: int, removed: int) -> None:
    say(
        _("{graph}: {parsed} file(s) parsed, {reused} unchanged, {removed} removed").format(
            graph=graph, parsed=parsed, reused=reused, removed=removed
        )
    )


RegisterFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--register",
        help=_(
            "The office's register of documents (.xlsx or .csv; repeatable): its dates, "
            "kinds and titles are checked against and shown. Default: register in the settings."
        ),
        show_default=False,
    ),
]
RegisterColumns = Annotated[
    str | None,
    typer.Option(
        "--register-columns",
        help=_(
            "The register's columns, when their headers are not recognised: "
            "symbol=B,date=C,title=D,issuer=E (letters, numbers or header names)."
        ),
        show_default=False,
    ),
]
_REGISTER_PROBLEMS_SHOWN = 20


def _register(
    start: Path | None,
    given: list[Path] | None,
    columns: str | None,
    settings: Settings | None = None,
    rows_said: bool = True,
) -> Register | None:
    """The registers named on the command line, else in the settings; None when there are none.
    Rows that cannot be read are listed on stderr (unless not ``rows_said``: a register the
    settings name was read into the graph, and its rows listed, by ``parse``); the rest is
    used."""
    if settings is None:
        settings = _settings(start or Path("."))
    files = list(given or settings.register)
    if not files:
        return None
    _run().inputs.extend(files)
    from vanban.register.book import parse_columns, read_registers

    if not given and settings.path is not None:
        _warn_outside_settings(settings.path, files)
    chosen_columns = columns or settings.register_columns
    register = read_registers(files, parse_columns(chosen_columns) if chosen_columns else None)
    if rows_said or given:
        _say_register_problems(register)
    return register


def _say_register_problems(register: Register) -> None:
    """What became of the register's rows that cannot be read, the first of them one a line."""
    from vanban.core.errors import Problem

    undated = set(register.undated)
    for problem in register.problems[:_REGISTER_PROBLEMS_SHOWN]:
        if problem in undated:
            template = _("warning: register row kept, undated: {problem}")
        elif isinstance(problem, Problem) and "where" in problem.values:
            template = _("warning: register row skipped: {problem}")
        else:  # the file as a whole: a stray byte read as U+FFFD
            template = _("warning: {notice}")
        said = said_in(problem, _)
        say(template.format(problem=said, notice=said))
    hidden = len(register.problems) - _REGISTER_PROBLEMS_SHOWN
    if hidden > 0:
        say(_("warning: {count} more register row(s) that cannot be read").format(count=hidden))


def _warn_outside_settings(settings: Path, files: list[Path]) -> None:
    """A settings file found in a folder above (one the user may not have written) names a
    register outside its folder: read, as the settings say, but said."""
    from vanban.storage.graph_file import Reach

    reach = Reach.of(settings)
    for path in files:
        if not reach.holds(path):
            say(
                _(
                    "warning: {settings}: register {path} is outside the settings' folder; read "
                    "as the settings say"
                ).format(settings=settings, path=path)
            )


StdinName = Annotated[
    str, typer.Option("--stdin-name", help=_("Name for standard input (given as -)."))
]
GraphInputs = Annotated[
    list[Path],
    typer.Argument(
        help=_("A graph file (.yaml/.json) or document files and folders."), show_default=False
    ),
]


@contextlib.contextmanager
def _view(
    paths: list[Path], stdin_name: str = "<stdin>", register: Register | None = None
) -> Iterator[View]:
    """The graph to query: a graph file, documents, or one document on standard input (-);
    with the office's register when one is given."""
    from vanban.app.views import open_view
    from vanban.query.view import MemoryView

    if [str(p) for p in paths] == ["-"]:
        from vanban.app.batch import index_stdin

        result = index_stdin(read_limited(sys.stdin.buffer, stdin_name), stdin_name)
        view: View = MemoryView(result.graph, result.texts)
        view.register = register
        yield view
        return
    with open_view(paths) as (view, skipped):
        for problem in skipped:
            say(_("skipped: {problem}").format(problem=said_in(problem, _)))
        view.skipped = skipped
        _run().unread.extend(skipped)
        view.register = register
        yield view


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


class SortKey(str, Enum):
    symbol = "symbol"
    date = "date"
    citations = "citations"


@command("list")
def list_command(
    paths: GraphInputs,
    kind: Annotated[
        str | None, typer.Option(help=_("Kind name or code: 'Kế hoạch', 'KH'."))
    ] = None,
    issuer: Annotated[
        str | None, typer.Option(help=_("Issuer code or body, accents optional: 'TU', 'tinh uy'."))
    ] = None,
    year: Annotated[int | None, typer.Option(help=_("Documents of this year."))] = None,
    since: Annotated[str | None, typer.Option(help=_("Dated on or after (YYYY-MM-DD)."))] = None,
    until: Annotated[str | None, typer.Option(help=_("Dated on or before (YYYY-MM-DD)."))] = None,
    undated: Annotated[
        bool, typer.Option("--undated", help=_("Only documents with no date."))
    ] = False,
    cited_by: Annotated[
        str | None, typer.Option(help=_("Only documents cited by this one."))
    ] = None,
    cites: Annotated[str | None, typer.Option(help=_("Only documents that cite this one."))] = None,
    in_footnotes: Annotated[
        bool, typer.Option("--in-footnotes", help=_("Only documents cited in a footnote."))
    ] = False,
    everything: Annotated[
        bool, typer.Option("--all", help=_("Also documents read that nothing cites."))
    ] = False,
    sort: Annotated[SortKey, typer.Option(help=_("Order of the rows."))] = SortKey.symbol,
    output_format: Annotated[
        TableFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = TableFormat.table,
    register: RegisterFiles = None,
    register_columns: RegisterColumns = None,
    stdin_name: StdinName = "<stdin>",
) -> None:
    """List the cited documents, with how often and by whom they are cited, and their titles
    when the documents or the register give them."""
    from vanban.core.records import is_day
    from vanban.output.terminal import print_rows, rows_csv
    from vanban.query.view import ListFilter
    from vanban.query.views import list_documents

    for name, value in (("--since", since), ("--until", until)):
        if value is not None and not is_day(value):
            raise fail(
                _("{option} {value!r}: give a date as YYYY-MM-DD").format(option=name, value=value)
            )
    rules = ListFilter(
        kind, issuer, year, since, until, undated, cited_by, in_footnotes, everything, cites
    )
    known = _register(paths[0], register, register_columns, rows_said=False)
    with _view(paths, stdin_name, known) as view:
        rows = list_documents(view, rules, sort.value)
    if output_format is TableFormat.table:
        print_rows(_stdout(), rows, _run().language)
    elif output_format is TableFormat.csv:
        sys.stdout.write(rows_csv(rows))
    else:
        data = {"documents": [row.to_dict() for row in rows]}
        _write_data(data, output_format.value)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"
    yaml = "yaml"


@command()
def show(
    document: Annotated[str, typer.Argument(help=_("Id or loose id: '155-KH/TU', 'KH 155'."))],
    paths: GraphInputs,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = ShowFormat.text,
    register: RegisterFiles = None,
    register_columns: RegisterColumns = None,
    stdin_name: StdinName = "<stdin>",
) -> None:
    """Show one document: where it is cited, what it cites, what it implements and what
    implements it, and what the register records of it."""
    from vanban.output.terminal import print_document
    from vanban.query.views import show as show_document

    known = _register(paths[0], register, register_columns, rows_said=False)
    with _view(paths, stdin_name, known) as view:
        shown = show_document(view, document)
        if output_format is ShowFormat.text:
            print_document(_stdout(), shown, view.document, _run().language)
        else:
            _write_data(shown.to_dict(), output_format.value)


@command()
def stats(
    paths: GraphInputs,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = ShowFormat.text,
    stdin_name: StdinName = "<stdin>",
) -> None:
    """Counts by kind, issuer and year; the most cited documents; the undated share."""
    from vanban.output.terminal import print_stats
    from vanban.query.views import stats as graph_stats

    with _view(paths, stdin_name) as view:
        numbers = graph_stats(view)
    if output_format is ShowFormat.text:
        print_stats(_stdout(), numbers, _run().language)
    else:
        _write_data(numbers.to_dict(), output_format.value)


class GraphFormat(str, Enum):
    dot = "dot"
    mermaid = "mermaid"
    graphml = "graphml"
    json = "json"


@command()
def graph(
    paths: GraphInputs,
    output_format: Annotated[
        GraphFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = GraphFormat.dot,
    around: Annotated[
        str | None, typer.Option(help=_("Only the documents near this one (loose id)."))
    ] = None,
    depth: Annotated[int, typer.Option(min=0, help=_("Steps from --around to keep."))] = 1,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_("Write to a file."))
    ] = None,
    stdin_name: StdinName = "<stdin>",
) -> None:
    """Export the graph for Graphviz (dot), Mermaid, Gephi (graphml) or networkx (json)."""
    from vanban.output.graph_formats import PICTURE_SUFFIXES, export, picture
    from vanban.query.views import resolve_one

    _refuse_overwriting_inputs(output, paths)
    with _view(paths, stdin_name) as view:
        center = resolve_one(view, around) if around is not None else None
        drawn = output is not None and output.suffix.lower() in PICTURE_SUFFIXES
        text = export(view, "dot" if drawn else output_format.value, center, depth, _run().language)
    if output is None:
        sys.stdout.write(text)
    elif drawn:
        write_atomic(output, picture(text, output.suffix.lower()))
    else:
        write_atomic(output, text)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@command()
def check(
    paths: GraphInputs,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = CheckFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option(help=_("Only these rules (codes or names, comma-separated).")),
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help=_("Leave out these rules."))] = None,
    strict: Annotated[
        bool | None, typer.Option("--strict", help=_("Exit 1 on warnings too."), show_default=False)
    ] = None,
    require_resolved: Annotated[
        bool | None,
        typer.Option(
            "--require-resolved",
            help=_("A reference to an issuer whose documents are in the archive must find one."),
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(help=_("Language of the messages (default: from the locale).")),
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help=_("Print how many findings each rule has."))
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help=_("Exit 0 even when there are errors."))
    ] = False,
    output_file: Annotated[
        Path | None, typer.Option("--output-file", "-o", help=_("Write the report to this file."))
    ] = None,
    stdin_name: StdinName = "<stdin>",
    register: RegisterFiles = None,
    register_columns: RegisterColumns = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help=_("Apply the safe fixes in place (.txt, .md, .docx), then check again.")
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help=_("With --fix or --diff: apply the guesses too (near numbers).")
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help=_("Show the changes --fix would make; write nothing."))
    ] = False,
    comments: Annotated[
        Path | None,
        typer.Option(help=_("Write a copy of the .docx checked with each finding as a comment.")),
    ] = None,
) -> None:
    """Check references like a linter: undated, broken, impossible dates, conflicts, footnotes;
    and, with the office's register, wrong dates, kinds and numbers."""
    from vanban.checks.findings import summary as check_summary
    from vanban.checks.registry import run_checks, without_ignored

    settings = _settings(paths[0] if paths else Path("."), _rule_names)
    rules = _chosen_rules(select, ignore, require_resolved, settings)
    language = lang.value if lang else (settings.lang or _run().language)
    office = _register(None, register, register_columns, settings)
    _refuse_overwriting_inputs(output_file, paths)
    if diff or fix:  # --diff shows the changes and stops; --fix applies them, then checks
        _fix_or_diff(paths, stdin_name, office, rules, language, unsafe_fixes, diff, settings)
    with _view(paths, stdin_name, office) as view:
        findings = without_ignored(run_checks(view, rules, language), settings.ignored_in)
        counts = check_summary(findings, view.source_count())
        _review(paths, findings, comments, language)
        unread = list(view.skipped)
    _deliver(_check_report(findings, counts, output_format, statistics, language), output_file)
    if unread:  # listed as skipped above; a check that could not read an input did not pass
        _run().unread.clear()
        raise fail(_("{count} input(s) could not be read").format(count=len(unread)))
    is_strict = bool(strict if strict is not None else settings.strict)
    if not exit_zero and (counts.errors or (is_strict and counts.warnings)):
        raise typer.Exit(code=1)


def _deliver(report: str, output_file: Path | None) -> None:
    """A report to standard output, or written whole to ``output_file``."""
    if output_file is None:
        sys.stdout.write(report)
    else:
        write_atomic(output_file, report)


def _review(paths: list[Path], findings: list[Finding], out: Path | None, language: str) -> None:
    """With ``--comments``: the one .docx checked, copied with its findings as comments."""
    if out is None:
        return
    if len(paths) != 1 or paths[0].suffix.lower() != ".docx" or not paths[0].is_file():
        raise fail(_("--comments needs one .docx file to check"))
    from vanban.app.review import write_review

    count = write_review(paths[0], findings, out, language)
    say(_("{out}: {count} comment(s) written").format(out=out, count=count))


def _said_refused(results: list[FixResult]) -> None:
    """The files a fix pass did not change, and why."""
    for result in results:
        if result.refused == "not-editable":
            say(
                _("{path}: not modified: a PDF or .doc is never changed; fix its original").format(
                    path=result.path
                )
            )
        elif result.refused == "changed":
            say(_("{path}: not modified: it changed since it was read").format(path=result.path))


def _fix_or_diff(
    paths: list[Path],
    stdin_name: str,
    office: Register | None,
    rules: set[str],
    language: str,
    unsafe: bool,
    diff: bool,
    settings: Settings,
) -> None:
    """With ``diff``, print the changes and exit (1 when there are some); else fix until
    nothing more is fixed (vanban.app.fixes). A rule ``per-file-ignores`` leaves out for a
    file is not fixed in it."""
    from vanban.app.fixes import fix_pass, fix_until_done
    from vanban.checks.registry import run_checks, without_ignored

    if [str(p) for p in paths] == ["-"]:
        raise fail(_("--fix and --diff need files: standard input cannot be changed"))

    def findings() -> list[Finding]:
        with _view(paths, stdin_name, office) as view:
            return without_ignored(run_checks(view, rules, language), settings.ignored_in)

    if diff:
        results = fix_pass(paths, findings, unsafe, write=False)
        _said_refused(results)
        sys.stdout.write("".join(result.diff for result in results))
        count = sum(len(result.fixed) for result in results)
        say(_("{count} fix(es) would be applied").format(count=count))
        raise typer.Exit(code=1 if count else 0)
    total = fix_until_done(paths, findings, unsafe, _said_refused)
    say(_("{count} fix(es) applied").format(count=total))


def _chosen_rules(
    select: list[str] | None,
    ignore: list[str] | None,
    require_resolved: bool | None,
    settings: Settings,
) -> set[str]:
    """The rules to run: the command line's, else the settings', else the default ones."""
    from vanban.checks.registry import RULES, select_rules

    chosen_select = _split(select) or settings.select
    chosen_ignore = _split(ignore) + settings.ignore
    resolved = bool(require_resolved if require_resolved is not None else settings.require_resolved)
    try:
        return select_rules(chosen_select, chosen_ignore, resolved)
    except KeyError as error:
        known = ", ".join(f"{r.code} ({r.name})" for r in RULES)
        raise fail(
            _("unknown rule {rule!r}; rules: {known}").format(rule=error.args[0], known=known)
        ) from None


def _check_report(
    findings: list[Finding],
    counts: Summary,
    output_format: CheckFormat,
    statistics: bool,
    language: str,
) -> str:
    from vanban.output.escape import printable
    from vanban.output.terminal import findings_text, github_annotations, rule_statistics
    from vanban.storage.graph_file import dump_json

    if output_format is CheckFormat.json:
        return dump_json({"findings": [f.to_dict() for f in findings], "summary": counts.to_dict()})
    if output_format is CheckFormat.github:
        return github_annotations(findings)
    if output_format is CheckFormat.sarif:
        from vanban.output.terminal import sarif_log

        return dump_json(sarif_log(findings, __version__))
    if statistics:
        return printable(rule_statistics(findings, counts, language))
    return printable(findings_text(findings, counts, language))


@command()
def rule(
    code: Annotated[
        str | None, typer.Argument(help=_("A rule code or name: VB101, undated-reference."))
    ] = None,
    every: Annotated[bool, typer.Option("--all", help=_("Every rule."))] = False,
    lang: Annotated[
        Language | None, typer.Option(help=_("Language (default: from the locale)."))
    ] = None,
) -> None:
    """Explain a check rule: what it checks, why it matters, an example and its fix."""
    from vanban.checks.registry import RULE_BY_KEY, RULES, rule_text

    language = lang.value if lang else _run().language
    if every:
        sys.stdout.write("\n".join(rule_text(r.code, language) for r in RULES))
        return
    if code is None or code not in RULE_BY_KEY:
        known = ", ".join(r.code for r in RULES)
        raise fail(
            _("give a rule: {known} (or --all)").format(known=known)
            if code is None
            else _("unknown rule {rule!r}; rules: {known}").format(rule=code, known=known)
        )
    sys.stdout.write(rule_text(code, language))


@command()
def search(
    words: Annotated[str, typer.Argument(help=_("Words to find; accents optional."))],
    paths: GraphInputs,
    limit: Annotated[int, typer.Option(min=1, help=_("Most results to show."))] = 20,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = ShowFormat.text,
    stdin_name: StdinName = "<stdin>",
) -> None:
    """Find words in titles, in the sentences references stand in and in the whole text of the
    documents read, best first: "kiem tra giam sat" finds "kiểm tra, giám sát"."""
    from vanban.output.terminal import print_hits

    with _view(paths, stdin_name) as view:
        found = view.search(words, limit)
    if output_format is ShowFormat.text:
        print_hits(_stdout(), found, _run().language)
    else:
        results = [h.to_dict() for h in found.hits]
        _write_data({"results": results, "total": found.total}, output_format.value)


class TableName(str, Enum):
    documents = "documents"
    references = "references"
    edges = "edges"
    sources = "sources"


class RowsFormat(str, Enum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@command("export")
def export_command(
    paths: GraphInputs,
    table: Annotated[TableName, typer.Option("--table", "-t", help=_("Which records."))] = (
        TableName.references
    ),
    output_format: Annotated[
        RowsFormat | None,
        typer.Option("--format", "-f", help=_("Default: from the -o file's ending, else csv.")),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_("Write to a file (- for stdout)."))
    ] = None,
    stdin_name: StdinName = "<stdin>",
) -> None:
    """Write one table of the graph (references, documents, edges or sources) as CSV or an
    Excel workbook for a spreadsheet, or JSON for a notebook; -o - writes to standard
    output. Paths are from the graph file's folder."""
    from vanban.app.views import graph_folder, rows_from_folder
    from vanban.output.graph_formats import table_file, table_rows

    to_stdout = output is not None and str(output) == "-"
    output = None if to_stdout else output
    _refuse_overwriting_inputs(output, paths)
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    chosen = output_format or RowsFormat(suffix if suffix in ("json", "xlsx") else "csv")
    if chosen is RowsFormat.xlsx and output is None and not to_stdout:
        raise fail(_("--format xlsx writes a workbook: give the file with -o, e.g. -o bang.xlsx"))
    with _view(paths, stdin_name) as view:
        rows = rows_from_folder(table_rows(view, table.value), graph_folder(paths))
    content = table_file(rows, table.value, chosen.value, _run().language)
    if output is not None:
        write_atomic(output, content)
    elif isinstance(content, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)


@command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_("Write to a file."))
    ] = None,
    findings: Annotated[
        bool, typer.Option("--findings", help=_("The schema of `check --format json` instead."))
    ] = False,
) -> None:
    """Print the JSON Schema of a graph file (what `parse` writes), or of check's JSON."""
    from vanban.output.schema import findings_schema, json_schema
    from vanban.storage.graph_file import dump_json

    _refuse_overwriting_inputs(output, [])
    text = dump_json(findings_schema() if findings else json_schema())
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


@command("html")
def html_command(
    document: Annotated[
        Path, typer.Argument(help=_("A document (.pdf, .docx, .doc, .html, .txt), or - for stdin."))
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_("Write the page to this file."))
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(help=_("Language of the page's labels and findings (default: vi).")),
    ] = None,
    register: RegisterFiles = None,
    register_columns: RegisterColumns = None,
    stdin_name: StdinName = "<stdin>",
) -> None:
    """One page for one document: its text with every reference marked (dated, undated, with
    a finding), footnotes linked both ways, and a panel of what it cites. It opens from the
    disk, with no network."""
    from vanban.app.documents import parse_file_laid_out
    from vanban.app.pages import document_page_of
    from vanban.parser.pipeline import parse_text_laid_out

    office = _register(document, register, register_columns)
    _refuse_overwriting_inputs(output, [document])
    if str(document) == "-":
        text = decode(read_limited(sys.stdin.buffer, stdin_name), stdin_name)
        parsed, layout = parse_text_laid_out(text, stdin_name)
    else:
        parsed, layout = parse_file_laid_out(document)
    page = document_page_of(parsed, layout, office, _page_language(lang))
    if output is None:
        sys.stdout.write(page)
    else:
        write_atomic(output, page)


def _page_language(lang: Language | None) -> str:
    """Pages are in Vietnamese unless English is asked for (--lang, VANBAN_LANG); a locale
    alone does not turn an office's pages into English."""
    return lang.value if lang is not None else (_run().asked or "vi")


@command()
def site(
    paths: GraphInputs,
    output: Annotated[Path, typer.Option("--output", "-o", help=_("The folder to write."))],
    lang: Annotated[
        Language | None,
        typer.Option(help=_("Language of the pages' labels and findings (default: vi).")),
    ] = None,
    register: RegisterFiles = None,
    register_columns: RegisterColumns = None,
) -> None:
    """A static archive to open in a browser or put on a shared drive: an index to sort,
    filter and search, a page per document, a findings page per file. Run again after
    `parse --update`: only the pages that changed are written."""
    from vanban.app.pages import write_archive
    from vanban.app.views import graph_folder

    office = _register(paths[0], register, register_columns)
    paths, reach = _site_inputs(paths)
    with _view(paths) as opened:
        graph = opened.graph
    result = write_archive(graph, output, office, _page_language(lang), reach, graph_folder(paths))
    skipped = _("skipped: {problem} (its page shows what the graph knows)")
    for problem in result.unreadable:
        say(skipped.format(problem=said_in(problem, _)))
    say(
        _(
            "{output}: {written} page(s) written, {unchanged} unchanged, {removed} removed; "
            "open {index}"
        ).format(
            output=output,
            written=result.written,
            unchanged=result.unchanged,
            removed=result.removed,
            index=output / "index.html",
        )
    )


def _site_inputs(paths: list[Path]) -> tuple[list[Path], Reach]:
    """What a site is made of (a graph, or documents), and the files it may read again: those
    in the graph's folder and in the folders named after it, or the documents named."""
    from vanban.app.views import is_graph_file
    from vanban.storage.graph_file import Reach

    if not is_graph_file(paths[0]):
        return paths, Reach.of(None, paths)
    for folder in paths[1:]:
        if not folder.is_dir():
            raise fail(
                _("{path}: not a folder; after a graph, name the folders it may read").format(
                    path=folder
                )
            )
    return paths[:1], Reach.of(paths[0], paths[1:])


def _write_data(data: Any, fmt: str) -> None:
    """Data for other programs on stdout: JSON for ``json``, YAML otherwise."""
    from vanban.storage.graph_file import dump_json, dump_yaml

    sys.stdout.write(dump_json(data) if fmt == "json" else dump_yaml(data))


def _stdout() -> Console:
    """Console for results: the terminal's width, or a wide page when piped to a file."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(highlight=False, width=160)
    return console


class _Stopped(BaseException):
    """SIGTERM or SIGHUP came: the run unwinds as for Ctrl-C (workers ended, temporary files
    removed), then exits 128 + the signal's number."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _stop(number: int, _frame: object) -> None:
    raise _Stopped(number)


def _on_stop_signals() -> None:
    """SIGTERM and SIGHUP (a closed terminal, a service stopped) end a run as Ctrl-C does,
    instead of killing this process alone and leaving its workers asleep."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)


def main() -> None:
    """Entry point of the ``vanban`` console script.

    The last line of defence: whatever escapes a command is one line on stderr and exit
    code 2, never a traceback (VANBAN_DEBUG=1 shows it).
    """
    _utf8_streams()
    _on_stop_signals()
    try:
        app()
    except KeyboardInterrupt:
        say(_("Interrupted; outputs already written are whole."))
        sys.exit(130)
    except _Stopped as stopped:
        say(_("Stopped by a signal; outputs already written are whole."))
        sys.exit(128 + stopped.number)
    except SystemExit as done:
        if done.code == 130:  # typer turns Ctrl-C into a silent exit 130
            say(_("Interrupted; outputs already written are whole."))
        raise
    except Exception as error:
        if os.environ.get("VANBAN_DEBUG"):
            raise
        say(
            _(
                "Error: unexpected {kind}: {error}; run again with VANBAN_DEBUG=1 for details"
            ).format(kind=type(error).__name__, error=error)
        )
        sys.exit(2)


def _utf8_streams() -> None:
    """Output to a file or a pipe in UTF-8, whatever the system's code page: Windows gives a
    redirected output its ANSI code page (cp1252, cp1258), in which most Vietnamese letters
    cannot be written. A terminal keeps its own encoding, a letter it cannot show escaped."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper) or not stream.encoding:
            continue
        if codecs.lookup(stream.encoding).name == "utf-8":
            continue
        if stream.isatty():
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8")
