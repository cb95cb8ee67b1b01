"""The registry of people: names, documents, families, affiliations, facilities."""
