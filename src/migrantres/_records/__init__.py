"""Records: what a resource is.

The frozen pydantic models and the value types they are made of (partial dates, the
compendium's vocabularies, BCP 47 language tags, the rules for text), and nothing that
reads, queries or writes many records. Every other stage builds on this one.
"""
