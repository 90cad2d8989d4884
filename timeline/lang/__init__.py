"""Language data: one module per language, kept apart from the engine."""
