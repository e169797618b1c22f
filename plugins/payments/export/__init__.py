"""Export of all of a company's data as NDJSON with a checksum, and its import."""
