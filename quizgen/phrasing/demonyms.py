"""Naming a side of a conflict by its first combatant: "the Armenian side".

A table covers the states that fill most conflict infoboxes; a few regular
endings cover many more ("Armenia" -> "Armenian"). Anything else is named
plainly ("the side of the Kingdom of Kartli") rather than guessed wrong.
"""

from __future__ import annotations

import re

_DEMONYMS = {
    "afghanistan": "Afghan",
    "azerbaijan": "Azerbaijani",
    "pakistan": "Pakistani",
    "kazakhstan": "Kazakh",
    "uzbekistan": "Uzbek",
    "france": "French",
    "england": "English",
    "britain": "British",
    "great britain": "British",
    "united kingdom": "British",
    "ireland": "Irish",
    "scotland": "Scottish",
    "wales": "Welsh",
    "spain": "Spanish",
    "portugal": "Portuguese",
    "netherlands": "Dutch",
    "dutch republic": "Dutch",
    "germany": "German",
    "prussia": "Prussian",
    "austria": "Austrian",
    "austria-hungary": "Austro-Hungarian",
    "hungary": "Hungarian",
    "poland": "Polish",
    "sweden": "Swedish",
    "denmark": "Danish",
    "norway": "Norwegian",
    "finland": "Finnish",
    "switzerland": "Swiss",
    "greece": "Greek",
    "turkey": "Turkish",
    "ottoman empire": "Ottoman",
    "china": "Chinese",
    "japan": "Japanese",
    "korea": "Korean",
    "vietnam": "Vietnamese",
    "thailand": "Thai",
    "iraq": "Iraqi",
    "iran": "Iranian",
    "persia": "Persian",
    "israel": "Israeli",
    "egypt": "Egyptian",
    "peru": "Peruvian",
    "chile": "Chilean",
    "mexico": "Mexican",
    "united states": "American",
    "united states of america": "American",
    "usa": "American",
    "canada": "Canadian",
    "soviet union": "Soviet",
    "ussr": "Soviet",
    "russian sfsr": "Soviet Russian",
    "soviet russia": "Soviet Russian",
    "russian empire": "Russian",
    "roman empire": "Roman",
    "rome": "Roman",
    "byzantine empire": "Byzantine",
    "holy roman empire": "Imperial",
    "venice": "Venetian",
    "republic of venice": "Venetian",
    "georgia": "Georgian",
    "yemen": "Yemeni",
    "oman": "Omani",
    "qatar": "Qatari",
    "kuwait": "Kuwaiti",
    "bangladesh": "Bangladeshi",
    "philippines": "Filipino",
    "new zealand": "New Zealand",
    "sudan": "Sudanese",
    "lebanon": "Lebanese",
    "congo": "Congolese",
    "senegal": "Senegalese",
    "iceland": "Icelandic",
    "morocco": "Moroccan",
    "cuba": "Cuban",
    "belgium": "Belgian",
    "italy": "Italian",
    "sardinia": "Sardinian",
    "bulgaria": "Bulgarian",
    "serbia": "Serbian",
    "croatia": "Croatian",
    "ukraine": "Ukrainian",
    "lithuania": "Lithuanian",
    "latvia": "Latvian",
    "estonia": "Estonian",
    "wallachia": "Wallachian",
    "moldavia": "Moldavian",
    "normandy": "Norman",
    "castile": "Castilian",
    "aragon": "Aragonese",
    "navarre": "Navarrese",
    "burgundy": "Burgundian",
    "bavaria": "Bavarian",
    "saxony": "Saxon",
    "brandenburg": "Brandenburg",
    "savoy": "Savoyard",
    "naples": "Neapolitan",
    "sicily": "Sicilian",
    "milan": "Milanese",
    "florence": "Florentine",
    "genoa": "Genoese",
    "two sicilies": "Neapolitan",
    "mughal empire": "Mughal",
    "ming dynasty": "Ming",
    "qing dynasty": "Qing",
    "safavid empire": "Safavid",
    "mongol empire": "Mongol",
    "carthage": "Carthaginian",
    "athens": "Athenian",
    "sparta": "Spartan",
    "macedon": "Macedonian",
    "macedonia": "Macedonian",
    "argentina": "Argentine",
    "brazil": "Brazilian",
    "colombia": "Colombian",
    "venezuela": "Venezuelan",
    "ethiopia": "Ethiopian",
    "nigeria": "Nigerian",
    "south africa": "South African",
    "north korea": "North Korean",
    "south korea": "South Korean",
    "north vietnam": "North Vietnamese",
    "south vietnam": "South Vietnamese",
    "confederate states": "Confederate",
    "confederate states of america": "Confederate",
    "union": "Union",
    "india": "Indian",
    "nepal": "Nepali",
    "tibet": "Tibetan",
    "burma": "Burmese",
    "myanmar": "Burmese",
    "siam": "Siamese",
    "cambodia": "Cambodian",
    "laos": "Lao",
    "indonesia": "Indonesian",
    "malaysia": "Malaysian",
    "australia": "Australian",
    "algeria": "Algerian",
    "tunisia": "Tunisian",
    "libya": "Libyan",
    "syria": "Syrian",
    "jordan": "Jordanian",
    "saudi arabia": "Saudi",
    "armenia": "Armenian",
    "russia": "Russian",
    "romania": "Romanian",
    "albania": "Albanian",
    "bosnia and herzegovina": "Bosnian",
    "montenegro": "Montenegrin",
    "slovenia": "Slovene",
    "slovakia": "Slovak",
    "czech republic": "Czech",
    "czechoslovakia": "Czechoslovak",
    "yugoslavia": "Yugoslav",
    "west germany": "West German",
    "east germany": "East German",
    "nazi germany": "German",
    "german empire": "German",
    "empire of japan": "Japanese",
    "kingdom of italy": "Italian",
    "french republic": "French",
    "french empire": "French",
    "first french empire": "French",
    "british empire": "British",
    "spanish empire": "Spanish",
    "portuguese empire": "Portuguese",
    "austrian empire": "Austrian",
    "habsburg monarchy": "Habsburg",
    "polish–lithuanian commonwealth": "Polish–Lithuanian",
}
_REGULAR_ENDINGS = (
    (re.compile(r"ia$"), "ian"),  # Armenia, Russia, Syria, Australia, India
    (re.compile(r"a$"), "an"),  # Cuba (tabled), America, Kenya, Korea (tabled)
    (re.compile(r"y$"), "ian"),  # Italy (tabled), Hungary (tabled)
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


_STATE_OF = re.compile(
    r"^(?:kingdom|duchy|grand duchy|empire|republic|principality|county|electorate|"
    r"sultanate|emirate|khanate|tsardom) of (?:the )?(.+)$"
)


def demonym(name: str) -> str | None:
    """The adjective for a state or people, or None when unsure.

    "Kingdom of England" and "Duchy of Normandy" read by their land: "English", "Norman".
    """
    key = _LEADING_THE.sub("", name.strip()).casefold()
    if key in _DEMONYMS:
        return _DEMONYMS[key]
    state_of = _STATE_OF.match(key)
    if state_of and state_of.group(1) in _DEMONYMS:
        return _DEMONYMS[state_of.group(1)]
    if " " in key or "-" in key or not key.isalpha():
        return None
    for pattern, ending in _REGULAR_ENDINGS[:1]:
        if pattern.search(key):
            return pattern.sub(ending, name.strip()[:1].upper() + name.strip()[1:])
    return None


_NEEDS_THE = re.compile(
    r"^(?:Kingdom|Empire|Republic|Duchy|Grand Duchy|Principality|Sultanate|Emirate|Caliphate|"
    r"Khanate|Union|Confederation|Confederacy|Commonwealth|State|Province|County|Army|Order|"
    r"United|Holy|Byzantine|Ottoman|Soviet|Roman|Papal|Crown|Electorate|Margraviate)\b"
)


def in_sentence(name: str) -> str:
    """A state's name as it reads mid-sentence: "the Kingdom of England", "Armenia"."""
    name = name.strip()
    return f"the {name}" if _NEEDS_THE.match(name) else name


def side_name(first_combatant: str) -> str:
    """How a question names a side: "the Armenian side", or "the side of X"."""
    adjective = demonym(first_combatant)
    if adjective:
        return f"the {adjective} side"
    return f"the side of {in_sentence(first_combatant)}"
