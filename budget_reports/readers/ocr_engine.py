"""Text recognition on a page image: PP-OCR models run on CPU by rapidocr, offline.

The detection, direction and recognition models ship inside the ``rapidocr_onnxruntime`` wheel;
nothing is downloaded at run time. One engine is made per process and kept. Every recognised
text line comes back with its box, its text and, per character, a box and a confidence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

import numpy as np

# Lines recognised with a mean confidence below this are dropped by rapidocr unless told
# otherwise: keep them all, the reader decides what a doubtful character means.
_KEEP_EVERY_LINE = 0.0
# The detector looks at a copy of the page whose longer side is at most this many pixels
# (characters of a 200 dpi page stay about 20 pixels high); recognition reads the full image.
_DETECT_SIDE = 1600


@dataclass(frozen=True, slots=True)
class OcrChar:
    text: str
    box: tuple[float, float, float, float]  # left, top, right, bottom in image pixels
    confidence: float


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One detected line of text, its characters left to right."""

    chars: tuple[OcrChar, ...]
    confidence: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (
            min(c.box[0] for c in self.chars),
            min(c.box[1] for c in self.chars),
            max(c.box[2] for c in self.chars),
            max(c.box[3] for c in self.chars),
        )

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


@cache
def _engine(threads: int):
    from rapidocr_onnxruntime import RapidOCR  # imported here: loading the models takes a second

    return RapidOCR(
        # No direction classifier: pages are straightened first, and it turns short upright
        # figures upside down (09 read as 60, 99 as 66).
        use_cls=False,
        intra_op_num_threads=threads,
        inter_op_num_threads=1,
        det_limit_side_len=_DETECT_SIDE,
        det_limit_type="max",
        max_side_len=10_000,  # no global shrink: recognition reads characters at full resolution
    )


def engine_threads(workers: int = 1) -> int:
    """Threads one recognition may use: ``BUDGET_OCR_THREADS``, else the process's cores shared
    among ``workers`` recognitions running at once."""
    value = os.environ.get("BUDGET_OCR_THREADS")
    return max(1, int(value)) if value else max(1, len(os.sched_getaffinity(0)) // workers)


def recognise(image: np.ndarray, threads: int | None = None) -> list[OcrLine]:
    """Text lines of a grey or colour page image (uint8), with per-character boxes and confidences."""
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    result, _ = _engine(threads or engine_threads())(image, return_word_box=True, text_score=_KEEP_EVERY_LINE)
    return [line for item in result or () if (line := _line(item)) is not None]


def _line(item: list) -> OcrLine | None:
    quad, text, confidence = item[0], item[1], float(item[2])
    word_boxes = item[3] if len(item) > 3 else []
    char_confidences = item[5] if len(item) > 5 else []
    printed = [ch for ch in text if not ch.isspace()]
    if not printed:
        return None
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    if len(word_boxes) == len(printed):
        boxes = [(min(p[0] for p in b), top, max(p[0] for p in b), bottom) for b in word_boxes]
    else:  # no usable per-character boxes: share the line's width evenly
        step = (right - left) / len(printed)
        boxes = [(left + k * step, top, left + (k + 1) * step, bottom) for k in range(len(printed))]
    if len(char_confidences) != len(printed):
        char_confidences = [confidence] * len(printed)
    chars = tuple(
        OcrChar(ch, box, float(score)) for ch, box, score in zip(printed, boxes, char_confidences, strict=True)
    )
    return OcrLine(chars, confidence)
