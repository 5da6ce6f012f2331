"""The room's scripts and style sheet, addressed by their content so a browser keeps them.

Every page names its files as `/static/NAME?v=HASH` (HASH: the start of the file's
SHA-256). An answer to exactly that address can be kept for a year without asking
again: a tocht whose file changed names it by another hash, so a phone never runs a
stale script. Any other address of a static file (no or an old hash) is answered
with `no-cache`, so the browser asks again with the ETag Starlette sends.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import parse_qs

from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

FOREVER = b"public, max-age=31536000, immutable"
ASK_AGAIN = b"no-cache"


class Assets:
    """The static folder: addresses with their content hash for the pages, and an ASGI app that serves them."""

    def __init__(self, folder: Path):
        self.files = StaticFiles(directory=folder)
        self.hashes = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:12] for path in folder.iterdir() if path.is_file()}

    def url(self, name: str) -> str:
        """The address a page gives for `name`: it changes whenever the file does."""
        return f"/static/{name}?v={self.hashes[name]}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = scope["path"].rsplit("/", 1)[-1]
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [])
        policy = FOREVER if name in self.hashes and asked == [self.hashes[name]] else ASK_AGAIN

        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"cache-control", policy)]
            await send(message)

        await self.files(scope, receive, with_policy)
