"""Pure name handling: normalisation, scripts, transliteration, name parts, keys."""
