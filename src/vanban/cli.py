"""The ``vanban`` command: a thin layer over the library.

Each command converts its arguments, calls the library, prints, and returns an exit
code: 0 success, 1 findings (``check``), 2 input that cannot be used.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .errors import VanbanError
from .index import collect_files, index_paths
from .io import dump_json, dump_yaml, write_atomic

app = typer.Typer(
    name="vanban",
    help="Read Vietnamese directive documents and write the citation graph of what they cite.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(str, Enum):
    yaml = "yaml"
    json = "json"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"vanban {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Read Vietnamese directive documents and write the citation graph of what they cite."""


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``Error: message`` on stderr and return the Exit to raise."""
    errors.print(f"Error: {message}", markup=False)
    return typer.Exit(code=code)


def _show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@app.command()
def parse(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Document files or folders (read recursively).", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the graph to this file instead of stdout."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.yaml,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", min=1, help="Processes to parse with (default: cores)."),
    ] = None,
) -> None:
    """Parse documents into a citation graph (YAML on stdout, or -o FILE)."""
    try:
        files, _ = collect_files(paths)
        if _show_progress() and len(files) > 1:
            from rich.progress import Progress

            with Progress(console=errors, transient=True) as bar:
                task = bar.add_task("parsing", total=len(files))
                result = index_paths(paths, workers, lambda n: bar.advance(task, n))
        else:
            result = index_paths(paths, workers)
        data = result.graph.to_dict()
        text = dump_json(data) if output_format is OutputFormat.json else dump_yaml(data)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
    except VanbanError as error:
        raise fail(str(error)) from None
    if result.skipped:
        for problem in result.skipped:
            errors.print(f"skipped: {problem}", markup=False)
        errors.print(
            f"Error: {len(result.skipped)} input(s) skipped, "
            f"{len(result.documents)} document(s) read",
            markup=False,
        )
        raise typer.Exit(code=2)


def main() -> None:
    """Entry point of the ``vanban`` console script."""
    app()
