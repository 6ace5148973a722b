"""A rendered PDF read back for the tests: its text and its pages as images (pypdfium2)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

SCALE = 1.5  # 108 dpi: enough to see the layout, small enough to keep the tests quick


@dataclass(frozen=True)
class Page:
    text: str
    image: np.ndarray  # height x width x RGB
    tops: dict[str, float]  # where each text searched for starts, as a share of the height

    def ink(self) -> float:
        """The share of the page that is not white."""
        return float((self.image.min(axis=2) < 240).mean())

    def rows_of_colour(self, rgb: tuple[int, int, int], tolerance: int = 40) -> list[int]:
        """The pixel rows where at least a fifth of the width has this colour."""
        close = (np.abs(self.image.astype(int) - np.array(rgb)).max(axis=2) < tolerance).mean(
            axis=1
        )
        return [int(row) for row in np.nonzero(close > 0.2)[0]]


def read_pdf(data: bytes, *, find: tuple[str, ...] = ()) -> list[Page]:
    """Each page's text, image and where the strings of `find` start on it."""
    assert data.startswith(b"%PDF-"), data[:20]
    document = pdfium.PdfDocument(data)
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            _width, height = page.get_size()
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            tops = {}
            for wanted in find:
                searcher = textpage.search(wanted)
                found = searcher.get_next()
                if found:
                    _left, _bottom, _right, top = textpage.get_charbox(found[0])
                    tops[wanted] = 1 - top / height
            image = np.asarray(page.render(scale=SCALE).to_pil().convert("RGB"))
            pages.append(Page(text=text, image=image, tops=tops))
    finally:
        document.close()
    return pages


def text_of(data: bytes) -> str:
    return "\n".join(page.text for page in read_pdf(data))
