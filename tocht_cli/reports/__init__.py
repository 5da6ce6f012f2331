"""What is shown and printed of sessions: the terminal views, summaries, comparisons, handouts as HTML and PDF."""
