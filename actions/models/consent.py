from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel

CURRENT_KEY = "actions:consent-statement:current"


class ConsentStatement(models.Model):
    """The wording a supporter agrees to when they act. Each version is kept
    as it was: every signature points at the exact words its signer saw."""

    text = models.TextField(
        max_length=1000,
        help_text="What supporters agree to: how their name is used, that updates are "
        "optional, and how to withdraw. Once anyone has agreed to it, it can’t be edited: "
        "add a new version instead, which is used from then on.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("text")]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "consent statement"

    def __str__(self):
        return f"Version {self.version} ({self.created_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(CURRENT_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(CURRENT_KEY)
        return result

    @property
    def version(self):
        return self.pk

    @classmethod
    def current(cls):
        """The latest version, cached (every form shows it) until a new one is saved."""
        statement = cache.get(CURRENT_KEY)
        if statement is None:
            statement = cls.objects.order_by("-pk").first()
            cache.set(CURRENT_KEY, statement, timeout=3600)
        return statement

    def clean(self):
        if self.pk and self.is_in_use():
            raise ValidationError(
                "Supporters have already agreed to this wording, so it must stay as it is. "
                "Add a new version instead."
            )

    def is_in_use(self):
        return self.signatures.exists()
