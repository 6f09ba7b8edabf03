"""Cards written out for other tools: JSONL, CSV and Anki packages."""
