"""Side commands over the same stages: open-data export, diff, JSON Schema, scaffolding and
the terminal summary of the analysis."""
