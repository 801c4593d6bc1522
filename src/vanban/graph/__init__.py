"""The citation graph made from parsed documents (build) and parsed documents made again from a
graph's sources for an update (restore)."""
