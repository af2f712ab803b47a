"""Storage: catalogues on disk and in the installed package.

The manifest that vouches for the bundled data, the verified loading of that data, and
:func:`~migrantres.load` for files of the user's own, in any format it reads.
"""
