"""On PostgreSQL the database itself refuses UPDATE and DELETE on the access log.

The application has no update or delete path; the trigger also stops a mistaken
shell session or a future bug. Retention pseudonymises old rows only through the
`schakel.retention` setting (set locally in the retention transaction), so that one
audited path stays possible.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION privacy_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('schakel.retention', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'privacy_accesslog is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS privacy_accesslog_append_only ON privacy_accesslog;
CREATE TRIGGER privacy_accesslog_append_only
    BEFORE UPDATE OR DELETE ON privacy_accesslog
    FOR EACH ROW EXECUTE FUNCTION privacy_accesslog_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS privacy_accesslog_append_only ON privacy_accesslog;
DROP FUNCTION IF EXISTS privacy_accesslog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # params=None: the SQL holds a literal "%" (RAISE format), so no client-side merge.
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_default_convenant")]

    operations = [migrations.RunPython(forwards, backwards)]
