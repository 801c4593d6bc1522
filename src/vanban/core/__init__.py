"""The facts of the domain, each in one module, asked by every step: the records, the kinds and
their codes, the grammar of numbers and dates, when two mentions are one document, the
relations, how dates are written, the errors and the languages. Imports nothing else of vanban."""
