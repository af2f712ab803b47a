"""``python -m migrantres``: the same as the ``migrantres`` command."""

from migrantres.cli import main

raise SystemExit(main())
