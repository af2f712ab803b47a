"""Collection settings for the documentation's own files."""

# The griffe extension is loaded by mkdocs, which installs griffe; the tests need not.
collect_ignore = ["griffe_roles.py"]
