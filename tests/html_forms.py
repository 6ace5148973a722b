"""What a browser would send for a rendered form: saving a page unchanged, as a user does."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """Collects the successful controls of one form (by its position on the page)."""

    def __init__(self, index: int) -> None:
        super().__init__(convert_charrefs=True)
        self.index = index
        self.seen_forms = -1
        self.inside = False
        self.depth_template = 0
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []
        self._option_value: str | None = None
        self._option_text: list[str] = []
        self._option_selected = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.seen_forms += 1
            self.inside = self.seen_forms == self.index
            return
        if tag == "template":
            self.depth_template += 1
        if not self.inside or self.depth_template or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
                return
            self.data.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select is not None:
            self._option_value = a.get("value")
            self._option_text = []
            self._option_selected = "selected" in a
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)
        if self._option_value is None and self._select is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.depth_template -= 1
        elif tag == "form":
            self.inside = False
        elif tag == "option" and self._select is not None:
            value = self._option_value
            if value is None:
                value = "".join(self._option_text).strip()
            if self._select_first is None:
                self._select_first = value
            if self._option_selected and not self._select_chosen:
                self.data.append((self._select, value))
                self._select_chosen = True
            self._option_value = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                self.data.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            self.data.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


def form_data(html: str, index: int = 0) -> dict[str, list[str]]:
    """The fields the `index`-th form on the page submits, as the browser sends them."""
    reader = _FormReader(index)
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data


def form_index(html: str, marker: str) -> int:
    """The position of the first form whose opening tag contains `marker` (e.g. its action)."""
    for index, chunk in enumerate(html.split("<form")[1:]):
        if marker in chunk.split(">", 1)[0]:
            return index
    raise AssertionError(f"no form with {marker!r} on the page")
