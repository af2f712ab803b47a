"""Regenerate the bundled data from the upstream texts and the reviewed corrections.

Run from a clone of the repository::

    python -m migrantres.build            # rewrite src/migrantres/data/
    python -m migrantres.build --check    # exit 1 if the shipped files are stale

The build reads ``upstream/sources.toml`` (the texts, in order) and
``upstream/corrections.toml``, parses each text with :mod:`migrantres.ingest`, applies
every correction exactly once, sorts the records by id and writes into
``src/migrantres/data/``: ``resources.json`` (the records), ``resources.csv`` (the same
as CSV), ``resources.schema.json`` (the JSON Schema of a record), ``datapackage.json``
(a Frictionless Data Package describing the CSV) and ``manifest.json`` (the version,
record count and every file's size and SHA-256). The same inputs always give the same
bytes, so ``--check`` (and the test suite) can prove the shipped data is what the build
makes.
"""

from migrantres.ingest._build import Build, as_of, build, load_corrections, main, stale_files

__all__ = ["Build", "as_of", "build", "load_corrections", "main", "stale_files"]

if __name__ == "__main__":
    raise SystemExit(main())
