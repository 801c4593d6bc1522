"""Questions asked of a graph through one View (view), written once (views)."""
