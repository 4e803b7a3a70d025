"""Sub-commands kept in their own modules and imported only when run (see cli.LAZY_COMMANDS)."""
