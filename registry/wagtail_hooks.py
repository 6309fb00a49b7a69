from django.urls import path

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import CaseRecord
from .permissions import CaseRecordPermissionPolicy
from .views import CaseRecordChooserViewSet, CaseRecordViewSet, RegistryImportView

# Before anything asks for the policy, or Wagtail would make a default one.
register_permission_policy(CaseRecord, CaseRecordPermissionPolicy(CaseRecord))


@hooks.register("register_admin_viewset")
def register_case_records():
    return CaseRecordViewSet()


@hooks.register("register_admin_viewset")
def register_case_record_chooser():
    return CaseRecordChooserViewSet("case_record_chooser")


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("case_records/import/", RegistryImportView.as_view(), name="registry_import")]
