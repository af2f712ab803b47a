"""Query: the engine that answers a catalogue's questions.

The fields a query can name, lookups in Django's spelling, the indexes and the planner
that picks one, the order of sorting and grouping, and full-text search. It works on
positions in a tuple of resources and knows nothing of formats.
"""
