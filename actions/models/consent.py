from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel

from core import languages

CURRENT_KEY = "actions:consent-statement:current:{language}"
SHOWN_SALT = "actions.consent-shown"


class ConsentStatement(models.Model):
    """The wording a supporter agrees to when they act, in one language. Each
    version is kept as it was: every signature points at the exact words its
    signer saw. A version in another language is a statement of its own, not
    a translation kept in step with the English: once agreed to, no sync may
    change its words."""

    text = models.TextField(
        max_length=1000,
        help_text="What supporters agree to: how their name is used, that updates are "
        "optional, and how to withdraw. Once anyone has agreed to it, it can’t be edited: "
        "add a new version instead, which is used from then on.",
    )
    language = models.CharField(
        max_length=7,
        choices=languages.choices,
        default=languages.default,
        help_text="The language of the wording. Forms in this language show the latest "
        "version in it; until there is one, they show the latest English version, and "
        "signatures record that it was the English wording they saw.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("language"), FieldPanel("text")]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "consent statement"

    def __str__(self):
        return f"Version {self.version}, {self.get_language_display()} ({self.created_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.forget_current()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.forget_current()
        return result

    @property
    def version(self):
        return self.pk

    @classmethod
    def current(cls, language=None):
        """The latest version in `language` (the active language by default),
        or, while there is none in it, the latest in the site's default
        language: a form is never left without wording to show and record.
        Cached per language (every form shows it) until one is saved."""
        language = languages.supported(language or languages.active())
        key = CURRENT_KEY.format(language=language)
        statement = cache.get(key)
        if statement is None:
            latest = cls.objects.order_by("-pk")
            statement = latest.filter(language=language).first()
            if statement is None and language != languages.default():
                statement = latest.filter(language=languages.default()).first()
            cache.set(key, statement, timeout=3600)
        return statement

    def shown_as(self, language):
        """What a form shown in `language` with this wording carries back: the
        version and the language, signed. A page is cached whole for a minute
        or so, and a newer version saved meanwhile is wording its signer never
        read; the signature records the version the form showed instead."""
        return signing.Signer(salt=SHOWN_SALT).sign(f"{self.pk}:{language}")

    @classmethod
    def shown_in(cls, token, language):
        """The version a form shown in `language` carried back (see
        `shown_as`), or None when the token is forged, from a form in another
        language, or names a version since deleted."""
        try:
            value = signing.Signer(salt=SHOWN_SALT).unsign(token)
        except signing.BadSignature:
            return None
        pk, __, shown_language = value.partition(":")
        if shown_language != language or not pk.isdigit():
            return None
        # Usually the current version, which every form reads anyway (cached).
        current = cls.current(language)
        if current is not None and current.pk == int(pk):
            return current
        return cls.objects.filter(pk=pk).first()

    @classmethod
    def forget_current(cls):
        # Every language's: a new English version is also the fallback of
        # the languages that have none of their own.
        cache.delete_many(CURRENT_KEY.format(language=code) for code, _ in settings.LANGUAGES)

    def clean(self):
        if self.pk and self.is_in_use():
            raise ValidationError(
                "Supporters have already agreed to this wording, so it must stay as it is. "
                "Add a new version instead."
            )

    def is_in_use(self):
        return self.signatures.exists()
