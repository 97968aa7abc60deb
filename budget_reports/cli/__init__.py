"""The `budget` command: build the warehouse, query it, review findings, export it."""
