"""The one exception readers raise for input they cannot read."""


class ReadError(Exception):
    """A file that cannot be read. The message is shown to users as the report's error_message."""
