"""What the language server costs per keystroke: prints figures, asserts nothing.

After each pause in typing, ``darklint lsp`` lints the whole buffer and maps the findings to
ranges (:func:`darklint.lsp.analysis.analyse`); completion and go-to-definition read the
buffer's outline up to the cursor. This times both on the bundled example and on generated
products of growing size (``bench/generate.py``), in process, warm, best of ``--repeat``.

    python -m bench.lsp [--repeat 5] [--sizes 100,1000,10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate import big_product, to_yaml
from darklint.lsp.analysis import SettingsCache, analyse
from darklint.lsp.outline import cursor_at, declarations
from darklint.lsp.spans import LineIndex

ROOT = Path(__file__).resolve().parent.parent


def best(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="100,1000,10000", help="steps per generated file")
    args = parser.parse_args(argv)
    texts = {"example": (ROOT / "examples" / "streaming-phone-cancel.yaml").read_text()}
    for size in (int(s) for s in args.sizes.split(",") if s):
        texts[f"{size} steps"] = to_yaml(big_product(size, seed=1))
    settings = SettingsCache()
    with tempfile.TemporaryDirectory() as work:  # no configuration file applies
        path = str(Path(work) / "flow.yaml")
        print(f"{'buffer':<14}{'KiB':>8}{'findings':>10}{'lint+ranges ms':>16}{'cursor ms':>11}")
        for name, text in texts.items():
            analysis = analyse(text, path, settings)  # warm: settings resolved once
            lines = LineIndex(text).lines
            end = len(lines) - 2

            def at_cursor(lines=lines, end=end) -> None:
                cursor_at(lines, end, len(lines[end]))
                declarations(lines)

            lint_ms = best(lambda text=text: analyse(text, path, settings), args.repeat) * 1000
            cursor_ms = best(at_cursor, args.repeat) * 1000
            print(
                f"{name:<14}{len(text.encode()) / 1024:>8.0f}{len(analysis.findings):>10}"
                f"{lint_ms:>16.1f}{cursor_ms:>11.1f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
