"""Allow ``python -m darklint``."""

from darklint.cli import run

if __name__ == "__main__":
    run()
