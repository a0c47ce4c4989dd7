"""Walking up Wagtail's page tree by path alone, without a query.

A page's `path` is its ancestors' paths followed by its own step (`Page.steplen` characters each):
the root's is the first step, the home page's the first two, a region's three and a city's four.
"""

from wagtail.models import Page


def ancestor_paths(path: str) -> list[str]:
    """The paths of the page at `path` and of each of its ancestors, from the root down."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def ancestor_path(path: str, depth: int) -> str:
    """The path of the ancestor at `depth` (1 for the root) of the page at `path`."""
    return path[: depth * Page.steplen]
