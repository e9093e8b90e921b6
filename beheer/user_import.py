"""CSV import of users: check every row first (the dry run), import all or nothing.

The file has a header line with the columns of COLUMNS (any order), separated by commas
or semicolons (as Excel saves in Dutch), in UTF-8. `check_csv` reads it without writing
anything and says per row what is wrong, in Dutch; only a file without any error is
imported (beheer.users.users_import, one transaction). The size limits keep one upload
from tying up the server or the session it is carried in between dry run and import.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from organisations.models import Organisation, Role

from .users import Invitation

COLUMNS = ("gebruikersnaam", "voornaam", "achternaam", "e-mail", "organisatie", "rol")
MAX_BYTES = 1_000_000
MAX_ROWS = 1000
# Field lengths of Django's user model.
MAX_LENGTHS = {"gebruikersnaam": 150, "voornaam": 150, "achternaam": 150, "e-mail": 254}

EXAMPLE = (
    "gebruikersnaam;voornaam;achternaam;e-mail;organisatie;rol\r\n"
    "jdevries;Jan;de Vries;j.devries@wijkteam-noord.example;Wijkteam Noord;medewerker\r\n"
    "sbakker;Sanne;Bakker;s.bakker@wijkteam-noord.example;Wijkteam Noord;manager\r\n"
)


@dataclass
class Row:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    invitation: Invitation | None = None

    @property
    def email(self) -> str:
        """The e-mail column (a template cannot read the key "e-mail")."""
        return self.values.get("e-mail", "")


@dataclass
class ImportCheck:
    rows: list[Row] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(1 for row in self.rows if row.errors)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and self.error_count == 0

    @property
    def invitations(self) -> list[Invitation]:
        return [row.invitation for row in self.rows if row.invitation is not None]


def _roles() -> dict[str, str]:
    """Role by its code or its Dutch name, lower case: "medewerker", "privacyfunctionaris"."""
    roles = {}
    for value, label in Role.choices:
        roles[value.lower()] = value
        roles[str(label).lower()] = value
    return roles


def decode(data: bytes) -> str | None:
    """The text of an upload (a byte order mark is allowed), or None if not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _file_check(data: bytes) -> tuple[str | None, list[str]]:
    if len(data) > MAX_BYTES:
        return None, [_("Het bestand is groter dan 1 MB. Splits het in kleinere bestanden.")]
    text = decode(data)
    if text is None:
        return None, [
            _(
                "Het bestand is geen UTF-8. Sla het in Excel op als 'CSV UTF-8 (door "
                "komma's gescheiden)' en probeer het opnieuw."
            )
        ]
    if not text.strip():
        return None, [_("Het bestand is leeg.")]
    return text, []


def _header_errors(header: list[str]) -> list[str]:
    names = [name.strip().lower() for name in header]
    missing = [c for c in COLUMNS if c not in names]
    unknown = [n for n in names if n not in COLUMNS]
    doubled = sorted({n for n in names if names.count(n) > 1})
    errors = []
    if missing:
        errors.append(_("De kopregel mist de kolom(men): %s.") % ", ".join(missing))
    if unknown:
        errors.append(_("De kopregel heeft onbekende kolom(men): %s.") % ", ".join(unknown))
    if doubled:
        errors.append(_("De kopregel noemt een kolom twee keer: %s.") % ", ".join(doubled))
    if errors:
        errors.append(_("De kopregel moet zijn: %s.") % ";".join(COLUMNS))
    return errors


def _read_rows(text: str) -> tuple[list[Row], list[str]]:
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        errors = _header_errors(header)
        if errors:
            return [], errors
        names = [name.strip().lower() for name in header]
        rows = []
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(rows) == MAX_ROWS:
                return [], [
                    _("Het bestand heeft meer dan %(max)d gebruikers. Splits het bestand.")
                    % {"max": MAX_ROWS}
                ]
            row = Row(line=reader.line_num, values={})
            if len(values) != len(names):
                row.errors.append(
                    _("Deze regel heeft %(found)d kolommen in plaats van %(expected)d.")
                    % {"found": len(values), "expected": len(names)}
                )
            row.values = {n: v.strip() for n, v in zip(names, values, strict=False)}
            rows.append(row)
    except csv.Error as exc:
        return [], [_("Het bestand is geen geldig CSV-bestand (%s).") % exc]
    if not rows:
        return [], [_("Het bestand heeft geen regels onder de kopregel.")]
    return rows, []


def _check_fields(row: Row, organisations: dict[str, Organisation], roles: dict[str, str]):
    values = row.values
    for column in COLUMNS:
        if not values.get(column):
            row.errors.append(_("De kolom '%s' is leeg.") % column)
        elif len(values[column]) > MAX_LENGTHS.get(column, 10_000):
            row.errors.append(
                _("De kolom '%(column)s' is langer dan %(max)d tekens.")
                % {"column": column, "max": MAX_LENGTHS[column]}
            )
    username, email = values.get("gebruikersnaam", ""), values.get("e-mail", "")
    if username:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            row.errors.append(
                _("De gebruikersnaam mag alleen letters, cijfers en . @ + - _ bevatten.")
            )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.errors.append(_("'%s' is geen geldig e-mailadres.") % email)
    organisation = organisations.get(values.get("organisatie", "").lower())
    if values.get("organisatie") and organisation is None:
        row.errors.append(_("De organisatie '%s' bestaat niet in Schakel.") % values["organisatie"])
    elif organisation is not None and not organisation.active:
        row.errors.append(
            _("De organisatie '%s' is gedeactiveerd en krijgt geen nieuwe leden.")
            % organisation.name
        )
    role = roles.get(values.get("rol", "").lower())
    if values.get("rol") and role is None:
        row.errors.append(
            _("De rol '%(role)s' bestaat niet. Kies uit: %(roles)s.")
            % {"role": values["rol"], "roles": ", ".join(value for value, _label in Role.choices)}
        )
    if not row.errors:
        row.invitation = Invitation(
            username=username,
            first_name=values["voornaam"],
            last_name=values["achternaam"],
            email=email,
            organisation=organisation,
            role=role,
        )


def _check_duplicates(rows: list[Row]) -> None:
    """Within the file and against existing accounts (case-insensitive), both columns."""
    users = get_user_model().objects
    for column, model_field, what in (
        ("gebruikersnaam", "username", _("gebruikersnaam")),
        ("e-mail", "email", _("e-mailadres")),
    ):
        keys = {row.values.get(column, "").lower() for row in rows} - {""}
        taken = set(
            users.annotate(key=Lower(model_field))
            .filter(key__in=keys)
            .values_list("key", flat=True)
        )
        first_line: dict[str, int] = {}
        for row in rows:
            key = row.values.get(column, "").lower()
            if not key:
                continue
            if key in taken:
                row.errors.append(_("Er is al een account met dit %s.") % what)
            if key in first_line:
                row.errors.append(
                    _("Dit %(what)s staat ook op regel %(line)d.")
                    % {"what": what, "line": first_line[key]}
                )
            first_line.setdefault(key, row.line)


def check_csv(data: bytes) -> ImportCheck:
    """The dry run: every row with its errors; writes nothing. Three queries."""
    text, errors = _file_check(data)
    if errors:
        return ImportCheck(file_errors=errors)
    rows, errors = _read_rows(text)
    if errors:
        return ImportCheck(file_errors=errors)
    organisations = {o.name.lower(): o for o in Organisation.objects.all()}
    roles = _roles()
    for row in rows:
        _check_fields(row, organisations, roles)
    _check_duplicates(rows)
    for row in rows:
        if row.errors:
            row.invitation = None
    return ImportCheck(rows=rows)
