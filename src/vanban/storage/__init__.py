"""A graph on disk: its YAML file, its SQLite index, atomic writes."""
