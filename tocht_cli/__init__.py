"""tocht: a terminal companion that walks a group through a workshop kit."""

__version__ = "0.1.0"
