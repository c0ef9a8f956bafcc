"""The generated disguise suite: every term of every `terms` rule written in every disguise a
sender uses to slip past a filter, the shortener domains behind disguised hosts, and care-message
controls that must still pass."""

import unicodedata

FRAME = "Update: {} today."


def _alpha(base_upper, base_lower):
    def f(ch):
        if "a" <= ch <= "z":
            return chr(base_lower + ord(ch) - ord("a"))
        if "A" <= ch <= "Z":
            return chr(base_upper + ord(ch) - ord("A"))
        return ch
    return f


def _table(mapping, upper=False):
    def f(ch):
        key = ch.upper() if upper else ch.lower()
        return mapping.get(key, ch)
    return f


SMALL_CAPS = dict(zip("abcdefghijklmnoprstuvwyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ"))
CHEROKEE = {"A": "Ꭺ", "B": "Ᏼ", "C": "Ꮯ", "D": "Ꭰ", "E": "Ꭼ", "G": "Ꮐ", "H": "Ꮋ", "J": "Ꭻ", "K": "Ꮶ",
            "L": "Ꮮ", "M": "Ꮇ", "P": "Ꮲ", "R": "Ꭱ", "S": "Ꮪ", "T": "Ꭲ", "V": "Ꮩ", "W": "Ꮃ", "Z": "Ꮓ"}
CYRILLIC = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "j": "ј",
            "s": "ѕ", "h": "һ", "d": "ԁ", "q": "ԛ", "w": "ԝ"}
GREEK = {"A": "Α", "B": "Β", "E": "Ε", "Z": "Ζ", "H": "Η", "I": "Ι", "K": "Κ", "M": "Μ", "N": "Ν",
         "O": "Ο", "P": "Ρ", "T": "Τ", "Y": "Υ", "X": "Χ"}
DIGITS = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
SYMBOLS = {"a": "@", "s": "$", "i": "!"}


def _each_letter(f):
    return lambda text: "".join(f(ch) if ch.isalpha() else ch for ch in text)


def _after_letter(mark):
    return lambda text: "".join(ch + mark if ch.isalpha() else ch for ch in text)


def _separated(sep):
    def f(text):
        return " ".join(sep.join(word) for word in text.split(" "))
    return f


TRANSFORMS = [
    ("math-bold", "NFKC: mathematical bold letters", _each_letter(_alpha(0x1D400, 0x1D41A))),
    ("math-sans", "NFKC: mathematical sans-serif letters", _each_letter(_alpha(0x1D5A0, 0x1D5BA))),
    ("fullwidth", "NFKC: full-width letters", _each_letter(_alpha(0xFF21, 0xFF41))),
    ("negative-squared", "letters white on black squares (U+1F170...)", _each_letter(_alpha(0x1F170, 0x1F170))),
    ("small-caps", "small capitals", _each_letter(_table(SMALL_CAPS))),
    ("cherokee", "Cherokee look-alike letters", _each_letter(_table(CHEROKEE, upper=True))),
    ("cyrillic", "Cyrillic look-alike letters", _each_letter(_table(CYRILLIC))),
    ("greek", "Greek look-alike capitals", _each_letter(_table(GREEK, upper=True))),
    ("strike", "combining long stroke (U+0336) on each letter", _after_letter("\u0336")),
    ("underline", "combining low line (U+0332) on each letter", _after_letter("\u0332")),
    ("variation-selector", "variation selector 16 after each letter", _after_letter("\ufe0f")),
    ("zwj", "zero-width joiner after each letter", _after_letter("\u200d")),
    ("digits", "digits for letters (a4 e3 i1 o0 s5 t7)", _each_letter(_table(DIGITS))),
    ("symbols", "symbols for letters (a@ s$ i!)", _each_letter(_table(SYMBOLS))),
    ("dots", "a dot between every letter", _separated(".")),
    ("dashes", "a dash between every letter", _separated("-")),
    ("spaces", "a space between every letter", _separated(" ")),
    ("middle-dots", "a middle dot (U+00B7) between every letter", _separated("\u00b7")),
    ("bullets", "a bullet (U+2022) between every letter", _separated("\u2022")),
]

# Disguises that keep a care message's meaning; its rule must still pass it.
CONTROL_TRANSFORMS = ["math-bold", "fullwidth", "small-caps", "cyrillic", "zwj", "underline"]

CARRIER_SHORTENERS = ["bit.ly", "tinyurl.com", "goo.gl", "is.gd", "tiny.cc", "bc.vc", "budurl.com",
                      "clicky.me", "lc.chat", "s2r.co", "soo.gd"]

HOST_TRANSFORMS = [
    ("ideographic-stop", "U+3002 ideographic full stop for the dots of the host",
     lambda d: "https://" + d.replace(".", "\u3002") + "/x7Qa"),
    ("fullwidth-stop", "U+FF0E full-width full stop for the dots of the host",
     lambda d: "https://" + d.replace(".", "\uff0e") + "/x7Qa"),
    ("percent-byte", "the host's first letter percent-encoded",
     lambda d: "https://%{:02X}".format(ord(d[0])) + d[1:] + "/x7Qa"),
    ("userinfo", "the practice's domain as user info before the host",
     lambda d: "https://riversidefamilymed.com@" + d + "/x7Qa"),
]


def disguise_cases(rules):
    cases = []
    for rule in rules:
        if rule["kind"] != "terms":
            continue
        for term, lang in rule["terms"]:
            for name, _, f in TRANSFORMS:
                written = f(term)
                if written == term or unicodedata.normalize("NFC", written) == term:
                    continue
                cases.append({"set": "term", "rule": rule["id"], "transform": name, "term": term,
                              "language": lang, "text": FRAME.format(written), "expect_flag": True})
    shortener = next((r for r in rules if r["kind"] == "link-domains" and r["id"] == "url-shortener"), None)
    if shortener:
        domains = [d for d in CARRIER_SHORTENERS if d in shortener["domains"]]
        domains += shortener["domains"][::60]
        for name, _, f in HOST_TRANSFORMS:
            for d in dict.fromkeys(domains):
                cases.append({"set": "host", "rule": "url-shortener", "transform": name, "term": d,
                              "language": None, "text": "Your forms: " + f(d), "expect_flag": True})
    by_name = {name: f for name, _, f in TRANSFORMS}
    for rule in rules:
        if rule["kind"] not in ("terms", "near"):
            continue
        for text in rule["pass"]:
            for name in ["plain"] + CONTROL_TRANSFORMS:
                written = text if name == "plain" else by_name[name](text)
                if "\n" in written:
                    continue
                cases.append({"set": "control", "rule": rule["id"], "transform": name, "term": text,
                              "language": None, "text": written, "expect_flag": False})
    return cases
