"""Formats: records in and out of other programs, one module per family of formats.

JSON and JSON Lines, CSV, citations, tables for notebooks and terminals, JSON Schema
and Data Package, and the pandas DataFrame. Each works on a sequence of resources and
knows nothing of queries.
"""
