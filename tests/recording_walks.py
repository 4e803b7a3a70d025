"""The walks through Acme Stream (tests/webapp.py) that the recorder's tests record.

Plain Playwright steps, as a product team's end-to-end tests would write them; shared by the
tests that call the recorder directly and by the test suite run with the pytest plugin.
"""

from __future__ import annotations

from pathlib import Path

OVERLAY = Path(__file__).resolve().parent / "fixtures" / "recorded" / "acme.overlay.yaml"
PRODUCT = "Acme Stream"


def signup(page, record, base: str) -> None:
    flow = record(page, product=PRODUCT, flow="signup", kind="signup")
    page.goto(base + "/pricing")
    page.get_by_role("link", name="Start membership").click()
    page.get_by_label("Email", exact=True).fill("ada@example.com")
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Email me news and offers").check()  # recorded as served: unticked
    page.get_by_role("button", name="Start membership").click()
    page.wait_for_url("**/welcome*")
    flow.outcome("subscribed")


def cancel(page, record, base: str, version: str) -> None:
    overlay = OVERLAY if version == "dark" else None
    flow = record(page, product=PRODUCT, flow="cancel", kind="cancel", overlay=overlay)
    page.goto(base + "/account")
    page.get_by_role("button" if version == "dark" else "link", name="Cancel plan").click()
    if version == "dark":
        page.get_by_role("link", name="No thanks, I don't like saving money").click()
        page.wait_for_url("**/cancel/call*")
        flow.stop()  # the rest is a phone call: the overlay describes it
    else:
        page.get_by_role("link", name="Cancel my plan").click()
        page.wait_for_url("**/cancel/done*")
        flow.outcome("cancelled")


def keep(page, record, base: str, version: str) -> None:
    overlay = OVERLAY if version == "dark" else None
    flow = record(page, product=PRODUCT, flow="cancel", kind="cancel", overlay=overlay)
    page.goto(base + "/account")
    page.get_by_role("button" if version == "dark" else "link", name="Cancel plan").click()
    page.get_by_role(
        "button" if version == "dark" else "link",
        name="Keep my discount" if version == "dark" else "Keep my plan",
    ).click()
    page.wait_for_url("**/cancel/kept*")
    flow.outcome("retained")


def walk_all(page_factory, record, base: str, version: str) -> None:
    """Each walk on a fresh page, as separate tests would."""
    for walk in (
        signup,
        lambda p, r, b: cancel(p, r, b, version),
        lambda p, r, b: keep(p, r, b, version),
    ):
        page = page_factory()
        try:
            walk(page, record, base)
        finally:
            page.close()
