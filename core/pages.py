"""Page queries the whole site shares. The visibility rule lives in core/visibility.py."""

from core.visibility import private_sections_q  # noqa: F401 - kept for existing imports
