"""What every app's demo content loader shares."""


def sync_page(parent, model, slug, fields, log):
    """Make `parent` have a live `model` page at `slug` with `fields`.

    A missing page is created; a page that differs is updated and published
    as a new revision; a page that matches is left alone.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        log(f"Created the {model._meta.verbose_name} “{page.title}”.")
        return page
    changed = [field for field, value in fields.items() if getattr(page, field) != value]
    if changed or not page.live:
        for field in changed:
            setattr(page, field, fields[field])
        page.save_revision().publish()
        what = ", ".join(changed) or "published"
        log(f"Updated the {model._meta.verbose_name} “{page.title}”: {what}.")
    return page
