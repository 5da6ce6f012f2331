"""Exercise kinds: one module each, owning its kit section, questions, commands and rendering."""
