"""``python -m vanban``."""

from .cli import main

main()
