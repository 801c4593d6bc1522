"""The parser: one document's text in, its references, footnotes, relations and identity out.

Steps outside the parser use what this package names here, never its modules' insides.
"""

from vanban.parser.normalize import normalize_text
from vanban.parser.pipeline import parse_text, parse_text_laid_out

__all__ = ["normalize_text", "parse_text", "parse_text_laid_out"]
