"""The room's web pages: the screen for the projector, the facilitator's control view (the laptop),
and the participants' phones.

Starlette (a small, well-kept ASGI toolkit) serves them; pages are Jinja2 templates with
autoescape, in the kit's language. Every page works without JavaScript (plain forms,
POST then redirect); small scripts shipped in the package only keep the screen and
the phones up to date (server-sent events). Where each part lives:

- routes.py: the route table; the endpoints in join.py, phone.py, scribe.py, screen.py and control.py;
- site.py: the room's context (the Site), kept in the app's state; guards.py: the guards every page passes;
- middleware.py: what every answer goes through (headers, body size, Host); stream.py: the live updates.

What protects a room on a shared Wi-Fi:
- nothing but the PIN form answers without the join token (or the PIN): a device that
  joined carries a cookie this room signed; the screen and the control view need the
  facilitator's own key, which the participants never see;
- every form carries a CSRF token signed for its device; cookies are HttpOnly and SameSite;
- the PIN may be tried ten times a minute per client (by its address, held in memory only) and
  once a second by everyone together, so one guesser keeps nobody else out; the join link makes
  new devices at a room's pace; each device may send a few requests a second and hold a few live
  connections; bodies (chunked ones too) and fields have sizes, and a request refused for its
  form is a 4xx and one line on the facilitator's terminal, never a traceback;
- a Content-Security-Policy that allows only the room itself (no inline script, no outside
  resource), no framing, no referrer; a Host that is a name (DNS rebinding) is refused.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.types import ASGIApp

from tocht_cli.room.middleware import Guard
from tocht_cli.room.routes import HANDLERS, ROUTES
from tocht_cli.room.site import Site

__all__ = ["Site", "asgi", "build"]


def build(site: Site) -> Starlette:
    """The app holds the route table; the room's context is in its state."""
    app = Starlette(routes=ROUTES, exception_handlers=HANDLERS)
    app.state.site = site
    return app


def asgi(site: Site) -> ASGIApp:
    return Guard(build(site))
