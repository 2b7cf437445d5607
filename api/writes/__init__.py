"""Write use cases: turn loaded (validated) input into rows, shared by the API and the CLI."""
