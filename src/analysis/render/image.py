"""Images for pages: charts as 256-colour PNGs on white, small enough to send by e-mail."""

from __future__ import annotations

import base64
import io


def palette_png(image) -> bytes:
    """A PIL image as a 256-colour PNG on white. Charts are flat colours: with 256 colours (octree,
    no dithering) they look the same at a third of the bytes, which keeps each report small enough
    to send by e-mail (under 1.5 MB)."""
    from PIL import Image

    white = Image.new("RGBA", image.size, "white")
    white.alpha_composite(image.convert("RGBA"))
    return png_bytes(white.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                                                    dither=Image.Dither.NONE))


def png_bytes(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def palette_b64(b64: str) -> str:
    """A page's image (base64 PNG) as a palette PNG (``palette_png``). The package's charts are
    palette PNGs already (``charts.show``) and are kept as they are; an image a user drew otherwise
    is converted."""
    from PIL import Image

    image = Image.open(io.BytesIO(base64.b64decode(b64)))
    return b64 if image.mode == "P" else base64.b64encode(palette_png(image)).decode("ascii")
