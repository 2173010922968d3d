"""The trigger vocabulary (data/triggers.tsv), one family at a time: each family codes its own
sentence and stays silent on a near miss that shares its words. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

import newsevents

FRIDAY = date(2023, 3, 10)


def coded(text: str) -> set[tuple[str, str, str, str]]:
    """(PLOVER type, CAMEO code, sources, targets) of each event, countries joined by '+'."""
    out = set()
    for e in newsevents.code(text, published=FRIDAY):
        r = e.to_record()
        src = "+".join(sorted(a["country"] or a["code"] for a in r["source"]))
        tgt = "+".join(sorted(a["country"] or a["code"] for a in r["target"]))
        out.add((r["plover"]["type"], r["cameo"]["code"], src, tgt))
    return out


def types(text: str) -> set[str]:
    return {t for t, _, _, _ in coded(text)}


@pytest.mark.parametrize(("text", "event"), [
    # CONSULT: mediation efforts and brokered deals, telephoning, paying a visit, sitting down with
    ("Qatar launched a mediation effort between Ethiopia and Sudan on Monday.",
     ("CONSULT", "045", "QAT", "ETH+SDN")),
    ("Turkey brokered a deal between Russia and Ukraine on grain exports.", ("CONSULT", "045", "TUR", "RUS+UKR")),
    ("The French president telephoned the Egyptian president on Sunday.", ("CONSULT", "041", "FRA", "EGY")),
    ("The Indian foreign minister paid a visit to Nepal last week.", ("CONSULT", "042", "IND", "NPL")),
    ("The Afghan president sat down with Pakistani officials in Kabul.", ("CONSULT", "040", "AFG", "PAK")),
    # COOPERATE: joint exercises (both directions), handing over suspects
    ("Japan and India held joint naval exercises in the Bay of Bengal.", ("COOPERATE", "062", "JPN", "IND")),
    ("Japan and India held joint naval exercises in the Bay of Bengal.", ("COOPERATE", "062", "IND", "JPN")),
    ("Pakistan handed over two suspects to Afghanistan on Friday.", ("COOPERATE", "063", "PAK", "AFG")),
    # AID: contributions of money, donations
    ("Norway contributed $20 million to Sudan for flood relief.", ("AID", "070", "NOR", "SDN")),
    ("Japan's donation to Laos of one million vaccine doses arrived on Monday.", ("AID", "070", "JPN", "LAO")),
    # CONCEDE / RETREAT: easing a curfew, accepting demands, receiving inspectors
    ("Sudan relaxed the curfew in Khartoum on Thursday.", ("CONCEDE", "081", "SDN", "SDN")),
    ("The Colombian government accepted the demands of the striking truckers.", ("CONCEDE", "080", "COL", "")),
    ("Ukraine received inspectors from the IAEA on Tuesday.", ("RETREAT", "086", "UKR", "IGO")),
    ("Russia and Ukraine exchanged prisoners on Saturday.", ("RETREAT", "084", "RUS", "UKR")),
    # AGREE: accepting an invitation; coordinated countries committing to a joint course (both directions)
    ("Ethiopia accepted an invitation from Kenya to attend the summit.", ("AGREE", "030", "ETH", "KEN")),
    ("Japan and Australia committed to deepen their security cooperation.", ("AGREE", "030", "JPN", "AUS")),
    ("Japan and Australia committed to deepen their security cooperation.", ("AGREE", "030", "AUS", "JPN")),
    # SUPPORT: noting appreciation
    ("Canada noted its appreciation for Ghana's peacekeeping contributions.", ("SUPPORT", "051", "CAN", "GHA")),
    ("Israel and Sudan restored diplomatic relations on Monday.", ("SUPPORT", "050", "ISR", "SDN")),
    ("Germany ratified the agreement with Namibia.", ("AGREE", "057", "DEU", "NAM")),
    # REQUEST: encouraging, inviting, pleading with, seeking a release, issuing a reminder
    ("Norway invited Colombia to host the next round.", ("REQUEST", "020", "NOR", "COL")),
    ("Britain sought the release of two British citizens detained in Iran.", ("REQUEST", "020", "GBR", "IRN")),
    ("The Ukrainian foreign minister pleaded with Germany for more tanks.", ("REQUEST", "020", "UKR", "DEU")),
    ("Germany encouraged Serbia to resume talks with Kosovo.", ("REQUEST", "020", "DEU", "SRB")),
    ("France issued a reminder to Mali that it must respect the transition timetable.",
     ("REQUEST", "020", "FRA", "MLI")),
    # ACCUSE: stressing concern, summoning an ambassador
    ("Canada emphasized its concern about the detention of journalists in Iran.", ("ACCUSE", "111", "CAN", "IRN")),
    ("Russia summoned the British ambassador on Monday.", ("ACCUSE", "114", "RUS", "GBR")),
    ("A US federal court indicted four Russian hackers.", ("ACCUSE", "112", "USA", "RUS")),
    # nominal condemnation and rejection take their source from the possessor
    ("We welcome the European Union's condemnation of Russia's attack on Kyiv.", ("ACCUSE", "111", "IGO", "RUS")),
    ("Japan's rejection of China's maritime claims angered Beijing.", ("REJECT", "120", "JPN", "CHN")),
    # REJECT: turning down an offer
    ("Serbia turned down an offer from Kosovo to hold talks.", ("REJECT", "120", "SRB", "XKX")),
    ("North Korea defied United Nations sanctions by launching a missile.", ("REJECT", "128", "PRK", "IGO")),
    ("Serbia ignored calls from the European Union to impose sanctions on Russia.", ("REJECT", "120", "SRB", "IGO")),
    # THREATEN: vowing retaliation; closing a border, only intended, is a threat
    ("Iran vowed retaliation against Saudi Arabia.", ("THREATEN", "130", "IRN", "SAU")),
    ("The European Union is considering new measures against Belarus.", ("THREATEN", "130", "IGO", "BLR")),
    ("The Turkish government will close its border with Iran.", ("THREATEN", "131", "TUR", "IRN")),
    # PROTEST: taking to the streets, going on strike
    ("Thousands of Iranian women took to the streets of Tehran on Friday.", ("PROTEST", "141", "IRN", "IRN")),
    ("French rail workers went on strike on Tuesday.", ("PROTEST", "143", "FRA", "FRA")),
    ("Hundreds of Kenyan nurses picketed outside the health ministry.", ("PROTEST", "141", "KEN", "KEN")),
    # MOBILIZE: alert, troops ordered to deploy, reservists called up
    ("Israeli troops remained on alert in the West Bank.", ("MOBILIZE", "152", "ISR", "PSE")),
    ("Russia ordered troops to deploy into eastern Ukraine.", ("MOBILIZE", "152", "RUS", "UKR")),
    ("Russia called up 300,000 reservists on Wednesday.", ("MOBILIZE", "154", "RUS", "")),
    # SANCTION: closed borders and embassies, frozen assets, banned imports
    ("Poland closed its border with Belarus on Tuesday.", ("SANCTION", "160", "POL", "BLR")),
    ("Canada closed its embassy in Kyiv.", ("SANCTION", "161", "CAN", "UKR")),
    ("Britain froze the assets of Russian oligarchs.", ("SANCTION", "163", "GBR", "RUS")),
    ("India banned imports from China.", ("SANCTION", "163", "IND", "CHN")),
    ("The United States withdrew from the nuclear deal with Iran.", ("SANCTION", "164", "USA", "IRN")),
    # COERCE: closing newspapers, dissolving parties, crackdowns, human shields, blockades
    ("The Nicaraguan government shut down the newspaper La Prensa.", ("COERCE", "1721", "NIC", "")),
    ("Thailand's court dissolved the opposition party.", ("COERCE", "1722", "THA", "")),
    ("Belarusian police cracked down on protesters in Minsk.", ("COERCE", "170", "BLR", "BLR")),
    ("Syrian troops used civilians as human shields in Aleppo.", ("COERCE", "170", "SYR", "")),
    ("Chinese police harassed British journalists in Xinjiang.", ("COERCE", "170", "CHN", "GBR")),
    ("Russia blockaded Ukrainian ports in the Black Sea.", ("COERCE", "191", "RUS", "UKR")),
    # ASSAULT: hostages, firing on people, bombardment, torture, massacres
    ("Hamas militants took two Israelis hostage.", ("ASSAULT", "181", "PSE", "ISR")),
    ("Taliban fighters gunned down two Pakistani police officers in Peshawar.", ("ASSAULT", "180", "AFG", "PAK")),
    ("Myanmar troops fired on protesters in Yangon.", ("ASSAULT", "190", "MMR", "MMR")),
    ("Russian artillery bombarded Ukrainian positions near Kharkiv on Sunday.", ("ASSAULT", "190", "RUS", "UKR")),
    ("Egyptian police tortured a British student.", ("ASSAULT", "1822", "EGY", "GBR")),
    ("Boko Haram fighters massacred villagers in Nigeria.", ("ASSAULT", "1823", "NGA", "NGA")),
])
def test_family_codes_its_event(text: str, event: tuple[str, str, str, str]) -> None:
    assert event in coded(text)


@pytest.mark.parametrize(("text", "absent"), [
    # an effort that mediates between nobody; a handover of power, not of suspects
    ("Qatar launched an effort to modernise its economy on Monday.", "CONSULT"),
    ("The general handed over power to a civilian council.", "COOPERATE"),
    # sitting down at a table meets nobody
    ("The delegation sat down at the table.", "CONSULT"),
    # welcoming a decision or an appointment is support, not hosting a visit
    ("Kenya welcomed Japan's decision to open a consulate.", "CONSULT"),
    ("Kenya welcomed the appointment of a Japanese banker to the council.", "CONSULT"),
    # noting someone else's support, or acting in support of someone, is no support given
    ("Canada noted Ghana's support for the resolution.", "SUPPORT"),
    ("In support of its partners, Canada is sharing its assessment of the attack.", "SUPPORT"),
    # a drill by one country near another is a show of force, not cooperation
    ("China held military drills near Taiwan on Monday.", "COOPERATE"),
    # contributing to a debate is no aid
    ("Norway contributed to the debate on climate policy.", "AID"),
    # retreating from a promise is no military retreat ("retreat" is left out of the vocabulary)
    ("The party retreated from its promise to cut taxes.", "RETREAT"),
    # being encouraged by someone is no request of them
    ("We are encouraged by Armenia's progress on reforms.", "REQUEST"),
    # stressing a commitment is no accusation; summoning advisers is no protest
    ("Canada emphasized its commitment to the Paris agreement.", "ACCUSE"),
    ("The minister summoned his advisers on Monday.", "ACCUSE"),
    # committing a crime is no commitment; a lone country committing to nothing names no partner
    ("Russia committed atrocities in Bucha.", "AGREE"),
    ("Japan committed to reform its pension system.", "AGREE"),
    # considering options at home threatens nobody
    ("The government is considering new measures to curb inflation.", "THREATEN"),
    # vowing support is a promise, not a threat
    ("Iran vowed support for the Palestinians.", "THREATEN"),
    # a deal put on hold is no alert; a crossing closed for repairs names no target
    ("The deal was put on hold in June.", "MOBILIZE"),
    ("Poland closed a border crossing for repairs.", "SANCTION"),
    # firing a coach is no shooting
    ("The club fired its coach on Monday.", "ASSAULT"),
    # ideas are no prisoners; withdrawing troops is a retreat, not withdrawing from a treaty
    ("The engineers exchanged ideas with Japanese experts.", "RETREAT"),
    # a condemnation with no one condemning is no event
    ("The condemnation of the coup was swift.", "ACCUSE"),
    ("The United States withdrew its troops from Syria.", "SANCTION"),
])
def test_near_miss_codes_no_such_event(text: str, absent: str) -> None:
    assert absent not in types(text)


def test_state_blockade_of_ports_is_coercion_not_protest() -> None:
    assert types("Russia blockaded Ukrainian ports in the Black Sea.") == {"COERCE"}


def test_protesters_blocking_roads_stay_protest() -> None:
    assert "PROTEST" in types("Angry French farmers blocked the roads to Paris on Monday.")


def test_the_month_of_march_is_no_protest_march() -> None:
    # "hold ... in March": the month is no object of a protest verb (an intended protest would be a threat)
    assert coded("Kenya will hold elections in March.") == set()
