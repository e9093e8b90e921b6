"""CSV import: a dry run shows every row's outcome; any error saves nothing; a clean file
imports all users in one go, each invited with one trail row."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beheer.user_import import EXAMPLE, MAX_ROWS, check_csv
from organisations.models import BeheerChange, ChangeAction, Membership

pytestmark = pytest.mark.django_db
User = get_user_model()
HEADER = "gebruikersnaam;voornaam;achternaam;e-mail;organisatie;rol\n"
GOOD = (
    HEADER
    + "adam;Adam;Akkerman;adam@noord.example;Wijkteam Noord;medewerker\n"
    + "bea;Bea;Bos;bea@noord.example;wijkteam noord;Manager\n"
)


def _errors(text: str, encoding: str = "utf-8") -> list[str]:
    check = check_csv(text.encode(encoding))
    assert not check.ok
    return check.file_errors + [e for row in check.rows for e in row.errors]


def _upload(client, text: str | bytes, step: str = "controleren"):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    upload = SimpleUploadedFile("team.csv", data, content_type="text/csv")
    return client.post(reverse("beheer:users_import"), {"bestand": upload, "stap": step})


def test_a_good_file_passes_the_dry_run(demo):
    check = check_csv(GOOD.encode("utf-8"))

    assert check.ok
    assert [i.username for i in check.invitations] == ["adam", "bea"]
    assert check.invitations[1].organisation == demo.orgs["Wijkteam Noord"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "x;X;Y;x@e.example;Wijkteam West;medewerker",
            "De organisatie 'Wijkteam West' bestaat niet",
        ),
        ("x;X;Y;x@e.example;Politie;baas", "De rol 'baas' bestaat niet"),
        ("x;X;Y;geen-adres;Politie;medewerker", "'geen-adres' is geen geldig e-mailadres"),
        (
            "politie;X;Y;x@e.example;Politie;medewerker",
            "Er is al een account met dit gebruikersnaam",
        ),
        (
            "x;X;Y;GGZ@schakel.invalid;Politie;medewerker",
            "Er is al een account met dit e-mailadres",
        ),
        ("x;;Y;x@e.example;Politie;medewerker", "De kolom 'voornaam' is leeg"),
        ("x;X;Y;x@e.example;Politie", "Deze regel heeft 5 kolommen in plaats van 6"),
        ("x y;X;Y;x@e.example;Politie;medewerker", "mag alleen letters, cijfers"),
    ],
)
def test_each_bad_row_gets_a_dutch_error(demo, row, message):
    errors = _errors(HEADER + row + "\n")

    assert any(message in error for error in errors), errors


def test_duplicates_within_the_file_name_the_other_line(demo):
    text = GOOD + "ADAM;Adam;Anders;adam2@noord.example;Politie;medewerker\n"
    text += "cor;Cor;Cats;Bea@noord.example;Politie;medewerker\n"

    errors = _errors(text)

    assert "Dit gebruikersnaam staat ook op regel 2." in errors
    assert "Dit e-mailadres staat ook op regel 3." in errors


def test_file_level_problems_are_named(demo):
    assert "De kopregel mist de kolom(men): rol." in _errors(
        "gebruikersnaam;voornaam;achternaam;e-mail;organisatie\n"
    )
    assert any("geen UTF-8" in e for e in _errors(GOOD.replace("Bos", "Bøs"), "latin-1"))
    too_many = HEADER + "".join(
        f"u{n};U;V;u{n}@e.example;Politie;medewerker\n" for n in range(MAX_ROWS + 1)
    )
    assert any("meer dan 1000 gebruikers" in e for e in _errors(too_many))
    assert any("groter dan 1 MB" in e for e in _errors(HEADER + "x" * 1_000_001))
    assert "Het bestand heeft geen regels onder de kopregel." in _errors(HEADER)


def test_a_comma_separated_file_with_a_byte_order_mark_is_read(demo):
    text = "\ufeff" + GOOD.replace(";", ",")

    assert check_csv(text.encode("utf-8")).ok


def test_a_wrong_row_shows_every_row_and_saves_nothing(demo):
    client = demo.client_for("admin")
    text = GOOD + "cor;Cor;Cats;cor@e.example;Wijkteam West;medewerker\n"

    response = _upload(client, text)
    confirm = client.post(reverse("beheer:users_import"), {"stap": "importeren"}, follow=True)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Het bestand is niet geïmporteerd" in page and "Er is niets opgeslagen" in page
    assert "Wordt uitgenodigd" in page and "Wijkteam West" in page
    assert "Alle gebruikers importeren" not in page
    assert "Upload het opnieuw" in confirm.content.decode()
    assert not User.objects.filter(username__in=["adam", "bea", "cor"]).exists()
    assert not mail.outbox and not BeheerChange.objects.exists()


def test_a_clean_file_is_imported_after_the_dry_run(demo):
    client = demo.client_for("admin")

    dry = _upload(client, GOOD)
    assert not User.objects.filter(username="adam").exists()
    done = client.post(reverse("beheer:users_import"), {"stap": "importeren"})

    assert dry.status_code == 200 and "Alle gebruikers importeren" in dry.content.decode()
    assert done["Location"] == reverse("beheer:users")
    users = User.objects.filter(username__in=["adam", "bea"])
    assert users.count() == 2 and not any(u.has_usable_password() for u in users)
    assert Membership.objects.filter(user__in=users, active=True).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["adam@noord.example", "bea@noord.example"]
    assert BeheerChange.objects.filter(action=ChangeAction.IMPORTED).count() == 2
    # The session no longer holds the file: a second confirm imports nothing.
    again = client.post(reverse("beheer:users_import"), {"stap": "importeren"}, follow=True)
    assert "Upload het opnieuw" in again.content.decode()


def test_the_file_is_checked_again_before_importing(demo):
    client = demo.client_for("admin")
    _upload(client, GOOD)
    User.objects.create_user("bea", email="other@e.example")  # taken meanwhile

    response = client.post(reverse("beheer:users_import"), {"stap": "importeren"})

    assert response.status_code == 400
    assert "Er is al een account met dit gebruikersnaam" in response.content.decode()
    assert not User.objects.filter(username="adam").exists()


def test_the_page_documents_the_format_and_offers_an_example(demo):
    client = demo.client_for("admin")

    page = client.get(reverse("beheer:users_import")).content.decode()
    example = client.get(reverse("beheer:users_import_example"))

    assert "gebruikersnaam" in page and "Download een voorbeeldbestand" in page
    assert example["Content-Type"].startswith("text/csv")
    assert example.content.decode("utf-8") == EXAMPLE
