"""Record the flows a Playwright test walks, as darklint flow files.

A test hands its page to the recorder (the ``darklint_recorder`` fixture of the pytest
plugin, :mod:`darklint.record.plugin`) and walks the product as before. A script in the
page reports every click on a button or link together with the page as the customer saw it
when clicking: heading and copy, every way on with its prominence read from computed style,
tick boxes as the page served them, whether it asks for card details, a countdown. Each
page state where the customer acts becomes a step, each click an action to the state that
follows. Several tests of one product merge into one flow file, which the team's overlay
completes with what no browser sees (see :mod:`darklint.record.build` and
docs/recording.md).

Playwright is imported only by the caller: this module needs a page object, nothing else.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import field
from importlib import resources
from typing import Any

from darklint.classes import dataclass
from darklint.record.build import RecordingError, product_files

__all__ = ["FlowRecording", "Recorder", "RecordingError"]

BINDING = "__darklintRecord"


@dataclass
class Click:
    """A click on a way on, with the state of the page it was made on."""

    name: str
    role: str
    emphasis: str
    state: dict[str, Any]


@dataclass
class FlowRecording:
    """One walk through one flow: the clicks of a test, and where it ended."""

    product: str
    flow: str
    kind: str
    test: str = ""
    overlay: str | None = None
    clicks: list[Click] = field(default_factory=list)
    end: dict[str, Any] | None = None
    outcome_name: str | None = None
    _page: Any = field(default=None, repr=False)

    def outcome(self, outcome: str) -> None:
        """The test reached an outcome (``cancelled``, ``retained``...): the page it is on
        now ends the flow with it. Declared by the test, not read from the page."""
        self._finish(outcome)

    def stop(self) -> None:
        """End the recording where the page is now, without an outcome (the flow's end is
        then a step the overlay may describe, or a dead end)."""
        self._finish(None)

    @property
    def finished(self) -> bool:
        return self.end is not None

    def _finish(self, outcome: str | None) -> None:
        if self.finished:
            return
        page, self._page = self._page, None
        self.outcome_name = outcome
        self.end = _page_state(page) if page is not None else None
        if self.end is None and self.clicks:
            self.end = self.clicks[-1].state  # the page is gone: end where the last click was

    def _on_click(self, payload: dict[str, Any]) -> None:
        if self.finished or not isinstance(payload, dict):
            return
        state = payload.get("state")
        if not isinstance(state, dict):
            return
        self.clicks.append(
            Click(
                name=str(payload.get("name") or ""),
                role=str(payload.get("role") or ""),
                emphasis=str(payload.get("emphasis") or "secondary"),
                state=state,
            )
        )


def _page_state(page: Any) -> dict[str, Any] | None:
    """The page's state now, after every click it reported has been received."""
    try:
        if page.is_closed():
            return None
        return page.evaluate("() => window.__darklintState ? window.__darklintState() : null")
    except Exception:  # a page that navigated away mid-call or crashed: no end state
        return None


def page_script() -> str:
    return resources.files("darklint.record").joinpath("page.js").read_text(encoding="utf-8")


@dataclass
class Recorder:
    """The recordings of a test session, written as one flow file per product."""

    recordings: list[FlowRecording] = field(default_factory=list)
    _active: dict[int, FlowRecording] = field(default_factory=dict, repr=False)

    def record(
        self,
        page: Any,
        *,
        product: str,
        flow: str,
        kind: str,
        overlay: str | os.PathLike[str] | None = None,
        test: str = "",
    ) -> FlowRecording:
        """Start recording ``flow`` of ``product`` on a Playwright page (sync API)."""
        previous = self._active.get(id(page))
        if previous is not None:
            previous.stop()  # one page, one flow at a time: the earlier walk ends here
        recording = FlowRecording(
            product, flow, kind, test=test, overlay=os.fspath(overlay) if overlay else None
        )
        recording._page = page
        if previous is None:
            self._install(page)
        self._active[id(page)] = recording
        self.recordings.append(recording)
        return recording

    def _install(self, page: Any) -> None:
        def deliver(_source: Any, payload: Any) -> None:
            active = self._active.get(id(page))
            if active is not None:
                active._on_click(payload)

        page.expose_binding(BINDING, deliver)
        script = page_script()
        page.add_init_script(script)
        with contextlib.suppress(Exception):  # a page already open records from now on too
            page.evaluate(script)

    def stop_all(self) -> None:
        for recording in self.recordings:
            recording.stop()

    def files(self) -> dict[str, str]:
        """File name -> flow file text, one per product recorded."""
        self.stop_all()
        return product_files(self.recordings)

    def write(self, directory: str | os.PathLike[str]) -> list[str]:
        """Write the flow files (atomically) into ``directory``; their paths."""
        from darklint.report.write import write_atomic

        written = []
        for name, text in self.files().items():
            path = os.path.join(os.fspath(directory), name)
            write_atomic(path, text)
            written.append(path)
        return written
