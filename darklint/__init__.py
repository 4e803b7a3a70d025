"""darklint: a linter for dark patterns in product flows.

Flow files (YAML, format version 1) describe how customers sign up, cancel, get refunds, pay
fees and reach support. darklint loads them into a graph and checks them against rules, so a
flow that works against its customers is caught before launch.
"""

__version__ = "0.1.0"
