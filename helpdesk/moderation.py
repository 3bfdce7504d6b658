"""Message scanner: finds attempts to leave the platform in buyer and seller messages.

Approach
--------
1. Normalise. The text is NFKC-normalised and lower-cased cluster by cluster (a base character
   plus its combining marks), zero-width characters are dropped, and for every character of the
   normalised text we keep the span of the original text it came from. Every detector works on
   the normalised text; offsets are mapped back so ``text[f.start:f.end]`` is what was found.
2. Detect, kind by kind, in an order where the more specific detector claims its span first:
   IBAN (payment) → e-mail → links (url / social) → @handles → phone numbers written with digits
   (look-alike letters ``O``/``l``/``I``/``|`` accepted inside digit groups) → phone numbers
   spelled with number words → keyword rules for social, payment and marketing.
3. Phone candidates are confirmed with ``phonenumbers``: international numbers as such, national
   numbers against the regions of the message's market (all markets without a language hint);
   a national number must carry the region's trunk prefix when the region has one, which keeps
   parcel, order and invoice numbers from passing as German landlines.  Dates, times, prices,
   percentages, tracking numbers and identifiers after words such as "order" or "SN" are masked
   before the phone search.
4. Findings are sorted by start; overlapping findings of the same kind are merged.

All vocabularies are data tables at the top of the module, one entry per market language, so a
new market is a table edit.  Regexes are compiled at import time.  The module is pure: nothing
but ``settings.PLATFORM_DOMAIN`` is read, lazily.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

# --------------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------------

DEFAULT_PLATFORM_DOMAIN = "marketplace.example"


def _words(blob: str) -> frozenset[str]:
    """Whitespace-separated vocabulary, so long lists stay readable as paragraphs."""
    return frozenset(blob.split())


#: Phone regions to try for each message language.  English (and no hint) tries every market.
MARKET_REGIONS: dict[str, tuple[str, ...]] = {
    "fr": ("FR",),
    "de": ("DE", "AT"),
    "pl": ("PL",),
    "cs": ("CZ", "SK"),
    "sk": ("SK", "CZ"),
    "hu": ("HU",),
    "ro": ("RO",),
    "es": ("ES",),
    "it": ("IT",),
}
ALL_REGIONS: tuple[str, ...] = ("FR", "DE", "AT", "PL", "CZ", "SK", "HU", "RO", "ES", "IT", "GB")

#: Top-level domains accepted for bare and obfuscated domains.  A closed list keeps "done.It" or
#: "photo.jpg" from being links.
TLDS = _words(
    """
    com net org info biz eu io co me ly gl gd to tv app shop store online site website
    fr de at pl cz sk hu ro es it uk be ch nl lu pt ie dk se no fi gr bg hr si lt lv ee
    ru ua us ca cat gal blog link page club live pro xyz top world email
    """
)

#: Words used for "@" in obfuscated addresses (bracketed or standalone).
AT_WORDS = (
    "at",
    "a",
    "arobase",
    "arrobase",
    "małpa",
    "malpa",
    "małpka",
    "zavináč",
    "zavinac",
    "zavináčik",
    "kukac",
    "kukacka",
    "chiocciola",
    "arroba",
    "affe",
    "klammeraffe",
    "coada",
    "coadă",
    "aroba",
    "et",
)
#: Of those, the ones distinctive enough to stand without brackets.
BARE_AT_WORDS = (
    "at",
    "arobase",
    "małpa",
    "malpa",
    "zavináč",
    "zavinac",
    "kukac",
    "chiocciola",
    "arroba",
    "klammeraffe",
    "aroba",
)
#: Words used for "." in obfuscated addresses and domains.
DOT_WORDS = (
    "dot",
    "point",
    "punkt",
    "kropka",
    "tečka",
    "tecka",
    "bodka",
    "pont",
    "punto",
    "punct",
    "punctul",
    "dott",
)
#: Words used for "/" in spelled-out links.
SLASH_WORDS = (
    "slash",
    "barre",
    "slash",
    "schrägstrich",
    "ukośnik",
    "lomítko",
    "lomka",
    "perjel",
    "bară",
    "barra",
)
#: "us at shop dot com" is a link, "jean at gmail dot com" an address.
AT_STOPWORDS = _words("us me you him her them it is are was be here there online available we i")
#: Webmail providers: "gmail: jeandupont75" is an address even without the domain.
MAIL_PROVIDERS = (
    "gmail",
    "hotmail",
    "outlook",
    "yahoo",
    "icloud",
    "protonmail",
    "proton",
    "gmx",
    "wanadoo",
    "laposte",
    "orange",
    "wp",
    "onet",
    "interia",
    "o2",
    "seznam",
    "centrum",
    "azet",
    "freemail",
    "citromail",
    "libero",
    "virgilio",
    "tiscali",
    "yandex",
)

#: Messaging apps and social networks; the stem takes any inflection ("Telegramie", "Viberen").
SOCIAL_STEMS = (
    r"whats\s?app",
    r"wats\s?app",
    r"watsap",
    r"telegram",
    r"viber",
    r"messenger",
    r"instagram",
    r"insta",
    r"facebook",
    r"face\s?book",
    r"tik\s?tok",
    r"snapchat",
    r"wechat",
    r"discord",
    r"skype",
    r"threema",
    r"wickr",
    r"kik",
)
#: Domains that are a social or messaging contact rather than a web site.
SOCIAL_DOMAINS = (
    "wa.me",
    "t.me",
    "m.me",
    "telegram.me",
    "chat.whatsapp.com",
    "api.whatsapp.com",
    "whatsapp.com",
    "instagram.com",
    "instagr.am",
    "facebook.com",
    "fb.com",
    "fb.me",
    "tiktok.com",
    "snapchat.com",
    "signal.me",
    "signal.group",
    "viber.com",
    "invite.viber.com",
    "discord.gg",
    "discord.com",
)
#: Domains that are an off-platform payment link.
PAYMENT_DOMAINS = ("paypal.me", "revolut.me", "wise.com/pay", "buymeacoffee.com")

#: Signal is also an everyday English word, so it needs a preposition before it.
SIGNAL_PREPOSITIONS = (
    "on via by over through sur par auf über per na przez v cez pe prin en por su tramite "
    "mit avec with w ve vo"
)

#: Off-platform payment phrases that are unambiguous on their own.
PAYMENT_STRONG = (
    # PayPal friends & family / personal payments, in every market language
    r"paypal\W{0,3}(?:\w+\W+){0,3}?(?:friends|family|f\s?&\s?f|amis|proches|famille|freunde|"
    r"familie|znajomi|rodzin\w*|přátel\w*|priatel\w*|barát\w*|prieten\w*|amigos|familia|"
    r"amici|famiglia)",
    r"\bf\s?&\s?f\b",
    r"\b(?:western\s+union|moneygram|skrill|venmo|zelle|cash\s?app)\b",
    r"\b(?:bitcoin|btc|usdt|crypto\w*)\b",
    # "pay directly" and its translations
    r"\bpay(?:ing|ment)?\s+(?:\w+\s+)?directly\b",
    r"\b(?:skip|avoid|bypass)\w*\s+(?:the\s+)?(?:platform|site|marketplace)(?:'s)?\s+fees?\b",
    r"\b(?:outside|off)\s+(?:of\s+)?(?:the\s+)?(?:platform|site|marketplace)\b",
    r"\bpa(?:yer|yez|ie[zr]?|iement)\s+(?:\w+\s+)?(?:directement|en\s+direct)\b",
    r"\bhors\s+(?:de\s+la\s+)?(?:plate-?forme|site)\b",
    r"\brib\b",
    r"\bdirekt\s+(?:an\s+mich\s+|an\s+uns\s+)?(?:be)?zahl\w*|\bdirekt\s+überweis\w*",
    r"\b(?:außerhalb|an\s+der)\s+(?:der\s+)?plattform\s*(?:vorbei)?\b",
    r"\bbankverbindung\b|\bkontonummer\b|\bkontodaten\b",
    r"\bpoza\s+(?:platformą|serwisem|allegro)\b|\bnumer\w*\s+konta\b",
    r"\b(?:zapła\w+|zapłać|płać)\s+(?:\w+\s+)?bezpośrednio\b",
    r"\bčísl\w+\s+účtu\b|\bmimo\s+(?:platform\w*|portál\w*|web\w*)\b",
    r"\b(?:zaplať\w*|plaťte|platba)\s+(?:\w+\s+)?(?:přímo|priamo|napřímo)\b",
    r"\b(?:přímo|priamo|napřímo)\s+na\s+(?:můj\s+|môj\s+|náš\s+)?účet\b",
    r"\bszámlaszám\w*|\bbankszáml\w*|\bplatformon\s+kívül\b|\bközvetlenül\s+(?:\w+\s+)?fizet\w*",
    r"\bcont\s+bancar\b|\bîn\s+afara\s+platformei\b|\bpl[ăa]ti\w*\s+direct\b",
    r"\bn[úu]mero\s+de\s+cuenta\b|\bfuera\s+de\s+la\s+plataforma\b|\bpag\w+\s+directamente\b",
    r"\bfuori\s+(?:dalla\s+)?piattaforma\b|\bpag\w+\s+direttamente\b|\bbonifico\s+diretto\b",
    r"\binvece\s+che\s+(?:sul|sulla|tramite\s+il)\s+(?:sito|piattaforma)\b",
    r"\bplutôt\s+que\s+(?:par|sur|via)\s+(?:le\s+site|la\s+plate-?forme)\b",
    r"\binstead\s+of\s+(?:through\s+|via\s+|on\s+)?(?:the\s+)?(?:site|platform|marketplace)\b",
    r"\bstatt\s+über\s+(?:die\s+)?(?:plattform|seite)\b",
    r"\bzamiast\s+przez\s+(?:platformę|serwis|stronę)\b",
    r"\b(?:your|ton|votre|dein\w*|ihre?|tw[oó]j|tuo|tu|su|váš|vaše|tvoje?|tvůj)\s+iban\b",
    r"\biban\w*\s+(?:\w+\s+)?(?:please|svp|bitte|proszę|prosím|per\s+favore|por\s+favor)\b",
    r"\b(?:mandami|inviami|envoyez|envoie|schick\w*|send|wyślij|pošli\w*|küldj\w*|trimite\w*|"
    r"envía\w*|mándame)\s+(?:\w+\s+){0,2}(?:iban|rib)\b",
)
#: Payment words that are off-platform only when the sentence does not say "via the platform".
PAYMENT_WEAK = (
    r"\bbank\s+transfer\b|\bwire\s+(?:transfer|the\s+money)\b|\bin\s+cash\b|\bcash\b(?!\s+on\s+delivery)",
    r"\brevolut\w*|\bwise\b(?=\s+(?:transfer|account|app))|\blydia\b|\bpaylib\b|\bwero\b",
    r"\bvirement\w*|\ben\s+espèces\b|\ben\s+liquide\b|\bchèque\b",
    r"\büberweis\w*|\bin\s+bar\b|\bbar\s+(?:be)?zahl\w*|\bbarzahlung\b|\bbargeld\b|\bvorkasse\b",
    r"\bprzelew\w*|\bblik\w*|\bgotówk\w*|\bna\s+(?:moje\s+|nasze\s+)?konto\b",
    r"\bpřevod\w*\s+na\s+(?:\w+\s+)?účet\b|\bpřevodem\b|\bv\s+hotovosti\b|\bhotově\b",
    r"\bprevod\w*\s+na\s+(?:\w+\s+)?účet\b|\bprevodom\b|\bna\s+účet\b",
    r"\bátutal\w*|\butal(?:j|jon|d|junk|ja)\b|\bkészpénz\w*",
    r"\btransfer\s+bancar\b|\bnumerar\b|\bîn\s+cont\b",
    r"\btransferencia\w*|\bbizum\b|\ben\s+efectivo\b",
    r"\bbonifico\b|\bsatispay\b|\bpostepay\b|\bin\s+contanti\b|\bricarica\b",
    r"\btwint\b|\bpaysafecard\b",
)
#: A sentence that names the platform as the channel cancels weak payment words ("the refund
#: is a bank transfer through the platform") unless it also says "instead"/"outside".
PLATFORM_WORDS = (
    r"\b(?:platform\w*|plate-?forme|plattform|platformy|platformu|platformą|platformon|"
    r"platformei|platforma|plataforma|piattaforma|marketplace|serwis\w*|portál\w*)\b"
)
OFF_PLATFORM_CUES = (
    r"\b(?:instead|outside|skip|avoid|bypass|plutôt|hors|au\s+lieu|statt|anstatt|außerhalb|"
    r"zamiast|poza|místo|mimo|namiesto|helyett|kívül|în\s+loc|afara|en\s+lugar|fuera|"
    r"invece|fuori|directly|directement|direkt|bezpośrednio|přímo|priamo|közvetlenül|"
    r"direct|directamente|direttamente|zrušíme|cancel\w*|annul\w*|storn\w*)\b"
)

#: Marketing: each pattern is self-sufficient.
MARKETING_PATTERNS = (
    # discount codes and vouchers
    r"\b(?:promo\s?code|code\s+promo|discount\s+code|coupon\s+code|voucher\s+code|"
    r"code\s+(?:de\s+)?(?:réduction|remise)|bon\s+de\s+réduction|rabatt-?code|gutschein-?code|"
    r"kod\w*\s+rabatow\w*|kod\w*\s+promocyjn\w*|kupon\w*\s+rabatow\w*|slevov\w*\s+kód\w*|"
    r"zľavov\w*\s+kód\w*|kupon\s?kód\w*|kedvezmény\s?kód\w*|cod\w*\s+de\s+reducere|"
    r"cod\w*\s+promo\w*|código\s+(?:de\s+)?(?:descuento|promocional)|cupón\w*|codice\s+sconto|"
    r"codice\s+promo\w*|buono\s+sconto)\b",
    # a percentage or amount off a future order
    r"\b(?:next|future|prochaine?s?|futur\w*|nächste\w*|kommende\w*|następn\w*|kolejn\w*|"
    r"příští\w*|další\w*|ďalš\w*|budúc\w*|következő|jövőbeli|următoare\w*|viitoare\w*|"
    r"próxim\w*|siguiente\w*|prossim\w*|futur\w*)\s+(?:\w+\s+)?(?:order|purchase|basket|"
    r"commande|panier|achat|bestellung|einkauf|kauf|zamówieni\w*|zakup\w*|objednáv\w*|nákup\w*|"
    r"rendelés\w*|vásárlás\w*|comand\w*|achizi\w*|pedido|compra|ordine|acquisto|carrello)\b",
    # newsletters and subscriptions
    r"\b(?:newsletter\w*|biuletyn\w*|hírlevel\w*|zpravodaj\w*|abonnez-vous|inscrivez-vous\s+à|"
    r"subscribe\s+to\s+our|abonniere\w*|zapisz\s+się\s+do|přihlaste\s+se\s+k\s+odběru|"
    r"prihláste\s+sa\s+na\s+odber|iratkozz?on\s+fel|abonează-te|suscríbete|iscriviti)\b",
    # new collections and seasonal ranges
    r"\b(?:new|nouvelle|nouvelles|neue|nowa|nowej|nową|nová|novou|nové|új|noua|nueva|"
    r"nuova)\s+(?:\w+\s+)?(?:collection|kollektion|kolekcj\w*|kolekc\w*|kollekció\w*|"
    r"colecți\w*|colección|collezione)\b",
    r"\b(?:collection|collections)\s+(?:de\s+|d')(?:noël|printemps|été|automne|hiver|fêtes)\b",
    r"\b(?:christmas|holiday|summer|winter|spring|autumn|fall)\s+(?:collection|range|sale)\b",
    r"\b\w*(?:weihnachts|sommer|winter|frühlings|herbst)kollektion\b",
    r"\bkolekcj\w+\s+(?:świąteczn|letni|zimow|jesienn|wiosenn)\w*",
    r"\b(?:colección|collezione)\s+(?:de\s+|di\s+)?(?:navidad|natale|verano|estate|invierno|"
    r"inverno)\b",
    # follow us / giveaways
    r"\b(?:follow\s+us|suivez-nous|suivez\s+nous|folg(?:en\s+sie|t)\s+uns|obserwuj(?:cie)?\s+nas|"
    r"sledujte\s+n[áa]s|kövess(?:en|etek)?\s+minket|urmări(?:ți|ti|ţi)-ne|urmăreşte-ne|"
    r"urmărește-ne|síguenos|seguici|seguiteci|like\s+our\s+page|likeujte|polub\s+nas)\b",
    r"\b(?:giveaway\w*|verlos\w*|gewinnspiel\w*|jeu-concours|jeu\s+concours|tirage\s+au\s+sort|"
    r"konkurs\w*|rozdajemy|losujemy|soutěž\w*|súťaž\w*|nyereményjáték\w*|sorsol\w*|"
    r"concurs\w*|sorteo\w*|sorteggi\w*|concorso\w*|in\s+palio)\b",
    # sales and outlets
    r"\b(?:outlet|soldes|ventes?\s+privées?|clearance\s+sale|ausverkauf|schlussverkauf|"
    r"wyprzedaż\w*|výprodej\w*|výpredaj\w*|kiárusítás\w*|lichidare\s+de\s+stoc|rebajas|saldi|"
    r"half\s+price|moitié\s+prix|halben\s+preis|pół\s+ceny|poloviční\s+cen\w*|"
    r"polovičn\w*\s+cen\w*|féláron|jumătate\s+de\s+preț|mitad\s+de\s+precio|metà\s+prezzo)\b",
    # review bribes: positive review tied to a reward
    r"\b(?:(?:5|five|cinq|fünf|pięć|pięciu|pět|päť|öt|cinci|cinco|cinque)[\s-]*(?:stars?|étoiles?|"
    r"sterne?n?|gwiazd\w*|hvězd\w*|hviezd\w*|csillag\w*|stele|estrellas?|stelle)|"
    r"(?:positive|good|great|bon|bonne|positif|positive|gute|positive|pozytywn\w*|dobr\w*|"
    r"pozitivn\w*|kladn\w*|pozitív|jó|pozitiv\w*|buena|positiva|buona|positiva)\s+(?:\w+\s+)?"
    r"(?:review|avis|note|bewertung|rezension|opini\w*|komentarz|recenz\w*|hodnocen\w*|"
    r"hodnoten\w*|értékelés\w*|vélemény\w*|reseña|valoración|recensione|feedback))\b"
    r"[^.!?]{0,80}?\b(?:refund|gift|voucher|discount|free|bon\s+d'achat|cadeau|remise|réduction|"
    r"rembours\w*|gutschein|rabatt|geschenk|gratis|zwrot\w*|rabat\w*|prezent\w*|sleva|slevu|"
    r"dárek|zľav\w*|darček|kedvezmény\w*|ajándék\w*|ingyen\w*|reducere|cadou|gratuit\w*|"
    r"descuento|regalo|reembolso|sconto|omaggio|rimborso)",
    r"\b(?:refund|gift|voucher|rembours\w*|cadeau|bon\s+d'achat|gutschein|zwrot\w*|prezent\w*|"
    r"regalo|omaggio|reembolso|rimborso)\b[^.!?]{0,60}?\b(?:for|pour|für|za|pentru|por|per)\s+"
    r"(?:a|an|un|une|eine?n?|o|una?)?\s*(?:(?:5|five|cinq|fünf)[\s-]*(?:stars?|étoiles?|sterne?)|"
    r"(?:positive|good|positi\w+|gute|pozytywn\w*)\s+(?:review|avis|bewertung|opini\w*))",
)
#: A discount code: "code FIDELE12" next to a reduction cue in the same sentence.
DISCOUNT_CUES = (
    r"(?:%|\bpercent\b|\bpour\s?cent\b|\bprozent\b|\bprocent\w*|\bsleva\b|\bslev\w*|\bzľav\w*|"
    r"\bkedvezmény\w*|\breducere\b|\bdescuento\b|\bsconto\b|\brabat\w*|\bremise\b|"
    r"\bréduction\b|\boff\b|\bdiscount\w*|\bgratis\b|\bfree\s+shipping\b|\blivraison\s+offerte\b)"
)

# Number words per language, value → forms.  "H" marks a hundred that multiplies a preceding
# unit ("sept cent", "sedm set", "hét száz"); 0 is a zero that always stands alone.
HUNDRED = -100
NUMBER_WORDS: dict[str, dict[int, str]] = {
    "fr": {
        0: "zéro zero",
        1: "un une",
        2: "deux",
        3: "trois",
        4: "quatre",
        5: "cinq",
        6: "six",
        7: "sept",
        8: "huit",
        9: "neuf",
        10: "dix",
        11: "onze",
        12: "douze",
        13: "treize",
        14: "quatorze",
        15: "quinze",
        16: "seize",
        20: "vingt vingts",
        30: "trente",
        40: "quarante",
        50: "cinquante",
        60: "soixante",
        70: "septante",
        80: "huitante octante",
        90: "nonante",
        HUNDRED: "cent cents",
    },
    "en": {
        0: "zero",
        1: "one",
        2: "two",
        3: "three",
        4: "four",
        5: "five",
        6: "six",
        7: "seven",
        8: "eight",
        9: "nine",
        10: "ten",
        11: "eleven",
        12: "twelve",
        13: "thirteen",
        14: "fourteen",
        15: "fifteen",
        16: "sixteen",
        17: "seventeen",
        18: "eighteen",
        19: "nineteen",
        20: "twenty",
        30: "thirty",
        40: "forty fourty",
        50: "fifty",
        60: "sixty",
        70: "seventy",
        80: "eighty",
        90: "ninety",
        HUNDRED: "hundred",
    },
    "de": {
        0: "null",
        1: "eins ein eine",
        2: "zwei zwo",
        3: "drei",
        4: "vier",
        5: "fünf",
        6: "sechs",
        7: "sieben",
        8: "acht",
        9: "neun",
        10: "zehn",
        11: "elf",
        12: "zwölf",
        13: "dreizehn",
        14: "vierzehn",
        15: "fünfzehn",
        16: "sechzehn",
        17: "siebzehn",
        18: "achtzehn",
        19: "neunzehn",
        20: "zwanzig",
        30: "dreißig dreissig",
        40: "vierzig",
        50: "fünfzig",
        60: "sechzig",
        70: "siebzig",
        80: "achtzig",
        90: "neunzig",
        HUNDRED: "hundert",
    },
    "pl": {
        0: "zero",
        1: "jeden jedna",
        2: "dwa dwie",
        3: "trzy",
        4: "cztery",
        5: "pięć",
        6: "sześć",
        7: "siedem",
        8: "osiem",
        9: "dziewięć",
        10: "dziesięć",
        11: "jedenaście",
        12: "dwanaście",
        13: "trzynaście",
        14: "czternaście",
        15: "piętnaście",
        16: "szesnaście",
        17: "siedemnaście",
        18: "osiemnaście",
        19: "dziewiętnaście",
        20: "dwadzieścia",
        30: "trzydzieści",
        40: "czterdzieści",
        50: "pięćdziesiąt",
        60: "sześćdziesiąt",
        70: "siedemdziesiąt",
        80: "osiemdziesiąt",
        90: "dziewięćdziesiąt",
        HUNDRED: "sto",
        200: "dwieście",
        300: "trzysta",
        400: "czterysta",
        500: "pięćset",
        600: "sześćset",
        700: "siedemset",
        800: "osiemset",
        900: "dziewięćset",
    },
    "cs": {
        0: "nula",
        1: "jedna jeden jedno",
        2: "dva dvě",
        3: "tři",
        4: "čtyři",
        5: "pět",
        6: "šest",
        7: "sedm",
        8: "osm",
        9: "devět",
        10: "deset",
        11: "jedenáct",
        12: "dvanáct",
        13: "třináct",
        14: "čtrnáct",
        15: "patnáct",
        16: "šestnáct",
        17: "sedmnáct",
        18: "osmnáct",
        19: "devatenáct",
        20: "dvacet",
        30: "třicet",
        40: "čtyřicet",
        50: "padesát",
        60: "šedesát",
        70: "sedmdesát",
        80: "osmdesát",
        90: "devadesát",
        HUNDRED: "sto stě sta set",
    },
    "sk": {
        0: "nula",
        1: "jeden jedna jedno",
        2: "dva dve",
        3: "tri",
        4: "štyri",
        5: "päť",
        6: "šesť",
        7: "sedem",
        8: "osem",
        9: "deväť",
        10: "desať",
        11: "jedenásť",
        12: "dvanásť",
        13: "trinásť",
        14: "štrnásť",
        15: "pätnásť",
        16: "šestnásť",
        17: "sedemnásť",
        18: "osemnásť",
        19: "devätnásť",
        20: "dvadsať",
        30: "tridsať",
        40: "štyridsať",
        50: "päťdesiat",
        60: "šesťdesiat",
        70: "sedemdesiat",
        80: "osemdesiat",
        90: "deväťdesiat",
        HUNDRED: "sto",
    },
    "hu": {
        0: "nulla zéró",
        1: "egy",
        2: "kettő két",
        3: "három",
        4: "négy",
        5: "öt",
        6: "hat",
        7: "hét",
        8: "nyolc",
        9: "kilenc",
        10: "tíz tizen",
        20: "húsz huszon",
        30: "harminc",
        40: "negyven",
        50: "ötven",
        60: "hatvan",
        70: "hetven",
        80: "nyolcvan",
        90: "kilencven",
        HUNDRED: "száz",
    },
    "ro": {
        0: "zero",
        1: "unu una o",
        2: "doi două doua",
        3: "trei",
        4: "patru",
        5: "cinci",
        6: "șase sase şase",
        7: "șapte sapte şapte",
        8: "opt",
        9: "nouă noua",
        10: "zece",
        11: "unsprezece",
        12: "doisprezece douăsprezece",
        13: "treisprezece",
        14: "paisprezece",
        15: "cincisprezece",
        16: "șaisprezece saisprezece",
        17: "șaptesprezece saptesprezece",
        18: "optsprezece",
        19: "nouăsprezece",
        20: "douăzeci douazeci",
        30: "treizeci",
        40: "patruzeci",
        50: "cincizeci",
        60: "șaizeci saizeci",
        70: "șaptezeci saptezeci",
        80: "optzeci",
        90: "nouăzeci nouazeci",
        HUNDRED: "sută suta sute",
    },
    "es": {
        0: "cero",
        1: "uno una un",
        2: "dos",
        3: "tres",
        4: "cuatro",
        5: "cinco",
        6: "seis",
        7: "siete",
        8: "ocho",
        9: "nueve",
        10: "diez",
        11: "once",
        12: "doce",
        13: "trece",
        14: "catorce",
        15: "quince",
        16: "dieciséis",
        17: "diecisiete",
        18: "dieciocho",
        19: "diecinueve",
        20: "veinte",
        21: "veintiuno veintiún",
        22: "veintidós",
        23: "veintitrés",
        24: "veinticuatro",
        25: "veinticinco",
        26: "veintiséis",
        27: "veintisiete",
        28: "veintiocho",
        29: "veintinueve",
        30: "treinta",
        40: "cuarenta",
        50: "cincuenta",
        60: "sesenta",
        70: "setenta",
        80: "ochenta",
        90: "noventa",
        HUNDRED: "cien ciento",
        200: "doscientos",
        300: "trescientos",
        400: "cuatrocientos",
        500: "quinientos",
        600: "seiscientos",
        700: "setecientos",
        800: "ochocientos",
        900: "novecientos",
    },
    "it": {
        0: "zero",
        1: "uno una un",
        2: "due",
        3: "tre tré",
        4: "quattro",
        5: "cinque",
        6: "sei",
        7: "sette",
        8: "otto",
        9: "nove",
        10: "dieci",
        11: "undici",
        12: "dodici",
        13: "tredici",
        14: "quattordici",
        15: "quindici",
        16: "sedici",
        17: "diciassette",
        18: "diciotto",
        19: "diciannove",
        20: "venti vent",
        30: "trenta trent",
        40: "quaranta quarant",
        50: "cinquanta cinquant",
        60: "sessanta sessant",
        70: "settanta settant",
        80: "ottanta ottant",
        90: "novanta novant",
        HUNDRED: "cento",
    },
}
#: Words that join number words inside one number ("soixante et onze", "treinta y dos").
NUMBER_CONNECTORS: dict[str, frozenset[str]] = {
    "fr": frozenset({"et"}),
    "en": frozenset({"and"}),
    "de": frozenset({"und"}),
    "pl": frozenset(),
    "cs": frozenset({"a"}),
    "sk": frozenset({"a"}),
    "hu": frozenset({"és"}),
    "ro": frozenset({"și", "si", "şi"}),
    "es": frozenset({"y"}),
    "it": frozenset({"e"}),
}
#: Connectors that may also appear inside a compound word ("einundsiebzig").
COMPOUND_CONNECTORS = frozenset({"und"})

#: Words that make a nearby digit string a phone number even if only "possible".
PHONE_CUES = (
    r"\b(?:tel|tél|tele\w*|tél[ée]\w*|phone\w*|call\w*|ring|mobile?|cell\w*|portable|appel\w*|"
    r"num[ée]ro|handy|nummer|ruf\w*|anruf\w*|numer\w*|zadzwo\w*|dzwo\w*|komórk\w*|"
    r"zavolej\w*|zavolaj\w*|volej\w*|volaj\w*|číslo|mobil\w*|hív\w*|telefonsz\w*|szám\w*|"
    r"sun[aă]\w*|num[aă]r\w*|llam\w*|n[úu]mero|m[óo]vil|chiam\w*|cellulare|whats\s?app\w*|"
    r"viber\w*|telegram\w*|signal)\b"
)

#: Identifiers that must never be taken for phone numbers: the token after these words is masked.
ID_KEYWORDS = (
    r"order|commande|bestellung|bestellnummer|auftrag\w*|zamówieni\w*|objednávk\w*|"
    r"rendelés\w*|comand\w*|pedido|ordine|invoice|facture|rechnung\w*|faktur\w*|számla\w*|"
    r"factur\w*|fattura|parcel|package|shipment|colis|paket\w*|sendung\w*|paczk\w*|"
    r"przesyłk\w*|zásilk\w*|balík\w*|zásielk\w*|csomag\w*|colet\w*|paquete|envío|pacco|"
    r"spedizione|tracking|suivi|waybill|awb|retoure|serial|série|serie|seriennummer|"
    r"seryjny|sériové\s+číslo|výrobní\s+číslo|gyári\s+szám|s/n|sn|model\w*|modèle|typ|type|"
    r"ean|gtin|upc|isbn|nip|regon|krs|pesel|ičo|ič|dič|ič\s+dph|cui|cif|nif|nie|dni|"
    r"p\.?\s?iva|partita\s+iva|codice\s+fiscale|siret|siren|ust-?idnr|steuernummer|adószám|"
    r"ref|réf|référence|reference|referenz|reklamac\w*|reklamác\w*|reklamáci\w*|rma|ticket|"
    r"case|dossier|vorgang|sprawa|art|artikel|sku|part|pièce|lot|batch|"
    r"dpd|ups|dhl|gls|inpost|colissimo|chronopost|ppl|packeta|zásilkovna|fedex|tnt|"
    r"sameday|fan\s+courier|seur|correos|brt|sda|poste|mrw|nacex|hermes|dachser"
)

# --------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------

KINDS = ("email", "phone", "url", "social", "payment", "marketing")
EXCERPT_LENGTH = 60


@dataclass(frozen=True)
class Finding:
    """One forbidden element; ``text[start:end]`` of the scanned text is the span found."""

    kind: str
    start: int
    end: int
    excerpt: str


# --------------------------------------------------------------------------------------------
# Compiled patterns
# --------------------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first so "klammeraffe" beats "affe"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_TLD = rf"(?:{_alternation(TLDS)})"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_OPEN = r"[\(\[\{<]"
_CLOSE = r"[\)\]\}>]"
_AT_BRACKETED = rf"\s*{_OPEN}\s*(?:@|{_alternation(AT_WORDS)})\s*{_CLOSE}\s*"
_AT_BARE = rf"\s+(?:@|{_alternation(BARE_AT_WORDS)})\s+|\s+@|@\s+"
_DOT_BRACKETED = rf"\s*{_OPEN}\s*(?:\.|{_alternation(DOT_WORDS)})\s*{_CLOSE}\s*"
_DOT_BARE = rf"\s+(?:{_alternation(DOT_WORDS)})\s+"
_DOT_ANY = rf"(?:\.|{_DOT_BRACKETED}|{_DOT_BARE})"

_EMAIL_PLAIN = re.compile(
    r"(?<![\w.+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\.[a-z]{2,24}\b"
)
_EMAIL_OBFUSCATED = re.compile(
    rf"(?<![\w.+-])(?P<local>[a-z0-9][a-z0-9._%+-]*)(?P<at>{_AT_BRACKETED}|{_AT_BARE})"
    rf"(?P<domain>{_LABEL}(?:{_DOT_ANY}{_LABEL})*){_DOT_ANY}(?P<tld>{_TLD})\b"
)
_EMAIL_PROVIDER = re.compile(
    rf"\b(?:{_alternation(MAIL_PROVIDERS)})\s*(?::|=|-|→|\bis\b|\best\b|\bist\b|\bjest\b|"
    r"\bje\b|\bes\b|\bè\b|\beste\b|\bto\b)\s*(?P<handle>[a-z0-9][a-z0-9._-]{3,40})"
)

_URL_SCHEME = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]{}]+")
_URL_BARE = re.compile(
    rf"(?<![\w@.-])(?:{_LABEL}\.)+{_TLD}(?![\w-])(?:/[^\s<>\"'()\[\]{{}}]*)?",
)
_SLASH_WORD = rf"\s+(?:{_alternation(SLASH_WORDS)})\s+"
_URL_OBFUSCATED = re.compile(
    rf"(?<![\w@.-])(?P<label>{_LABEL}(?:{_DOT_ANY}{_LABEL})*)"
    rf"(?P<dot>{_DOT_BRACKETED}|{_DOT_BARE})(?P<tld>{_TLD})\b"
    rf"(?P<path>(?:{_SLASH_WORD}[\w-]+)+)?"
)
_TRAILING_PUNCT = ".,;:!?…»\"')]}"

_HANDLE = re.compile(r"(?<![\w@.])@(?P<name>[a-z_][a-z0-9_.]{1,29}[a-z0-9_])")

_SOCIAL_NAME = re.compile(rf"\b(?:{'|'.join(SOCIAL_STEMS)})\w*|\b(?:ig|fb)\b(?=\W*(?:@|dm|:))")
_SIGNAL = re.compile(
    rf"\b(?:{'|'.join(SIGNAL_PREPOSITIONS.split())})\s+signal\b|\bsignal\s*(?:app|messenger)\b"
)

_IBAN = re.compile(r"\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]){11,30}\b")
_NRB = re.compile(r"(?<![\d ])\d{2}(?: ?\d{4}){6}(?![\d])")
IBAN_LENGTHS = {
    "AT": 20,
    "BE": 16,
    "BG": 22,
    "CH": 21,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "ES": 24,
    "FI": 18,
    "FR": 27,
    "GB": 22,
    "GR": 27,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IT": 27,
    "LT": 20,
    "LU": 20,
    "MC": 27,
    "NL": 18,
    "PL": 28,
    "PT": 25,
    "RO": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
}

_PAYMENT_STRONG = re.compile("|".join(PAYMENT_STRONG))
_PAYMENT_WEAK = re.compile("|".join(PAYMENT_WEAK))
_PLATFORM_WORDS = re.compile(PLATFORM_WORDS)
_OFF_PLATFORM = re.compile(OFF_PLATFORM_CUES)
_MARKETING = re.compile("|".join(f"(?:{p})" for p in MARKETING_PATTERNS))
_DISCOUNT_CODE = re.compile(
    r"\b(?:code|kod|kód|codice|código|cod|gutschein|coupon|kupon|voucher)\s*:?\s*"
    r"[«\"']?(?P<code>[a-z]+[0-9]+[a-z0-9]*|[a-z]{4,}[0-9]*)\b"
)
_DISCOUNT_CUE = re.compile(DISCOUNT_CUES)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")

_PHONE_CUE = re.compile(PHONE_CUES)
# A digit group contains at least one real digit; O/o/l/I/| are accepted as look-alikes inside.
_LOOKALIKE = "0-9oOlI|"
_DIGIT_GROUP = rf"[{_LOOKALIKE}]*[0-9][{_LOOKALIKE}]*"
_PHONE_CANDIDATE = re.compile(
    rf"(?<![\w+\-/.,])(?P<plus>\+|00)?\s?(?:\(0\)\s?)?{_DIGIT_GROUP}"
    rf"(?:(?:[ \t\u00a0.\-–/]{{1,3}}|\s?\(0?\d*\)\s?){_DIGIT_GROUP})*(?![\w\-/])"
)
_LOOKALIKE_TABLE = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "|": "1"})

# Spans masked before the phone search: they look like digits but are not phone numbers.
_NOT_PHONE = re.compile(
    "|".join(
        (
            # dates and times
            # (a lookaround keeps "06.12.34.56.78" from being cut into a date)
            r"(?<![\d./-])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![./-]?\d)",
            r"(?<![\d./-])\d{4}[./-]\d{1,2}[./-]\d{1,2}(?![./-]?\d)",
            r"(?<![\d./-])\d{1,2}[.:h]\d{2}(?:\s?(?:h|uhr|hod\w*|óra|ore))?(?![./-]?\d)",
            # prices and percentages
            r"\d[\d\s.,']*\s?(?:€|eur\w*|zł|pln|kč|czk|ft|huf|lei|ron|£|\$|chf|%)",
            r"(?:€|£|\$)\s?\d[\d\s.,']*",
            # carrier tracking numbers
            r"\b1z[0-9a-z]{16}\b",
            r"\bjjd\d{10,20}\b",
            r"\b[0-9a-z]{2}\d{9}[a-z]{2}\b",
            r"\b\d{2}[a-z]\d{11}\b|\b6a\d{11}\b",
            r"\b\d{12,30}\b",
            r"\bz\s?\d{3}\s?\d{4}\s?\d{3}\b",
            # order-like numbers: year-first groups (2026-204-7719)
            r"\b20\d{2}-\d{2,6}(?:-\d{2,6})+\b",
            # identifiers introduced by a keyword
            rf"\b(?:{ID_KEYWORDS})\b\.?\s*(?:n[°o]\.?|nr\.?|#|:|-)?\s*"
            r"[a-z]{0,4}[\s-]?\d[\d\s./-]*[a-z0-9]*",
        )
    )
)

_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_RUN_GAP = re.compile(r"[\s,;:\-–./()]*")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CLUSTER = re.compile(r".[\u0300-\u036f]*", re.DOTALL)


# --------------------------------------------------------------------------------------------
# Normalisation with an offset map
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Normalised:
    """Normalised lower-case text plus, per character, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...] | None  # None: the identity map (ASCII-like fast path)
    ends: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _normalise(text: str) -> _Normalised:
    lowered = text.lower()
    if (
        len(lowered) == len(text)
        and unicodedata.is_normalized("NFKC", text)
        and not _ZERO_WIDTH.search(text)
    ):
        return _Normalised(text, lowered, None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _CLUSTER.finditer(text):
        cluster = match.group()
        if _ZERO_WIDTH.fullmatch(cluster):
            continue
        piece = unicodedata.normalize("NFKC", cluster).lower()
        out.append(piece)
        starts.extend([match.start()] * len(piece))
        ends.extend([match.end()] * len(piece))
    return _Normalised(text, "".join(out), tuple(starts), tuple(ends))


# --------------------------------------------------------------------------------------------
# Collection helpers
# --------------------------------------------------------------------------------------------


class _Collector:
    """Accumulates findings in normalised offsets and remembers which spans are claimed."""

    def __init__(self, norm: _Normalised) -> None:
        self.norm = norm
        self.items: list[tuple[str, int, int]] = []
        self.claimed: list[tuple[int, int]] = []

    def overlaps_claim(self, start: int, end: int) -> bool:
        return any(start < c_end and c_start < end for c_start, c_end in self.claimed)

    def add(self, kind: str, start: int, end: int, *, claim: bool = False) -> None:
        self.items.append((kind, start, end))
        if claim:
            self.claimed.append((start, end))

    def findings(self) -> list[Finding]:
        merged: dict[str, list[list[int]]] = {}
        for kind, start, end in sorted(self.items, key=lambda item: (item[1], item[2])):
            spans = merged.setdefault(kind, [])
            if spans and start < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        result = []
        for kind, spans in merged.items():
            for start, end in spans:
                o_start, o_end = self.norm.span(start, end)
                result.append(
                    Finding(kind, o_start, o_end, _excerpt(self.norm.original[o_start:o_end]))
                )
        return sorted(result, key=lambda f: (f.start, f.end, KINDS.index(f.kind)))


def _excerpt(span: str) -> str:
    compact = " ".join(span.split())
    if len(compact) <= EXCERPT_LENGTH:
        return compact
    return compact[: EXCERPT_LENGTH - 1] + "…"


def _strip_trailing(text: str, start: int, end: int) -> int:
    """End offset without trailing sentence punctuation ("…/videos." → "…/videos")."""
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        end -= 1
    return end


# --------------------------------------------------------------------------------------------
# Platform domain
# --------------------------------------------------------------------------------------------


def _platform_domain() -> str:
    """The platform's own host (lower case, no port); read lazily so tests can override it."""
    try:
        from django.conf import settings

        domain = str(getattr(settings, "PLATFORM_DOMAIN", "") or DEFAULT_PLATFORM_DOMAIN)
    except Exception:  # settings not configured: the scanner is also a plain library call
        domain = DEFAULT_PLATFORM_DOMAIN
    return domain.lower().split("//")[-1].split("/")[0].split(":")[0]


def _host_of(link: str) -> str:
    host = re.sub(r"^(?:https?://)", "", link).split("/")[0].split("?")[0].split("#")[0]
    return host.split("@")[-1].split(":")[0].rstrip(".")


def _is_platform_host(host: str, platform: str) -> bool:
    return host == platform or host.endswith("." + platform)


def _domain_kind(host: str, path: str) -> str:
    """url, or social/payment for messaging and payment link domains."""
    full = host + path
    for domain in SOCIAL_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return "social"
    for domain in PAYMENT_DOMAINS:
        if full.startswith(domain) or host.endswith("." + domain.split("/")[0]):
            return "payment"
    return "url"


# --------------------------------------------------------------------------------------------
# Detectors
# --------------------------------------------------------------------------------------------


def _iban_is_valid(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _detect_iban(norm: _Normalised, found: _Collector) -> None:
    for match in _IBAN.finditer(norm.text):
        if _iban_is_valid(match.group()):
            found.add("payment", match.start(), match.end(), claim=True)
    # Polish customers write the 26-digit NRB without "PL"; it is the same checksum.
    for match in _NRB.finditer(norm.text):
        if _iban_is_valid("PL" + match.group().replace(" ", "")):
            found.add("payment", match.start(), match.end(), claim=True)


def _detect_email(norm: _Normalised, found: _Collector) -> None:
    text = norm.text
    for match in _EMAIL_PLAIN.finditer(text):
        found.add("email", match.start(), match.end(), claim=True)
    for match in _EMAIL_OBFUSCATED.finditer(text):
        if found.overlaps_claim(match.start(), match.end()):
            continue
        if match.group("at").strip() == "at" and _bare_at_is_a_link(match):
            continue
        found.add("email", match.start(), match.end(), claim=True)
    for match in _EMAIL_PROVIDER.finditer(text):
        handle = match.group("handle")
        if any(ch.isdigit() for ch in handle) or "." in handle or "_" in handle or len(handle) > 6:
            found.add("email", match.start(), match.end("handle"), claim=True)


def _bare_at_is_a_link(match: re.Match[str]) -> bool:
    """ "find us at shop.com" is a link; "orders at greyhoundprints dot com" is an address."""
    if match.group("local") in AT_STOPWORDS:
        return True
    dot_spelled_out = "." not in match.string[match.start("domain") : match.end()]
    return not dot_spelled_out and not _is_mail_provider(match.group("domain"))


def _is_mail_provider(domain: str) -> bool:
    first = re.split(r"\W", domain)[0]
    return first in MAIL_PROVIDERS


def _detect_links(norm: _Normalised, found: _Collector) -> None:
    text = norm.text
    platform = _platform_domain()
    candidates: list[tuple[int, int, str, str]] = []
    for pattern in (_URL_SCHEME, _URL_BARE):
        for match in pattern.finditer(text):
            end = _strip_trailing(text, match.start(), match.end())
            link = text[match.start() : end]
            host = _host_of(link)
            if pattern is _URL_BARE and not _tld_written_in_lower_case(norm, match.start(), host):
                continue
            path = link[link.find(host) + len(host) :] if host in link else ""
            candidates.append((match.start(), end, host, path))
    for match in _URL_OBFUSCATED.finditer(text):
        if not _obfuscated_domain_is_plausible(match):
            continue
        host = (
            re.sub(rf"{_DOT_BRACKETED}|{_DOT_BARE}", ".", match.group("label"))
            + "."
            + (match.group("tld"))
        )
        candidates.append((match.start(), match.end(), host, ""))
    for start, end, host, path in candidates:
        if found.overlaps_claim(start, end) or _is_platform_host(host, platform):
            continue
        found.add(_domain_kind(host, path), start, end, claim=True)


def _tld_written_in_lower_case(norm: _Normalised, start: int, host: str) -> bool:
    """ "done.It works" is a missing space after a full stop, not a link to a .it site."""
    o_start, o_end = norm.span(start, start + len(host))
    written = norm.original[o_start:o_end]
    tld = written.rsplit(".", 1)[-1]
    return tld == tld.lower()


def _obfuscated_domain_is_plausible(match: re.Match[str]) -> bool:
    """Brackets always obfuscate; a bare "punto es" needs a site-like label or an ending."""
    if match.group("dot").strip().startswith(("(", "[", "{", "<")):
        return True
    label = match.group("label")
    if "-" in label or any(ch.isdigit() for ch in label) or match.group("path"):
        return True
    after = match.string[match.end() : match.end() + 2]
    return len(label) >= 5 and (after == "" or after[0] in ".,;!?)\n")


def _detect_handles(norm: _Normalised, found: _Collector) -> None:
    for match in _HANDLE.finditer(norm.text):
        end = _strip_trailing(norm.text, match.start(), match.end())
        if not found.overlaps_claim(match.start(), end):
            found.add("social", match.start(), end, claim=True)


def _detect_keywords(norm: _Normalised, found: _Collector) -> None:
    text = norm.text
    for match in _SOCIAL_NAME.finditer(text):
        found.add("social", match.start(), match.end())
    for match in _SIGNAL.finditer(text):
        found.add("social", match.start(), match.end())
    for match in _PAYMENT_STRONG.finditer(text):
        found.add("payment", match.start(), match.end())
    for sentence in _SENTENCE.finditer(text):
        _detect_sentence(sentence, found)


def _detect_sentence(sentence: re.Match[str], found: _Collector) -> None:
    body = sentence.group()
    offset = sentence.start()
    weak = list(_PAYMENT_WEAK.finditer(body))
    if weak and (not _PLATFORM_WORDS.search(body) or _OFF_PLATFORM.search(body)):
        for match in weak:
            found.add("payment", offset + match.start(), offset + match.end())
    for match in _MARKETING.finditer(body):
        found.add("marketing", offset + match.start(), offset + match.end())
    for match in _DISCOUNT_CODE.finditer(body):
        if _DISCOUNT_CUE.search(body) and not match.group("code").isdigit():
            found.add("marketing", offset + match.start(), offset + match.end())


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------


def _regions_for(language: str | None) -> tuple[str, ...]:
    if language is None:
        return ALL_REGIONS
    return MARKET_REGIONS.get(language.lower().split("-")[0], ALL_REGIONS)


@lru_cache(maxsize=4096)
def _is_phone_number(
    digits: str, international: bool, regions: tuple[str, ...], cued: bool
) -> bool:
    """Confirm a digit string with phonenumbers.

    Valid numbers pass; with a phone word nearby ("call me", "numéro") a possible number is
    enough.  A national number must start with the region's trunk prefix when it has one, so a
    10-digit parcel number does not pass as a German landline.
    """
    if not 8 <= len(digits) <= 15:
        return False
    if international:
        return _check(phonenumbers.parse("+" + digits, None), cued)
    for region in regions:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        trunk = metadata.national_prefix if metadata else None
        if trunk and not digits.startswith(trunk):
            continue
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if _check(number, cued):
            return True
    return False


def _check(number: phonenumbers.PhoneNumber, cued: bool) -> bool:
    if phonenumbers.is_valid_number(number):
        return True
    return cued and phonenumbers.is_possible_number(number)


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _has_cue(text: str, start: int, end: int) -> bool:
    return _PHONE_CUE.search(text, max(0, start - 40), min(len(text), end + 15)) is not None


def _detect_phone_digits(
    norm: _Normalised, found: _Collector, regions: tuple[str, ...], masked: str
) -> None:
    for match in _PHONE_CANDIDATE.finditer(masked):
        start, end = match.start(), match.end()
        if found.overlaps_claim(start, end):
            continue
        raw = match.group()
        digits = re.sub(r"\D", "", raw.translate(_LOOKALIKE_TABLE))
        international = match.group("plus") is not None
        if international and raw.startswith("00"):
            digits = digits[2:]
        if "(0)" in raw and international:
            digits = _drop_bracket_zero(raw)
        if sum(ch.isdigit() for ch in raw) < 6:
            continue
        cued = _has_cue(norm.text, start, end)
        if _is_phone_number(digits, international, regions, cued):
            found.add("phone", start + (len(raw) - len(raw.lstrip())), end, claim=True)


def _drop_bracket_zero(raw: str) -> str:
    """ "+49 (0) 1520 …" dials without the bracketed trunk zero."""
    body = re.sub(r"\(0\)", "", raw.translate(_LOOKALIKE_TABLE))
    digits = re.sub(r"\D", "", body)
    return digits[2:] if body.lstrip().startswith("00") else digits


# --- spelled-out numbers ---------------------------------------------------------------------


def _build_lexicon() -> dict[str, dict[str, int]]:
    lexicon: dict[str, dict[str, int]] = {}
    for language, table in NUMBER_WORDS.items():
        words: dict[str, int] = {}
        for value, forms in table.items():
            for form in forms.split():
                words[form] = value
                words.setdefault(_strip_accents(form), value)
        lexicon[language] = words
    return lexicon


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ł", "l")


LEXICON = _build_lexicon()
#: Elided Italian tens ("ventuno" = vent + uno) are only morphemes, never whole words.
_ONLY_IN_COMPOUNDS = frozenset({"vent", "trent", "quarant", "cinquant", "sessant", "settant"})
_ONLY_IN_COMPOUNDS |= frozenset({"ottant", "novant", "tizen", "huszon"})


@lru_cache(maxsize=8192)
def _word_values(word: str, language: str) -> tuple[int, ...] | None:
    """Values of a number word, splitting compounds ("einundsiebzig", "hétszázhuszonegy")."""
    lexicon = LEXICON[language]
    if word in lexicon and word not in _ONLY_IN_COMPOUNDS:
        return (lexicon[word],)
    if len(word) < 5:
        return None
    return _segment(word, language)


@lru_cache(maxsize=8192)
def _segment(word: str, language: str) -> tuple[int, ...] | None:
    if not word:
        return ()
    lexicon = LEXICON[language]
    for size in range(min(len(word), 16), 1, -1):
        head = word[:size]
        if head in lexicon or head in COMPOUND_CONNECTORS:
            rest = _segment(word[size:], language)
            if rest is not None:
                value = -1 if head in COMPOUND_CONNECTORS else lexicon[head]
                return (value, *rest)
    return None


class _Phrase:
    """Combines number words into one number: hundreds, then tens, then units."""

    def __init__(self) -> None:
        self.hundreds = 0
        self.tens = 0
        self.units = 0
        self.locked = False  # a teen fills the units too
        self.joined = False  # "und" seen: German unit-before-tens order
        self.used = False

    def take(self, value: int) -> bool:
        """Add a value if it extends this number; False means it starts a new one."""
        if value == -1:
            self.joined = True
            return self.used
        accepted = self._accept(value)
        if accepted:
            self.used = True
        self.joined = False
        return accepted

    def _accept(self, value: int) -> bool:
        has_low = self.tens or self.units
        if value == HUNDRED:
            if not self.hundreds and not self.tens and self.units:
                self.hundreds, self.units = self.units * 100, 0
                return True
            if not self.used:
                self.hundreds = 100
                return True
            return False
        if value >= 100:
            if self.used:
                return False
            self.hundreds = value
            return True
        if value % 10 == 0:
            return self._accept_tens(value)
        if 10 < value < 20:
            if not has_low:
                self.tens, self.locked = value, True
                return True
            if self.tens in (60, 80) and not self.units and not self.locked:
                self.tens, self.locked = self.tens + value, True
                return True
            return False
        if self.units or self.locked:
            return False
        if self.tens and self.tens % 10 and not self.locked:
            return False
        self.units = value
        return True

    def _accept_tens(self, value: int) -> bool:
        if self.locked:
            return False
        if not self.tens and not self.units:
            self.tens = value
            return True
        if self.tens in (60, 80) and value == 10 and not self.units:
            self.tens += 10
            return True
        if not self.tens and self.units == 4 and value == 20:  # quatre-vingt
            self.tens, self.units = 80, 0
            return True
        if not self.tens and self.units and self.joined:  # einundsiebzig
            self.tens = value
            return True
        return False

    def digits(self) -> str:
        return str(self.hundreds + self.tens + self.units)


def _spelled_digits(values: list[int]) -> tuple[str, int]:
    """Digit string and count of number words for a run of word values (-2 marks a digit run)."""
    out: list[str] = []
    phrase: _Phrase | None = None
    for value in values:
        if value == 0:
            if phrase and phrase.used:
                out.append(phrase.digits())
            phrase = None
            out.append("0")
            continue
        if phrase is None:
            phrase = _Phrase()
        if not phrase.take(value):
            if phrase.used:
                out.append(phrase.digits())
            phrase = _Phrase()
            phrase.take(value)
    if phrase and phrase.used:
        out.append(phrase.digits())
    return "".join(out), len(values)


def _detect_phone_words(
    norm: _Normalised, found: _Collector, regions: tuple[str, ...], languages: tuple[str, ...]
) -> None:
    text = norm.text
    tokens = list(_TOKEN.finditer(text))
    for language in languages:
        for start, end, digits in _spelled_runs(text, tokens, language):
            if found.overlaps_claim(start, end):
                continue
            if _is_phone_number(digits, False, regions, _has_cue(text, start, end)):
                found.add("phone", start, end, claim=True)


def _spelled_runs(
    text: str, tokens: list[re.Match[str]], language: str
) -> Iterator[tuple[int, int, str]]:
    """Maximal runs of digit groups and number words (at least one word) and their digits."""
    connectors = NUMBER_CONNECTORS[language]
    run: list[tuple[re.Match[str], tuple[int, ...] | str]] = []
    previous_end = -1

    def flush() -> Iterator[tuple[int, int, str]]:
        while run and isinstance(run[-1][1], str) and run[-1][1] == "connector":
            run.pop()
        if any(isinstance(item, tuple) for _, item in run):
            digits = "".join(_run_digits(run))
            if len(digits) >= 8:
                yield run[0][0].start(), run[-1][0].end(), digits

    for token in tokens:
        word = token.group()
        item: tuple[int, ...] | str | None
        if word.isdigit():
            item = word if len(word) <= 4 else None
        elif word in connectors:
            item = "connector" if run else None
        else:
            item = _word_values(word, language)
        gap_ok = previous_end >= 0 and _RUN_GAP.fullmatch(text, previous_end, token.start())
        if item is None or (run and not gap_ok):
            yield from flush()
            run = []
        if item is not None:
            run.append((token, item))
        previous_end = token.end()
    yield from flush()


def _run_digits(run: list[tuple[re.Match[str], tuple[int, ...] | str]]) -> Iterator[str]:
    pending: list[int] = []
    for _, item in run:
        if isinstance(item, tuple):
            pending.extend(item)
        elif item == "connector":
            pending.append(-1)
        else:
            if pending:
                yield _spelled_digits(pending)[0]
                pending = []
            yield item
    if pending:
        yield _spelled_digits(pending)[0]


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _languages_for(language: str | None) -> tuple[str, ...]:
    if language is None:
        return tuple(NUMBER_WORDS)
    base = language.lower().split("-")[0]
    return (base,) if base in NUMBER_WORDS else tuple(NUMBER_WORDS)


def scan(text: str, *, language: str | None = None) -> list[Finding]:
    """Find e-mail addresses, phone numbers, links, social accounts, off-platform payment and
    marketing in a message.  ``language`` narrows number words and phone regions; without it
    every market language is tried."""
    if not text or text.isspace():
        return []
    norm = _normalise(text)
    found = _Collector(norm)
    _detect_iban(norm, found)
    _detect_email(norm, found)
    _detect_links(norm, found)
    _detect_handles(norm, found)
    regions = _regions_for(language)
    if any(ch.isdigit() for ch in norm.text):
        masked = _mask(norm.text, _NOT_PHONE)
        _detect_phone_digits(norm, found, regions, masked)
    _detect_phone_words(norm, found, regions, _languages_for(language))
    _detect_keywords(norm, found)
    return found.findings()
