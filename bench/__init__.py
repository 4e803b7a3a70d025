"""darklint's benchmark: corpus generator (``bench.generate``) and runner (``bench/run.py``)."""
