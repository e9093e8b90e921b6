"""Append-only rows for audit trails: refused in the application on every database, and
by a trigger on PostgreSQL (a mistaken shell session, or someone with database access
who wants to hide a change)."""

from __future__ import annotations

from django.db import migrations, models


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk changes."""

    def update(self, **kwargs):
        raise PermissionError(f"{self.model.__name__} is append-only")

    def delete(self):
        raise PermissionError(f"{self.model.__name__} is append-only")


class AppendOnlyModel(models.Model):
    """Refuses saving an existing row and deleting one."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{type(self).__name__} is append-only")


def append_only_trigger(table: str) -> migrations.RunPython:
    """A migration operation that makes PostgreSQL refuse UPDATE and DELETE on `table`."""
    function = f"{table}_append_only"
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{table} is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS {function} ON {table};
CREATE TRIGGER {function}
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    drop = f"DROP TRIGGER IF EXISTS {function} ON {table}; DROP FUNCTION IF EXISTS {function}();"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # params=None: the SQL holds a literal "%" (RAISE format), so no client-side merge.
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop, params=None)

    return migrations.RunPython(forwards, backwards)
