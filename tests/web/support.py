"""What the web app's tests share: a fixed moment, the pages' forms as a browser submits them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

MOMENT = dt.datetime(2027, 2, 2, 12, tzinfo=dt.UTC)
"""A Tuesday in Marco's plan (examples/profiles/marco.toml): the week has sessions."""
EPOCH = str(int(MOMENT.timestamp()))
TOKEN = "test-token"
ORIGIN = "http://127.0.0.1:8765"


@dataclass
class Field:
    tag: str
    attrs: dict[str, str]
    options: list[tuple[str, bool]] = field(default_factory=list)
    """A select's options: (value, selected)."""

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")


@dataclass
class Form:
    attrs: dict[str, str]
    fields: list[Field] = field(default_factory=list)

    def submit(
        self, button: tuple[str, str] | None = None, **changes: str | list[str]
    ) -> list[tuple[str, str]]:
        """What a browser sends for this form: its enabled fields (checked boxes only,
        selected options), the ``button`` (name, value) pressed, and ``changes`` in place
        of the fields of those names (a list: the values of boxes or a multiple select)."""
        pairs: list[tuple[str, str]] = []
        for item in self.fields:
            name, kind = item.name, item.attrs.get("type", "text")
            if not name or "disabled" in item.attrs or name in changes:
                continue
            if item.tag == "button" or kind == "submit":
                continue
            if kind in ("checkbox", "radio"):
                if "checked" in item.attrs:
                    pairs.append((name, item.attrs.get("value", "on")))
            elif item.tag == "select":
                chosen = [v for v, selected in item.options if selected] or [v for v, _ in item.options[:1]]
                pairs += [(name, v) for v in chosen]
            else:
                pairs.append((name, item.attrs.get("value", "")))
        for name, value in changes.items():
            pairs += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
        if button is not None:
            pairs.append(button)
        return pairs

    def buttons(self) -> list[tuple[str, str]]:
        return [(f.name, f.attrs.get("value", "")) for f in self.fields if f.tag == "button" and f.name]


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.select: Field | None = None
        self.option: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(values))
        elif not self.forms:
            return
        elif tag in ("input", "button", "textarea"):
            self.forms[-1].fields.append(Field(tag, values))
        elif tag == "select":
            self.select = Field(tag, values)
            self.forms[-1].fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select.options.append((values.get("value", ""), "selected" in values))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def forms(html: str, action: str | None = None) -> list[Form]:
    """The forms of a page (those posting to ``action``, when given)."""
    parser = _Forms()
    parser.feed(html)
    return [f for f in parser.forms if action is None or f.attrs.get("action") == action]


def post_form(
    client: Any, path: str, pairs: list[tuple[str, str]], *, origin: str | None = ORIGIN, **kwargs: Any
) -> Any:
    """POST ``pairs`` URL-encoded, as a browser posts a form (``origin`` None: no Origin header)."""
    headers = {"content-type": "application/x-www-form-urlencoded"}
    if origin is not None:
        headers["origin"] = origin
    return client.post(path, content=urlencode(pairs).encode(), headers=headers, **kwargs)
