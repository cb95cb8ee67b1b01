"""Pure name handling: normalisation, scripts, transliteration, name parts, keys.

- ``normalise``: ``normalise``, ``tokens``, ``find_unsafe_characters``
- ``scripts``: ``detect_script``, ``confusable_fold``
- ``translit``: ``to_latin``
- ``parse``: ``parse_arabic_name`` -> ``ParsedName`` of ``NamePart``
- ``keys``: ``search_keys`` (index), ``search_key_groups`` (query), ``name_keys``,
  ``name_key``, ``whole_name_keys``, ``word_keys``, ``skeleton``

No database or web imports (an import-linter contract holds this).
"""
