"""One module per language: ``WORDS`` (class -> entries) and ``ELISION`` (split ``n'aime``).

See :mod:`darklint.wording.lexicon` for the entry syntax and :mod:`darklint.wording.shapes`
for what each class does.
"""
