"""Speed and memory measurements of the readers (run with ``make bench``; not part of the tests)."""
