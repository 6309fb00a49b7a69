"""The "Legal and consent review" workflow: a moderator approves every story
and call to action before it goes live.

It is assigned here to the story and action indexes when they already exist;
on a new site the demo content (stories.workflow.ensure_review_workflow)
assigns it once it creates them. Wagtail's own "Moderators approval" workflow
stays on the root for the other pages: a page follows only the workflow
nearest to it, so nothing is reviewed twice.
"""

from django.db import migrations

# Copied from stories.workflow: a migration must not change when code does.
REVIEW_WORKFLOW = "Legal and consent review"
REVIEW_TASK = "Moderators check consent and legal review"
REVIEWERS = "Moderators"
REVIEWED_INDEXES = [("stories", "StoryIndexPage"), ("actions", "ActionIndexPage")]


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=REVIEW_WORKFLOW, active=True)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK, content_type=content_type, active=True
        )
        task.groups.set(Group.objects.filter(name=REVIEWERS))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    for app_label, model_name in REVIEWED_INDEXES:
        for index in apps.get_model(app_label, model_name).objects.all():
            WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


def remove_review_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    for workflow in Workflow.objects.filter(name=REVIEW_WORKFLOW):
        workflow.workflow_pages.all().delete()
        if WorkflowState.objects.filter(workflow=workflow).exists():
            # Its history is part of the audit trail: keep it, switched off.
            workflow.active = False
            workflow.save(update_fields=["active"])
        else:
            workflow.delete()
    GroupApprovalTask.objects.filter(name=REVIEW_TASK, workflow_tasks__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0006_theme_look"),
        ("actions", "0003_signature_email_index"),
        ("home", "0006_staff_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_review_workflow, remove_review_workflow)]
