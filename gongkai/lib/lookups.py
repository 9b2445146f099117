"""`field__among=[…]`: `field IN (…)` with the values as one array parameter on PostgreSQL.

psycopg converts a statement's placeholders one by one in Python: a list of 500 ids from the
search index cost 3.6 ms of CPU a query written as IN (%s, …), 0.7 ms as `= ANY(%s)`. SQLite
gets the plain IN list (its driver binds them in C).
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, Lookup, Q


@Field.register_lookup
class Among(Lookup):
    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [self.lhs.output_field.get_prep_value(value) for value in self.rhs]
        if not values:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


def among(field: str, values) -> Q:
    """Q(field IN values), with the lookup above (importing this registers it)."""
    return Q(**{f"{field}__among": list(values)})
