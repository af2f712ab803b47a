"""The single version of the package and of the dataset it ships.

``MAJOR.MINOR.YYYYMMDD``: the date is the day of the data snapshot, so
``migrantres==0.1.20261128`` always means the same records.
"""

__version__ = "0.1.20261128"
