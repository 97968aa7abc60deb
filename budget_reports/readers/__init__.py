"""Readers: one module per input format, each turning a file into a ``Document``.

``read_document`` picks the reader by the file's extension (and content, where extensions lie)
and raises ``ReadError`` with a message a user understands when the file cannot be read.
"""

from budget_reports.readers.dispatch import SUPPORTED_EXTENSIONS, read_document
from budget_reports.readers.errors import ReadError

__all__ = ["SUPPORTED_EXTENSIONS", "ReadError", "read_document"]
