from django.conf import settings


def site(request):
    """The site's name and one-line description for every template.

    Read from settings, not the database, so that error pages can use them.
    """
    return {"site_name": settings.WAGTAIL_SITE_NAME, "site_description": settings.SITE_DESCRIPTION}
