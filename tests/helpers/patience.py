"""How long a test waits for what must happen: a bound against hanging, never a measure of speed.

A loaded laptop (six jobs on two cores, a browser, a build) may take many times longer than a quiet
one; a test that waits for an event waits up to this long, and one that measures time does not assert it.
"""

PATIENCE = 120.0  # seconds
