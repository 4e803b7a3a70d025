"""Acme Stream: a small web shop of our own for the recorder's tests, in two versions.

Both versions share an honest sign-up. The *dark* version's cancel shows a save offer with
a countdown, a ticked marketing box, a big "Keep my discount" button and a small shaming
text link, and then sends the customer to a page that says to call (the phone call itself is
beyond any browser: the tests' overlay declares it). The *fixed* version's cancel asks once,
with the cancel button as prominent as the one to stay, and confirms. Served by the standard
library on 127.0.0.1 at a free port; pages are plain HTML with inline styles, so what the
recorder reads from computed style is what these styles say.
"""

from __future__ import annotations

import contextlib
import html
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STYLE = """
body { font-family: sans-serif; margin: 2rem; background: #ffffff; color: #111827; }
.primary { background: #1d4ed8; color: #ffffff; border: none; padding: 12px 20px;
           font-size: 16px; border-radius: 6px; text-decoration: none; display: inline-block; }
.outlined { background: transparent; color: #1d4ed8; border: 2px solid #1d4ed8;
            padding: 10px 18px; font-size: 16px; border-radius: 6px; text-decoration: none;
            display: inline-block; }
.textlink { background: none; border: none; color: #6b7280; font-size: 11px; padding: 0;
            text-decoration: underline; }
.timer { font-weight: bold; color: #b91c1c; }
"""


def page(title: str, body: str) -> bytes:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
        "<body><header><nav><a href='/help'>Help</a></nav></header>"
        f"<main>{body}</main></body></html>"
    ).encode()


SIGNUP = {
    "/pricing": page(
        "Pricing",
        "<h1>Acme Stream Premium</h1>"
        "<p>USD 9.99 a month, renews monthly until you cancel.</p>"
        "<a class='primary' href='/signup'>Start membership</a>",
    ),
    "/signup": page(
        "Sign up",
        "<h1>Create your membership</h1>"
        "<form method='post' action='/signup'>"
        "<p><label>Email <input name='email' type='email'></label></p>"
        "<p><label>Card number <input name='card' autocomplete='cc-number'></label></p>"
        "<p><label><input type='checkbox' name='news'> Email me news and offers</label></p>"
        "<button class='primary' type='submit'>Start membership</button></form>",
    ),
    "/welcome": page("Welcome", "<h1>Welcome to Premium</h1><p>Enjoy the show.</p>"),
}

DARK = {
    "/account": page(
        "Account",
        "<h1>Your account</h1><p>Premium, USD 9.99 a month.</p>"
        "<form method='get' action='/cancel/offer'>"
        "<button class='outlined' type='submit'>Cancel plan</button></form>",
    ),
    "/cancel/offer": page(
        "Before you go",
        "<h1>Wait! Don't go</h1><p>Stay and get 50% off your next 3 months.</p>"
        "<div>Offer ends in <span role='timer' class='timer' id='t'>10:00</span></div>"
        "<p><label><input type='checkbox' checked> Keep me updated with offers</label></p>"
        "<form method='get' action='/cancel/kept'>"
        "<button class='primary' type='submit'>Keep my discount</button></form>"
        "<p><a class='textlink' href='/cancel/call'>No thanks, I don't like saving money</a></p>"
        "<script>let s=600;setInterval(()=>{s=Math.max(0,s-1);document.getElementById('t')"
        ".textContent=String(Math.floor(s/60)).padStart(2,'0')+':'+String(s%60)"
        ".padStart(2,'0')},1000)</script>",
    ),
    "/cancel/call": page(
        "Call us",
        "<h1>Call us to cancel</h1><p>To finish cancelling, call member services on "
        "1-800-555-0199, Monday to Friday, 9am to 5pm.</p>",
    ),
    "/cancel/kept": page("Staying", "<h1>You're staying</h1><p>50% off is yours.</p>"),
}

FIXED = {
    "/account": page(
        "Account",
        "<h1>Your account</h1><p>Premium, USD 9.99 a month.</p>"
        "<a class='primary' href='/cancel/confirm'>Cancel plan</a>",
    ),
    "/cancel/confirm": page(
        "Cancel Premium",
        "<h1>Cancel Premium?</h1><p>Your plan ends on 2 April; you will not be charged "
        "again.</p>"
        "<a class='primary' href='/cancel/done'>Cancel my plan</a> "
        "<a class='outlined' href='/cancel/kept'>Keep my plan</a>",
    ),
    "/cancel/done": page(
        "Cancelled",
        "<h1>Your plan is cancelled</h1><p>We have emailed you a confirmation.</p>",
    ),
    "/cancel/kept": page("Staying", "<h1>You're staying</h1><p>Nothing has changed.</p>"),
}

VERSIONS = {"dark": {**SIGNUP, **DARK}, "fixed": {**SIGNUP, **FIXED}}


def handler(pages: dict[str, bytes]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path.split("?", 1)[0])
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(303)
            self.send_header("Location", "/welcome")
            self.end_headers()

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

    return Handler


@contextlib.contextmanager
def serve(version: str) -> Iterator[str]:
    """Serve one version on 127.0.0.1 at a free port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(VERSIONS[version]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
