"""Message scanner: finds attempts to leave the platform in buyer and seller messages.

Approach
--------
1. Normalise. The text is NFKC-normalised and lower-cased cluster by cluster (a base character
   plus its combining marks), zero-width characters are dropped, letters of other scripts that
   look like Latin ones are folded to them (Unicode's confusables, one character for one), and
   for every character of the normalised text we keep the span of the original text it came
   from. Every detector works on
   the normalised text; offsets are mapped back so ``text[f.start:f.end]`` is what was found.
2. Detect, kind by kind, in an order where the more specific detector claims its span first:
   IBAN (payment) → e-mail → links (url / social) → @handles → phone numbers written with digits
   (look-alike letters ``O``/``l``/``I``/``|`` accepted inside digit groups) → phone numbers
   spelled with number words → keyword rules for social, payment and marketing → app names in
   disguise (spelled out letter by letter, digits for letters).
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

Speed
-----
Trying every pattern at every character of a message is what costs: Python's ``re`` tries a
big alternation at each position.  ``scan`` therefore only runs what can match (see "Gates"):

* text that is already normalised is only lower-cased (the offset map is the identity);
* the message's words (and their first three letters) are collected once; a detector or a
  keyword rule runs only if the words and literals it needs are there, read off each regex by
  ``_gates``; a keyword table is compiled down to the entries that can match;
* the phone search only looks at chains of six digits or more; the masking of dates, prices
  and identifiers runs only up to those chains and only where a mask can start;
* spelled-out numbers are only read around a number word that has a run item next to it.

Each shortcut skips only work that cannot change the result: ``_scan(text, language,
shortcuts=False)`` runs everything everywhere, and the tests check that both give identical
findings, offsets included.
"""

from __future__ import annotations

import bisect
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import phonenumbers

from orders.markets import MARKETS, markets_speaking

# --------------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------------

DEFAULT_PLATFORM_DOMAIN = "marketplace.example"


def _words(blob: str) -> frozenset[str]:
    """Whitespace-separated vocabulary, so long lists stay readable as paragraphs."""
    return frozenset(blob.split())


#: Languages read across a border: a Czech message may carry a Slovak number and vice versa.
_NEIGHBOUR_LANGUAGES: dict[str, tuple[str, ...]] = {"cs": ("sk",), "sk": ("cs",)}

#: Phone regions to try for each message language, from the market table (orders.markets).
#: English (and no hint) tries every market, and British numbers.
MARKET_REGIONS: dict[str, tuple[str, ...]] = {
    language: tuple(
        market.country
        for lang in (language, *_NEIGHBOUR_LANGUAGES.get(language, ()))
        for market in markets_speaking(lang)
    )
    for language in sorted({market.language for market in MARKETS})
}
ALL_REGIONS: tuple[str, ...] = (*(market.country for market in MARKETS), "GB")

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
    "arond",
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
    "arond",
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

#: The little words that put a handle at a mail provider when an address is said rather than
#: written: "paul_r1978 chez yahoo", "m.weber bei Gmail", "nuria.bcn84 en yahoo", "ewa_k na
#: gmailu", "luca.b su libero", "ana.pop pe yahoo", "kati88 a freemailen".
PROVIDER_PREPOSITIONS = (
    "at",
    "on",
    "in",  # en
    "chez",
    "sur",  # fr
    "bei",
    "auf",
    "von",  # de
    "na",
    "w",
    "u",  # pl, cs, sk
    "su",
    "di",  # it
    "en",
    "de",  # es
    "pe",
    "la",  # ro
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
    # "insta" alone or with an ending ("insta", "instán"), not the start of "installation",
    # "instalacja", "instant".
    r"insta(?!l|n[ct]|nz|b|r)",
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
    # "without the platform's fee" (cash on delivery to the courier, a direct deal…)
    r"\b(?:fără|without|sans|ohne|bez|sin|senza)\s+(?:the\s+|le\s+|la\s+|les\s+|die\s+)?"
    r"(?:comision\w*|commission\w*|fees?|frais|gebühr\w*|provision\w*|prowizj\w*|poplat\w*|"
    r"díj\w*|comisi[oó]n\w*|commissione)\s+(?:\w+\s+)?(?:of\s+the\s+|de\s+la\s+|der\s+)?"
    r"(?:platform\w*|plate-?forme|plattform|platformy|platformei|plataforma|piattaforma|"
    r"marketplace|site)",
    r"\b(?:mandami|inviami|envoyez|envoie|schick\w*|send|wyślij|pošli\w*|küldj\w*|trimite\w*|"
    r"envía\w*|mándame)\s+(?:\w+\s+){0,2}(?:iban|rib)\b",
)
#: Payment words that are off-platform only when the sentence does not say "via the platform".
PAYMENT_WEAK = (
    r"\bbank\s+transfer\b|\bwire\s+(?:transfer|the\s+money)\b|\bin\s+cash\b|\bcash\b(?!\s+on\s+delivery)",
    r"\brevolut\w*|\bwise\b(?=\s+(?:transfer|account|app))|\blydia\b|\bpaylib\b|\bwero\b",
    r"\bvirement\w*|\ben\s+espèces\b|\ben\s+liquide\b|\bchèque\b",
    r"\bpaypal\b(?!\W{0,3}(?:\w+\W+){0,3}?(?:friends|family))",
    r"\bzahl\w*\s+(?:sie\s+)?(?:\w+\s+)?bar\b|\bbar\s+bei\s+(?:der\s+)?abholung\b",
    r"\bramburs\w*\s+la\s+curier\b",
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
    # paid on the site, by card: the platform's own checkout
    r"|\bon\s+the\s+(?:site|website)\b|\bsur\s+le\s+site\b|\bna\s+stronie\b|"
    r"\bauf\s+der\s+(?:seite|website)\b|\bprzy\s+zamówieniu\b|\bat\s+checkout\b|"
    r"\b(?:debit|credit)\s+card\b|\bby\s+card\b|\bpar\s+carte\b|\bsul\s+sito\b|"
    r"\ben\s+(?:el\s+sitio|la\s+web)\b|\bpe\s+site\b|\bna\s+(?:webu|stránkách|stránke|webe)\b|"
    r"\ba\s+weboldalon\b"
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
    r"\b(?:new|nouvelle|nouvelles|neue|neuen|neuer|nowa|nowej|nową|nowe|nová|novou|nové|novú|"
    r"nový|új|noua|nueva|nuevo|nuova|nuovo)\s+(?:\w+\s+)?(?:collection|kollektion|kolekcj\w*|kolekc\w*|kollekció\w*|"
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
    r"[^.!?]{0,80}?\b(?:refund|gift|voucher|discount|free|money\s+back|cashback|bon\s+d'achat|"
    r"cadeau|remise|réduction|rembours\w*|gutschein|rabatt|geschenk|gratis|erstatt\w*|zurück|"
    r"zwrot\w*|zwróc\w*|oddam\w*|rabat\w*|prezent\w*|sleva|slevu|dárek|zdarma|zadarmo|"
    r"pošlem\w*|vrátím\w*|vrátime|zpátky|späť|zľav\w*|darček|kedvezmény\w*|ajándék\w*|"
    r"ingyen\w*|visszautal\w*|visszafizet\w*|visszaad\w*|reducere|cadou|gratuit\w*|"
    r"rambursă\w*|returnăm|descuento|regalo|reembolso|devolv\w*|sconto|omaggio|rimborso|"
    r"restitu\w*)",
    # a reward promised first, the rating after: "pour 5 étoiles", "za 5 gwiazdek"
    r"\b(?:za|for|pour|für|per|por|pentru|ha|if|si|se|wenn|jeśli|jestli|ak|dacă)\s+"
    r"(?:\w+\s+){0,3}(?:5|five|cinq|fünf|pięć|pět|päť|öt|cinci|cinco|cinque)[\s-]*"
    r"(?:stars?|étoiles?|sterne?n?|gwiazd\w*|hvězd\w*|hviezd\w*|csillag\w*|stele|"
    r"estrellas?|stelle)\b[^.!?]{0,80}?\b(?:send|give|pay|envo\w*|offr\w*|schick\w*|"
    r"geben|wyśl\w*|dam\w*|pošl\w*|pošleme|dáme|küld\w*|ad(?:unk|ok)|trimit\w*|oferim|"
    r"regal\w*|mand\w*|diamo|invi\w*)",
    # "cheaper than here", loyalty offers, "on offer this week", "visit our shop"
    r"\b(?:cheaper\s+than\s+here|moins\s+cher\s+qu'ici|günstiger\s+als\s+hier|"
    r"taniej\s+niż\s+(?:tutaj|tu)|levněji\s+než\s+(?:tady|zde)|lacnejšie\s+ako\s+(?:tu|tuto)|"
    r"olcsóbb\w*,?\s+mint\s+itt|mai\s+ieftin\w*\s+decât\s+aici|"
    r"más\s+barato\s+que\s+aquí|prezzi\s+più\s+bassi\s+che\s+qui|"
    r"più\s+econom\w+\s+che\s+qui|costa\s+meno\s+che\s+qui)\b",
    r"-?\d{1,2}\s?%\s+(?:\w+\s+){0,2}(?:pour|for|für|dla|pro|para|per|pentru)\s+"
    r"(?:les\s+|our\s+|unsere\s+|nos\s+|i\s+|los\s+)?(?:clients?\s+(?:fidèles|qui\s+reviennent)|"
    r"returning\s+customers|loyal\s+customers|stammkunden|stałych\s+klientów|"
    r"stál\w+\s+zákazník\w*|törzsvásárló\w*|clienți\s+fideli|clientes\s+habituales|"
    r"clienti\s+fedeli)",
    r"\d{1,2}\s?%\s+(?:off|rabatt|zniżki|sleva|zľava|kedvezmény|reducere|de\s+descuento|"
    r"di\s+sconto|de\s+réduction|de\s+remise)\s+(?:on\s+|sur\s+|auf\s+|na\s+|su\s+|en\s+)?"
    r"(?:everything|all|sitewide|storewide|tout|toute\s+la\s+boutique|alles|wszystko|vše|"
    r"všetko|mindenre|minden|tot|todo|tutto)",
    r"\b(?:in\s+offerta|en\s+promo\w*|im\s+angebot|w\s+promocji|v\s+akci\w*|akció\w*|"
    r"în\s+ofert[ăa]|en\s+oferta|on\s+sale|on\s+offer)\b[^.!?]{0,30}?\b(?:this\s+week\w*|"
    r"cette\s+semaine|diese\s+woche|w\s+tym\s+tygodniu|tento\s+týden|tento\s+týždeň|"
    r"ezen\s+a\s+héten|săptămâna\s+aceasta|esta\s+semana|questa\s+settimana)\b",
    r"\b(?:visit\s+our\s+(?:shop|store)|visitez\s+notre\s+boutique|besuchen\s+sie\s+unseren\s+"
    r"shop|odwiedź\s+nasz\s+sklep|navštivte\s+náš\s+obchod|navštívte\s+náš\s+obchod|"
    r"látogass(?:on)?\s+el\s+(?:a\s+)?(?:boltunkba|webshopunkba)|vizitați\s+magazinul\s+nostru|"
    r"visite\s+nuestra\s+tienda|visiti\s+il\s+nostro\s+negozio)\b",
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
    r"seryjny|sériové\s+číslo|výrobní\s+číslo|výrobné\s+číslo|sériové|imei|gyári\s+szám|s/n|sn|model\w*|modèle|typ|type|"
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
#: Between the parts of a dictated address: spaces, or a comma or dash with spaces
#: ("camille, tiret, commercial, arobase, maisonbleue, point, fr", "gravur – at – …").
_PART_GAP = r"(?:\s*[,–—]\s*|\s+-\s+|\s+)"
_AT_BARE = rf"{_PART_GAP}(?:@|{_alternation(BARE_AT_WORDS)}){_PART_GAP}|\s+@|@\s+"
_DOT_BRACKETED = rf"\s*{_OPEN}\s*(?:\.|{_alternation(DOT_WORDS)})\s*{_CLOSE}\s*"
_DOT_BARE = rf"{_PART_GAP}(?:{_alternation(DOT_WORDS)}){_PART_GAP}"
_DOT_ANY = rf"(?:\.|{_DOT_BRACKETED}|{_DOT_BARE})"

_EMAIL_PLAIN = re.compile(
    r"(?<![\w.+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\.[a-z]{2,24}\b"
)
#: An address typed with spaces around "@" and the dots ("jb_moreau75 @ hotmail . fr",
#: "k . weber @ web . de"): the "@" is kept, the spaces are the disguise.
_EMAIL_SPACED = re.compile(
    rf"(?<![\w.+-])(?=[a-z0-9._%+ -]*[a-z])[a-z0-9][a-z0-9_%+-]*"
    rf"(?:\s*\.\s*[a-z0-9_%+-]+)*\s*@\s*"
    rf"(?:{_LABEL}\s*\.\s*)+{_TLD}(?![\w-])"
)
#: Characters typed one by one with a space between ("r o b e r t o . n e r i @ g m x . i t").
_ONE_BY_ONE = re.compile(r"(?<!\S)(?:\S ){6,}\S(?!\S)")
_EMAIL_OBFUSCATED = re.compile(
    rf"(?<![\w.+-])(?P<local>[a-z0-9][a-z0-9._%+-]*)(?P<at>{_AT_BRACKETED}|{_AT_BARE})"
    rf"(?P<domain>{_LABEL}(?:{_DOT_ANY}{_LABEL})*){_DOT_ANY}(?P<tld>{_TLD})\b"
)
_EMAIL_PROVIDER = re.compile(
    rf"\b(?:{_alternation(MAIL_PROVIDERS)})\s*(?::|=|-|→|\bis\b|\best\b|\bist\b|\bjest\b|"
    r"\bje\b|\bes\b|\bè\b|\beste\b|\bto\b)\s*(?P<handle>[a-z0-9][a-z0-9._-]{3,40})"
)

#: A handle, a little word, a mail provider (any inflection): "thomas.veyrat sur icloud".
_EMAIL_SAID = re.compile(
    r"(?<![\w.@-])(?P<handle>[a-z0-9][a-z0-9._-]{2,40}[a-z0-9])\s*,?\s+"
    rf"(?:{_alternation(PROVIDER_PREPOSITIONS)})\s+(?:{_alternation(MAIL_PROVIDERS)})\w*\b"
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
#: A domain typed with spaces around its dots ("www. meubles-dubois .fr", "bit . ly / x"):
#: at least one dot with a space before it, which prose does not write.
_URL_SPACED = re.compile(
    rf"(?<![\w@.-])(?P<www>www\s*\.\s*)?(?P<label>{_LABEL}(?:\s*\.\s*{_LABEL})*)"
    rf"\s*\.\s*(?P<tld>{_TLD})(?![\w-])(?P<path>(?:\s*/\s*[\w.-]+)+)?"
)
_TRAILING_PUNCT = ".,;:!?…»\"')]}"

_HANDLE = re.compile(r"(?<![\w@.])@(?P<name>[a-z_][a-z0-9_.]{1,29}[a-z0-9_])")

_SOCIAL_NAME = re.compile(rf"\b(?:{'|'.join(SOCIAL_STEMS)})\w*|\b(?:ig|fb)\b(?=\W*(?:@|dm|:))")
_SIGNAL = re.compile(
    rf"\b(?:{'|'.join(SIGNAL_PREPOSITIONS.split())})\s+signal\b|\bsignal\s*(?:app|messenger)\b"
)

_IBAN = re.compile(r"\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]){11,30}\b")
#: Two letters and two digits starting a word, found from the digits (``re`` skips to digits
#: in C when a pattern starts with one).
_IBAN_HEAD = re.compile(r"\d(?<=(?<!\w)[a-z]{2}\d)\d")
#: (?<![\d ])\d{2}(?: ?\d{4}){6}(?![\d]), written to start with its first digit (same matches).
_NRB = re.compile(r"\d(?<![\d ]\d)\d(?: ?\d{4}){6}(?!\d)")
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


_PLATFORM_WORDS = re.compile(PLATFORM_WORDS)
_OFF_PLATFORM = re.compile(OFF_PLATFORM_CUES)
_DISCOUNT_CODE = (
    r"\b(?:code|kod|kód|codice|código|cod|gutschein|coupon|kupon|voucher)\s*:?\s*"
    r"[«\"']?(?P<code>[a-z]+[0-9]+[a-z0-9]*|[a-z]{4,}[0-9]*)\b"
)
_DISCOUNT_CUE = re.compile(DISCOUNT_CUES)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")

_PHONE_CUE = re.compile(PHONE_CUES)
# A digit group contains at least one real digit; O/o/l/I/| are accepted as look-alikes inside
# (the text is lower-cased by then: a capital I is an "i" here).
_LOOKALIKE = "0-9oOlIi|"
_DIGIT_GROUP = rf"[{_LOOKALIKE}]*[0-9][{_LOOKALIKE}]*"
_PHONE_CANDIDATE = re.compile(
    rf"(?<![\w+\-/.,])(?P<plus>\+|00)?\s?(?:\(0\)\s?)?{_DIGIT_GROUP}"
    # A Hungarian case ending may follow ("+36 30 123 4567-es számon").
    rf"(?:(?:[ \t\u00a0.\-–/]{{1,3}}|\s?\(0?\d*\)\s?){_DIGIT_GROUP})*(?![\w/]|-[\d/])"
)
_LOOKALIKE_TABLE = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "i": "1", "|": "1"})
_LOOKALIKE_CHARS = "oOlIi|"

#: Spans masked before the phone search: they look like digits but are not phone numbers.  The
#: first field says what a match starts with ("digit", a letter of a "word", a currency
#: "symbol"), so the masking only tries each pattern where it can start.  Order matters: at one
#: position the first pattern that matches wins, as in one alternation.
NOT_PHONE_PATTERNS: tuple[tuple[str, str], ...] = (
    # dates and times
    # (a lookaround keeps "06.12.34.56.78" from being cut into a date)
    ("digit", r"(?<![\d./-])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![./-]?\d)"),
    ("digit", r"(?<![\d./-])\d{4}[./-]\d{1,2}[./-]\d{1,2}(?![./-]?\d)"),
    ("digit", r"(?<![\d./-])\d{1,2}[.:h]\d{2}(?:\s?(?:h|uhr|hod\w*|óra|ore))?(?![./-]?\d)"),
    # prices and percentages
    ("digit", r"\d[\d\s.,']*\s?(?:€|eur\w*|zł|pln|kč|czk|ft|huf|lei|ron|£|\$|chf|%)"),
    ("symbol", r"(?:€|£|\$)\s?\d[\d\s.,']*"),
    # carrier tracking numbers
    ("digit", r"\b1z[0-9a-z]{16}\b"),
    ("word", r"\bjjd\d{10,20}\b"),
    ("digit word", r"\b[0-9a-z]{2}\d{9}[a-z]{2}\b"),
    ("digit", r"\b\d{2}[a-z]\d{11}\b|\b6a\d{11}\b"),
    ("digit", r"\b\d{12,30}\b"),
    ("word", r"\bz\s?\d{3}\s?\d{4}\s?\d{3}\b"),
    # order-like numbers: year-first groups (2026-204-7719)
    ("digit", r"\b20\d{2}-\d{2,6}(?:-\d{2,6})+\b"),
    # identifiers introduced by a keyword
    (
        "word",
        rf"\b(?:{ID_KEYWORDS})\b\.?\s*(?:n[°o]\.?|nr\.?|#|:|-)?\s*"
        r"[a-z]{0,4}[\s-]?\d[\d\s./-]*[a-z0-9]*",
    ),
)
_NOT_PHONE = re.compile("|".join(pattern for _, pattern in NOT_PHONE_PATTERNS))
#: The same alternation cut by what a match starts with, the order kept.
_NOT_PHONE_AT_WORD, _NOT_PHONE_AT_SIGN = (
    re.compile("|".join(p for leads, p in NOT_PHONE_PATTERNS if lead in leads.split()))
    for lead in ("word", "symbol")
)
#: The digit-led patterns of NOT_PHONE_PATTERNS, in order, rewritten to start by consuming the
#: first digit of a run: then ``re`` skips to the next digit in C instead of trying the
#: alternation at every character.  What each original checks before its first digit is
#: checked by a look-behind over that digit.  ``test_scanner`` compares it with the original.
_NOT_PHONE_AT_DIGIT = re.compile(
    r"\d(?<!\d\d)(?:"
    r"(?<=(?<![\d./-])\d)\d?[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![./-]?\d)"
    r"|(?<=(?<![\d./-])\d)\d{3}[./-]\d{1,2}[./-]\d{1,2}(?![./-]?\d)"
    r"|(?<=(?<![\d./-])\d)\d?[.:h]\d{2}(?:\s?(?:h|uhr|hod\w*|óra|ore))?(?![./-]?\d)"
    r"|[\d\s.,']*\s?(?:€|eur\w*|zł|pln|kč|czk|ft|huf|lei|ron|£|\$|chf|%)"
    r"|(?<=(?<!\w)1)z[0-9a-z]{16}\b"
    r"|(?<=(?<!\w)[0-9])[0-9a-z]\d{9}[a-z]{2}\b"
    r"|(?<=(?<!\w)\d)\d[a-z]\d{11}\b|(?<=(?<!\w)6)a\d{11}\b"
    r"|(?<=(?<!\w)\d)\d{11,29}\b"
    r"|(?<=(?<!\w)2)0\d{2}-\d{2,6}(?:-\d{2,6})+\b"
    r")"
)
#: The one digit-led pattern that can match inside a run of digits (see _mask_not_phone).
_NOT_PHONE_PRICE = re.compile(NOT_PHONE_PATTERNS[3][1])
_CURRENCY_SIGNS = "€£$"
#: Digit runs chained the way a phone candidate chains them: look-alike letters, and between
#: them at most one separator of up to three characters (four with empty brackets "()").
_CHAIN = re.compile(r"\d+(?:[oOlIi|]*(?:[^\doOlIi|](?:\D{0,2}[^\doOlIi|])?)?[oOlIi|]*\d+)*")
#: Starts of the word-led masks other than keywords: "JJD0146…", "lx123456789de", "Z 204…".
_JJD = re.compile(r"jjd\d")
_NINE_DIGITS = re.compile(r"\d{9}")
_Z_DIGITS = re.compile(r"z\s?\d")
#: Characters that no pattern of NOT_PHONE_PATTERNS can match.
_MASK_BREAK = re.compile(r"[()\[\]{}<>;!?\"«»@&*+=…]")
#: What an identifier match has between its keyword's start and its first digit.
_ID_LEAD = re.compile(r"[\w\s./°#:-]*")

_WORD = re.compile(r"\w+")
_LEADING_WORD = re.compile(r"\w*")
_DIGIT_RUN = re.compile(r"\d+")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_RUN_GAP = re.compile(r"[\s,;:\-–./()]*")
_RUN_GAP_CHARS = frozenset(",;:-–./()")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ZERO_WIDTH_OR_MARK = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u0300-\u036f]")
_CLUSTER = re.compile(r".[\u0300-\u036f]*", re.DOTALL)


@lru_cache(maxsize=1)
def _look_alike_table() -> dict[int, str]:
    """Letters of other scripts that look like a Latin letter or digit, folded to it (Greek
    rho → p, Cyrillic "е" → e, Lisu "ꓪ" → w), from Unicode's confusables (TR39) as the
    `confusable_homoglyphs` package ships them. Only characters outside the Latin script: the
    markets write Latin letters with their own accents (ł, č, ő), which keep their meaning.
    One character for one, so offsets do not move. Built on the first text that needs it
    (about 14 ms), not at import."""
    import importlib.resources
    import json

    path = importlib.resources.files("confusable_homoglyphs") / "confusables.json"
    table: dict[int, str] = {}
    for char, entries in json.loads(path.read_text(encoding="utf-8")).items():
        if len(char) != 1 or char.isascii() or "LATIN" in unicodedata.name(char, "LATIN"):
            continue
        for entry in entries:
            target = entry["c"].lower()
            if len(target) == 1 and target.isascii() and target.isalnum():
                table[ord(char)] = target
                break
    # The small letter of a capital that looks Latin reads as that letter too (Cyrillic
    # "Т" is "T", so "т" in "теlеgrаm" is "t"), when it is not a look-alike of its own.
    for code, target in list(table.items()):
        small = chr(code).lower()
        if len(small) == 1 and small != chr(code) and ord(small) not in table:
            table[ord(small)] = target
    return table


#: Characters outside the Latin letters, punctuation, symbols and emoji the markets write: only
#: a text with one of them can hold a look-alike letter to fold.
_UNUSUAL = re.compile(
    "[^\x00-\u024f\u1e00-\u1eff\u2000-\u2bff\u3000-\u303f\ufe00-\ufe0f\U0001f000-\U0001faff]"
)


def _fold(text: str) -> str:
    """``text`` with other scripts' look-alike letters folded (the same length)."""
    if text.isascii() or not _UNUSUAL.search(text):
        return text
    return text.translate(_look_alike_table())


# Cheap look-ups that decide whether a detector can find anything at all (see "Gates").
_AT_IN_BRACKETS = re.compile(rf"{_OPEN}\s*(?:@|{_alternation(AT_WORDS)})\s*{_CLOSE}")
_DOT_IN_BRACKETS = re.compile(rf"{_OPEN}\s*(?:\.|{_alternation(DOT_WORDS)})\s*{_CLOSE}")
_DOT_WORD_THEN_TLD = re.compile(rf"(?:{_alternation(DOT_WORDS)})\s+{_TLD}\b")
_TLD_WORDS = frozenset(TLDS)
_DOT_WORD_SET = frozenset(DOT_WORDS)
_MAIL_PROVIDER_SET = frozenset(MAIL_PROVIDERS)
#: "at" is the one bare at-word that may also introduce a link ("find us at shop.com").
_BARE_AT_WORDS_NOT_AT = frozenset(BARE_AT_WORDS) - {"at"}


# --------------------------------------------------------------------------------------------
# Gates: what a message must contain for a pattern to match in it
# --------------------------------------------------------------------------------------------
#
# Running every detector's regex over every message is what made the scanner slow: the keyword
# alternations try hundreds of words at each character.  Most messages cannot match most
# patterns, and that is cheap to see once the message's words are known.  The conditions below
# are *necessary* conditions derived from the patterns themselves, so skipping a pattern whose
# condition fails changes nothing in the result: ``_scan(..., shortcuts=False)`` runs every
# pattern everywhere, and the tests check both ways give identical findings.
#
# For the keyword tables the conditions are read off the regex syntax tree (``re._parser``, the
# parser ``re.compile`` itself uses): where a pattern needs a word start (after ``\b`` or a
# mandatory space), the first three letters of that word must be among the first three letters
# of the message's words; and every literal that every match contains must occur in the text.
# A construct the analysis does not understand yields no condition, which is slow but safe.

# Private modules of the standard library, without type information.
_sre: Any
_sre_parser: Any
try:
    from re import _constants as _sre  # type: ignore[attr-defined,no-redef]
    from re import _parser as _sre_parser  # type: ignore[attr-defined,no-redef]
except ImportError:  # pragma: no cover - another Python: no gates, same findings
    _sre = _sre_parser = None

_HEAD = 3  # letters of a word start used as the look-up key
_head_of = operator.itemgetter(slice(0, _HEAD))
_PREFIX_LIMIT = 64  # alternatives followed before a prefix analysis stops growing


def _plain_group(op: Any, av: Any) -> bool:
    """A group without flags: its content matches as if written in its place."""
    return op is _sre.SUBPATTERN and not av[1] and not av[2]


def _literal_chars(op: Any, av: Any) -> tuple[str, ...] | None:
    """The characters one element matches, when it is a literal or a small set of literals."""
    if op is _sre.LITERAL:
        return (chr(av),)
    if op is _sre.IN and len(av) <= 8 and all(kind is _sre.LITERAL for kind, _ in av):
        return tuple(chr(code) for _, code in av)
    return None


def _non_word_member(op: Any, av: Any) -> bool:
    if op is _sre.LITERAL:
        return not chr(av).isalnum() and chr(av) != "_"
    if op is _sre.CATEGORY:
        return av in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD)
    return False


def _is_non_word(op: Any, av: Any, *, last: bool) -> bool:
    """The element consumes at least one character and its first (or last) one is not \\w."""
    if op is _sre.LITERAL:
        return _non_word_member(op, av)
    if op is _sre.IN:
        return bool(av) and all(_non_word_member(kind, value) for kind, value in av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, body = av
        items = list(body.data)
        return low >= 1 and bool(items) and _is_non_word(*items[-1 if last else 0], last=last)
    return False


def _word_ends_before(op: Any, av: Any) -> bool:
    """After a word character, this element guarantees the word has ended."""
    return (op is _sre.AT and av is _sre.AT_BOUNDARY) or _is_non_word(op, av, last=False)


def _word_starts_after(op: Any, av: Any) -> bool:
    """After this element, a word character starts a word."""
    return (op is _sre.AT and av is _sre.AT_BOUNDARY) or _is_non_word(op, av, last=True)


_Prefixes = tuple[set[str], set[tuple[str, bool]]]


def _prefixes(items: list) -> _Prefixes:
    """Literal strings every match of ``items`` starts with.

    Returns ``(whole, partial)``: ``whole`` for the ways through that are literal from end to end,
    ``partial`` as ``(prefix, word_ends)`` for those that stop at a non-literal element, with
    ``word_ends`` true when that element guarantees no word character follows the prefix.
    """
    live = {""}
    done: set[tuple[str, bool]] = set()
    for op, av in items:
        chars = _literal_chars(op, av)
        if len(live) > _PREFIX_LIMIT:
            return set(), done | {(prefix, _word_ends_before(op, av)) for prefix in live}
        if chars is not None:
            live = {prefix + char for prefix in live for char in chars}
        elif _plain_group(op, av) or op is _sre.BRANCH:
            alternatives = [av[-1]] if op is _sre.SUBPATTERN else av[1]
            grown: set[str] = set()
            for alternative in alternatives:
                whole, partial = _prefixes(list(alternative.data))
                grown |= {prefix + rest for prefix in live for rest in whole}
                done |= {(prefix + rest, ends) for prefix in live for rest, ends in partial}
            live = grown
        elif op is _sre.MAX_REPEAT and av[:2] == (0, 1):
            # "x?": both the way past the optional element and the way through it
            whole, partial = _prefixes(list(av[2].data))
            done |= {(prefix + rest, ends) for prefix in live for rest, ends in partial}
            live = live | {prefix + rest for prefix in live for rest in whole}
        else:
            return set(), done | {(prefix, _word_ends_before(op, av)) for prefix in live}
    return live, done


def _word_keys(items: list) -> frozenset[str] | None:
    """Look-up keys for a pattern that starts at a word start: the first ``_HEAD`` letters of
    the word, or the whole word when it is shorter and known to end there.  None when some way
    through the pattern starts with too little literal text to give a key."""
    whole, partial = _prefixes(items)
    keys = set()
    for prefix, ends in partial | {(prefix, False) for prefix in whole}:
        word = _LEADING_WORD.match(prefix).group()  # type: ignore[union-attr]  # matches ""
        ends = ends or word != prefix
        if len(word) >= _HEAD:
            keys.add(word[:_HEAD])
        elif word and ends:
            keys.add(word)
        else:
            return None
    return frozenset(keys)


def _required_literals(items: list) -> set[str]:
    """Literal strings that every match of ``items`` contains."""
    found: set[str] = set()
    run = ""
    for op, av in [*items, (None, None)]:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if run:
            found.add(run)
            run = ""
        if _plain_group(op, av):
            found |= _required_literals(list(av[-1].data))
        elif op is _sre.BRANCH:
            found |= set.intersection(*(_required_literals(list(alt.data)) for alt in av[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found |= _required_literals(list(av[2].data))
    return found


@dataclass(frozen=True)
class _Gate:
    """Necessary conditions for one way through a pattern to match in a text."""

    word_keys: tuple[frozenset[str], ...]  # for each: some word of the text starts with a key
    literals: frozenset[str]  # each occurs in the text
    choices: tuple[frozenset[str], ...]  # for each: one of the strings occurs in the text

    def allows(self, facts: _Facts) -> bool:
        for keys in self.word_keys:
            if keys.isdisjoint(facts.heads):
                return False
        return self.allows_text(facts.text)

    def allows_text(self, text: str) -> bool:
        """The conditions on the text's characters (the word keys are checked already)."""
        # plain loops: this runs for every candidate way of every message
        for literal in self.literals:
            if literal not in text:
                return False
        for group in self.choices:
            for choice in group:
                if choice in text:
                    break
            else:
                return False
        return True


_OPEN_GATE = _Gate((), frozenset(), ())
_MAX_WAYS = 64  # ways through a pattern analysed one by one
_MAX_CHOICES = 12  # strings in one "one of these occurs" condition


def _gates(pattern: str) -> tuple[_Gate, ...]:
    """Gates for the ways through ``pattern``: it can match only where one of them allows.

    Groups are inlined and alternations taken apart ("\\b(?:code\\s+promo|cupón\\w*)" gives
    one way per alternative) so that each way has its own distinctive words.
    """
    if _sre_parser is None:
        return (_OPEN_GATE,)
    try:
        return tuple(_gate(way) for way in _ways(list(_sre_parser.parse(pattern).data)))
    except Exception:  # pragma: no cover - an unexpected tree: no gate, same findings
        return (_OPEN_GATE,)


def _ways(items: list) -> list[list]:
    """``items`` split at the alternations it starts with (behind ``\\b`` and literals), so that
    each way starts with its own word; later alternations stay (a word key or a choice)."""
    ways = [_inline_groups(items)]
    while True:
        expanded: list[Any] = []
        for way in ways:
            at = 0
            while at < len(way) and way[at][0] in (_sre.AT, _sre.LITERAL):
                at += 1
            if at < len(way) and way[at][0] is _sre.BRANCH:
                expanded.extend(
                    _inline_groups(way[:at] + list(alternative.data) + way[at + 1 :])
                    for alternative in way[at][1][1]
                )
            else:
                expanded.append(way)
        if expanded == ways or len(expanded) > _MAX_WAYS:
            return ways
        ways = expanded


def _inline_groups(items: list) -> list:
    """``items`` with the groups' content in their place (a group changes no match)."""
    flat = []
    for op, av in items:
        if _plain_group(op, av):
            flat.extend(_inline_groups(list(av[-1].data)))
        else:
            flat.append((op, av))
    return flat


def _gate(items: list) -> _Gate:
    word_keys = []
    choices = []
    for index in range(len(items)):
        if index and _word_starts_at(items[:index]):
            keys = _word_keys(items[index:])
            if keys is not None:
                word_keys.append(keys)
                continue
        if items[index][0] is _sre.BRANCH:
            whole, partial = _prefixes(items[index:])
            strings = whole | {prefix for prefix, _ in partial}
            # "star" occurs wherever "stars" does: keep the shortest strings only
            strings = {s for s in strings if not any(s.startswith(t) and s != t for t in strings)}
            if "" not in strings and len(strings) <= _MAX_CHOICES:
                choices.append(frozenset(strings))
    return _Gate(tuple(word_keys), frozenset(_required_literals(items)), tuple(choices))


def _word_starts_at(items: list) -> bool:
    """After any match of ``items``, a word character starts a word: the last element is
    ``\\b`` or ends with a non-word character, possibly behind optional elements that do too
    (``\\s+(?:\\w+\\s+)?``)."""
    for op, av in reversed(items):
        if _word_starts_after(op, av):
            return True
        optional = op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0
        if not (optional and av[2].data and _word_starts_after(*list(av[2].data)[-1])):
            return False
    return False


class _Family:
    """A table of patterns matched as one alternation, compiled for the entries a message
    can match: entries that cannot match anywhere in it change nothing in an alternation."""

    def __init__(self, entries: Iterable[str], *, grouped: bool = False) -> None:
        self.entries = tuple(entries)
        self.grouped = grouped  # each entry wrapped in (?:…) before joining
        self.pattern = self._compile(tuple(range(len(self.entries))))
        # Every way through every entry, indexed by the keys of its most distinctive word.
        self.ways: list[tuple[int, _Gate]] = []
        self.index: dict[str, set[int]] = {}
        self.by_literal: dict[str, set[int]] = {}  # ways with no word key but a literal
        unindexed = set()
        for number, entry in enumerate(self.entries):
            for gate in _gates(entry):
                way = len(self.ways)
                self.ways.append((number, gate))
                if gate.word_keys:
                    # the word with the fewest keys, the last of equals: "… iban", "… directly"
                    for key in min(reversed(gate.word_keys), key=len):
                        self.index.setdefault(key, set()).add(way)
                elif gate.literals:
                    self.by_literal.setdefault(max(gate.literals, key=len), set()).add(way)
                else:
                    unindexed.add(way)
        self.keys = frozenset(self.index)
        self.unindexed = frozenset(unindexed)
        # every word key of every way: what a message's word starts are reduced to
        self.all_keys = frozenset().union(
            *(keys for _, gate in self.ways for keys in gate.word_keys)
        )
        self.subset = lru_cache(maxsize=512)(self._compile)
        self.worded_ways = lru_cache(maxsize=2048)(self._worded_ways)

    def _compile(self, numbers: tuple[int, ...]) -> re.Pattern[str]:
        parts = (self.entries[number] for number in numbers)
        if self.grouped:
            parts = (f"(?:{part})" for part in parts)
        return re.compile("|".join(parts))

    def _worded_ways(self, heads: frozenset[str]) -> tuple[tuple[int, _Gate], ...]:
        """The ways whose words all start in ``heads`` (word starts reduced to ``all_keys``:
        the same few sets come back message after message, so this is cached)."""
        ways = set(self.unindexed)
        for key in heads & self.keys:
            ways |= self.index[key]
        return tuple(
            self.ways[way]
            for way in sorted(ways)
            if all(not keys.isdisjoint(heads) for keys in self.ways[way][1].word_keys)
        )

    def for_text(self, facts: _Facts) -> re.Pattern[str] | None:
        """The alternation of the entries that can match in the text, None if none can."""
        if not facts.shortcuts:
            return self.pattern
        text = facts.text
        numbers = set()
        for number, gate in self.worded_ways(facts.heads & self.all_keys):
            if number not in numbers and gate.allows_text(text):
                numbers.add(number)
        for literal, ways in self.by_literal.items():
            if literal in text:
                for way in ways:
                    number, gate = self.ways[way]
                    if number not in numbers and gate.allows(facts):
                        numbers.add(number)
        if not numbers:
            return None
        if len(numbers) == len(self.entries):
            return self.pattern
        return self.subset(tuple(sorted(numbers)))


_PAYMENT_STRONG = _Family(PAYMENT_STRONG)
_PAYMENT_WEAK = _Family(PAYMENT_WEAK)
_MARKETING = _Family(MARKETING_PATTERNS, grouped=True)
_DISCOUNT = _Family([_DISCOUNT_CODE])
_SOCIAL_NAMES = _Family([_SOCIAL_NAME.pattern])
_SIGNAL_APP = _Family([_SIGNAL.pattern])
#: Word keys of the identifier keywords ("order", "colis", "SN" …) that start a masked span,
#: each with a pattern that finds the words starting with it.
_ID_KEYS: frozenset[str] | None = next(iter(_gates(NOT_PHONE_PATTERNS[-1][1])[0].word_keys), None)
_ID_KEY_STARTS = {
    # the key first, so that ``re`` looks for it with a fast string search
    key: re.compile(
        rf"{re.escape(key)}(?<!\w{re.escape(key)})" + ("" if len(key) >= _HEAD else r"(?!\w)")
    )
    for key in _ID_KEYS or ()
}
_ID_KEY_SET = frozenset(_ID_KEY_STARTS)


class _Facts:
    """What the gates look up in one normalised message, computed once.

    With ``shortcuts=False`` every gate is open: that is the reference path the tests compare
    the fast path with.
    """

    def __init__(self, text: str, *, shortcuts: bool) -> None:
        self.text = text
        self.shortcuts = shortcuts
        self.words = frozenset(_WORD.findall(text)) if shortcuts else frozenset()
        self.heads = frozenset(map(_head_of, self.words))
        self._chains: list[_Chain] | None = None

    def chains(self) -> list[_Chain]:
        """The text's chains of six digits or more (see ``_chains``)."""
        if self._chains is None:
            self._chains = _chains(self.text)
        return self._chains

    def iban_starts(self) -> Iterator[int] | None:
        """Where an IBAN can start: a word that starts with two letters then two digits
        (None: anywhere)."""
        if not self.shortcuts:
            return None
        return (found.start() - 2 for found in _IBAN_HEAD.finditer(self.text))

    def has_word(self, vocabulary: frozenset[str]) -> bool:
        return not self.shortcuts or not self.words.isdisjoint(vocabulary)

    def has_text(self, *snippets: str) -> bool:
        return not self.shortcuts or any(snippet in self.text for snippet in snippets)

    def mask_breaks(self) -> list[int]:
        """Offsets of the characters no ``_NOT_PHONE`` match contains, in order."""
        return [found.start() for found in _MASK_BREAK.finditer(self.text)]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _is_letter(char: str) -> bool:
    """A character of ``[^\\W\\d_]``, the letters of ``_TOKEN``."""
    return char.isalnum() and not char.isdecimal()


# --------------------------------------------------------------------------------------------
# Normalisation with an offset map
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Normalised:
    """Normalised lower-case text plus, per character, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...] | None  # None: the identity map (already normalised text)
    ends: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _normalise(text: str, *, shortcuts: bool = True) -> _Normalised:
    lowered = text.lower()
    # Already NFKC, no zero-width characters, no combining mark left (it would share its base
    # letter's span), and lower() kept the length (it does not for "İ"): normalising cluster by
    # cluster would give the same text with the same offsets.
    if shortcuts and (
        text.isascii()
        or (
            len(lowered) == len(text)
            and unicodedata.is_normalized("NFKC", text)
            and not _ZERO_WIDTH_OR_MARK.search(text)
        )
    ):
        return _Normalised(text, _fold(lowered), None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _CLUSTER.finditer(text):
        cluster = match.group()
        if _ZERO_WIDTH.fullmatch(cluster):
            continue
        piece = _fold(unicodedata.normalize("NFKC", cluster).lower())
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

    def claim(self, start: int, end: int) -> None:
        """Mark a span as read without a finding (the platform's own address): no other
        detector may report part of it."""
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


def _detect_iban(norm: _Normalised, found: _Collector, facts: _Facts) -> None:
    for match in _matches(_IBAN, norm.text, facts.iban_starts()):
        if _iban_is_valid(match.group()):
            found.add("payment", match.start(), match.end(), claim=True)
    # Polish customers write the 26-digit NRB without "PL"; it is the same checksum.
    for match in _nrb_matches(norm.text, facts):
        if _iban_is_valid("PL" + match.group().replace(" ", "")):
            found.add("payment", match.start(), match.end(), claim=True)


def _nrb_matches(text: str, facts: _Facts) -> Iterator[re.Match[str]]:
    """``_NRB.finditer(text)``: 26 digits with single spaces make a chain of 26 digits."""
    if not facts.shortcuts:
        yield from _NRB.finditer(text)
        return
    for chain in facts.chains():
        if chain.digits >= 26:
            yield from _NRB.finditer(text, chain.start, chain.end)


def _matches(
    pattern: re.Pattern[str], text: str, starts: Iterable[int] | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (sorted; None:
    anywhere), without trying the pattern at every other character."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    covered = 0
    for start in starts:
        if start >= covered and (match := pattern.match(text, start)):
            covered = match.end()
            yield match


def _detect_email(norm: _Normalised, found: _Collector, facts: _Facts) -> None:
    text = norm.text
    if facts.has_text("@"):
        platform = _platform_domain()
        for match in _EMAIL_PLAIN.finditer(text):
            if _is_platform_host(_host_of(match.group()), platform):
                # support@marketplace.example and the like: the platform's own addresses.
                found.claim(match.start(), match.end())
            else:
                found.add("email", match.start(), match.end(), claim=True)
        for match in _ONE_BY_ONE.finditer(text):
            address = match.group().replace(" ", "")
            if (
                "@" in address
                and _EMAIL_PLAIN.fullmatch(address)
                and not _is_platform_host(_host_of(address), platform)
            ):
                found.add("email", match.start(), match.end(), claim=True)
        for match in _EMAIL_SPACED.finditer(text):
            if not found.overlaps_claim(match.start(), match.end()):
                domain = re.sub(r"\s+", "", match.group().split("@")[-1])
                if _is_platform_host(domain, platform):
                    found.claim(match.start(), match.end())
                else:
                    found.add("email", match.start(), match.end(), claim=True)
    if _may_hide_an_address(facts):
        for match in _EMAIL_OBFUSCATED.finditer(text):
            if found.overlaps_claim(match.start(), match.end()):
                continue
            if match.group("at").strip() == "at" and _bare_at_is_a_link(match):
                continue
            found.add("email", match.start(), match.end(), claim=True)
    # Gate: a provider's name, inflected or not ("gmailu", "GMX-en").
    if facts.has_text(*MAIL_PROVIDERS):
        for match in _EMAIL_SAID.finditer(text):
            handle = match.group("handle")
            # Like a mailbox name: three letters or more, and a dot, an underscore or a
            # number after letters ("paul_r1978", "thomas.veyrat"); not "X-200", "2026-100".
            letters = sum(ch.isalpha() for ch in handle)
            marked = "." in handle or "_" in handle or re.search(r"[a-z]\d", handle)
            if letters >= 3 and marked and not found.overlaps_claim(match.start(), match.end()):
                found.add("email", match.start(), match.end(), claim=True)
    if facts.has_word(_MAIL_PROVIDER_SET):  # the provider is a whole word in every match
        for match in _EMAIL_PROVIDER.finditer(text):
            handle = match.group("handle")
            if (
                any(ch.isdigit() for ch in handle)
                or "." in handle
                or "_" in handle
                or len(handle) > 6
            ):
                found.add("email", match.start(), match.end("handle"), claim=True)


def _may_hide_an_address(facts: _Facts) -> bool:
    """Whether ``_EMAIL_OBFUSCATED`` can yield an address: it ends with a top-level domain
    word, and its "at" is "@", bracketed, or a bare at-word; a bare "at" only counts with a
    spelled-out dot or a webmail provider (``_bare_at_is_a_link``)."""
    if not facts.shortcuts:
        return True
    if not facts.has_word(_TLD_WORDS):
        return False
    if "@" in facts.text or _AT_IN_BRACKETS.search(facts.text):
        return True
    if facts.has_word(_BARE_AT_WORDS_NOT_AT):
        return True
    return "at" in facts.words and (
        facts.has_word(_DOT_WORD_SET) or facts.has_word(_MAIL_PROVIDER_SET)
    )


def _bare_at_is_a_link(match: re.Match[str]) -> bool:
    """ "find us at shop.com" is a link; "orders at greyhoundprints dot com" is an address."""
    if match.group("local") in AT_STOPWORDS:
        return True
    dot_spelled_out = "." not in match.string[match.start("domain") : match.end()]
    return not dot_spelled_out and not _is_mail_provider(match.group("domain"))


def _is_mail_provider(domain: str) -> bool:
    first = re.split(r"\W", domain)[0]
    return first in MAIL_PROVIDERS


def _detect_links(norm: _Normalised, found: _Collector, facts: _Facts) -> None:
    text = norm.text
    candidates: list[tuple[int, int, str, str]] = []
    patterns = []
    if facts.has_text("http", "www."):
        patterns.append(_URL_SCHEME)
    # A bare domain ends with ".<tld>" where the top-level domain is a whole word.
    if not facts.shortcuts or any(
        "." + tld in text for tld in facts.words.intersection(_TLD_WORDS)
    ):
        patterns.append(_URL_BARE)
    for pattern in patterns:
        for match in pattern.finditer(text):
            end = _strip_trailing(text, match.start(), match.end())
            link = text[match.start() : end]
            host = _host_of(link)
            if pattern is _URL_BARE and not _tld_written_in_lower_case(norm, match.start(), host):
                continue
            path = link[link.find(host) + len(host) :] if host in link else ""
            candidates.append((match.start(), end, host, path))
    if _may_hide_a_domain(facts):
        for match in _URL_OBFUSCATED.finditer(text):
            if not _obfuscated_domain_is_plausible(match):
                continue
            host = (
                re.sub(rf"{_DOT_BRACKETED}|{_DOT_BARE}", ".", match.group("label"))
                + "."
                + (match.group("tld"))
            )
            candidates.append((match.start(), match.end(), host, ""))
    if " ." in text:
        for match in _URL_SPACED.finditer(text):
            if " ." not in match.group() or not _spaced_domain_is_plausible(match):
                continue
            o_start, o_end = norm.span(match.start("tld"), match.end("tld"))
            if not norm.original[o_start:o_end].islower():  # "demain . De toute façon"
                continue
            host = re.sub(r"\s+", "", match.group("label")) + "." + match.group("tld")
            path = re.sub(r"\s+", "", match.group("path") or "")
            candidates.append((match.start(), match.end(), host, path))
    if not candidates:
        return
    platform = _platform_domain()
    for start, end, host, path in candidates:
        if found.overlaps_claim(start, end) or _is_platform_host(host, platform):
            continue
        kind = _domain_kind(host, path)
        found.add(kind, start, end, claim=True)
        if kind != "url":  # a messaging or payment link is an external link too
            found.add("url", start, end)
        if kind == "social" and _LINKED_NUMBER.search(path):  # wa.me/33612345678
            found.add("phone", start, end)


_LINKED_NUMBER = re.compile(r"^/\+?\d{8,15}\b")


def _may_hide_a_domain(facts: _Facts) -> bool:
    """``_URL_OBFUSCATED`` needs a bracketed dot, or a dot word followed by a domain word."""
    if not facts.shortcuts:
        return True
    return facts.has_word(_TLD_WORDS) and bool(
        _DOT_IN_BRACKETS.search(facts.text)
        or (facts.has_word(_DOT_WORD_SET) and _DOT_WORD_THEN_TLD.search(facts.text))
    )


#: Top-level domains that are also everyday words of the markets' languages ("demain . de
#: toute façon", "claro . es", "fine . it").
_WORD_TLDS = frozenset({"de", "es", "it", "me", "to", "no", "be", "at", "co", "us", "eu"})


def _spaced_domain_is_plausible(match: re.Match[str]) -> bool:
    """A spaced domain reads as a site: "www", a path, a hyphen or digit in its name, or a
    name of five letters or more before a top-level domain that is no everyday word
    ("tallasbebe . info"; not "demain . de")."""
    label = re.sub(r"\s+", "", match.group("label"))
    if not any(ch.isalpha() for ch in label):  # "5 @ 3 . fr", "12 . 50"
        return False
    return bool(
        match.group("www")
        or match.group("path")
        or "-" in label
        or any(ch.isdigit() for ch in label)
        or (len(label.split(".")[-1]) >= 5 and match.group("tld") not in _WORD_TLDS)
    )


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


def _detect_handles(norm: _Normalised, found: _Collector, facts: _Facts) -> None:
    if not facts.has_text("@"):
        return
    for match in _HANDLE.finditer(norm.text):
        end = _strip_trailing(norm.text, match.start(), match.end())
        if not found.overlaps_claim(match.start(), end):
            found.add("social", match.start(), end, claim=True)


def _detect_keywords(norm: _Normalised, found: _Collector, facts: _Facts) -> None:
    text = norm.text
    for family, kind in ((_SOCIAL_NAMES, "social"), (_SIGNAL_APP, "social")):
        pattern = family.for_text(facts)
        if pattern is not None:
            for match in pattern.finditer(text):
                found.add(kind, match.start(), match.end())
    strong = _PAYMENT_STRONG.for_text(facts)
    if strong is not None:
        for match in strong.finditer(text):
            found.add("payment", match.start(), match.end())
    # The remaining rules look at one sentence at a time.
    weak = _PAYMENT_WEAK.for_text(facts)
    marketing = _MARKETING.for_text(facts)
    discount = _DISCOUNT.for_text(facts)
    if weak is None and marketing is None and discount is None:
        return
    for sentence in _SENTENCE.finditer(text):
        body = sentence.group()
        offset = sentence.start()
        if weak is not None:
            matches = list(weak.finditer(body))
            if matches and (not _PLATFORM_WORDS.search(body) or _OFF_PLATFORM.search(body)):
                for match in matches:
                    found.add("payment", offset + match.start(), offset + match.end())
        if marketing is not None:
            for match in marketing.finditer(body):
                found.add("marketing", offset + match.start(), offset + match.end())
        if discount is not None:
            for match in discount.finditer(body):
                if _DISCOUNT_CUE.search(body) and not match.group("code").isdigit():
                    found.add("marketing", offset + match.start(), offset + match.end())


#: Messaging apps and networks whose name, once its disguise is taken off, moves the talk
#: off the platform: "W h a t s A p p", "T.e.l.e.g.r.a.m", "W4tsapp", "1nst4gr4m".
DISGUISED_CHANNELS = (
    "whatsapp",
    "watsapp",
    "telegram",
    "viber",
    "instagram",
    "facebook",
    "messenger",
    "snapchat",
    "tiktok",
    "signal",
    "discord",
    "wechat",
    "skype",
    "threema",
)
#: A name spelled out letter by letter with a separator between every two letters.
_SPELLED_OUT = re.compile(r"(?<![^\W_])(?:[^\W_][ .\-_*·•|/]){3,}[^\W_](?![^\W_])")
_LEET = str.maketrans(
    {"4": "a", "@": "a", "0": "o", "1": "i", "3": "e", "5": "s", "$": "s", "7": "t"}
)
_CHANNEL_START = re.compile(rf"(?:{'|'.join(SOCIAL_STEMS)})")


_CHANNEL_LETTERS = tuple(frozenset(name) for name in DISGUISED_CHANNELS)
_LETTER_NEXT_TO_DIGIT = re.compile(r"[a-z][0-9@$]|[0-9@$][a-z]")


def _detect_disguised_channels(norm: _Normalised, found: _Collector, facts: _Facts) -> None:
    """App names written to slip past a word list: spaced or dotted letters, digits for
    letters. (Look-alike letters of other scripts are folded by the normalisation.)"""
    text = norm.text
    # Gate: a name spelled out leaves at least four of its letters as one-letter words.
    single = {word for word in facts.words if len(word) == 1}
    if not facts.shortcuts or any(len(single & letters) >= 4 for letters in _CHANNEL_LETTERS):
        for match in _SPELLED_OUT.finditer(text):
            letters = "".join(ch for ch in match.group() if ch.isalnum())
            if any(name in letters for name in DISGUISED_CHANNELS):
                found.add("social", match.start(), match.end())
    # A digit or sign for a letter: only words where a letter touches one are read.
    seen: set[int] = set()
    for hit in _LETTER_NEXT_TO_DIGIT.finditer(text):
        start, end = hit.start(), hit.end()
        while start > 0 and _in_leet_word(text[start - 1]):
            start -= 1
        while end < len(text) and _in_leet_word(text[end]):
            end += 1
        if start in seen or end - start < 5:
            continue
        seen.add(start)
        word = text[start:end]
        if not found.overlaps_claim(start, end) and _CHANNEL_START.match(word.translate(_LEET)):
            found.add("social", start, end)


def _in_leet_word(char: str) -> bool:
    return char.isalnum() or char in "@$"


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
        try:
            return _check(phonenumbers.parse("+" + digits, None), cued)
        except phonenumbers.NumberParseException:  # "+01 …": no such country code
            return False
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


def _mask_not_phone(text: str, facts: _Facts, windows: list[tuple[int, int]]) -> str:
    """``_mask(text, _NOT_PHONE)``, exact inside ``windows``, without trying the alternation
    at every character.

    No match contains a character such as "(", ";" or "!", so the matches inside a window only
    depend on the text since the last such character before it: only that stretch is scanned,
    the way ``finditer`` scans.  A match starts at the first digit of a run of digits
    (``_NOT_PHONE_AT_DIGIT`` finds those in C), at a currency sign, or at a word: a keyword
    followed by a digit, or a word start just before a long run of digits ("JJD0146…",
    "lx123456789de") or a "Z" ("Z 204 7751 903").
    """
    if _ID_KEYS is None:  # pragma: no cover - the keyword analysis failed: mask the slow way
        return _mask(text, _NOT_PHONE)
    breaks = facts.mask_breaks()
    stretches: list[list[int]] = []
    for start, end in windows:
        before = bisect.bisect_left(breaks, start)
        start = breaks[before - 1] + 1 if before else 0
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    spans: list[tuple[int, int]] = []
    digit_match: re.Match[str] | None = None
    others = _mask_starts_not_at_digits(text, facts)
    for start, end in stretches:
        covered, next_other = start, bisect.bisect_left(others, start)
        while covered < end:
            if digit_match is None or digit_match.start() < covered:
                digit_match = _NOT_PHONE_AT_DIGIT.search(text, covered)
            limit = min(end, digit_match.start() if digit_match else end)
            match = None
            # a word or sign before the next digit match is tried first, as finditer would
            while match is None and next_other < len(others) and others[next_other] < limit:
                at = others[next_other]
                next_other += 1
                if at >= covered:
                    sign = text[at] in _CURRENCY_SIGNS
                    match = (_NOT_PHONE_AT_SIGN if sign else _NOT_PHONE_AT_WORD).match(text, at)
            if match is None:
                if digit_match is None or digit_match.start() >= end:
                    break
                match = digit_match
            spans.append(match.span())
            covered = match.end()
            # Only an odd mix of digit scripts ends a match inside a run of digits; there
            # finditer would try the price pattern (the others need a run to start).
            mid_run = covered < len(text) and text[covered - 1 : covered + 1].isdecimal()
            if mid_run and (price := _NOT_PHONE_PRICE.match(text, covered)):
                spans.append(price.span())
                covered = price.end()
    pieces = []
    done = 0
    for start, end in spans:
        pieces.append(text[done:start])
        pieces.append(" " * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _mask_starts_not_at_digits(text: str, facts: _Facts) -> list[int]:
    """Where a NOT_PHONE match may start other than at a digit, in order."""
    found = [at for sign in _CURRENCY_SIGNS for at in _find_all(text, sign)]
    # an identifier keyword, then punctuation, a few letters and spaces, then a digit
    for key in facts.heads & _ID_KEY_SET:
        for match in _ID_KEY_STARTS[key].finditer(text):
            digit = _DIGIT_RUN.search(text, match.end())
            if digit and _ID_LEAD.fullmatch(text, match.end(), digit.start()):
                found.append(match.start())
    words = [match.start() for pattern in (_JJD, _Z_DIGITS) for match in pattern.finditer(text)]
    # a letter or two then nine digits: inside a chain of nine digits
    for chain in facts.chains():
        if chain.digits >= 9:
            for match in _NINE_DIGITS.finditer(text, chain.start, chain.end):
                words += (match.start() - 1, match.start() - 2)
    found += (at for at in words if at >= 0 and (at == 0 or not _is_word_char(text[at - 1])))
    return sorted(found)


def _find_all(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


class _Chain(NamedTuple):
    """Digit runs chained the way a phone candidate chains them (``_CHAIN``)."""

    start: int
    end: int
    digits: int
    window: tuple[int, int]  # widened by what may start or end a candidate around it


def _chains(text: str, start: int = 0, end: int | None = None) -> list[_Chain]:
    """The chains of ``text[start:end]`` with six digits or more.

    Inside a phone candidate, one digit run follows the next with look-alike letters and at
    most one separator between them.  Chains with six digits, widened by what may start or end
    a candidate (look-alike letters, "+", a space, "("), are the only places
    ``_PHONE_CANDIDATE`` can find one with six digits, and no candidate crosses their edges.
    """
    chains = []
    for chain in _CHAIN.finditer(text, start, len(text) if end is None else end):
        first, last = chain.span()
        if last - first < 6:
            continue
        digits = sum(map(str.isdecimal, chain.group()))
        if digits < 6:
            continue
        while first > 0 and text[first - 1] in _LOOKALIKE_CHARS:
            first -= 1
        while last < len(text) and text[last] in _LOOKALIKE_CHARS:
            last += 1
        window = (max(0, first - 3), min(len(text), last + 1))
        chains.append(_Chain(chain.start(), chain.end(), digits, window))
    return chains


def _has_cue(text: str, start: int, end: int) -> bool:
    return _PHONE_CUE.search(text, max(0, start - 40), min(len(text), end + 15)) is not None


def _detect_phone_digits(
    norm: _Normalised, found: _Collector, regions: tuple[str, ...], facts: _Facts
) -> None:
    text = norm.text
    if facts.shortcuts:
        # Masking only removes digits, so six chained digits must be there before it too.
        windows = [chain.window for chain in facts.chains()]
        if not windows:
            return
        masked = _mask_not_phone(text, facts, windows)
        # What is left of the chains once dates, prices and identifiers are masked (the text
        # is masked exactly inside the windows, and outside them no chain has six digits).
        windows = [
            inner.window
            for chain in facts.chains()
            if sum(map(str.isdecimal, masked[chain.start : chain.end])) >= 6
            for inner in _chains(masked, *chain.window)
        ]
    elif any(ch.isdigit() for ch in text):
        masked = _mask(text, _NOT_PHONE)
        windows = [(0, len(masked))]
    else:
        return
    for window_start, window_end in windows:
        for match in _PHONE_CANDIDATE.finditer(masked, window_start, window_end):
            _confirm_phone(match, norm, found, regions)


def _confirm_phone(
    match: re.Match[str], norm: _Normalised, found: _Collector, regions: tuple[str, ...]
) -> None:
    start, end = match.start(), match.end()
    if found.overlaps_claim(start, end):
        return
    raw = match.group()
    digits = re.sub(r"\D", "", raw.translate(_LOOKALIKE_TABLE))
    international = match.group("plus") is not None
    if international and raw.startswith("00"):
        digits = digits[2:]
    if "(0)" in raw and international:
        digits = _drop_bracket_zero(raw)
    if sum(ch.isdigit() for ch in raw) < 6:
        return
    # A written "+" and country code are as strong a cue as "call me".
    cued = raw.lstrip().startswith("+") or _has_cue(norm.text, start, end)
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
#: Every number word and compound part of every language, for a first cheap test.
_ANY_NUMBER_PART = frozenset().union(*LEXICON.values()) | COMPOUND_CONNECTORS
_ALL_CONNECTORS = frozenset().union(*NUMBER_CONNECTORS.values())
_LONGEST_PART = max(len(part) for part in _ANY_NUMBER_PART)


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


@lru_cache(maxsize=16384)
def _number_word_size(word: str, languages: tuple[str, ...]) -> int:
    """How many values the word stands for in the most generous of the languages, 0 if it is
    no number word in any of them."""
    if word not in _ANY_NUMBER_PART and not _may_be_compound(word):
        return 0
    return max(len(_word_values(word, language) or ()) for language in languages)


def _may_be_compound(word: str) -> bool:
    """A compound starts and ends with a number word of some language (``_segment``)."""
    if len(word) < 5:
        return False
    sizes = range(2, min(len(word), _LONGEST_PART) + 1)
    return any(word[:size] in _ANY_NUMBER_PART for size in sizes) and any(
        word[-size:] in _ANY_NUMBER_PART for size in sizes
    )


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
    norm: _Normalised,
    found: _Collector,
    regions: tuple[str, ...],
    languages: tuple[str, ...],
    facts: _Facts,
) -> None:
    text = norm.text
    # without shortcuts: the whole text as one stretch
    stretches = _number_stretches(text, facts, languages) if facts.shortcuts else [(0, len(text))]
    token_lists = [list(_TOKEN.finditer(text, start, end)) for start, end in stretches]
    for language in languages:
        for tokens in token_lists:
            # a run needs a number word of this language (without shortcuts: look anyway)
            if facts.shortcuts and not any(
                _word_values(token.group(), language) for token in tokens
            ):
                continue
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


# How the gate for spelled numbers works: a run that can be a phone number has eight digits and
# at least one number word.  A word stands for at most three digits per value, so unless it is
# a compound of three values or more, the run also holds the token next to it.  Only around
# such a word can a run be found; the run cannot reach beyond the stretch of tokens that are a
# run item in some language, so each language's runs are looked for in those stretches only.


def _number_stretches(
    text: str, facts: _Facts, languages: tuple[str, ...]
) -> list[tuple[int, int]]:
    """Spans of the stretches of run items (in any of the languages) that hold a number word
    with a run item next to it, or a compound of three values or more."""
    stretches: set[tuple[int, int]] = set()
    for word in _number_words(facts.words, languages):
        for found in _whole_letter_word(word).finditer(text):
            start, end = found.span()
            before = _token_before(text, start)
            after = _token_after(text, end)
            if (
                _number_word_size(word, languages) >= 3
                or (before is not None and _is_run_item(text[before[0] : before[1]], languages))
                or (after is not None and _is_run_item(text[after[0] : after[1]], languages))
            ):
                stretches.add(_stretch_around(text, start, end, languages))
    return sorted(stretches)


#: Per tuple of languages, the words seen so far with the number words they hold ("drei",
#: "12drei" → "drei") and those without: a message's number words are then a few set
#: operations away.  Cleared when large.
_NUMBER_WORD_MEMO: dict[tuple[str, ...], tuple[dict[str, tuple[str, ...]], set[str]]] = {}
_NUMBER_WORD_MEMO_LIMIT = 100_000


def _number_words(words: frozenset[str], languages: tuple[str, ...]) -> set[str]:
    """The number words (forms of the lexicon and compounds of them) among the ``_TOKEN``
    letter runs of ``words``."""
    known = _NUMBER_WORD_MEMO.get(languages)
    if known is None or len(known[0]) + len(known[1]) > _NUMBER_WORD_MEMO_LIMIT:
        known = _NUMBER_WORD_MEMO[languages] = ({}, set())
    holding, others = known
    for word in words - holding.keys() - others:
        parts = (word,) if word.isalpha() else _TOKEN.findall(word)  # "12drei": "12", "drei"
        found = tuple(
            part for part in parts if not part.isdecimal() and _number_word_size(part, languages)
        )
        if found:
            holding[word] = found
        else:
            others.add(word)
    return {part for word in words & holding.keys() for part in holding[word]}


@lru_cache(maxsize=4096)
def _whole_letter_word(word: str) -> re.Pattern[str]:
    """Finds ``word`` as a whole ``_TOKEN`` of letters (the word first: a fast string search)."""
    escaped = re.escape(word)
    return re.compile(rf"{escaped}(?<![^\W\d_]{escaped})(?![^\W\d_])")


def _token_after(text: str, end: int) -> tuple[int, int] | None:
    """The ``_TOKEN`` after offset ``end`` when only run gap characters are in between."""
    token = _TOKEN.match(text, _RUN_GAP.match(text, end).end())  # type: ignore[union-attr]
    return token.span() if token else None


def _token_before(text: str, start: int) -> tuple[int, int] | None:
    """The ``_TOKEN`` before offset ``start`` when only run gap characters are in between."""
    end = start
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in _RUN_GAP_CHARS):
        end -= 1
    if end == 0:
        return None
    same_kind = str.isdecimal if text[end - 1].isdecimal() else _is_letter
    if not same_kind(text[end - 1]):
        return None
    begin = end - 1
    while begin > 0 and same_kind(text[begin - 1]):
        begin -= 1
    return begin, end


def _is_run_item(token: str, languages: tuple[str, ...]) -> bool:
    """A token ``_spelled_runs`` may take into a run in one of the languages."""
    if token.isdigit():
        return len(token) <= 4
    return token in _ALL_CONNECTORS or _number_word_size(token, languages) > 0


def _stretch_around(text: str, start: int, end: int, languages: tuple[str, ...]) -> tuple[int, int]:
    while (before := _token_before(text, start)) and _is_run_item(
        text[before[0] : before[1]], languages
    ):
        start = before[0]
    while (after := _token_after(text, end)) and _is_run_item(text[after[0] : after[1]], languages):
        end = after[1]
    return start, end


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
    return _scan(text, language, shortcuts=True)


def _scan(text: str, language: str | None, *, shortcuts: bool) -> list[Finding]:
    """``scan``; with ``shortcuts=False`` every pattern runs over the whole text (the reference
    the fast path is tested against)."""
    if not text or text.isspace():
        return []
    norm = _normalise(text, shortcuts=shortcuts)
    facts = _Facts(norm.text, shortcuts=shortcuts)
    found = _Collector(norm)
    _detect_iban(norm, found, facts)
    _detect_email(norm, found, facts)
    _detect_links(norm, found, facts)
    _detect_handles(norm, found, facts)
    regions = _regions_for(language)
    _detect_phone_digits(norm, found, regions, facts)
    _detect_phone_words(norm, found, regions, _languages_for(language), facts)
    _detect_keywords(norm, found, facts)
    _detect_disguised_channels(norm, found, facts)
    return found.findings()
