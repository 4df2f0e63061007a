"""`python -m lib`: the same as the `debrief` command."""

from lib.cli import main

raise SystemExit(main())
