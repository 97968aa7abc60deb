"""The review site's one expected failure, importable without loading the site's libraries."""


class SiteError(Exception):
    """The site cannot be written where asked (the message says why, in one line)."""
