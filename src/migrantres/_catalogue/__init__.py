"""The catalogue: the thin :class:`~migrantres.Catalogue` and what compares two of them.

A catalogue holds its resources and hands each operation to the query engine or to a
format; it keeps no index and knows no format's rules.
"""
