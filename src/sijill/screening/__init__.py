"""Screening against watch lists: list importers, snapshots, hits, decisions and re-screens.

- ``entries``: ``ListEntry``, what a list says about one listed person or organisation (pure)
- ``sources``: parsers of the formats lists are published in (UN, OFAC, EU, FtM, CSV/XLSX)
- ``index``: an in-memory index over list entries that screens a record (pure)
- ``workflow``: hit statuses and the decisions that move them (pure)
- ``models``, ``lists`` (imports and snapshots), ``service`` (screening and decisions),
  ``queries`` (the queue, a person's history, ``flag``)
"""
