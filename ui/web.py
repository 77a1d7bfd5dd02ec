"""Streamlit's page and static files, gzipped: what a first-time visitor downloads before any
script runs.

Streamlit's server sends its static files uncompressed (9.5 MB for the overview, 4.7 MB of it
Plotly), on purpose: it would rather not gzip the same bytes on every request, and leaves that to a
proxy in front of it, which the demo does not have. The files are content-hashed and immutable,
so `CompressedStatic` gzips each once and keeps it: 3.0 MB for the overview, half a second less
to the first chart over a 50 Mbit/s link (benchmarks/browser.py). On the server's own machine
it changes nothing measurable.
"""

from __future__ import annotations

import gzip
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from anyio import to_thread

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Receive, Send], Awaitable[None]]

COMPRESSIBLE = (b"text/", b"application/javascript", b"application/json", b"image/svg+xml")
LEVEL = 6  # zlib's default: within a few per cent of 9 on these bundles, at a third of the time


class _Buffered:
    """An HTTP response held whole until its last body part, then `finish(start, body)` sends it."""

    def __init__(
        self, send: Send, wanted: Callable[[Message], bool], finish: Callable[[Message, bytes], Awaitable[None]]
    ) -> None:
        self.send, self.wanted, self.finish = send, wanted, finish
        self.start: Message | None = None
        self.parts: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            if message["status"] == 200 and self.wanted(message):
                self.start = message
                return
        elif message["type"] == "http.response.body" and self.start is not None:
            self.parts.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self.finish(self.start, b"".join(self.parts))
            return
        await self.send(message)


def _header(message: Message, name: bytes) -> bytes:
    return next((value for key, value in message["headers"] if key.lower() == name), b"")


def _with_body(start: Message, body: bytes, **extra: bytes) -> Message:
    """The response start with the body's length and `extra` headers (names with dashes as _)."""
    replaced = {b"content-length", *(name.replace("_", "-").encode() for name in extra)}
    headers = [(key, value) for key, value in start["headers"] if key.lower() not in replaced]
    headers.append((b"content-length", str(len(body)).encode()))
    headers += [(name.replace("_", "-").encode(), value) for name, value in extra.items()]
    return {**start, "headers": headers}


class CompressedStatic:
    """gzip for Streamlit's static files and page, each compressed once per version and kept.

    Only what Streamlit itself serves under `/static/` and its page (index.html) passes here, so
    what is kept is bounded by its static folder (~7 MB compressed if every chunk were asked for).
    Range requests and clients that do not accept gzip get the files as Streamlit sends them.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._kept: dict[tuple[str, bytes], bytes] = {}

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", ())) if scope["type"] == "http" else {}
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or b"gzip" not in headers.get(b"accept-encoding", b"")
            or b"range" in headers
        ):
            await self.app(scope, receive, send)
            return
        path = scope["path"]

        def wanted(start: Message) -> bool:
            return not _header(start, b"content-encoding") and _header(start, b"content-type").startswith(COMPRESSIBLE)

        async def finish(start: Message, body: bytes) -> None:
            key = (path, _header(start, b"etag") or body)
            if (packed := self._kept.get(key)) is None:
                packed = await to_thread.run_sync(gzip.compress, body, LEVEL)
                if b"/static/" in path.encode():  # content-hashed: the same path keeps its bytes
                    self._kept[key] = packed
            vary = _header(start, b"vary")
            await send(_with_body(start, packed, content_encoding=b"gzip",
                                  vary=vary + b", Accept-Encoding" if vary else b"Accept-Encoding"))  # fmt: skip
            await send({"type": "http.response.body", "body": packed})

        await self.app(scope, receive, _Buffered(send, wanted, finish))
