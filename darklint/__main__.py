"""Allow ``python -m darklint``."""

from darklint.cli import main

if __name__ == "__main__":
    main()
