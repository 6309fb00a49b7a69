"""The review a story or a call to action goes through before it is published:
a moderator checks consent and the legal review, then approves (publishes) it
or asks for changes."""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

REVIEW_WORKFLOW = "Legal and consent review"
REVIEW_TASK = "Moderators check consent and legal review"
REVIEWERS = "Moderators"


def review_workflow():
    """The workflow and its one task, made if missing. Returns (workflow, created)."""
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    task, task_created = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    if task_created:
        task.groups.set(Group.objects.filter(name=REVIEWERS))
    _, linked = WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow, created or task_created or linked


def ensure_review_workflow(page):
    """Send `page` and everything below it through the review workflow.

    Safe to run again: returns True only when it created or changed something.
    """
    workflow, changed = review_workflow()
    if WorkflowPage.objects.filter(page=page, workflow=workflow).exists():
        return changed
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return True
