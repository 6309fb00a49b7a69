"""What the admin tests of supporters' data share: the screens' addresses,
the supporters, and reading what a screen or an export shows."""

import csv
import io

import openpyxl

from django.contrib.auth.models import Permission

from tests.admin import editor

LIST = "/admin/signatures/"
PRIVACY = "/admin/supporter-data/"
ANSWERS = "/admin/form_answers/"
EXPORT = "/admin/supporter-data/export/"
ERASE = "/admin/supporter-data/erase/"
FORMULA = '=HYPERLINK("https://evil.example","Click")'
EMAILS = ["ada@example.org", "grace@example.org", "mallory@example.org"]


def supporter_staff(django_user_model):
    """An editor who may also see supporters' data."""
    user = editor(django_user_model, "organiser")
    user.user_permissions.add(Permission.objects.get(codename="view_supporter_data"))
    return user


def shows_no_email(response):
    html = b"".join(response.streaming_content) if response.streaming else response.content
    return not any(email.encode() in html for email in EMAILS)


def listed(response):
    assert response.status_code == 200
    return {signature.pk for signature in response.context["object_list"]}


def csv_rows(response):
    assert response.status_code == 200
    return list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )


def xlsx_rows(response):
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows())
