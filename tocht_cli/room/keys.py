"""A room's secrets: the join token and PIN for participants, the facilitator's own key, and
the key that signs each device's cookie and its forms' CSRF tokens.

They are kept in the per-user cache folder (0600), one file per database and session, so
that a room stopped and started again lets the phones in the room carry on; deleting the
file only means everyone joins again. They are never written into the session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

PIN_DIGITS = 6


@dataclass(frozen=True)
class Keys:
    join: str  # in the join address the QR code carries: 128 random bits
    pin: str  # six digits, for the address typed by hand (tried at most a few times a minute)
    screen: str  # the facilitator's: the screen page and its controls
    signing: str  # signs cookies and CSRF tokens

    @classmethod
    def new(cls) -> Keys:
        pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
        return cls(secrets.token_urlsafe(16), pin, secrets.token_urlsafe(16), secrets.token_hex(32))

    def sign(self, purpose: str, value: str) -> str:
        return hmac.new(self.signing.encode(), f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()[:32]

    def signed(self, purpose: str, value: str, signature: str) -> bool:
        return hmac.compare_digest(self.sign(purpose, value), signature)

    def seal(self, purpose: str, data: dict[str, str]) -> str:
        """`data` as a cookie value only this room can have made."""
        body = base64.urlsafe_b64encode(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()).decode().rstrip("=")
        return f"{body}.{self.sign(purpose, body)}"

    def unseal(self, purpose: str, value: str | None) -> dict[str, str] | None:
        """What `seal` made, or None for anything else (forged, from another room, damaged)."""
        if not value or value.count(".") != 1 or len(value) > 3000:
            return None
        body, signature = value.split(".")
        if not self.signed(purpose, body, signature):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except ValueError:
            return None
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            return None
        return data


def keys_file(cache: Path, database: Path, session_id: str) -> Path:
    where = hashlib.sha256(str(database).encode()).hexdigest()[:16]
    return cache / "rooms" / f"{where}-{session_id}.json"


def load(path: Path | None) -> Keys:
    """The room's keys from its file, or new ones (kept in the file when it can be written)."""
    if path is not None:
        try:
            return Keys(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            pass  # none yet, or not ours: new keys
    keys = Keys.new()
    if path is not None:
        from tocht_cli.base.files import keep_cache

        keep_cache(path, json.dumps(asdict(keys)))  # 0600; a read-only cache: the keys last as long as this room
    return keys


def new_device() -> str:
    """A device's random id: all a room knows of a participant (no address, no browser)."""
    return secrets.token_hex(12)
