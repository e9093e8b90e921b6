"""`HasGrant`: the "may this group or user open this case" test as one SQL expression.

The access layer filters nearly every query of a page with it (the list, its count, the
bell, each block of a start page). Written with the ORM — an `Exists` over a `union` of
two grant querysets, each with a permission subquery — Django built and compiled four
nested queries each time: about 3 ms of CPU per use, 6 to 8 uses per page, more than the
database needed to answer them. This expression writes the same SQL directly.

It is not raw SQL pasted into a query: the case it tests is a Django expression (the
query's `pk`, or an `OuterRef`), which Django resolves and relabels like any other column
when the query becomes a subquery of another, so it always points at the right table.
Its own tables get aliases of their own (`schakel_grant_*`), which live only inside the
EXISTS. Table and column names come from the models.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Expression, F

from .models import CaseGroupObjectPermission, CaseUserObjectPermission


def _column(model, field: str, alias: str, quote) -> str:
    return f"{alias}.{quote(model._meta.get_field(field).column)}"


def _permission_sql(quote) -> str:
    """The id of the `cases` permission with the codename of the next parameter, as a
    one-row subquery: the planner reads it once, and the grant index is probed with it."""
    permission, content_type = "schakel_grant_p", "schakel_grant_ct"

    def col(model, field, alias):
        return _column(model, field, alias, quote)

    return (
        f"(SELECT {col(Permission, 'id', permission)} "
        f"FROM {quote(Permission._meta.db_table)} {permission} "
        f"INNER JOIN {quote(ContentType._meta.db_table)} {content_type} "
        f"ON {col(Permission, 'content_type', permission)} = "
        f"{col(ContentType, 'id', content_type)} "
        f"WHERE {col(Permission, 'codename', permission)} = %s "
        f"AND {col(ContentType, 'app_label', content_type)} = %s LIMIT 1)"
    )


class HasGrant(Expression):
    """True when the case holds `codename` for `group_id`, or for `user_id` through an
    unexpired personal (break-the-glass) grant at `now`.

    One EXISTS over a UNION ALL, the form `privacy.access` chose for PostgreSQL's
    planner: the grant index is probed per case and the scan stops with the page."""

    conditional = True
    output_field = BooleanField()

    def __init__(
        self, *, group_id: int, user_id: int, codename: str, now: datetime, case=None
    ) -> None:
        super().__init__()
        self.case = F("pk") if case is None else case
        self.group_id = group_id
        self.user_id = user_id
        self.codename = codename
        self.now = now

    def get_source_expressions(self):
        return [self.case]

    def set_source_expressions(self, exprs) -> None:
        (self.case,) = exprs

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        case_sql, case_params = compiler.compile(self.case)
        group, user = "schakel_grant_g", "schakel_grant_u"
        permission = _permission_sql(quote)
        expires = _column(CaseUserObjectPermission, "expires_at", user, quote)

        def grant_of(model, alias: str, holder: str) -> str:
            return (
                f"SELECT 1 FROM {quote(model._meta.db_table)} {alias} "
                f"WHERE {_column(model, 'content_object', alias, quote)} = {case_sql} "
                f"AND {_column(model, holder, alias, quote)} = %s "
                f"AND {_column(model, 'permission', alias, quote)} = {permission}"
            )

        sql = (
            f"EXISTS({grant_of(CaseGroupObjectPermission, group, 'group')} UNION ALL "
            f"{grant_of(CaseUserObjectPermission, user, 'user')} "
            f"AND ({expires} IS NULL OR {expires} > %s))"
        )
        now = CaseUserObjectPermission._meta.get_field("expires_at").get_db_prep_value(
            self.now, connection
        )
        permission_params = (self.codename, "cases")
        params = (
            *case_params,
            self.group_id,
            *permission_params,
            *case_params,
            self.user_id,
            *permission_params,
            now,
        )
        return sql, params
