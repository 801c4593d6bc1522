"""The lint rules of ``vanban check``: what a rule is (rule), the list of them (registry), one
file per rule (rules/), what a rule reads and reports (context, findings)."""
