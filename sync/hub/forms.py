"""The dashboard's forms as the browser posts them: urlencoded fields, or multipart with a file
(read with the standard library's MIME parser: no extra dependency)."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from fastapi import Request


@dataclass
class Form:
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # name -> (filename, bytes)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)


async def read_form(request: Request) -> Form:
    """The posted form (the hub's middleware has already bounded the body)."""
    body = await request.body()
    kind = request.headers.get("content-type", "")
    form = Form()
    if kind.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {kind}\r\n\r\n".encode("latin-1") + body)
        for part in message.iter_parts() if message.is_multipart() else ():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            data = part.get_payload(decode=True) or b""
            assert isinstance(data, bytes)
            filename = part.get_filename()
            if filename is not None:
                if filename or data:
                    form.files[name] = (filename, data)
            else:
                form.fields[name] = data.decode(part.get_content_charset() or "utf-8", "replace")
    else:
        form.fields = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
    return form
