"""Page images before recognition: straightened, and their ruling lines found.

A scanned sheet lies a little askew. The angle that makes the rows of ink sharpest (the
horizontal projection profile with the strongest steps) is the page's tilt; the page is turned
back by it. Ruling lines are then the long thin runs of ink left after a morphological opening
with a long horizontal (or vertical) bar: text strokes are far shorter than a table's rules.
"""

from __future__ import annotations

import cv2
import numpy as np

# Tilts searched (degrees either way) and the step of the search.
_MAX_TILT = 3.0
_TILT_STEP = 0.05
# Width (pixels) of the copy the tilt is measured on.
_TILT_WIDTH = 1200
# A rule is at least this share of the page's width (height) long; text strokes are shorter.
_RULE_SHARE = 1 / 40
# A rule is at most this many pixels thick (a thicker run of ink is a filled shape).
_RULE_THICKNESS = 14

Rule = tuple[float, float, float]  # position across the rule, start, end along it (pixels)


def ink(gray: np.ndarray) -> np.ndarray:
    """Dark pixels as 255 on 0, robust to uneven lighting (local mean threshold)."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def tilt(gray: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise) that straightens the page."""
    scale = min(1.0, _TILT_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    dark = (ink(small) > 0).astype(np.float32)
    if not dark.any():
        return 0.0
    h, w = dark.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(dark, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h), flags=cv2.INTER_NEAREST)
        return float(np.square(np.diff(turned.sum(axis=1))).sum())

    coarse = max(np.arange(-_MAX_TILT, _MAX_TILT + 1e-9, 0.25), key=sharpness)
    fine = np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, _TILT_STEP)
    return float(max(fine, key=sharpness))


def straighten(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page turned by ``angle`` degrees about its centre, the uncovered corners white."""
    if abs(angle) < _TILT_STEP / 2:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def rules(gray: np.ndarray) -> tuple[list[Rule], list[Rule]]:
    """Horizontal rules (y, x0, x1) and vertical rules (x, y0, y1) of a straightened page."""
    dark = ink(gray)
    h, w = dark.shape
    across = cv2.morphologyEx(
        dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (int(w * _RULE_SHARE), 1))
    )
    down = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(h * _RULE_SHARE))))
    horizontals = [(y + t / 2, x, x + length) for x, y, length, t in _runs(across) if t <= _RULE_THICKNESS]
    verticals = [(x + t / 2, y, y + length) for x, y, t, length in _runs(down) if t <= _RULE_THICKNESS]
    return horizontals, verticals


def _bar(width: int, height: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (max(width, 1), max(height, 1)))


def _runs(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x, y, width, height) of the connected pieces of a mask."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [tuple(int(v) for v in stats[i, :4]) for i in range(1, count)]
