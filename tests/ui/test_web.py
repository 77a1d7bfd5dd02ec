"""Streamlit's static files reach a browser gzipped, once compressed and then kept (ui/web.py)."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

from ui.web import CompressedStatic

BUNDLE = b"export const plot = () => 'bars';\n" * 2000


def _static_files(served: list[str]):
    """A stand-in for Streamlit's static handler: a content-hashed bundle in two parts, a font,
    and a partial response to a range request."""

    async def app(scope, receive, send):
        served.append(scope["path"])
        if any(key == b"range" for key, _ in scope["headers"]):
            await send(
                {
                    "type": "http.response.start",
                    "status": 206,
                    "headers": [(b"content-type", b"application/javascript")],
                }
            )
            await send({"type": "http.response.body", "body": BUNDLE[:100]})
            return
        font = scope["path"].endswith(".woff2")
        headers = [
            (b"content-type", b"font/woff2" if font else b"application/javascript"),
            (b"content-length", str(len(BUNDLE)).encode()),
            (b"etag", b'"abc"'),
            (b"cache-control", b"public, immutable, max-age=31536000"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        half = len(BUNDLE) // 2
        await send({"type": "http.response.body", "body": BUNDLE[:half], "more_body": True})
        await send({"type": "http.response.body", "body": BUNDLE[half:]})

    return app


def _get(app, path: str, **headers: str) -> tuple[int, dict[bytes, bytes], bytes]:
    scope = {
        "type": "http", "method": "GET", "path": path,
        "headers": [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()],
    }  # fmt: skip
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    # In a thread of its own: after the browser tests, Playwright's sync API leaves an event loop
    # running in this one, and asyncio.run refuses to start inside it.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, app(scope, receive, send)).result()
    start = sent[0]
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def test_a_browser_accepting_gzip_gets_the_bundle_compressed_with_its_caching_kept():
    app = CompressedStatic(_static_files([]))
    status, headers, body = _get(app, "/static/js/PlotlyChart.abc.js", accept_encoding="gzip, deflate, br")
    assert status == 200
    assert headers[b"content-encoding"] == b"gzip" and headers[b"vary"] == b"Accept-Encoding"
    assert int(headers[b"content-length"]) == len(body) < len(BUNDLE) / 10
    assert gzip.decompress(body) == BUNDLE
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"


def test_a_bundle_is_compressed_once_and_then_served_from_what_was_kept(monkeypatch):
    app = CompressedStatic(_static_files([]))
    calls = []
    real = gzip.compress
    monkeypatch.setattr(gzip, "compress", lambda data, level: calls.append(level) or real(data, level))
    first = _get(app, "/static/js/PlotlyChart.abc.js", accept_encoding="gzip")
    second = _get(app, "/static/js/PlotlyChart.abc.js", accept_encoding="gzip")
    assert first == second and len(calls) == 1


def test_fonts_ranges_and_browsers_without_gzip_get_what_streamlit_sends():
    served: list[str] = []
    app = CompressedStatic(_static_files(served))
    for path, headers in [
        ("/static/media/font.woff2", {"accept_encoding": "gzip"}),  # already compressed
        ("/static/js/PlotlyChart.abc.js", {}),  # no gzip accepted
    ]:
        status, sent, body = _get(app, path, **headers)
        assert (status, body, b"content-encoding" in sent) == (200, BUNDLE, False)
    status, sent, body = _get(app, "/static/js/PlotlyChart.abc.js", accept_encoding="gzip", range="bytes=0-99")
    assert (status, body, b"content-encoding" in sent) == (206, BUNDLE[:100], False)
    assert len(served) == 3
