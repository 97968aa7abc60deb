"""The bare cells of a coded table that pdftotext (default mode) writes one to a line."""

from __future__ import annotations

import re

CLASS_CODE = re.compile(r"^\d{3}$")  # a 类 code
CODE_PART = re.compile(r"^\d{2}$")  # a 款 or 项 part of a code
# A money figure: decimals, or thousands grouped with commas.
BARE_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
