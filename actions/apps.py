from django.apps import AppConfig
from django.db.models.signals import pre_delete


class ActionsConfig(AppConfig):
    """Calls to action and the supporters' data they collect: the one part of the
    site that holds personal data, kept behind its own permission."""

    name = "actions"
    verbose_name = "Calls to action"

    def ready(self):
        from .models import PetitionPage, Signature, SignUpPage, SignUpSubmission

        # What supporters sent outlives the page it was sent to.
        pre_delete.connect(Signature.keep_petition_title, sender=PetitionPage)
        pre_delete.connect(SignUpSubmission.keep_form_title, sender=SignUpPage)
