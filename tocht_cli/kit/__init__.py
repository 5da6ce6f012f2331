"""Kits: loading, validating (pydantic) and caching the TOML in data/kits/, handed the installed kinds."""
