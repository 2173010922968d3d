"""`python -m newsevents` runs the CLI."""

from .cli import main

main()
