"""The record of what a sync changed."""

import dataclasses
import logging

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class SyncReport:
    """What a sync changed, one readable line per change."""

    changes: list[str] = dataclasses.field(default_factory=list)

    def note(self, message: str) -> None:
        self.changes.append(message)
        logger.info(message)
