"""On PostgreSQL the database itself refuses UPDATE and DELETE on the account audit.

The application has no update or delete path (the model and its queryset refuse both);
the trigger also stops a mistaken shell session, or a beheerder with database access
who wants to hide a 2FA reset.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION accounts_accountauditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'accounts_accountauditevent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS accounts_accountauditevent_append_only ON accounts_accountauditevent;
CREATE TRIGGER accounts_accountauditevent_append_only
    BEFORE UPDATE OR DELETE ON accounts_accountauditevent
    FOR EACH ROW EXECUTE FUNCTION accounts_accountauditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS accounts_accountauditevent_append_only ON accounts_accountauditevent;
DROP FUNCTION IF EXISTS accounts_accountauditevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # params=None: the SQL holds a literal "%" (RAISE format), so no client-side merge.
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_account_links_resets_audit")]

    operations = [migrations.RunPython(forwards, backwards)]
