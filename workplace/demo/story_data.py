"""The named demo cases as data: the stories of the source articles, fictional people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from cases.models import LegalBasis, Relation
from cases.phases import Phase


@dataclass
class Story:
    reference: str
    title: str
    team: str
    regiehouder: str
    # (phase, days ago) in order; the last one is the current phase.
    history: list[tuple[str, int]]
    persons: list[dict]
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (category, author, text)
    partners: list[str] = field(default_factory=list)
    procesregisseur: str | None = None
    receiving_team: str | None = None
    legal_basis: str = LegalBasis.WMO
    client_informed: bool = True
    client_not_informed_reason: str = ""


def _born(years: int, month: int = 5, day: int = 12) -> date:
    today = timezone.localdate()
    return date(today.year - years, month, day)


STORIES: list[Story] = [
    Story(
        reference="DEMO-ZVH",
        title="Gezin met huiselijk geweld, verslaving en een zoon in beeld bij politie",
        team="Wijkteam Noord",
        regiehouder="wijkteam",
        procesregisseur="regisseur",
        history=[(Phase.WIJKTEAM, 120), (Phase.AANGEMELD, 40), (Phase.ZVH, 38)],
        partners=["Politie", "GGZ"],
        legal_basis=LegalBasis.CONVENANT_ZVH,
        persons=[
            dict(
                first_name="Ronald",
                last_name="Verbeek",
                date_of_birth=_born(44, 3, 2),
                address="Lindelaan 17",
                postcode="3531 AB",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
            dict(
                first_name="Sandra",
                last_name="Verbeek-Kok",
                date_of_birth=_born(41, 9, 21),
                address="Lindelaan 17",
                postcode="3531 AB",
                city="Utrecht",
                relation=Relation.PARTNER,
            ),
            dict(
                first_name="Dylan",
                last_name="Verbeek",
                date_of_birth=_born(14, 1, 30),
                address="Lindelaan 17",
                postcode="3531 AB",
                city="Utrecht",
                relation=Relation.KIND,
            ),
            dict(
                first_name="Noa",
                last_name="Verbeek",
                date_of_birth=_born(9, 7, 8),
                address="Lindelaan 17",
                postcode="3531 AB",
                city="Utrecht",
                relation=Relation.KIND,
            ),
        ],
        notes=[
            (
                "basis",
                "wijkteam",
                "[BASIS] Gezin van vier; huur in achterstand, vader werkloos sinds vorig jaar.",
            ),
            (
                "signalen",
                "wijkteam",
                "[SIGNALEN] School meldt dat Dylan vaak verzuimt en met blauwe plekken komt; buren horen ruzies.",
            ),
            (
                "zorg",
                "wijkteam",
                "[ZORG] Gezinscoach twee keer per week; moeder staat op de wachtlijst voor opvoedondersteuning.",
            ),
            (
                "gezondheid",
                "ggz",
                "[GEZONDHEID] Moeder drinkt dagelijks; ernstige alcoholafhankelijkheid, eerdere detox afgebroken.",
            ),
            (
                "justitie",
                "politie",
                "[JUSTITIE] Dylan (14) aangehouden voor vernieling van bushokjes; vader eerder veroordeeld voor mishandeling.",
            ),
            (
                "triage",
                "wijkteam",
                "[TRIAGE] Weging wijst op opschalen: geweld, minderjarigen betrokken en stagnatie.",
            ),
            (
                "plan",
                "regisseur",
                "[PLAN] Eén plan voor het hele huishouden: veiligheid kinderen eerst, daarna schulden en behandeling.",
            ),
            (
                "overleg",
                "regisseur",
                "[OVERLEG] Casusoverleg: politie en GGZ akkoord met gezamenlijke huisbezoeken.",
            ),
        ],
    ),
    Story(
        reference="DEMO-ACUUT",
        title="Dakloze man met GHB-verslaving die overlast veroorzaakt",
        team="Wijkteam Noord",
        regiehouder="wijkteam",
        history=[(Phase.WIJKTEAM, 10), (Phase.AANGEMELD, 0)],
        client_informed=False,
        client_not_informed_reason="Cliënt is niet bereikbaar; geen vaste verblijfplaats.",
        persons=[
            dict(
                first_name="Kevin",
                last_name="Brouwer",
                date_of_birth=_born(33, 11, 4),
                address="",
                postcode="",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
        ],
        notes=[
            (
                "signalen",
                "wijkteam",
                "[SIGNALEN] Slaapt in portieken, veroorzaakt nachtelijke overlast; onlangs verhuisd uit een andere gemeente.",
            ),
            (
                "gezondheid",
                "wijkteam",
                "[GEZONDHEID] GHB-gebruik, twee keer buiten bewustzijn aangetroffen.",
            ),
        ],
    ),
    Story(
        reference="DEMO-ADVIES",
        title="Verwarde bewoner veroorzaakt overlast in flat",
        team="Wijkteam Noord",
        regiehouder="wijkteam",
        history=[(Phase.WIJKTEAM, 21)],
        persons=[
            dict(
                first_name="Henk",
                last_name="Jacobs",
                date_of_birth=_born(67, 2, 14),
                address="Kastanjeflat 112",
                postcode="3532 CD",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
        ],
        notes=[
            (
                "signalen",
                "wijkteam",
                "[SIGNALEN] De huismeester meldt geschreeuw 's nachts en een bewoner die buren beschuldigt van afluisteren.",
            ),
            (
                "zorg",
                "wijkteam",
                "[ZORG] Huisbezoek afgelegd; meneer weigert hulp maar laat ons wel binnen.",
            ),
        ],
    ),
    Story(
        reference="DEMO-NAZORG",
        title="Teruggegeven na ZVH-traject: alleenstaande moeder met schulden",
        team="Wijkteam Noord",
        regiehouder="wijkteam",
        procesregisseur="regisseur",
        history=[
            (Phase.WIJKTEAM, 300),
            (Phase.AANGEMELD, 240),
            (Phase.ZVH, 238),
            (Phase.AFSCHALING, 30),
            (Phase.NAZORG, 20),
        ],
        partners=["Politie"],
        persons=[
            dict(
                first_name="Esther",
                last_name="de Wit",
                date_of_birth=_born(36, 6, 1),
                address="Populierstraat 4",
                postcode="3533 EF",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
            dict(
                first_name="Milan",
                last_name="de Wit",
                date_of_birth=_born(6, 4, 18),
                address="Populierstraat 4",
                postcode="3533 EF",
                city="Utrecht",
                relation=Relation.KIND,
            ),
        ],
        notes=[
            ("zorg", "wijkteam", "[ZORG] Schuldhulpverlening loopt; budgetbeheer afgesproken."),
            (
                "plan",
                "regisseur",
                "[PLAN] Nazorg: wijkteam belt maandelijks; over zes weken evaluatie.",
            ),
        ],
    ),
    Story(
        # Never triaged, only notes for months: on the manager's start page (issue 19).
        reference="DEMO-VERGETEN",
        title="Vergeten casus: oudere vrouw met schulden, nooit getrieerd",
        team="Wijkteam Noord",
        regiehouder="wijkteam",
        history=[(Phase.WIJKTEAM, 160)],
        persons=[
            dict(
                first_name="Truus",
                last_name="Mulder",
                date_of_birth=_born(79, 1, 30),
                address="Eikenlaan 3",
                postcode="3535 JK",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
        ],
        notes=[("signalen", "wijkteam", "[SIGNALEN] Post stapelt zich op; deur blijft dicht.")],
    ),
    Story(
        reference="DEMO-STAGNATIE",
        title="Vastgelopen casus: vereenzaamde man met verslaving en schulden",
        team="Wijkteam Noord",
        regiehouder="wijkteam",
        history=[(Phase.WIJKTEAM, 245)],
        persons=[
            dict(
                first_name="Gerrit",
                last_name="Vos",
                date_of_birth=_born(58, 10, 10),
                address="Beukenhof 9",
                postcode="3534 GH",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
        ],
        notes=[
            (
                "signalen",
                "wijkteam",
                "[SIGNALEN] Acht maanden in begeleiding zonder vooruitgang; afspraken worden niet nagekomen.",
            ),
        ],
    ),
    Story(
        reference="DEMO-AFSCHALING",
        title="Jongvolwassene na reclasseringstraject, verhuisd naar Zuid",
        team="Wijkteam Noord",
        regiehouder="wijkteam",
        procesregisseur="regisseur",
        receiving_team="Wijkteam Zuid",
        history=[
            (Phase.WIJKTEAM, 200),
            (Phase.AANGEMELD, 150),
            (Phase.ZVH, 148),
            (Phase.AFSCHALING, 4),
        ],
        partners=["Reclassering"],
        persons=[
            dict(
                first_name="Rachid",
                last_name="Bouzid",
                date_of_birth=_born(21, 12, 3),
                address="Vlierstraat 30",
                postcode="3541 KL",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
        ],
        notes=[
            (
                "justitie",
                "regisseur",
                "[JUSTITIE] Taakstraf afgerond; reclasseringstoezicht loopt nog drie maanden.",
            ),
            (
                "plan",
                "regisseur",
                "[PLAN] Overdracht aan Wijkteam Zuid: dagbesteding en woonbegeleiding.",
            ),
        ],
    ),
    Story(
        reference="DEMO-GESLOTEN",
        title="Afgesloten casus: oudere vrouw met woningvervuiling",
        team="Wijkteam Noord",
        regiehouder="wijkteam",
        history=[(Phase.WIJKTEAM, 3 * 365 + 200), (Phase.GESLOTEN, 3 * 365 + 10)],
        persons=[
            dict(
                first_name="Truus",
                last_name="Hendriks",
                date_of_birth=_born(81, 8, 8),
                address="Eikenlaan 2",
                postcode="3535 MN",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
        ],
        notes=[("zorg", "wijkteam", "[ZORG] Thuiszorg gestart, woning schoongemaakt.")],
    ),
    Story(
        reference="DEMO-ZUID-1",
        title="Gezin met opvoedproblemen en huurachterstand",
        team="Wijkteam Zuid",
        regiehouder="wijkteam2",
        history=[(Phase.WIJKTEAM, 60)],
        persons=[
            dict(
                first_name="Priya",
                last_name="Ramdin",
                date_of_birth=_born(39, 3, 3),
                address="Esdoornweg 55",
                postcode="3544 PR",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
            dict(
                first_name="Vikash",
                last_name="Ramdin",
                date_of_birth=_born(12, 9, 9),
                address="Esdoornweg 55",
                postcode="3544 PR",
                city="Utrecht",
                relation=Relation.KIND,
            ),
        ],
        notes=[
            (
                "signalen",
                "wijkteam2",
                "[SIGNALEN] Huurachterstand van vier maanden; school maakt zich zorgen.",
            )
        ],
    ),
    Story(
        reference="DEMO-ZUID-2",
        title="Man met psychische klachten en dreigende uitzetting",
        team="Wijkteam Zuid",
        regiehouder="wijkteam2",
        procesregisseur="regisseur",
        history=[(Phase.WIJKTEAM, 90), (Phase.AANGEMELD, 30), (Phase.ZVH, 28)],
        partners=["GGZ"],
        persons=[
            dict(
                first_name="Bart",
                last_name="Meijer",
                date_of_birth=_born(47, 1, 19),
                address="Wilgenstraat 8",
                postcode="3545 ST",
                city="Utrecht",
                relation=Relation.CLIENT,
            ),
        ],
        notes=[
            (
                "gezondheid",
                "wijkteam2",
                "[GEZONDHEID] Psychotische episode vorige maand; behandeling GGZ gestart.",
            )
        ],
    ),
]
