from django.db import models


class PendingIndexUpdate(models.Model):
    """A page whose index entry could not be written because the engine was unreachable.

    Kept until the engine answers again, then applied (see search/index.py), so no update made
    during an outage is lost.
    """

    page_id = models.PositiveBigIntegerField(unique=True)
    model_label = models.CharField(max_length=120)
    language_code = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.model_label} {self.page_id} ({self.language_code})"
