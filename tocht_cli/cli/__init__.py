"""The command line: typer, options, prompts and messages; its start-up and framework accommodations in framework/ (read last)."""
