"""Drawing text, tables and documents (terminal, Markdown, the blocks of a page), knowing no session or kind."""
