"""The organisation and navigation settings move to the core app, which every
other app builds on. Their tables are renamed, not copied: nothing staff set
is lost, and core's first migration takes the models over in Django's state."""

from django.db import migrations

MOVED = ("organisationsettings", "navigationsettings", "headerlink", "footerlink")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0011_home_hero_quote_and_header_button"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=name, table=f"core_{name}") for name in MOVED
            ],
            state_operations=[
                # The menu entries first: they point to the navigation.
                migrations.DeleteModel(name="HeaderLink"),
                migrations.DeleteModel(name="FooterLink"),
                migrations.DeleteModel(name="NavigationSettings"),
                migrations.DeleteModel(name="OrganisationSettings"),
            ],
        ),
    ]
