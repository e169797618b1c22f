"""What a plugin says about itself."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    summary: str = ""
    depends: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    hookspecs: str | None = None
    author: str = ""
    extra: dict = field(default_factory=dict)
