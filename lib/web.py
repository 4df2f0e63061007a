"""The guard in front of the server: it answers this computer's browser and nothing else.

Debrief listens on 127.0.0.1, but a web page from anywhere can still reach it through the
user's own browser: by DNS rebinding (a hostile name that resolves to 127.0.0.1, so the browser
sends `Host: evil.example`) or by opening a websocket from its own origin. Every HTTP request
and websocket upgrade must therefore come from a loopback address and name us in its `Host`
(127.0.0.1 or localhost, on our port), and a request that carries an `Origin` must come from one
of those same addresses. Anything else is refused before Streamlit sees it; that also keeps
Streamlit's own origin check from looking up the machine's public address over the network for
an origin it does not know (it knows 127.0.0.1 and localhost, not [::1], which is why [::1] is
not ours either: the server listens on 127.0.0.1 only, so no page can come from there).

Every answer it lets through also forbids other sites to frame it (`frame-ancestors 'self'`):
a framed app would pass both checks above, since the frame itself is ours, and a hostile page
could lay invisible clicks over its buttons.

Pure ASGI (no Streamlit): `serve.py` mounts it in front of the app with the server's port.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost"})
# Sent with every HTTP answer: only Debrief's own pages may put Debrief in a frame.
NO_FOREIGN_FRAMES = ((b"content-security-policy", b"frame-ancestors 'self'"), (b"x-frame-options", b"SAMEORIGIN"))
_PORT = re.compile(r"[0-9]{1,5}")  # ASCII digits only: str.isdigit() takes "²"


def host_is_ours(host: str | None, port: int) -> bool:
    """`Host: 127.0.0.1:8501` is ours on port 8501; `evil.example:8501`, `[::1]:8501` or another port is not."""
    if not host:
        return False
    parsed = _host_and_port(host.strip().lower())
    if parsed is None:
        return False
    name, named_port = parsed
    return name in LOOPBACK_NAMES and (named_port or 80) == port


def origin_is_ours(origin: str, port: int) -> bool:
    """`Origin: http://localhost:8501` is ours; `null`, https, `[::1]` or any other site is not."""
    try:
        parts = urlsplit(origin.strip().lower())
        named_port = parts.port
    except ValueError:
        return False
    if parts.scheme != "http" or parts.username or parts.password or parts.path not in ("", "/"):
        return False
    return (parts.hostname or "") in LOOPBACK_NAMES and (80 if named_port is None else named_port) == port


def client_is_local(client: tuple[str, int] | None) -> bool:
    """The peer's own address is loopback: a guard that holds even if the server is bound wider."""
    if client is None:
        return False
    try:
        return ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False


def _host_and_port(host: str) -> tuple[str, int | None] | None:
    """'[::1]:8501' -> ('::1', 8501); 'localhost' -> ('localhost', None); junk -> None."""
    if host.startswith("["):
        name, bracket, rest = host[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:] if rest else None
    else:
        name, colon, port_text = host.partition(":")
        port_text = port_text if colon else None
    if port_text is None:
        return name, None
    if not _PORT.fullmatch(port_text) or not 0 < int(port_text) < 65536:
        return None
    return name, int(port_text)


class LoopbackGuard:
    """ASGI middleware: refuse a foreign Host (400) or a foreign Origin (403), pass the rest on.

    `port` is read per request, because the server may settle on its port after this is built.
    """

    def __init__(self, app: ASGIApp, port: Callable[[], int]) -> None:
        self.app = app
        self.port = port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "http":
            send = _framing_refused(send)  # refusals included: every HTTP answer says it
        headers = Headers(scope=scope)
        port = self.port()
        if not client_is_local(scope.get("client")) or not host_is_ours(headers.get("host"), port):
            refusal = PlainTextResponse("Debrief only answers requests addressed to 127.0.0.1 or localhost.", 400)
            await refusal(scope, receive, send)
            return
        origin = headers.get("origin")
        if origin is not None and not origin_is_ours(origin, port):
            refusal = PlainTextResponse("Debrief only answers pages it served itself.", 403)
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _framing_refused(send: Send) -> Send:
    """`send`, adding the no-foreign-frames headers to the response's start."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {name.lower() for name, _ in message.get("headers", [])}
            extra = [header for header in NO_FOREIGN_FRAMES if header[0] not in names]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return sending
