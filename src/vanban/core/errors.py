"""Errors that reach the user as one line, naming the file and the problem."""

from __future__ import annotations

from collections.abc import Callable


class VanbanError(Exception):
    """Base of every error vanban reports to the user (exit code 2).

    Raised with a message, or with an English template and its values
    (``InputError("{path}: no such file", path=path)``), which the command line says in the
    interface's language through the catalogue (:meth:`said_in`).
    """

    def __init__(self, message: str = "", /, **values: object) -> None:
        self.template = message if values else None
        self.values = values
        super().__init__(message.format(**values) if values else message)

    def said_in(self, translate: Callable[[str], str]) -> str:
        """The message in the language of ``translate`` (the value ``what`` translated too)."""
        if self.template is None:
            return translate(str(self))
        values = {
            key: translate(value) if key == "what" and isinstance(value, str) else value
            for key, value in self.values.items()
        }
        return translate(self.template).format(**values)


class Problem(str):
    """A problem a batch met and went past (a file it could not read), as English text that
    keeps what it takes to say it in another language (:meth:`said_in`), across processes too."""

    template: str | None
    values: dict[str, object]

    def __new__(cls, error: VanbanError) -> Problem:
        problem = super().__new__(cls, str(error))
        problem.template, problem.values = error.template, dict(error.values)
        return problem

    def __reduce__(self) -> tuple[object, ...]:
        return (_problem, (type(self), self.template or str(self), self.values))

    def error(self, kind: type[VanbanError] = VanbanError) -> VanbanError:
        """The problem as an error of ``kind`` again."""
        return kind(self.template or str(self), **self.values)

    def said_in(self, translate: Callable[[str], str]) -> str:
        """The problem in the language of ``translate``."""
        return self.error().said_in(translate)


def _problem(cls: type[Problem], message: str, values: dict[str, object]) -> Problem:
    return cls(VanbanError(message, **values))


def said_in(problem: str, translate: Callable[[str], str]) -> str:
    """A problem (a :class:`Problem`, or text) in the language of ``translate``."""
    return problem.said_in(translate) if isinstance(problem, Problem) else translate(problem)


class InputError(VanbanError):
    """A file cannot be read as a document (missing, unreadable, binary, wrong encoding)."""


class GraphFormatError(VanbanError):
    """A YAML/JSON file is not a vanban graph this version can read."""


class OutputError(VanbanError):
    """An output cannot be written where the user asked."""


class Notice(UserWarning):
    """Something vanban did on its own that the user should know of (an index that was not its
    own, set aside): a warning line on the command line, a Python warning for a library user.
    Made as an error is, with an English template and its values."""

    def __init__(self, message: str = "", /, **values: object) -> None:
        self.error = VanbanError(message, **values)
        super().__init__(str(self.error))

    def said_in(self, translate: Callable[[str], str]) -> str:
        return self.error.said_in(translate)
