"""What people and other programs read: the terminal's tables and findings, the graph's formats,
the pages and the site, the JSON Schemas."""
