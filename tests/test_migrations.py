"""A database made before ``core/`` and ``offices/`` existed migrates forward intact.

The office pages, municipalities, postcodes and teams moved from ``contact`` to
``offices``, the footer settings from ``portal`` to ``core``. The test builds a
database as it was before the move (on the suite's PostgreSQL server, in a database
of its own), fills it through the models of that time, migrates it forward with
``manage.py migrate`` and checks that pages, contact requests, teams, permissions and
settings are all there, then migrates it back.
"""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

ALIAS = "before_the_move"
# The last migrations before the models moved.
BEFORE = {"contact": "0005_request_log_entries", "portal": "0002_footer_statements"}
MOVED_TO = ("offices", "core")
OLD_TABLES = {
    "contact_regionalofficepage",
    "contact_regionindexpage",
    "contact_municipality",
    "contact_postcodearea",
    "contact_officeteam",
    "portal_footersettings",
}
NEW_TABLES = {
    "offices_regionalofficepage",
    "offices_regionindexpage",
    "offices_municipality",
    "offices_postcodearea",
    "offices_officeteam",
    "core_footersettings",
}


@pytest.fixture
def old_database(db, django_db_blocker):
    """An empty database of its own beside the suite's, as ``ALIAS``.

    Made after the test's own transaction began, so Django's test case does not
    guard it; the migrations commit there as they would on a server.
    """
    default = connections["default"]
    name = f"{default.settings_dict['NAME']}_before_move"
    with django_db_blocker.unblock():
        with default._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        connections.settings[ALIAS] = {**default.settings_dict, "NAME": name}
        try:
            yield connections[ALIAS]
        finally:
            connections[ALIAS].close()
            del connections[ALIAS]
            del connections.settings[ALIAS]
            with default._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def before_the_move(executor):
    """Every app at its latest migration, except the moved models' apps."""
    leaves = [
        node
        for node in executor.loader.graph.leaf_nodes()
        if node[0] not in MOVED_TO and node[0] not in BEFORE
    ]
    return leaves + list(BEFORE.items())


def manage_migrate(connection):
    """``manage.py migrate`` on ``connection``'s database, as a deploy runs it.

    In a process of its own: data migrations (Wagtail's among them) write through
    the default database, and ``post_migrate`` adds permissions and teams there.
    """
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD'] or ''}"
        f"@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        timeout=300,
    )
    connection.close()
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(
        executor.loader.graph.leaf_nodes(), at_end=True
    ).apps


def migrate(connection, targets):
    """Migrates in this process; only the project's own (``using``-aware) steps."""
    executor = MigrationExecutor(connection)
    targets = targets(executor)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets, at_end=True).apps


def tables(connection):
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def add_page(apps, model, parent, title, slug, content_type):
    """A page row as treebeard would store it, through the models of that time."""
    step = 4
    path = f"{parent.path}{parent.numchild + 1:0{step}d}"
    page = (
        apps.get_model(*model.split("."))
        .objects.using(ALIAS)
        .create(
            title=title,
            draft_title=title,
            slug=slug,
            path=path,
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            content_type=content_type,
            locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
        )
    )
    parent.numchild += 1
    parent.save(using=ALIAS, update_fields=["numchild"])
    return page


def fill(apps):
    """What a site of that time held: a region, an office, its team and a request."""
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(ALIAS)
    permissions = apps.get_model("auth", "Permission").objects.using(ALIAS)
    page_model = apps.get_model("wagtailcore", "Page")

    def content_type(label):
        app_label, model = label.split(".")
        return content_types.get_or_create(app_label=app_label, model=model)[0]

    root = page_model.objects.using(ALIAS).get(depth=1)
    region = add_page(
        apps,
        "contact.RegionIndexPage",
        root,
        "MEE in uw regio",
        "regios",
        content_type("contact.regionindexpage"),
    )
    office = add_page(
        apps,
        "contact.RegionalOfficePage",
        page_model.objects.using(ALIAS).get(pk=region.pk),
        "MEE Proefregio",
        "mee-proefregio",
        content_type("contact.regionalofficepage"),
    )
    apps.get_model("wagtailcore", "Revision").objects.using(ALIAS).create(
        content_type=content_type("contact.regionalofficepage"),
        base_content_type=content_type("wagtailcore.page"),
        object_id=str(office.pk),
        content={"pk": office.pk, "title": "MEE Proefregio"},
        created_at=timezone.now(),
    )
    municipality = (
        apps.get_model("contact", "Municipality")
        .objects.using(ALIAS)
        .get(code="GM0014")
    )
    municipality.office = office
    municipality.save(using=ALIAS, update_fields=["office"])

    group = (
        apps.get_model("auth", "Group")
        .objects.using(ALIAS)
        .create(name="Kantoor MEE Proefregio")
    )
    group.permissions.add(
        permissions.get_or_create(
            content_type=content_type("contact.contactrequest"),
            codename="view_contactrequest",
            defaults={"name": "Can view contact request"},
        )[0],
        permissions.get_or_create(
            content_type=content_type("contact.municipality"),
            codename="change_municipality",
            defaults={"name": "Can change municipality"},
        )[0],
    )
    apps.get_model("contact", "OfficeTeam").objects.using(ALIAS).create(
        office=office, group=group
    )
    apps.get_model("contact", "ContactRequest").objects.using(ALIAS).create(
        reference="OLD0001",
        language="nl",
        office=office,
        municipality=municipality,
        postcode="9711AB",
        school_name="Basisschool De Regenboog",
        contact_name="Sanne de Vries",
        role="Intern begeleider",
        email="ib@regenboog.example.org",
        question="Wij zoeken ondersteuning voor een groep leerlingen.",
        consent_at=timezone.now(),
    )
    site = apps.get_model("wagtailcore", "Site").objects.using(ALIAS).first()
    apps.get_model("portal", "FooterSettings").objects.using(ALIAS).create(
        site=site, organisation="MEE Proef", email="info@proef.example.org"
    )
    return office.pk


def test_a_database_from_before_the_move_migrates_forward_and_back(old_database):
    # Built as a deploy would, then taken back to before the move (which proves the
    # move can be undone), and filled through the models of that time.
    manage_migrate(old_database)
    old_apps = migrate(old_database, before_the_move)
    assert tables(old_database) >= OLD_TABLES
    office_pk = fill(old_apps)

    apps = manage_migrate(old_database)

    assert tables(old_database) >= NEW_TABLES
    assert not OLD_TABLES & tables(old_database)
    office = (
        apps.get_model("offices", "RegionalOfficePage")
        .objects.using(ALIAS)
        .get(pk=office_pk)
    )
    assert office.title == "MEE Proefregio"
    assert office.url_path.endswith("/regios/mee-proefregio/")
    # The page row names the moved model, so Wagtail finds its specific class.
    assert (office.content_type.app_label, office.content_type.model) == (
        "offices",
        "regionalofficepage",
    )
    revision = (
        apps.get_model("wagtailcore", "Revision")
        .objects.using(ALIAS)
        .get(object_id=str(office_pk))
    )
    assert revision.content_type.app_label == "offices"
    assert [m.code for m in office.municipalities.all()] == ["GM0014"]
    assert (
        apps.get_model("offices", "PostcodeArea")
        .objects.using(ALIAS)
        .filter(municipality__code="GM0014")
        .exists()
    )

    request = (
        apps.get_model("contact", "ContactRequest")
        .objects.using(ALIAS)
        .get(reference="OLD0001")
    )
    assert request.office_id == office_pk
    assert request.municipality.code == "GM0014"
    assert request.school_name == "Basisschool De Regenboog"

    team = apps.get_model("offices", "OfficeTeam").objects.using(ALIAS).get()
    assert team.office_id == office_pk
    assert sorted(
        team.group.permissions.values_list("content_type__app_label", "codename")
    ) == [("contact", "view_contactrequest"), ("offices", "change_municipality")]

    footer = apps.get_model("core", "FooterSettings").objects.using(ALIAS).get()
    assert (footer.organisation, footer.email) == (
        "MEE Proef",
        "info@proef.example.org",
    )

    # And back: the move can be undone without losing a row.
    old_apps = migrate(old_database, before_the_move)
    assert tables(old_database) >= OLD_TABLES
    assert not NEW_TABLES & tables(old_database)
    office = (
        old_apps.get_model("contact", "RegionalOfficePage")
        .objects.using(ALIAS)
        .get(pk=office_pk)
    )
    assert office.content_type.app_label == "contact"
    assert office.contact_requests.get().reference == "OLD0001"
    assert (
        old_apps.get_model("portal", "FooterSettings").objects.using(ALIAS).get()
    ).organisation == "MEE Proef"
