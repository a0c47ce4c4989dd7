"""The demo data: the TOML files in demo/data/ (their format is in FORMAT.md there)."""

import tomllib
from pathlib import Path

from demo.text import LANGUAGES

DATA_DIR = Path(__file__).resolve().parent / "data"


def load(name: str) -> dict:
    with open(DATA_DIR / name, "rb") as file:
        return tomllib.load(file)


def pages(name: str) -> list[dict]:
    """The `[[page]]` records of an optional file of pages."""
    return load(name)["page"] if (DATA_DIR / name).exists() else []


def cases() -> list[dict]:
    """Every case study, from all the `cases-*.toml` files, in a stable order."""
    return [
        case for path in sorted(DATA_DIR.glob("cases-*.toml")) for case in load(path.name)["case"]
    ]


def partners() -> dict[str, dict]:
    """International partner organisations by each of their names."""
    by_name = {}
    for partner in load("partners.toml")["partner"]:
        for name in [*(partner[code] for code in LANGUAGES), *partner.get("also", [])]:
            by_name[name] = partner
    return by_name
