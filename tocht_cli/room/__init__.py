"""`tocht room`: the room's pages on the local network (Starlette, uvicorn, Jinja2, segno: imported by that command alone)."""
