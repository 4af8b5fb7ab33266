"""Web pages in: fetch one http(s) address on the user's request, then read it as a saved page.

Only ever called when the user asks (File ▸ Open URL…, ``briefing extract https://…``): nothing
else in the app reaches the network.  The standard library's urllib is enough for one GET, so
there is no new network dependency.  The limits, because the page may come from anyone:

* http and https only, for the address and for every redirect; at most :data:`MAX_REDIRECTS`;
* :data:`TIMEOUT_SECONDS` for each network wait and :data:`DEADLINE_SECONDS` for the whole
  download (a server dripping one byte a second cannot hold the app);
* :data:`ingest.MAX_BYTES` (5 MiB, as for article files), checked on Content-Length and while
  reading, and again after any gzip/deflate decoding;
* ``text/html`` or ``application/xhtml+xml`` only.

The page then goes through the same trafilatura reading as a saved ``.html`` file, which never
fetches anything the page refers to.  The decoded page is kept in ``Source.page_html`` with the
final address in ``Source.url`` and today's date in ``Source.accessed``, so the briefing can be
reproduced offline from the file alone (:func:`source_from_stored_page`).
"""

from __future__ import annotations

import datetime as dt
import email.message
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass

from . import __version__
from .errors import IngestError
from .ingest import MAX_BYTES, decode_page, source_from_html
from .model import Source
from .safe_io import mib

TIMEOUT_SECONDS = 15.0
DEADLINE_SECONDS = 60.0
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    body: bytes
    content_type: str
    charset: str


def source_from_url(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    deadline: float = DEADLINE_SECONDS,
    max_bytes: int = MAX_BYTES,
    should_stop=None,
) -> Source:
    """Fetch ``url`` and read the article in it; the page itself is stored in the Source."""
    page = fetch_page(url, timeout=timeout, deadline=deadline, max_bytes=max_bytes, should_stop=should_stop)
    html = decode_page(page.body, _origin(page.url), page.charset)
    return source_from_stored_page(html, page.url, accessed=dt.date.today())


def source_from_stored_page(html: str, url: str, *, accessed: dt.date | None = None) -> Source:
    """The Source a fetched page gives: the same every time, so a stored page reproduces offline."""
    source = source_from_html(html.encode("utf-8"), _origin(url))
    return source.model_copy(update={"url": url, "file_name": "", "page_html": html, "accessed": accessed})


def fetch_page(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    deadline: float = DEADLINE_SECONDS,
    max_bytes: int = MAX_BYTES,
    should_stop=None,
) -> FetchedPage:
    """One GET within the limits above; IngestError with one line for every refusal.

    ``should_stop()`` is asked between chunks; when it raises (the editor's Cancel), so does this.
    """
    _check_scheme(url, url)
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"BriefingBuilder/{__version__} (one page, on the user's request)",
            "Accept": "text/html,application/xhtml+xml;q=0.9",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    stop_at = time.monotonic() + deadline
    origin = _origin(url)
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            origin = _origin(final)
            headers: email.message.Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in HTML_TYPES:
                raise IngestError(f"{origin}: the address gives {content_type}, not a web page (HTML only)")
            declared = headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise IngestError(_too_big(origin, int(declared), max_bytes))
            body = _read_capped(response, origin, max_bytes, stop_at, deadline, should_stop)
            encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
            body = _decode_transfer(body, encoding, origin, max_bytes)
            charset = headers.get_content_charset() or ""
    except IngestError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            message = f"{origin}: more than {MAX_REDIRECTS} redirects (a redirect loop?); stopped"
            raise IngestError(message) from None
        raise IngestError(f"{origin}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise IngestError(f"{origin}: the server did not answer within {timeout:g} s") from None
        raise IngestError(f"{origin}: could not reach the server ({reason})"[:300]) from None
    except TimeoutError:
        raise IngestError(f"{origin}: the server did not answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # connection reset, bad status line, invalid URL, …
        raise IngestError(f"{origin}: the download failed ({type(exc).__name__}: {exc})"[:300]) from None
    if not body.strip():
        raise IngestError(f"{origin}: the page is empty")
    return FetchedPage(final, body, content_type, charset)


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """At most MAX_REDIRECTS hops, and only to http or https (urllib alone would follow ftp)."""

    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):
        # checked before urllib's own test, which would report a file: target as a loop
        target = headers.get("location") or headers.get("uri")
        if target:
            _check_scheme(urllib.parse.urljoin(req.full_url, target), req.full_url)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _check_scheme(url: str, origin_url: str) -> None:
    scheme = urllib.parse.urlsplit(url.strip()).scheme.lower()
    if scheme not in _SCHEMES:
        shown = f"'{scheme}:'" if scheme else "no scheme"
        message = f"{_origin(origin_url)}: only http and https addresses are fetched ({shown} refused)"
        raise IngestError(message)
    if not urllib.parse.urlsplit(url.strip()).hostname:
        raise IngestError(f"{url[:200]}: not a web address (no host name)")


def _read_capped(response, origin: str, limit: int, stop_at: float, deadline: float, should_stop) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        if should_stop is not None:
            should_stop()
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise IngestError(_too_big(origin, total, limit, at_least=True))
        if time.monotonic() > stop_at:
            raise IngestError(f"{origin}: the download took over {deadline:g} s; stopped")
    return b"".join(chunks)


def _decode_transfer(body: bytes, encoding: str, origin: str, limit: int) -> bytes:
    """gzip or deflate undone, never past ``limit`` (a small compressed bomb stays small)."""
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise IngestError(f"{origin}: the server sent the page in an unknown encoding ({encoding})")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise IngestError(f"{origin}: the compressed page is damaged ({exc})") from None
    if len(data) > limit:
        raise IngestError(_too_big(origin, len(data), limit, at_least=True))
    return data


def _too_big(origin: str, size: int, limit: int, *, at_least: bool = False) -> str:
    shown = f"more than {mib(limit)}" if at_least else mib(size)
    return f"{origin}: the page is {shown} MiB; web pages over {mib(limit)} MiB are refused"


def _origin(url: str) -> str:
    """How a page is named in messages: its address, cut short."""
    url = url.strip()
    return url if len(url) <= 120 else url[:117] + "…"
