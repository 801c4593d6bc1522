"""Files to text: one module per format, each declaring its Format; the registry lists them."""
