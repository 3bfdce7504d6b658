"""The detectors added for what unseen writers wrote (issue 14, second round): each case names
the class of message, not a corpus sentence. The detectors alone (``detect``); the fast path
and the reference path must find the same (``engine._scan(…, shortcuts=False)``)."""

import time

import pytest

from helpdesk.scanner import detect, engine, scan
from helpdesk.scanner.intent import concepts_of
from helpdesk.scanner.training import Example, cross_validate


@pytest.fixture(autouse=True)
def platform_domain(settings):
    settings.PLATFORM_DOMAIN = "marketplace.example"


def found(text: str, language: str | None = None) -> set[tuple[str, str]]:
    findings = detect(text, language=language)
    reference = engine._scan(text, language, shortcuts=False)
    assert findings == reference
    return {(f.kind, text[f.start : f.end]) for f in findings}


def kinds(text: str, language: str | None = None) -> set[str]:
    return {kind for kind, _ in found(text, language)}


def firm(text: str, language: str | None = None) -> set[tuple[str, str]]:
    """The detectors' findings the intent model cannot drop."""
    spans, soft = engine.detect_spans(text, language=language)
    return {(kind, text[start:end]) for kind, start, end in spans if (kind, start, end) not in soft}


def firm_kinds(text: str, language: str | None = None) -> set[str]:
    """The kinds of ``firm``'s findings."""
    return {kind for kind, _ in firm(text, language)}


def detected_kinds(text: str, language: str | None = None) -> set[str]:
    """The kinds of every detector finding, soft ones included (before the models)."""
    spans, _ = engine.detect_spans(text, language=language)
    return {kind for kind, _, _ in spans}


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("na horydoly tecka cz psali, ze ta bunda premoka", "cs", "horydoly tecka cz"),
        ("en forocoches punto com dicen que falla la bomba", "es", "forocoches punto com"),
        ("a gyakorikerdesek pont hu-n azt írják", "hu", "gyakorikerdesek pont hu"),
        ("a few people on singletrackworld dot com reckon so", "en", "singletrackworld dot com"),
    ],
)
def test_a_domain_spelled_out_before_a_top_level_domain_that_is_no_word(text, language, span):
    assert ("url", span) in found(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Il punto è che il pacco è arrivato rotto.",  # "punto" + "è": no domain
        "Der Punkt ist, dass das Paket fehlt.",
        "C'est le point de retrait le plus proche.",
    ],
)
def test_everyday_points_are_no_domains(text):
    assert "url" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # a Hungarian case ending joined by a hyphen is no part of the domain
        ("a saját webshopomban, bringamuhely-szeged.hu-n olcsóbb", "hu", "bringamuhely-szeged.hu"),
        ("nézze meg a pelda-bolt.com-ról", "hu", "pelda-bolt.com"),
        # spaces on both sides of the dot: prose puts none before a full stop
        ("a few people on mtbr . com are saying the shock leaks", "en", "mtbr . com"),
        ("Na fóru mtbs . cz lidi psali, že to vrže", "cs", "mtbs . cz"),
        ("Sul forum tennisitalia . it leggo che va incordata", "it", "tennisitalia . it"),
        # short-link and image hosts of other top-level domains
        ("le foto sono qui: postimg.cc/gallery/Kx72LpQ", "it", "postimg.cc/gallery/Kx72LpQ"),
        ("te he subido las fotos aquí: we.tl/t-8Kx2pLmQ9", "es", "we.tl/t-8Kx2pLmQ9"),
    ],
)
def test_a_domain_with_a_case_ending_spaced_dots_or_a_short_link_host(text, language, span):
    assert ("url", span) in found(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "On verra demain . de toute façon le colis arrive",  # a word before " . de"
        "It was fine . it works now",
        "je to ok . cz neni potreba",
        "a .com-style name for the shop",
    ],
)
def test_spaced_full_stops_before_everyday_words_are_no_domains(text):
    assert "url" not in kinds(text)


def test_a_discord_invitation_is_a_link_and_a_channel():
    got = found("Sunday rides are organised here: discord.gg/northernrides")
    assert {("url", "discord.gg/northernrides"), ("social", "discord.gg/northernrides")} <= got


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("schick mir die Maße bitte auf Te1egram", "Te1egram"),
        ("mi mandi lo schema su S1gnal? qui non si apre", "S1gnal"),
    ],
)
def test_a_one_for_an_l_or_an_i_disguises_an_app(text, span):
    assert ("social", span) in found(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Schreiben Sie mir eine SMS an 0l76 / 4O3 22 918, wenn der Termin steht.", "de"),
        ("Text me on oh seven seven double oh, nine double oh, one two three.", "en"),
        ("Napište mi SMS na sedm sedm sedm, jedna dva tři, čtyři pět šest.", "cs"),
    ],
)
def test_a_text_message_to_a_number_however_it_is_written_moves_the_talk(text, language):
    assert {"social", "phone"} <= kinds(text, language)


def test_a_carriers_text_message_without_a_number_is_no_channel_move():
    assert kinds("Der Code kommt per SMS von DHL, bitte am Automaten eingeben.", "de") == set()


def test_signal_as_a_verb_is_the_app():
    assert ("social", "Signal me") in found("Signal me when he's about an hour out?")
    assert "social" not in kinds("The signal on my phone is weak in the garage.")


def test_black_friday_is_marketing_in_every_language():
    assert ("marketing", "Black Friday") in found("Black Friday −30 % na všechno nářadí!")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("I'll send you my account details by e-mail.", "en", "account details"),
        ("Te paso los datos bancarios por correo.", "es", "datos bancarios"),
        ("Údaje k platbě vám pošlu zvlášť.", "cs", "Údaje k platbě"),
        ("Meine Bankdaten schicke ich Ihnen gern.", "de", "Bankdaten"),
    ],
)
def test_bank_details_asked_or_given_are_payment(text, language, span):
    assert ("payment", span) in found(text, language)


def test_bank_details_through_the_platform_are_not():
    text = "The refund goes to the bank details you gave the platform."
    assert "payment" not in kinds(text, "en")


def test_a_comparison_with_the_platform_keeps_a_weak_payment_word():
    text = "Pošlite mi peniaze cez Revolut, je to rýchlejšie ako cez portál."
    assert "payment" in kinds(text, "sk")
    assert "payment" not in kinds("The refund is a bank transfer through the platform.", "en")


def test_a_payment_app_with_a_phone_number_is_payment_outside():
    assert ("payment", "Blik") in found("Blik na numer 604 218 733 i wysyłam.", "pl")
    assert "payment" not in kinds("Zapłaciłam BLIKiem przy zamówieniu, dziękuję.", "pl")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Drop us a line about the sizing, we're fellrunnersupply on hotmail.", "hotmail"),
        ("Kannst du mir das Foto auf meine gmail schicken?", "gmail"),
        ("píšte mi na azete, meno je rovnaké ako tu", "azete"),
    ],
)
def test_a_mail_provider_named_as_where_to_write_is_an_address(text, span):
    assert ("email", span) in found(text)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Could you ring me, the number starts 07700, then 900, then 4, then 61. Thanks",
            "en",
            "07700, then 900, then 4, then 61",
        ),
        ("Zavolajte mi, číslo začína 0911, potom 45, potom 20, a na konci 31", "sk", None),
        ("Bitte vorher anrufen, Vorwahl ist die 0160, danach kommt 98 76 543.", "de", None),
        ("Kurier niech dzwoni, numer zaczyna się od 604, dalej 88, 12, 39.", "pl", None),
        ("Le livreur peut m'appeler, ça commence par 06 45 et après c'est 23 19 80.", "fr", None),
        ("Numărul începe cu 0744. Restul e 318 552, sunt acasă de la cinci.", "ro", None),
    ],
)
def test_a_phone_number_dictated_in_pieces_with_words_between(text, language, span):
    assert "phone" in kinds(text, language)
    assert "phone" in kinds(text)
    if span:
        assert ("phone", span) in found(text, language)


@pytest.mark.parametrize(
    "text",
    [
        # a street and a postcode, a frame number and a year, a part number and models,
        # measures, a serial number and a date: numbers with words between that are no phone
        "El paquete está en la calle Alcalá 245, 28028 Madrid, llámeme, lo guardan 7 días.",
        "Numéro de cadre WBK 330718 A, année 2020, roues de 20 pouces, poids 9,8 kg.",
        "OE szám 1K0 698 151, Golf 5, Golf 6, Octavia 2 és Leon 1P modellekhez.",
        "Call me about the 2 parcels: 182 x 64 x 12 cm and 95 x 40 x 30 cm, 58 kg.",
        "A gyári száma 118 4590, a gyártás dátuma 2025. október, hívjon, ha kell.",
    ],
)
def test_numbers_with_words_between_that_are_no_phone_number(text):
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # a transaction, a request, a catalogue or article number; "č." / "c." for "number"
        "Prosím o vrácení druhé platby přes platformu, číslo transakce 8844120937.",
        "Reklamaci jsem založil, číslo požadavku 55120931. Prosím o pokyny.",
        "Díl pro Jawu 350, katalogové číslo 634-12-013, hmotnost 1,2 kg.",
        "hanno codice articolo 501.170012, misura UK 9 / EU 43",
        "zasielka c. 3201548877 (SPS) je stale v sklade, kedy to pojde?",
        # a date and a time of day around a preposition that is also "oh"
        "przesyłka została doręczona 14.03 o 11:52 i odebrana przez sąsiada",
    ],
)
def test_identifiers_and_times_of_day_are_no_phone_numbers(text):
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # a mailbox name, a little word, a domain whose provider the lists do not name
        (
            "envoyez-le à julie.vasseur chez free point fr svp",
            "fr",
            "julie.vasseur chez free point fr",
        ),
        ("bitte an petra.lange bei web.de", "de", "petra.lange bei web.de"),
        # spaces on both sides of a dot in the mailbox name and the domain
        (
            "pošlite mi ho na m . hudec zavináč post . sk, ďakujem",
            "sk",
            "m . hudec zavináč post . sk",
        ),
        # a number set apart in the mailbox name
        ("factura va rog pe cristi . radu 90 @ yahoo . ro", "ro", "cristi . radu 90 @ yahoo . ro"),
        # back to front, for the robots
        (
            "mon mail à l'envers : com point free arobase dupont.jm",
            "fr",
            "com point free arobase dupont.jm",
        ),
        # "ät", the German way to say "@"
        ("schreiben Sie mir an k.brandt ät web punkt de.", "de", "k.brandt ät web punkt de"),
    ],
)
def test_an_address_said_with_a_domain_spaced_or_back_to_front(text, language, span):
    assert ("email", span) in found(text, language)
    assert ("email", span) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "-20 % avec le code JARDIN20 sur tinyurl.com/boutique-jardin-ete",  # a code, a link
        "the firmware v2.1 on samsung.com is newer",  # a version, a site
        "Ich habe die rechnung.pdf von amazon.de bekommen",  # a file, a site
        "mein Name max.muster auf marketplace.example",  # the platform
    ],
)
def test_a_code_a_version_or_a_file_before_a_site_is_no_address(text):
    assert "email" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "nie mam gmaila, piszmy tutaj",
        "la facture est sur la page, pas sur gmail.",
        "V seznamu dílů chybí dvě matice.",  # "seznam" is a list
        "Ho letto su Libero che il modello è nuovo.",
    ],
)
def test_a_provider_refused_or_an_everyday_word_is_no_address(text):
    assert "email" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our VAT no. is GB 123 4567 89, printed on the invoice.",
        "The frame number is WSBC 905 123 456, registered to your order.",
        "UID-Nummer ATU 63448219 bitte auf der Rechnung.",
        "tracking 1Z 999 AA1 01 2345 6784, 1 pallet",
        "A 2026/00418 számú számla kiegyenlítve. Adószám: 12345678-2-42.",
        "Na WZ nr 412/04/2026 jest 30 kartonów.",
    ],
)
def test_codes_in_capitals_and_document_numbers_are_no_phone_numbers(text):
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # measures after numbers: frequencies, a battery, a phone's memory, a floor area
        "Zesilovač signálu pro mobil pracuje v pásmech 900/1800/2100 MHz.",
        "Telefon 128 GB, ekran 6,1 cala, bateria 3279 mAh, waży 172 g.",
        "Le studio fait 32 m², l'appareil consomme 1 200 kWh par an.",
        # a company number after the country of registration
        "Acme Tools Ltd, registered in England and Wales no. 09876543, VAT GB 987 6543 21.",
    ],
)
def test_measures_and_company_numbers_are_no_phone_numbers(text):
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # a comma and a space end a number: a phone number, then a price or a measure
        ("Rufen Sie mich an, 0171 2345678, 15 € Rabatt gibt es dann.", "de", "0171 2345678"),
        ("Scrivimi al 347 123 4567, 64 GB a 199 €.", "it", "347 123 4567"),
        ("In Wales? Call 07700 900 456 and ask for Rhys.", "en", "07700 900 456"),
        # a word that is no unit after the number ("ah", not "mAh")
        ("bon, appelez le 06 12 34 56 78 ah oui après 18h", "fr", "06 12 34 56 78"),
    ],
)
def test_a_phone_number_before_a_price_or_a_measure_is_still_found(text, language, span):
    assert ("phone", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "mon numéro : 0 • 6 • 1 • 2 • 3 • 4 • 5 • 6 • 7 • 8, merci",
            "fr",
            "0 • 6 • 1 • 2 • 3 • 4 • 5 • 6 • 7 • 8",
        ),
        ("Handy 0·1·7·1·2·3·4·5·6·7·8", "de", "0·1·7·1·2·3·4·5·6·7·8"),
        ("zadzwoń 600 • 700 • 800 wieczorem", "pl", "600 • 700 • 800"),
    ],
)
def test_a_phone_number_with_bullets_between_its_digits(text, language, span):
    assert {value for kind, value in found(text, language) if kind == "phone"} == {span}


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Die Rechnung bitte an jana punkt w bei gmx punkt net schicken.", "de", "gmx punkt net"),
        ("adresa mea: ion_pop90 coada yahoo punct com, multumesc", "ro", "yahoo punct com"),
        ("il mio indirizzo è marco.bianchi e poi virgilio punto it", "it", "virgilio punto it"),
    ],
)
def test_a_mail_providers_domain_next_to_an_address_is_the_address_not_a_site(text, language, span):
    found_kinds = found(text, language)
    assert "url" not in {kind for kind, _ in found_kinds}
    assert any(kind == "email" and span in value for kind, value in found_kinds)


def test_a_shop_s_site_next_to_an_address_is_still_a_link():
    text = "Unser Shop: www.gartenwerk-kiel.de, Fragen an info bei gmx punkt de."
    assert {kind for kind, _ in found(text, "de")} == {"url", "email"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("WA 0612 34 56 78, merci", "fr"),
        ("MOBIL 0171 2345678, ab 18 Uhr", "de"),
        ("Ruf mich an: 0171/2345678", "de"),
        ("ruf an 030/1234567 bitte", "de"),
    ],
)
def test_phone_numbers_after_a_phone_code_or_with_a_slash_still_are(text, language):
    assert "phone" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Deskovky najdete na mém e-shopu, jsou tam levnější: hernicka-u-stolu.cz", "levnější"),
        ("Pour les nouveautés, suivez le compte insta @atelier.ninon", "suivez"),
        ("Join us on WhatsApp for early access", "Join us on WhatsApp"),
    ],
)
def test_a_promotional_word_next_to_a_link_or_handle_is_marketing(text, cue):
    assert ("marketing", cue) in found(text)


def test_a_promotional_word_without_a_link_or_handle_is_not():
    assert "marketing" not in kinds("Ce modèle est moins cher que l'autre, je le prends.")


def test_the_cross_validation_gives_the_same_with_one_process_or_two():
    texts = [
        ("Zapłać przelewem na moje konto, taniej.", {"payment"}),
        ("Paczka wyszła dziś kurierem.", set()),
        ("Pay me by bank transfer instead of here.", {"payment"}),
        ("Thanks, the parcel arrived today.", set()),
        ("Write me on WhatsApp please.", {"social"}),
        ("No WhatsApp for me, let's stay here.", set()),
    ]
    examples = [
        Example(text, frozenset(labels), [], frozenset(), writer=f"w{i % 3}")
        for i, (text, labels) in enumerate(texts * 3)
    ]
    one = cross_validate(examples, log=lambda _: None, processes=1)
    two = cross_validate(examples, log=lambda _: None, processes=2)
    assert one[0] == two[0]
    assert [j.probability for j in one[1]] == [j.probability for j in two[1]]


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # an em dash between the groups
        ("Volejte mi večer na 605 — 224 — 918, díky", "cs", "605 — 224 — 918"),
        # two numbers listed with a slash: each is one
        ("Atelier Lemn SRL, tel. 0256 214 330 / 0745.118.902", "ro", "0256 214 330"),
        ("Atelier Lemn SRL, tel. 0256 214 330 / 0745.118.902", "ro", "0745.118.902"),
        # "treble", the Irish and British "triple"
        ("ring me on oh eight seven, treble two, four five one six", "en", None),
        # "+" said as a word before a spelled number
        (
            "mon numéro : plus trente-trois, six, douze, quarante, quatre-vingt-huit, dix-neuf",
            "fr",
            "plus trente-trois, six, douze, quarante, quatre-vingt-huit, dix-neuf",
        ),
    ],
)
def test_phone_numbers_with_dashes_slashes_or_said_signs(text, language, span):
    assert "phone" in kinds(text, language)
    if span:
        assert ("phone", span) in found(text, language)


def test_a_slash_between_two_groups_of_one_number_keeps_it_one_number():
    assert ("phone", "0721/234 567") in found("Tel. 0721/234 567, ab 9 Uhr", "de")


@pytest.mark.parametrize(
    "text",
    [
        # an identifier's keyword, then words and "is" or a colon, then the number
        "Sériové číslo vaší pračky je 804 5521 3376, najdete ho na štítku.",
        "Seriennummer des Kompressors: 0 421 556 918, Baujahr 2024.",
        "Serial number for the dishwasher: 0812 4471 9920, model SMS4HTI45E.",
        "Matricola della caldaia: 347 2210 5589, modello Victrix.",
        "Číslo faktúry je 2026007731, nájdete ho v detaile objednávky.",
    ],
)
def test_an_identifier_named_a_few_words_before_its_number_is_no_phone(text):
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # words between an identifier's keyword and a number, but a phone word among them
        ("For the order my number is 07700 900461", "en"),
        ("Zur Bestellung meine Handynummer: 0171 2345678", "de"),
        ("My number, in case the app dies: 07700 900 461", "en"),  # "in case", no case number
    ],
)
def test_a_phone_number_after_an_identifiers_keyword_and_a_phone_word_still_is(text, language):
    assert "phone" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # dashes between the dictated parts
        ("pošlete to na servis-zavinac-kolarna-tecka-cz", "cs", "servis-zavinac-kolarna-tecka-cz"),
        # a multi-word "@": "coadă de maimuță"
        (
            "scrieți-mi la comenzi, coadă de maimuță, atelier-lemn, punct, ro",
            "ro",
            "comenzi, coadă de maimuță, atelier-lemn, punct, ro",
        ),
        # "-" and "_" said as words
        (
            "an jonas Unterstrich berger, dann at, dann t minus online Punkt de",
            "de",
            "jonas Unterstrich berger, dann at, dann t minus online Punkt de",
        ),
        (
            "escríbeme a lucia guion bajo prats arroba yahoo punto es",
            "es",
            "lucia guion bajo prats arroba yahoo punto es",
        ),
    ],
)
def test_an_address_dictated_with_dashes_or_said_signs(text, language, span):
    assert ("email", span) in found(text, language)


def test_a_hyphen_said_in_a_domain_makes_a_link():
    assert ("url", "holz minus werk Punkt at") in found("Im Shop holz minus werk Punkt at", "de")


@pytest.mark.parametrize(
    "text",
    [
        "il fait moins cinq au point de rendez-vous",  # "moins" is no hyphen word
        "Le point de retrait est à moins de 5 km, point de vente Relay.",
    ],
)
def test_everyday_minus_words_make_no_domain(text):
    assert "url" not in kinds(text)
    assert "email" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("pošlete fotky radši přes Vi.ber", "Vi.ber"),
        ("send the pics via What.sApp pls", "What.sApp"),
        ("napište mi na Tele-gramu", "Tele-gramu"),
    ],
)
def test_an_app_name_cut_by_a_sign_is_the_app(text, span):
    assert ("social", span) in found(text)


@pytest.mark.parametrize(
    "text",
    ["see whatsapp.com for the terms", "a viber-számon", "visit sig.nal-iduna.de today"],
)
def test_a_link_or_a_case_ending_is_no_cut_app_name(text):
    assert ("social", "sig.nal-iduna") not in found(text)
    assert not any(kind == "social" and "-" in span for kind, span in found(text))


@pytest.mark.parametrize(
    "text",
    [
        # a carrier, a comma and the word "number"; "n." for "number"
        "Balík převzala PPL, číslo 40912345678, doručení v úterý.",
        "Spedito con BRT n. 0 611 2290 457, arriva giovedì.",
        # a Packeta number grouped 4-4-2; a company number; an Italian code and tax code
        "Podací číslo mám Z 3301 2278 45, je to v pořádku?",
        "Invoice to Moorland Tools Ltd, Companies House 09123457.",
        "Ricambio spedito (cod. 6612034471), C.F. 02345678901.",
        # an order number followed by words that are also number words ("e un")
        "Porti il numero d'ordine 2026-100-5532 e un documento, grazie.",
    ],
)
def test_carriers_company_and_tax_codes_are_no_phone_numbers(text):
    assert "phone" not in kinds(text)


def test_a_parcel_word_then_a_comma_then_a_number_is_still_a_phone_number():
    assert "phone" in kinds("Scrieți-mi când pleacă coletul, 0744 128 903, mersi", "ro")


def test_a_companys_legal_form_is_no_mailbox_name():
    text = "S pozdravem Pekárna Centrum s.r.o., Husova 4, Brno, IČO 27654321"
    assert "email" not in kinds(text, "cs")
    assert "email" in kinds("napište mi na centrum, jsem tam jako petr.vlk", "cs")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # letters for digits, fewer than six real digits left: O, I, l, and S, Z, B inside
        ("whats app is easier — O78OO 9OO 3l7", "en", "O78OO 9OO 3l7"),
        ("mój nr kom. 5OO 7O0 3OO", "pl", "5OO 7O0 3OO"),
        ("volajte: O9O5 I2S 3B4, vďaka", "sk", "O9O5 I2S 3B4"),
        ("sunați-mă la O7Z4 l45 9O8", "ro", "O7Z4 l45 9O8"),
        # a time of day is no mask inside a number with letters for digits
        ("Mon num : 06.8I.45.O2.19", "fr", "06.8I.45.O2.19"),
        ("notre standard : 05.56.I7.8O.22 (lun-ven)", "fr", "05.56.I7.8O.22"),
    ],
)
def test_phone_numbers_with_letters_for_many_digits(text, language, span):
    assert ("phone", span) in found(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "la factura de la empresa B87654321 está en el pedido",  # a CIF starts with a letter
        "partita IVA comunitaria SI12345678, serve il reverse charge",
        "Lieferung am 12.05. zwischen 10.30 und 14.00 Uhr, Paket 1l 20",
        "we close at 17.30 i think, lol 2024 was a good year",
        "iPhone 6s 64 GB, Galaxy S7 edge 32 GB, both boxed",
    ],
)
def test_codes_and_times_next_to_letters_are_no_phone_numbers(text):
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a comma ends a group of number words: "dva, sto dvacet tři" is 2 123, not 223
        ("volejte mi na šest nula čtyři, sto dvacet tři, čtyři sta padesát šest", "cs"),
        ("zavolajte mi: nula deväť nula päť, stodvadsaťtri, štyristopäťdesiatšesť", "sk"),
        # a number spelled after a phone word, without the trunk prefix
        ("mon portable : six, quatre-vingt-un, vingt-deux, quarante-cinq, quatre-vingt-dix", "fr"),
        ("llámame al seis, cero, nueve, doce, treinta y cuatro, cincuenta y seis", "es"),
    ],
)
def test_phone_numbers_spelled_in_groups(text, language):
    assert "phone" in kinds(text, language)


def test_number_words_without_a_phone_word_need_the_trunk_prefix():
    text = "six, quatre-vingt-un, vingt-deux, quarante-cinq, quatre-vingt-dix"
    assert "phone" not in kinds(text, "fr")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # back to front, as written
        ("napište mi na moc.liamg@07kvolap, pozpátku kvůli robotům", "cs", "moc.liamg@07kvolap"),
        # a plus between the dictated parts
        ("mail: biuro + kropka + meble + małpa + wp + kropka + pl", "pl", None),
        # a space for the dot before the top-level domain, after "at" or a little word
        ("schreiben Sie an werkstatt.maier at web de.", "de", "werkstatt.maier at web de"),
        ("náš mail je objednavky-kola na centrum cz, díky", "cs", "objednavky-kola na centrum cz"),
        # "the at sign", "l'arobase", a dot said inside the mailbox name
        ("it's info, then the at sign, then casa-verde dot it", "en", None),
        (
            "c'est louise point morel, ensuite l'arobase, et après orange point fr",
            "fr",
            "louise point morel, ensuite l'arobase, et après orange point fr",
        ),
    ],
)
def test_addresses_backwards_with_pluses_spaces_or_the_at_sign_said(text, language, span):
    assert "email" in kinds(text, language)
    if span:
        assert ("email", span) in found(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "objednal jsem e-shop na alza cz a přišlo to rozbité",  # a short name with a hyphen
        "the v2.1 on samsung com is newer",
        "Ich wohne in Wien at, bin aber oft bei Oma in Graz at",
        "Puzzle-ul de 1000 de piese are doua piese lipsa",  # a number is no domain
    ],
)
def test_words_before_a_space_and_a_top_level_domain_are_no_address(text):
    assert "email" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # a long name, a market's own word for the dot, the country's domain that is a word
        ("su prezzibassi punto it la stessa costa meno", "it", "prezzibassi punto it"),
        ("auf moebelpreise punkt de kostet er weniger", "de", "moebelpreise punkt de"),
        # short-link hosts
        ("das Formular: forms.gle/7QkP2vZxL", "de", "forms.gle/7QkP2vZxL"),
        ("screenshot: prnt.sc/x1y2z3", "en", "prnt.sc/x1y2z3"),
    ],
)
def test_domains_said_with_a_word_domain_and_short_link_hosts(text, language, span):
    assert ("url", span) in found(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "c'est le meilleur point de vente de la région",
        "the meeting point at the station, starting point to the lake",
        "mi principal punto es que no llegó",
        "Nuestro punto de recogida en Sevilla abre a las 9",
        "il secondo punto è chiaro, il primo punto it no",
    ],
)
def test_points_in_prose_before_a_word_domain_are_no_links(text):
    assert "url" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        # a payment service's name disguised: digits and signs, spelled out, cut, I for l
        ("pay me on P4yp@l friends and family", "payment", "P4yp@l"),
        ("send it via P a y P a l please", "payment", "P a y P a l"),
        ("schick mir das Geld über Rev0lut", "payment", "Rev0lut"),
        ("zapłać na pay.pal, będzie szybciej", "payment", "pay.pal"),
        ("PayPaI is fine for me", "payment", "PayPaI"),
        # a capital I for an l in an app's name
        ("hit me up on teIegram", "social", "teIegram"),
    ],
)
def test_a_payment_service_or_an_app_in_disguise(text, kind, span):
    assert (kind, span) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "this is simply irrelevant, signing off",
        "I paid with PayPal at checkout",
        "ils signaient le bon de livraison",
    ],
)
def test_words_with_an_i_are_no_disguised_names(text):
    assert not {kind for kind, _ in found(text)} & {"payment", "social"}


@pytest.mark.parametrize("sign", ["+", "-", " unterstrich ", " punkt "])
def test_many_parts_joined_by_signs_are_read_without_trying_every_split(sign):
    """Parts that a name and a gap could both take ("ab+ab+…" before an at-word) were read
    every possible way: twenty of them took seconds, twenty-four over a minute. A bound far
    above what a healthy scan takes (a millisecond or two), not a benchmark."""
    for tail in (" arobase x de.", " at gmail punkt de.", " zavinac sk"):
        text = "de " + sign.join(["ab"] * 20) + tail
        began = time.perf_counter()
        found(text)
        assert time.perf_counter() - began < 1.0, (sign, tail)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Teile-Info: Ersatzteil-Nr. 0172-334-56 ist das obere, 0172-334-57 das untere.", "de"),
        ("La referencia del filtro es 655-210-330; el grande es el 655-210-331.", "es"),
        ("Part number 07811-402-118 fits the 2019 model, 07811-402-119 the older one.", "en"),
        ("Bestell-Nr. 0151 7788990 ist bezahlt.", "de"),
    ],
)
def test_an_identifiers_sibling_and_german_nr_identifiers_are_no_phone_numbers(text, language):
    assert "phone" not in kinds(text, language)


def test_a_number_called_beside_an_identifier_of_the_same_shape_is_still_a_phone():
    text = "Order 0171-223-45 is here. Call me on 0171-223-99, please."
    assert ("phone", "0171-223-99") in found(text, "en")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("mrkněte na náš eshop lampy-svoboda cz, tam je to levnější", "cs", "lampy-svoboda cz"),
        ("more colours on our site yarnandbarrow co uk if you fancy", "en", "yarnandbarrow co uk"),
        ("zajrzyj na stronę ceramikazlasu pl, są nowe kubki", "pl", "ceramikazlasu pl"),
    ],
)
def test_a_site_written_with_a_space_for_its_dot(text, language, span):
    assert ("url", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Adres: ul. Polna 3, 00-950 Warszawa PL", "pl"),
        ("wystarczy maila, dostaniesz info jako pierwsza", "pl"),
        ("je vous remercie beaucoup fr", "fr"),
        ("paczka pl dotarła", "pl"),
    ],
)
def test_places_and_everyday_words_before_a_country_code_are_no_sites(text, language):
    assert "url" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("pište na jana tečka horakova na seznamu", "cs", "jana tečka horakova na seznamu"),
        ("scrivimi: marco, punto, ferri, su libero", "it", "marco, punto, ferri, su libero"),
        ("Mail an tom unterstrich berger bei gmx", "de", "tom unterstrich berger bei gmx"),
    ],
)
def test_a_mailbox_name_dictated_in_parts_at_a_named_provider(text, language, span):
    assert ("email", span) in found(text, language)


def test_a_time_of_day_said_with_punkt_is_no_mailbox_name():
    assert ("email", "um Punkt acht bei GMX") not in found("Wir sind um Punkt acht bei GMX", "de")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("mandámelo como “entre amigos”, porfa", "“entre amigos”"),
        ("pošlete to jako 'mezi přáteli', bez poplatků", "'mezi přáteli'"),
        ("send it as 'friends and family' and I'll post today", "'friends and family'"),
    ],
)
def test_friends_and_family_in_quotes_is_payment_outside(text, span):
    assert ("payment", span) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        'I bought it for my "friends" at work',
        "Join « Les amis du vélo de Lyon » on the forum",
    ],
)
def test_friends_in_quotes_as_a_word_or_a_name_is_no_payment(text):
    assert "payment" not in kinds(text)


def test_joining_a_shops_group_on_an_app_is_marketing():
    assert ("marketing", "Join our WhatsApp group") in found(
        "Join our WhatsApp group for early access"
    )
    assert ("marketing", "Vormerkliste") in found("Soll ich Sie auf die Vormerkliste setzen?", "de")


def test_a_phone_number_with_double_slashes_and_a_whatsapp_short_link():
    assert ("phone", "0907 // 514 // 228") in found("sms mi: 0907 // 514 // 228", "sk")
    assert ("social", "wa.link/kvetinarstvo") in found("píšte sem wa.link/kvetinarstvo", "sk")


def test_a_carriers_text_message_quoted_with_its_parcel_number_is_no_channel_move():
    text = "Přišla mi SMS od PPL: zásilka 40871234567890 bude doručena zítra mezi 8 a 16."
    assert "social" not in kinds(text, "cs")
    assert "social" in kinds("pošlete SMS na 602 123 456", "cs")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("fotky jsou tady: imgur com/a/Pq81Zk", "cs", "imgur com/a/Pq81Zk"),
        ("na olx kropka pl jest taniej", "pl", "olx kropka pl"),
        ("pe emag punct ro e mai ieftin", "ro", "emag punct ro"),
    ],
)
def test_a_short_site_name_with_its_dot_said_or_a_path_after_a_space(text, language, span):
    assert ("url", span) in found(text, language)


def test_a_short_name_after_an_at_word_is_a_mailbox_domain_not_a_site():
    text = "pište na jméno tečka příjmení zavináč vse tečka cz"
    assert ("url", "vse tečka cz") not in found(text, "cs")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Anfragen bitte an verkauf bei moebel-kranz punkt de",
            "de",
            "verkauf bei moebel-kranz punkt de",
        ),
        ("écrivez à sav chez velos-martin point fr", "fr", "sav chez velos-martin point fr"),
        (
            "fakturu pošlete na faktury (na) drevo-hora (tečka) cz",
            "cs",
            "faktury (na) drevo-hora (tečka) cz",
        ),
        (
            "c'est paul point girard chez orange point fr",
            "fr",
            "paul point girard chez orange point fr",
        ),
    ],
)
def test_a_shared_or_dictated_mailbox_at_a_domain_said_with_a_little_word(text, language, span):
    assert ("email", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("rufen Sie an: 0151 ,234 ,56 ,78", "de", "0151 ,234 ,56 ,78"),
        ("appelez le 06.71. 45.37.88 après 18h", "fr", "06.71. 45.37.88"),
        (
            "mesaj aici: viber://chat?number=%2B40721234567",
            "ro",
            "viber://chat?number=%2B40721234567",
        ),
        (
            "írjon: api.whatsapp.com/send?phone=36301234567",
            "hu",
            "api.whatsapp.com/send?phone=36301234567",
        ),
        ("or signal.me/#p/+447700900123 tonight", "en", "signal.me/#p/+447700900123"),
    ],
)
def test_a_phone_number_in_a_messaging_link_or_with_odd_separators(text, language, span):
    assert ("phone", span) in found(text, language)


def test_an_app_link_is_a_channel_and_a_link():
    assert {"social", "url"} <= kinds("pište mi přes viber://chat?number=%2B420602123456", "cs")


def test_an_address_hyphenated_around_a_short_at_word_is_found_on_the_fast_path_too():
    """The fast path ran the hyphenated pattern only when a bare at-word's first word ("la",
    "the", "das") stood somewhere in the message; its own at-word between hyphens is the
    gate now (``found`` compares with the reference path)."""
    assert ("email", "biuro-a-meble-kropka-pl") in found("napisz: biuro-a-meble-kropka-pl", "pl")


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        ("dispo demain, whatsapp moi au 06 71 45 37 88 pour l'heure", "fr", "whatsapp"),
        ("Schreib mir auf Telegram, 0151 2345 6789, dann klären wir das", "de", "Telegram"),
        ("pošlete mi prosím SMSku, mobil 602 418 337", "cs", "SMSku"),
    ],
)
def test_an_app_or_a_text_message_by_a_phone_number_is_firm(text, language, word):
    """The number is given for that app: no refusal or mention explains it, so the intent
    model may not drop it."""
    spans, soft = engine.detect_spans(text, language=language)
    social = [span for span in spans if span[0] == "social" and word in text[span[1] : span[2]]]
    assert social
    assert not soft.intersection(social)


def test_an_app_named_alone_stays_a_soft_finding():
    text = "I saw your ad on Instagram and ordered here."
    spans, soft = engine.detect_spans(text, language="en")
    assert [span for span in spans if span[0] == "social"] == list(soft)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("c'est plus simple sur l'appli verte, je réponds vite", "fr", "appli verte"),
        ("pisz śmiało na zielonym, odpisuję wieczorem", "pl", "na zielonym"),
        ("le paso las fotos por el verde y lo vemos", "es", "por el verde"),
        ("vă trimit pozele pe verde diseară", "ro", "pe verde"),
        ("ozvěte se na té fialové aplikaci, tam to půjde rychleji", "cs", "fialové aplikaci"),
        ("we can sort it on the green app tonight", "en", "green app"),
    ],
)
def test_an_app_named_by_its_colour_is_a_channel(text, language, span):
    assert ("social", span) in found(text, language)


@pytest.mark.parametrize(
    "text",
    ["Die grüne Jacke ist zu klein.", "La chaise verte est arrivée rayée.", "green apples"],
)
def test_colours_of_goods_are_no_apps(text):
    assert "social" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zaplatím vám to složenkou na poště, kartou nechci.", "cs"),
        ("Le mando un giro postal y usted me lo envía.", "es"),
        ("posso mandarle un vaglia postale domani", "it"),
        ("I could send you a postal order instead", "en"),
        ("je préfère vous payer par mandat cash", "fr"),
    ],
)
def test_paying_by_postal_order_is_payment_outside(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Složení krému najdete na obalu.", "cs"),
        ("Kočárek přijde složený v krabici.", "cs"),
        ("Il vaglia le offerte di tutti i corrieri.", "it"),
    ],
)
def test_words_like_a_postal_order_are_no_payment(text, language):
    assert "payment" not in kinds(text, language)


def test_a_short_network_name_before_a_handle_with_a_dot_is_a_channel():
    assert ("social", "ig") in found("trovi tutto sul mio ig marta.vintage.to", "it")


def test_a_text_message_by_an_address_moves_the_talk():
    assert "social" in kinds("puść mi smsa albo napisz na ola.kot@o2.pl", "pl")


def test_a_text_to_send_to_an_address_is_no_text_message():
    assert "social" not in kinds("El texto del grabado mándamelo a ana.gil@correo.es", "es")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Objednací číslo dílu je 036 115 561 B, pasuje i na starší motor.", "cs"),
        ("číslo dielu 117-0042-88 pribalíme zadarmo", "sk"),
        ("Pe certificat scrie seria 0740 1212 58 și data livrării.", "ro"),
    ],
)
def test_part_numbers_and_series_are_no_phone_numbers(text, language):
    assert "phone" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("voir w w w . tissus-moreau . f r , à bientôt", "fr", "w w w . tissus-moreau . f r"),
        ("Mehr unter w-w-w-punkt-holzwerk-punkt-de, dort", "de", "w-w-w-punkt-holzwerk-punkt-de"),
        ("objednávky na www,pekarna-u-mlyna,cz – děkujeme", "cs", "www,pekarna-u-mlyna,cz"),
        ("at w w w . moss-and-fern . c o . u k today", "en", "w w w . moss-and-fern . c o . u k"),
    ],
)
def test_a_web_address_with_www_spelled_out_or_typed_apart(text, language, span):
    assert ("url", span) in found(text, language)


def test_three_ws_without_a_domain_are_no_link():
    assert "url" not in kinds("w w w is what the old sign said, nothing else", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Give us 5 stars and a photo and I'll send you £4 back.", "en"),
        ("Za recenzi s fotkou vám pošlu zpátky 100 Kč.", "cs"),
        ("Laissez un avis 5 ⭐ et on vous offre un cadeau.", "fr"),
        ("La prossima volta scrivimi direttamente, ti faccio un prezzo migliore.", "it"),
    ],
)
def test_a_review_for_money_and_a_better_price_next_time_are_marketing(text, language):
    assert "marketing" in kinds(text, language)


def test_a_notice_with_a_sum_is_no_review_bribe():
    text = "Le livreur a laissé un avis de passage : il faut 34,50 € au bureau de poste."
    assert "marketing" not in kinds(text, "fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I also take payment in Steam gift cards, send the code here.", "en"),
        ("Beru i dárkové poukazy jako platbu.", "cs"),
        ("Accept plata si cu carduri cadou, trimiteti codul.", "ro"),
        ("Acepto el pago con tarjetas regalo de Amazon.", "es"),
    ],
)
def test_gift_cards_as_payment_are_payment_outside(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("texte-moi quand tu es dispo", "fr"),
        ("txt me when you're outside", "en"),
        ("just drop me a text later", "en"),
        ("Meszendzseren gyorsabb lenne", "hu"),
        ("pisz na mesku, tak szybciej", "pl"),
    ],
)
def test_a_text_message_asked_for_and_slang_app_names_are_channels(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kupiłam na Meska.hu, nie tutaj.", "pl"),
        ("Do you have film for the Instax mini 12?", "en"),
    ],
)
def test_words_like_slang_app_names_are_none(text, language):
    assert "social" not in kinds(text, language)


def test_a_company_number_is_no_phone_number():
    assert "phone" not in kinds("Harris Goods Ltd, Co. No. 09876543", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nouveautés chaque semaine, le lien dans ma bio te donne -10 %.", "fr"),
        ("Alles Weitere über den Link in unserer Bio, da gibt es auch Gutscheine.", "de"),
        ("Z linku w bio dostaniesz rabat na całą kolekcję.", "pl"),
        ("A profilunkban lévő linken minden új termék megtalálható.", "hu"),
        ("Tutte le novità col link nella nostra bio.", "it"),
    ],
)
def test_a_link_in_bio_is_a_link_and_a_channel(text, language):
    assert {"social", "url"} <= kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der QR-Code auf dem Kärtchen führt zu unserem Instagram-Profil.", "de"),
        ("Skanujcie kod QR z ulotki, prowadzi do naszego sklepu internetowego.", "pl"),
        ("Zadejte do Googlu „Keramika Hrnčířka Tábor“ a jste u nás na e-shopu.", "cs"),
        ("Just google ‘Glen Valley Knits’, our site has the full range.", "en"),
    ],
)
def test_a_qr_code_to_a_profile_or_a_shop_and_a_search_for_it_are_links(text, language):
    assert "url" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a parcel locker's QR code, a bank's QR code to pay, Google's other products
        ("Kod QR do odbioru paczki przyszedł SMS-em od InPost.", "pl"),
        ("Vnuk vám pošle peníze přes QR kód v bance, na Messengeru vám to potvrdím.", "cs"),
        ("Zaplatila som cez Google Pay a stav je stále „čaká na platbu“.", "sk"),
        ("Am găsit magazinul vostru pe Google Maps, dar comand tot de aici.", "ro"),
        # a review there
        ("Se vi è piaciuto, una recensione su Google per «Bottega Sarti» ci aiuta.", "it"),
    ],
)
def test_other_qr_codes_and_searches_are_no_links(text, language):
    assert "url" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Do zobaczenia przy kolejnych zakupach tutaj!", "pl"),
        ("¡Hasta la próxima compra por aquí!", "es"),
        ("Sorry for the wait, the platform added code MKT-7QX2 for your next order here.", "en"),
        ("Alla prossima ordinazione sulla piattaforma, buona giornata!", "it"),
    ],
)
def test_a_next_order_here_is_no_marketing(text, language):
    assert "marketing" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mit dem Code ANNA10 gibt es 10 % auf die nächste Bestellung hier.", "de"),
        ("Za 5 gwiazdek dorzucę gratis przy kolejnym zamówieniu tutaj.", "pl"),
        ("Przy następnym zamówieniu pisz do nas, będzie lepsza cena niż tutaj.", "pl"),
        ("For your next order here or in our own shop, just ask.", "en"),
    ],
)
def test_a_next_order_here_with_an_offer_is_still_marketing(text, language):
    assert "marketing" in kinds(text, language)


def test_a_number_after_a_colon_starts_a_number_in_words():
    text = "dzwon po 16: szescset trzydziesci dwa, czterysta pietnascie, dziewiecset osiemdziesiat"
    assert "phone" in kinds(text, "pl")


def test_an_address_dictated_in_parts_at_a_provider_with_a_space_for_its_dot():
    assert "email" in kinds("sonst mein mail: tobi punkt hartl bei web de", "de")


def test_an_abbreviation_like_a_short_domain_is_no_link():
    assert "url" not in kinds("Peso ca. 30 kg, p.es. per una cucina di 12 mq.", "it")


def soft_kinds(text: str, language: str | None = None) -> set[str]:
    """The kinds found only by words a refusal or a mention may explain (the intent model may
    drop them)."""
    _, soft = engine.detect_spans(text, language=language)
    return {kind for kind, _, _ in soft}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a Greek capital iota and Cyrillic a's in a Latin name
        ("Napište mi na \u0399nst\u0430gr\u0430m, pošlu fotky.", "cs"),
        ("Na \u0399nst\u0430gr\u0430m nepíšu, zůstaňme tady.", "cs"),
        # a zero-width space inside the name
        ("Message me on What\u200bsApp please.", "en"),
    ],
)
def test_an_app_name_disguised_by_other_scripts_or_invisible_characters_is_firm(text, language):
    assert "social" in kinds(text, language)
    assert "social" not in soft_kinds(text, language)


def test_an_app_name_written_plainly_stays_soft():
    assert "social" in soft_kinds("Na Instagram nepíšu, zůstaňme tady.", "cs")


def test_a_span_found_firm_and_soft_is_firm_in_either_order():
    from helpdesk.scanner.findings import Collector
    from helpdesk.scanner.normalise import normalise

    norm = normalise("whatsapp", shortcuts=True)
    for order in ((True, False), (False, True)):
        found = Collector(norm)
        for soft in order:
            found.add("social", 0, 8, soft=soft)
        assert ("social", 0, 8) not in found.soft
    found = Collector(norm)
    found.make_firm(("social", 0, 8))
    found.add("social", 0, 8, soft=True)
    assert ("social", 0, 8) not in found.soft


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # Hungarians leave out the "06" and set the area code apart
        ("Hívjon nyugodtan a 30/212-45-67-es számon délután.", "30/212-45-67"),
    ],
)
def test_a_number_with_its_area_code_set_apart_and_no_trunk_prefix(text, span):
    assert ("phone", span) in found(text, "hu")


@pytest.mark.parametrize(
    "text",
    ["A csomag súlya 20/345-12-34 gramm volt.", "Rendelés 20/345-12-34 szerint."],
)
def test_a_slashed_figure_without_a_phone_word_is_no_number(text):
    assert "phone" not in kinds(text, "hu")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # a numeric domain after a mailbox name with letters
        (
            "Napisz na adres kasia_pl77 małpa 163 kropka com.",
            "pl",
            "kasia_pl77 małpa 163 kropka com",
        ),
        # a mail provider and its top-level domain, with commas or spaces for "@" and the dot
        ("Pisz na kasia_b, wp, pl jak coś.", "pl", "kasia_b, wp, pl"),
        ("Ozvěte se na jan-dvorak seznam cz.", "cs", "jan-dvorak seznam cz"),
        # typed one letter at a time, followed by a dash
        (
            "mail me: j o h n . d o e @ g m x . d e - thanks",
            "en",
            "j o h n . d o e @ g m x . d e",
        ),
    ],
)
def test_addresses_with_a_numeric_domain_a_provider_in_words_or_typed_apart(text, language, span):
    assert found(text, language) == {("email", span)}


def test_a_provider_named_without_a_mailbox_is_no_address():
    assert "email" not in kinds("Mám to z seznam cz obchodu.", "cs")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zaplatím hotově na dobírku.", "cs"),
        ("Ich zahle bar per Nachnahme, geht das?", "de"),
        ("Je paie en espèces en contre-remboursement.", "fr"),
        ("Készpénzzel fizetek utánvéttel.", "hu"),
        ("Pago in contanti in contrassegno.", "it"),
        ("Pago en efectivo contra reembolso.", "es"),
        ("Plătesc cash ramburs la livrare.", "ro"),
        ("Zaplatím v hotovosti na dobierku.", "sk"),
        ("Zapłacę gotówką za pobraniem.", "pl"),
        ("I'll pay cash on delivery.", "en"),
        # paid to the courier, and nothing in the message goes around the platform
        ("Je paie en espèces au livreur.", "fr"),
        ("I will pay cash to the driver when the parcel arrives.", "en"),
    ],
)
def test_cash_on_delivery_is_the_platforms_checkout(text, language):
    assert "payment" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The seller before you let me pay cash to the driver. I'd cancel the order here.", "en"),
        ("Zaplatím hotově kurýrovi. Objednávku zrušíme.", "cs"),
    ],
)
def test_cash_to_the_courier_with_the_order_cancelled_is_payment_outside(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Il numero seriale è 4512378901.", "it"),
        ("The serial on the box reads 07911123456.", "en"),
        ("Company reg 07911123456.", "en"),
    ],
)
def test_serial_and_company_registration_numbers_are_no_phone_numbers(text, language):
    assert "phone" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the channel used before, named by where the talk happened
        ("Finish this where we talked last time and I'll sort the rest there.", "en"),
        ("On reprend là où on s'est écrit la dernière fois ?", "fr"),
        ("Schreib mir lieber dort, wo wir neulich gechattet haben.", "de"),
        ("Pogadajmy tam, gdzie ostatnio pisaliśmy.", "pl"),
        ("Dořešme to tam, kde jsme si psali.", "cs"),
        ("Napíšte tam, kde sme si písali minule.", "sk"),
        ("Folytassuk ott, ahol legutóbb.", "hu"),
        ("Continuăm unde am vorbit ultima dată.", "ro"),
        ("Sigamos donde hablamos la última vez.", "es"),
        ("Ne parliamo dove ci siamo scritti l'ultima volta.", "it"),
        # another way, the same name as here
        ("Ozvěte se mi raději jinak.", "cs"),
        ("Find me on the other app, same username as here.", "en"),
        ("Cherchez-moi, même pseudo qu'ici.", "fr"),
        # a call asked for instead of writing here
        ("Just ring me instead, it's faster.", "en"),
        ("Rufen Sie mich lieber direkt an, das ist schneller.", "de"),
        ("Zadzwoń do mnie bezpośrednio.", "pl"),
        ("Llámame directamente, es más rápido.", "es"),
    ],
)
def test_a_channel_moved_to_without_its_name(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the courier's call, a call with no move, the number given (a phone number)
        ("If the courier can't find the house, ask him to ring me when he's outside.", "en"),
        ("Der Fahrer ruft Sie direkt an, bevor er kommt.", "de"),
        ("Kurier zadzwoni bezpośrednio przed dostawą.", "pl"),
        ("Appelez-moi directement au 06 48 22 17 93, je suis à l'atelier.", "fr"),
        # the address given is the finding
        ("Écrivez-moi sur mon adresse claire.dupont@gmail.com, même pseudo qu'ici.", "fr"),
        # talk that stays here
        ("As we discussed before, the refund goes through the platform.", "en"),
    ],
)
def test_calls_and_earlier_talk_that_move_nothing(text, language):
    assert "social" not in kinds(text, language)


# Third round (t37–t40's misses, read as classes once those files joined the development split).


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Could we do a quick video call tonight? You'd see the scratch straight away.", "en"),
        ("On peut se faire une visio demain, je vous montre le problème ?", "fr"),
        ("Machen wir kurz einen Videoanruf, dann sehe ich den Riss.", "de"),
        ("Może zróbmy szybką rozmowę wideo?", "pl"),
        ("Nejrychlejší bude, když si zavoláme přes video.", "cs"),
        ("Nešlo by to cez videohovor?", "sk"),
        ("Videóhívásban gyorsabb lenne megmutatni.", "hu"),
        ("Vă propun să facem un apel video mâine.", "ro"),
        ("¿Hacemos una videollamada esta tarde?", "es"),
        ("Possiamo fare una videochiamata domani?", "it"),
        # a talk by phone asked for, the reason in the next sentence
        ("Nu putem vorbi la telefon? E mai simplu decât să scriem aici.", "ro"),
        ("Nemôžeme si radšej zavolať? Písať to tu je zdĺhavé.", "sk"),
        ("Non possiamo sentirci al telefono? Faccio prima a spiegarle a voce.", "it"),
    ],
)
def test_a_video_call_or_a_talk_by_phone_proposed_is_a_channel_move(text, language):
    assert "social" in kinds(text, language)


def test_a_phone_that_fails_in_video_calls_is_judged_by_the_model():
    # a soft finding: the intent model drops it in a support question
    assert "social" in soft_kinds("The phone I bought freezes in every video call.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Słuchaj, mam propozycję: napisz na Messengerze, podam ci numer konta.", "pl"),
        ("Javaslom, hogy írjon Viberen, megadom a bankszámlaszámot.", "hu"),
        ("Vă propun altceva: scrieți-mi pe Telegram și vă dau IBAN-ul.", "ro"),
        ("Si quieres escríbeme por Telegram y te paso el número de cuenta.", "es"),
        ("Drop me a message on Signal and I'll send you my sort code.", "en"),
    ],
)
def test_an_app_where_the_writer_asks_to_be_written_to_is_firm(text, language):
    assert "social" in kinds(text, language)
    assert "social" not in soft_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'd rather not message you on WhatsApp, let's keep it here.", "en"),
        ("Nie piszę na Messengerze, zostańmy tutaj.", "pl"),
        ("I contacted Facebook support about it yesterday.", "en"),
        ("Už druhýkrát mi píšete, nech sa ozvem na WhatsApp.", "sk"),
    ],
)
def test_an_app_refused_or_mentioned_stays_soft(text, language):
    assert "social" not in kinds(text, language) - soft_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # a provider's name inflected, or named by an everyday word after a mailbox name
        ("a mail ruda.pracownia na interii", "pl", "ruda.pracownia na interii"),
        ("ou vous m'écrivez à jc.dumas sur free, je regarde le soir.", "fr", "jc.dumas sur free"),
        ("la fattura me la mandi a marco.bianchi su alice, grazie", "it", "marco.bianchi su alice"),
    ],
)
def test_a_mailbox_at_a_provider_said_in_words(text, language, span):
    assert ("email", span) in found(text, language)


def test_a_plain_word_after_a_mailbox_like_word_is_no_provider():
    assert "email" not in kinds("Le modèle x.200 sur freedom est bien arrivé.", "fr")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Die Nummer: null eins sieben drei, dann vier fünf acht, dann acht zwei neun eins "
            "null.",
            "de",
            "null eins sieben drei, dann vier fünf acht, dann acht zwei neun eins null",
        ),
        (
            "ring me on oh seven seven, then double oh nine, then one two three four five.",
            "en",
            "oh seven seven, then double oh nine, then one two three four five",
        ),
    ],
)
def test_a_number_said_in_groups_with_then_between(text, language, span):
    assert ("phone", span) in found(text, language)


def test_a_number_word_after_a_sentences_end_is_not_part_of_the_number():
    text = "Llame al técnico al nueve uno, cuatro cinco dos, setenta y ocho, doce. Un saludo."
    assert ("phone", "nueve uno, cuatro cinco dos, setenta y ocho, doce") in found(text, "es")
    # digits after a dot and a space are the next group
    assert "phone" in kinds("envoyez moi un sms au zero six. 12. 34. 56. 78 je vous rappelle", "fr")


def test_then_before_a_time_ends_a_number_said_in_parts():
    text = "C'est plus simple de vive voix : 09 72 quarante 15 88, après 18h"
    assert ("phone", "09 72 quarante 15 88") in found(text, "fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("J'ai reçu les plaquettes réf. Bosch 0 986 494 035, elles vont sur une Golf ?", "fr"),
        ("Passt der Luftmassenmesser 0 281 002 683 auch in einen Passat?", "de"),
        ("Please add our company number 09876543 to the invoice.", "en"),
    ],
)
def test_part_and_company_numbers_are_no_phone_numbers(text, language):
    assert "phone" not in kinds(text, language)


def test_a_free_number_written_apart_is_still_a_phone_number():
    assert "phone" in kinds("Appelez le 0 800 123 456, c'est gratuit.", "fr")


def test_an_invoice_number_is_no_bank_account_in_hungarian():
    assert "payment" not in kinds("Vásárlás dátuma 2026.02.11., számlaszám SZ-2026/00412.", "hu")
    assert "payment" in kinds("Küldje el a számlaszámát, és utalok.", "hu")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a sentence does not end at a domain's dot: the shop and "cheaper" are one sentence
        ("Na našej stránke med-liptov.sk je to isté balenie lacnejšie o 3 €.", "sk"),
        ("Pe site-ul nostru covoare-handmade.ro aveți același covor cu 15% mai ieftin.", "ro"),
    ],
)
def test_the_own_shop_cheaper_with_a_domain_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the platform named as whose fee is saved pays nothing through it
        (
            "Si prefieres transferencia, escríbeme a sofia.vintage@outlook.es, así no pagamos la "
            "comisión de la plataforma.",
            "es",
        ),
        ("Bares bei Übergabe reicht, die Bestellung brauchen wir dann nicht mehr.", "de"),
    ],
)
def test_payment_around_the_platforms_fee_or_cash_at_hand_over(text, language):
    assert "payment" in kinds(text, language)


# Fourth round (t41–t44's misses, read as classes once those files joined the development split).


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # going on somewhere else, no channel named
        ("Could we continue this chat somewhere else? The app here logs me out.", "en"),
        ("On pourrait en discuter ailleurs, ici ça rame.", "fr"),
        ("Wollen wir das woanders besprechen? Hier dauert alles ewig.", "de"),
        ("Może przeniesiemy się gdzieś indziej? Tu wszystko się zacina.", "pl"),
        ("Probereme to radši jinde, sem moc nechodím.", "cs"),
        ("Môžeme to dohodnúť inde? Tu mi správy chodia neskoro.", "sk"),
        ("Beszéljük meg inkább máshol, itt nem kapok értesítést.", "hu"),
        ("Putem vorbi în altă parte? Aici nu primesc notificări.", "ro"),
        ("¿Hablamos por otro lado? Aquí tardan mucho los mensajes.", "es"),
        ("Possiamo sentirci altrove? Qui i messaggi arrivano tardi.", "it"),
        # a call proposed, the reason being that writing is slower
        ("Zavolajme si radšej, písaním to potrvá dlho.", "sk"),
        ("Zavolejme si radši, po telefonu to bude hned.", "cs"),
        ("Ci sentiamo al telefono? Per iscritto è lunga da spiegare.", "it"),
        ("Haideți să vorbim la telefon, e mai ușor așa.", "ro"),
    ],
)
def test_going_on_elsewhere_or_by_phone_is_a_channel_move(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # refused
        ("Non voglio continuare altrove, restiamo qui sulla piattaforma.", "it"),
        ("Por favor, no me escribas por otro lado, prefiero seguir aquí.", "es"),
        ("I'd rather not continue this chat somewhere else, let's keep it here.", "en"),
        # somewhere else that is no channel
        ("I bought the same chair elsewhere for less.", "en"),
        ("Der Paketbote hat das Paket woanders abgegeben.", "de"),
        # a device's video calls are no proposal
        ("Läuft das Handy bei Videoanrufen heiß?", "de"),
        ("Does the tablet handle video calls on Wi-Fi only?", "en"),
        ("Telefon grzeje się podczas rozmów wideo.", "pl"),
    ],
)
def test_elsewhere_refused_or_meant_otherwise_and_video_calls_in_the_plural_move_nothing(
    text, language
):
    assert "social" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Reach me on Skype, live:oak.and.iron, after six.", "en", "live:oak.and.iron"),
        ("Ajoutez-moi : live:.cid.7fa21c93", "fr", "live:.cid.7fa21c93"),
    ],
)
def test_a_skype_name_is_an_account(text, language, span):
    assert ("social", span) in found(text, language)


def test_live_with_a_colon_in_prose_is_no_skype_name():
    assert "social" not in kinds("The sale goes live: 9 am sharp, on the platform.", "en")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Rychlá podpora: wa(.)me/420777123456", "cs", "wa(.)me/420777123456"),
        ("Support: wa . me / 36 30 123 4567", "hu", "wa . me / 36 30 123 4567"),
    ],
)
def test_the_number_after_a_disguised_messaging_link_is_a_phone_number(text, language, span):
    assert ("phone", span) in found(text, language)


def test_a_middle_dot_before_a_domain_is_its_dot_but_not_inside_a_catalan_word():
    assert ("url", "ceramicasdelsur·es") in found("Mira ceramicasdelsur·es, es más barato.", "es")
    assert "url" not in kinds("La col·lecció nova ja és aquí.", "es")


def test_a_site_named_before_dot_it_is_a_link():
    text = "Sul nostro sito mobilirossi dot it lo stesso tavolo costa meno."
    assert ("url", "mobilirossi dot it") in found(text, "it")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Scrieți-mi la vanzari – coadă – lemnplus – punct – ro",
            "ro",
            "vanzari – coadă – lemnplus – punct – ro",
        ),
        (
            "écrivez à paul.riviere arobase gé-mail point com",
            "fr",
            "paul.riviere arobase gé-mail point com",  # the provider said as it sounds
        ),
    ],
)
def test_addresses_with_a_bare_romanian_at_word_or_gmail_as_it_is_said(text, language, span):
    assert ("email", span) in found(text, language)


def test_standing_in_a_queue_is_no_at_sign():
    assert "email" not in kinds("Am stat la coadă la poștă o oră, dar coletul a ajuns.", "ro")


def test_a_number_with_three_real_digits_and_six_letters_for_zeros():
    assert ("phone", "5OO 6OO 7OO") in found("Proszę dzwonić: 5OO 6OO 7OO, po 16.", "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("No need to open a return here, I'll refund you myself when it's back.", "en"),
        ("Inutile d'ouvrir un retour, je vous rembourse moi-même à réception.", "fr"),
        ("Me lo rimandi pure, ti rimborso io appena arriva.", "it"),
    ],
)
def test_a_refund_the_seller_makes_personally_is_payment_outside(text, language):
    assert "payment" in kinds(text, language)


def test_a_code_that_passes_the_iban_checksum_by_chance_is_no_account():
    assert "payment" not in kinds("The MKT-UK25 code only works on the platform.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Est-ce que la montre gère les appels vidéo sans le téléphone ?", "fr"),
        ("Il tablet regge le videochiamate in HD o solo audio?", "it"),
        ("¿Las videollamadas se cortan con este router?", "es"),
        ("Umí ten telefon videohovory přes wifi?", "cs"),
        ("Zvládne ten tablet videohovory cez wifi?", "sk"),
        ("A kamera támogatja a videóhívásokat?", "hu"),
        ("Tableta suportă apelurile video pe 4G?", "ro"),
    ],
)
def test_video_calls_in_the_plural_are_what_a_device_does(text, language):
    assert "social" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("On se fait un appel vidéo ce soir pour voir la couleur ?", "fr"),
        ("Facciamo una videochiamata domani così le mostro il difetto?", "it"),
        ("¿Hacemos una videollamada y te enseño el sofá?", "es"),
        ("Dáme zítra videohovor? Ukážu vám to naživo.", "cs"),
        ("Csináljunk egy videóhívást holnap?", "hu"),
        ("Facem un apel video mâine să vedeți culoarea?", "ro"),
    ],
)
def test_a_video_call_proposed_is_still_a_channel_move(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "handle"),
    [
        ("Erreichbar bin ich auch über Skype (teppich.wagner.gmbh).", "de", "teppich.wagner.gmbh"),
        ("Telegramon is megtalálsz (kerti_butor.bt), ha sürgős.", "hu", "kerti_butor.bt"),
        ("Jsem i na Instagramu (zahrada.novak), mrkněte.", "cs", "zahrada.novak"),
    ],
)
def test_an_account_in_brackets_after_an_app_is_a_channel_move(text, language, handle):
    assert ("social", handle) in firm(text, language)
    assert any(kind == "social" and span != handle for kind, span in firm(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Telegram (v10.2) crasht seit dem Update auf dem Handy.", "de"),
        ("The WhatsApp (2.24.1) update broke the camera on it.", "en"),
        ("Messenger (help.marketplace.example) says the order shipped.", "en"),
    ],
)
def test_a_version_or_the_platform_in_brackets_is_no_account(text, language):
    assert all(kind != "social" for kind, _ in firm(text, language))


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Could we hop on a call? Typing all this out takes ages.", "en", "hop on a call"),
        (
            "Können wir kurz telefonieren? Sonst schreiben wir uns tagelang hin und her.",
            "de",
            "telefonieren",
        ),
        ("Mi chiami lei, è più facile che scrivere tutto qui.", "it", "Mi chiami"),
        ("Zavolejte mi, vysvětlí se to líp než tady psát romány.", "cs", "Zavolejte mi"),
        ("Llámame y lo vemos, es más fácil que escribir tanto.", "es", "Llámame"),
    ],
)
def test_a_call_asked_for_because_writing_here_is_tedious_is_a_channel_move(text, language, span):
    assert ("social", span) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Chápu, že by bylo jednodušší si zavolat než tu psát romány, ale pravidla to "
            "nepovolují.",
            "cs",
        ),
        ("I won't call you, typing all this out here is fine by me.", "en"),
        ("The courier will call me, easier than typing the address again.", "en"),
    ],
)
def test_a_call_refused_or_the_couriers_is_not_firm(text, language):
    assert all(kind != "social" for kind, _ in firm(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("V našom e-shope naradie-kosice.sk je to o 5 € lacnejšie.", "sk"),
        ("Bei uns im Shop gartenwelt-huber.de ist das Set günstiger.", "de"),
    ],
)
def test_the_own_shop_linked_as_cheaper_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


def test_a_buyer_who_saw_it_cheaper_on_another_site_is_not_firm_marketing():
    text = "Na alza.cz je ten samý vysavač levnější, dáte mi stejnou cenu?"
    assert "marketing" not in firm_kinds(text, "cs")


@pytest.mark.parametrize(
    "text",
    ["Send the £8 to monzo.me/danwoodcraft and I'll swap it.", "Pay me at bunq.me/gartenmaier"],
)
def test_pay_links_of_monzo_and_bunq_are_payment(text):
    assert "payment" in kinds(text, "en")


# Sixth round (t49–t52's misses, read as classes once those files joined the development split).


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Könnten Sie mich nicht einfach anrufen? Schriftlich ist das schwer zu erklären.",
            "de",
            "mich nicht einfach anrufen",
        ),
        (
            "Nem tudná inkább telefonon megbeszélni? Írásban nehéz ezt leírni.",
            "hu",
            "telefonon megbeszélni",
        ),
        ("¿Me podrías llamar tú? Por aquí es complicado.", "es", "Me podrías llamar"),
        ("Possiamo sentirci a voce? Per iscritto è difficile.", "it", "sentirci a voce"),
        ("Zavolejte mi, písemně je to složité.", "cs", "Zavolejte mi"),
        ("Can you ring me? It's hard to explain in writing.", "en", "ring me"),
        ("Rufen Sie mich bitte an, meine Nummer steht auf der Rechnung.", "de", None),
    ],
)
def test_a_call_asked_for_politely_because_writing_is_hard_is_a_channel_move(text, language, span):
    socials = {found_span for kind, found_span in firm(text, language) if kind == "social"}
    assert socials
    assert span is None or span in socials


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nem akarok telefonon beszélni, írásban nehéz, de itt maradunk.", "hu"),
        ("Ich will Sie nicht anrufen, schriftlich ist das schwer zu erklären, aber es geht.", "de"),
    ],
)
def test_a_call_refused_in_a_statement_is_still_not_firm(text, language):
    assert all(kind != "social" for kind, _ in firm(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Porozmawiajmy przez wideo, zadzwoń na wideo po 18.", "pl"),
        ("Lepiej dzwoń przez wideo, pokażę ci zawias.", "pl"),
        ("Putem discuta în privat despre comandă?", "ro"),
        ("Môžeme sa skontaktovať nejako inak?", "sk"),
        ("Quicker on the other app, you know which.", "en"),
    ],
)
def test_a_channel_move_without_a_channel_name(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("For a 5-star review we'll send you £3 back via Revolut.", "en"),
        ("Za recenzi s 5 hvězdami vám pošleme 100 Kč převodem.", "cs"),
        ("Per una recensione a 5 stelle le ricarico 3 € sulla PostePay.", "it"),
        ("Pentru o recenzie de 5 stele iti returnam 15 lei pe Revolut.", "ro"),
    ],
)
def test_a_review_reward_paid_through_a_channel_outside_is_firm_payment(text, language):
    assert "payment" in firm_kinds(text, language)
    assert "marketing" in kinds(text, language)


def test_a_review_reward_to_the_account_alone_is_not_firm_payment():
    text = "Za opinię na 5 gwiazdek oddamy 5 zł na konto."
    assert "payment" not in firm_kinds(text, "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Prześlij na Revoluta, tag @ola.decor, i od razu wysyłam.", "pl"),
        ("Revolutra küldheted, @kerti.bolt, és már adom is fel.", "hu"),
    ],
)
def test_a_handle_after_a_payment_app_is_where_the_money_goes(text, language):
    assert kinds(text, language) == {"payment"}


def test_a_handle_elsewhere_is_still_an_account():
    assert "social" in kinds("Revolut works. Message me later @ola.decor", "en")


@pytest.mark.parametrize(
    "text",
    [
        "Pasuje turbo Garrett 753421-5006S do tego silnika?",
        "Die Kupplung LuK 624 3187 09 passt zum Golf.",
        "Disques Brembo 09.9772.14 en stock ?",
        "Na skladě máme nůž obj. č. 581 32 18-01.",
        "Pe cutie scrie codul 555081-101, e original?",
    ],
)
def test_part_numbers_are_no_phone_numbers(text):
    assert "phone" not in kinds(text)  # without a hint: every market's numbering is tried


def test_a_number_with_letters_for_digits_at_both_ends_is_still_a_phone_number():
    assert "phone" in kinds("Sunați-mă la O7Z3 l45 9O8 sau 07Z3 145 90B.", "ro")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Next time order from me directly, 10% off if you pay by transfer.", "en"),
        ("Beim nächsten Einkauf direkt bei mir, dann 5 % Rabatt.", "de"),
        ("Przy następnym zamówieniu bezpośrednio u mnie dam 10% rabatu.", "pl"),
    ],
)
def test_a_discount_on_the_next_order_outside_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


# Seventh round (t53–t56's misses, read as classes once those files joined the development split).


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Fel tudnál hívni? Telefonon gyorsabb lenne megmutatni.", "hu"),
        ("Ne puteți suna mâine? La telefon e mai simplu de explicat.", "ro"),
        ("Call me tonight, easier over the phone than typing.", "en"),
        ("Rufen Sie mich an, am Telefon ist das schneller erklärt.", "de"),
    ],
)
def test_a_call_asked_for_because_the_phone_is_easier_is_a_channel_move(text, language):
    assert "social" in firm_kinds(text, language)


def test_a_video_call_asked_for_in_romanian():
    assert "social" in kinds("Mă puteți suna diseară pe video?", "ro")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Příště mi napište rovnou, při platbě na účet dám 5 % dolů.", "cs"),
        ("Nabudúce objednajte priamo u mňa, pri prevode 5 % dole.", "sk"),
        ("Legközelebb rendeljen közvetlenül, 5% kedvezményt adok.", "hu"),
    ],
)
def test_next_time_directly_with_a_percentage_off_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Seguici su Instagram @rosa.bianca.shop per le novità", "@rosa.bianca.shop"),
        ("Find us on TikTok @kerti.bolt.hu for the drops", "@kerti.bolt.hu"),
    ],
)
def test_an_app_then_a_handle_with_dots_is_an_account_not_an_address(text, handle):
    assert ("social", handle) in found(text)
    assert "email" not in kinds(text)


def test_an_address_with_a_space_before_the_at_sign_is_still_an_address():
    assert "email" in kinds("piszcie: anna.kowal @ onet.pl", "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zásilkovna mi poslala SMS s kódem 5512-9043, kdy to vyzvednu?", "cs"),
        ("InPost przysłał SMS z kodem 413 552, paczkomat jest pod blokiem.", "pl"),
        ("Packeta poslala SMS s kódom 7731 2290, idem si to vyzdvihnúť.", "sk"),
    ],
)
def test_a_carriers_pick_up_code_is_no_phone_number(text, language):
    assert kinds(text) == set()


def test_an_area_code_still_leads_a_phone_number():
    assert "phone" in kinds("Call the shop, area code 020 7946 0321, ask for Sam.", "en")


def test_a_number_dictated_in_sentences_with_the_phone_word_after_it():
    text = "Începe cu 0722. Urmează 41. Apoi 55 și 90. Sunați după ora 18."
    assert ("phone", "0722. Urmează 41. Apoi 55 și 90") in found(text, "ro")


def test_a_domain_said_in_words_with_a_path_is_a_link_not_an_address():
    text = "The manual is at kettlehelp dot co dot uk slash model-7, page 4."
    assert kinds(text, "en") == {"url"}


# Eighth round (t57–t60's misses, read as classes once those files joined the development split).


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My number is 07700. Then 900. Then 461, text before you come.", "en"),
        ("Il fisso del negozio è 06. Poi 5551. Poi 2398, dopo le 15.", "it"),
    ],
)
def test_a_number_dictated_in_sentences_after_my_number_or_the_landline(text, language):
    assert "phone" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Awkward to explain in writing, fancy a quick call?", "en", "fancy a quick call"),
        (
            "Ce serait mieux que vous m'appeliez, j'ai du mal à l'expliquer par écrit.",
            "fr",
            "vous m'appeliez",
        ),
    ],
)
def test_a_call_asked_for_as_people_say_it_is_a_channel_move(text, language, span):
    assert ("social", span) in firm(text, language)


def test_a_hungarian_tracking_number_is_no_phone_number():
    assert kinds("A Foxpost követési szám: 41029384756, holnap érkezik.") == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pentru comenzile viitoare scrieți-mi direct, vă fac 10% reducere.", "ro"),
        (
            "Beim nächsten Mal können Sie die Reparatur auch direkt bei mir in der Werkstatt "
            "buchen, ganz ohne Umweg über die Seite, und bei Überweisung gibt es 10 % Rabatt.",
            "de",
        ),
    ],
)
def test_the_next_order_directly_with_a_discount_said_far_apart_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


# Ninth round (t61–t64's misses, read as classes once those files joined the development split).


def test_a_country_named_in_brackets_between_dictated_pieces_keeps_them_one_number():
    text = "Rufen Sie an: 0 6 9 9 (Österreich) dann 1 8 7 dann 23 45."
    assert "phone" in kinds(text, "de")


def test_a_capital_between_dictated_pieces_outside_brackets_still_names_a_place():
    assert "phone" not in kinds("Wir sind in der Hauptstraße 12 dann Wien 1 8 7 23 45.", "de")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Nem beszélhetnénk meg telefonon? Úgy gyorsabb.", "hu", "beszélhetnénk meg telefonon"),
        ("Could you ring me back this evening? It would be much quicker.", "en", "ring me"),
        ("Können Sie mich zurückrufen? So geht es viel schneller.", "de", "mich zurückrufen"),
        ("Tu peux m'appeler ce soir ? Ce sera bien plus rapide.", "fr", "m'appeler"),
    ],
)
def test_a_call_asked_for_because_that_way_is_easier_is_a_channel_move(text, language, span):
    assert any(kind == "social" and span in said for kind, said in firm(text, language))


def test_a_call_asked_for_with_the_number_in_another_sentence_is_the_number():
    text = "Mein Handy: 0171 2345 678. Rufen Sie mich an, das ist viel einfacher."
    assert kinds(text, "de") == {"phone"}


def test_an_app_name_with_its_ending_glued_on_is_the_app():
    assert kinds("Küldd el a képeket vibren, jó?", "hu") == {"social"}


def test_a_sale_with_the_platform_s_own_code_is_no_seller_s_promotion():
    text = "A platform most nagy téli kiárusítást tart, az MKT-HU40 kóddal 10 % kedvezmény jár."
    assert "marketing" not in kinds(text, "hu")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ersatzfilter gibt es bei uns auf filterhaus punkt de, da sparen Sie das Porto.", "de"),
        ("Spare blades are on bladeworks dot ie, you'll save on postage there.", "en"),
    ],
)
def test_a_saving_promised_in_a_sentence_with_a_link_is_promotion(text, language):
    """Soft, or firm where the shop is the writer's ("bei uns")."""
    assert "marketing" in kinds(text, language)


def test_a_saving_shared_by_paying_outside_is_no_promotion():
    text = "Zahl über paypal.me/kurt77, dann sparen wir uns beide die Gebühr."
    assert "marketing" not in kinds(text, "de")


def test_an_hour_after_a_dictated_number_is_not_part_of_it():
    text = "Meine Nummer ist 0160. Dann 482. Dann 91735, ab 18 Uhr."
    assert found(text, "de") == {("phone", "0160. Dann 482. Dann 91735")}


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Adresu píšu pozpátku: zc.maznes ta alvorp.anaj, díky.", "cs", "zc.maznes ta alvorp.anaj"),
        (
            "Fordítva írom: uh.liamerf kukac ydnab.sotnat, köszönöm.",
            "hu",
            "uh.liamerf kukac ydnab.sotnat",
        ),
        (
            "Al revés: se.liamtoh arroba zepol.airam, gracias.",
            "es",
            "se.liamtoh arroba zepol.airam",
        ),
        (
            "Backwards for the bots: moc.liamg ta ecila.sevad, cheers.",
            "en",
            "moc.liamg ta ecila.sevad",
        ),
    ],
)
def test_an_address_written_back_to_front_with_an_at_word(text, language, span):
    assert found(text, language) == {("email", span)}


def test_a_site_before_an_everyday_word_is_no_address_written_back_to_front():
    assert "email" not in kinds("Objednávka je na web.cz ta je lepší.", "cs")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Hätten Sie morgen Zeit für einen kurzen Videoanruf?", "de", "Videoanruf"),
        ("¿Podemos hacer una videollamada esta tarde?", "es", "videollamada"),
        ("Nem tudnánk egy gyors videóhívást tartani holnap?", "hu", "videóhívást"),
    ],
)
def test_a_video_call_asked_for_in_a_question_is_firm(text, language, span):
    assert firm(text, language) == {("social", span)}


def test_a_video_call_mentioned_without_a_question_stays_for_the_model():
    text = "Mein Handy stürzt beim Videoanruf immer ab."
    assert ("social", "Videoanruf") not in firm(text, "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Beim nächsten Einkauf zahlen Sie per Überweisung, dann gibt es 8 % Rabatt.", "de"),
        ("Next time just pay me by bank transfer and I'll make it cheaper.", "en"),
        ("Przy następnych zakupach proszę płacić przelewem, będzie taniej.", "pl"),
    ],
)
def test_a_next_order_offered_cheaper_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pagamos la mitad ahora y el resto te lo pago aparte en mano.", "es"),
        ("Metà adesso, il resto te lo pago a parte in contanti.", "it"),
        ("Die Hälfte über die Plattform, den Rest zahlen Sie mir bar.", "de"),
    ],
)
def test_the_rest_paid_aside_is_payment_outside(text, language):
    assert "payment" in soft_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El resto del pedido se lo mando aparte mañana.", "es"),
        ("Il resto lo spedisco a parte con GLS.", "it"),
        ("Den Rest schicke ich separat mit DHL.", "de"),
    ],
)
def test_the_rest_of_an_order_sent_aside_is_no_payment(text, language):
    assert "payment" not in soft_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Auf alza. cz stojí o 300 Kč méně, dáte slevu?", "cs", "alza. cz"),
        ("Found it on camelcamel . co . uk for less.", "en", "camelcamel . co . uk"),
        (
            "Našiel som to tu: modrykonik sk /inzerat/55120, dorovnáte?",
            "sk",
            "modrykonik sk /inzerat/55120",
        ),
        ("Návod je na v i m e o . c o m / 48213", "cs", "v i m e o . c o m / 48213"),
    ],
)
def test_a_link_typed_with_spaces_after_its_dots_or_one_character_at_a_time(text, language, span):
    assert ("url", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ya lo he reiniciado varias veces. si no va, lo devuelvo.", "es"),
        ("Merci pour la rapidité. fr et de retour bientôt", "fr"),
        ("I need it for my tax return. email me the invoice here please.", "en"),
    ],
)
def test_a_sentence_starting_in_lower_case_after_a_full_stop_is_no_link(text, language):
    assert "url" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Neuheiten posten wir zuerst in unserer WhatsApp-Gruppe, schauen Sie vorbei.", "de"),
        ("Van egy Viber-csoportunk is, ott szólunk az akciókról.", "hu"),
        ("We run a Telegram channel for regulars, ask there.", "en"),
        ("Pridajte sa do našej Telegram skupiny, dávame tam tipy.", "sk"),
    ],
)
def test_the_writer_s_own_group_on_an_app_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I saw you recommended in a Facebook group, so I ordered here.", "en"),
        ("Odebírejte náš YouTube kanál, každý týden nové video.", "cs"),
        ("In unserer WhatsApp-Gruppe schreiben wir nicht, nur hier.", "de"),
    ],
)
def test_a_group_that_is_not_the_writer_s_own_channel_stays_for_the_model(text, language):
    assert "social" not in firm_kinds(text, language)


def test_an_app_named_before_a_verb_at_the_end_is_where_the_writer_asks_to_be_reached():
    assert firm("Sie können uns gern über Telegram anschreiben.", "de") == {("social", "Telegram")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿Me puede llamar esta tarde? Así se lo explico.", "es"),
        ("Can you give me a call? That way I can explain.", "en"),
    ],
)
def test_a_call_asked_for_so_as_to_explain_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


def test_a_post_office_branch_is_no_shop_of_the_seller_s_own():
    text = "Zeigen Sie einfach den QR-Code in der Filiale, drucken müssen Sie nichts."
    assert "url" not in kinds(text, "de")


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Za 5 hviezdiciek vam posleme darcek k dalsej objednavke.", "sk", "marketing"),
        ("Zaplatte mi prevodem primo na ucet, usetrime oba poplatky.", "cs", "payment"),
        ("Fizessen inkabb kozvetlenul atutalassal, igy olcsobb mindkettonknek.", "hu", "payment"),
    ],
)
def test_words_typed_without_their_accents_are_read_as_written_with_them(text, language, kind):
    assert kind in soft_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zdzwonmy sie, bo tu ciezko to wytlumaczyc.", "pl"),
        ("Could you give me a quick call? Typing all this out is a pain.", "en"),
    ],
)
def test_a_call_asked_for_as_typed_in_a_hurry_with_its_reason_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Könnten Sie mir kurz eine Sprachnachricht schicken, wie das Kabel liegt?",
            "de",
            "Sprachnachricht",
        ),
        ("Can you record me a voice note showing where it rattles?", "en", "voice note"),
        ("Mi manda un messaggio vocale con il rumore che fa?", "it", "messaggio vocale"),
        ("¿Me puedes mandar un audio con el ruido que hace?", "es", "un audio"),
        ("Nemohla byste mi poslat hlasovou zprávu, jak to bliká?", "cs", "hlasovou zprávu"),
        ("Nagrasz mi głosówkę, jak to brzmi?", "pl", "głosówkę"),
        ("Tudna küldeni egy hangüzenetet arról, hogy zörög?", "hu", "hangüzenetet"),
        ("Îmi puteți trimite un mesaj vocal cu zgomotul?", "ro", "mesaj vocal"),
    ],
)
def test_a_voice_message_asked_for_in_a_question_is_firm(text, language, span):
    """The platform carries no voice messages: asked for, the talk moves (t73–t76's misses,
    twelfth round)."""
    assert ("social", span) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Seit dem Update spielt das Handy keine Sprachnachrichten mehr ab.", "de"),
        ("Le téléphone n'enregistre plus les messages vocaux depuis la mise à jour.", "fr"),
        ("A telefon nem játssza le a hangüzeneteket a frissítés óta.", "hu"),
        ("Słuchawki przerywają przy odsłuchiwaniu wiadomości głosowych.", "pl"),
    ],
)
def test_voice_messages_in_the_plural_are_what_a_device_does(text, language):
    assert "social" not in kinds(text, language)


def test_a_voice_message_offered_without_a_question_stays_for_the_model():
    text = "Ich schicke Ihnen nachher eine Sprachnachricht mit der Anleitung."
    assert ("social", "Sprachnachricht") in found(text, "de")
    assert "social" not in firm_kinds(text, "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bolo by fajn, keby ste mi zavolali, písať to sem je zdĺhavé.", "sk"),
        ("Bylo by lepší, kdybyste mi zavolal, psát to sem je na dlouho.", "cs"),
        ("Jobb lenne, ha felhívna, írásban nehéz elmagyarázni.", "hu"),
        ("Ar fi mai simplu dacă m-ați suna, e greu de explicat în scris.", "ro"),
        ("Mógłby Pan do mnie zadzwonić? Tu ciężko to wytłumaczyć.", "pl"),
        ("Wolałabym to omówić telefonicznie.", "pl"),
        ("Mi chiama lei stasera? Facciamo prima.", "it"),
    ],
)
def test_a_call_asked_for_in_the_conditional_with_its_reason_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Passt Revolut? Dann sparen wir uns die Gebühr, mein Tag: @jonas.kraft", "de"),
        ("Can I pay with Revolut? It saves the fees, I'm @ella_b", "en"),
    ],
)
def test_a_handle_in_the_sentence_after_a_payment_app_is_where_the_money_goes(text, language):
    assert "social" not in kinds(text, language)
    assert "payment" in kinds(text, language)


def test_a_handle_far_from_a_payment_app_is_still_an_account():
    text = (
        "Ich habe mit Revolut bezahlt, das ging gut. "
        "Folgen Sie uns gern für Neuheiten auf @moebel.kraft"
    )
    assert ("social", "@moebel.kraft") in found(text, "de")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Écrivez plutôt à sav point atelier-morel chez orange point fr",
            "fr",
            "sav point atelier-morel chez orange",
        ),
        ("schreib an lena punkt weiss-berger bei gmx", "de", "lena punkt weiss-berger bei gmx"),
        ("Adresa: servis @ opravy - novak . cz", "cs", "servis @ opravy - novak . cz"),
    ],
)
def test_an_address_said_in_parts_or_with_a_hyphen_set_apart(text, language, span):
    assert ("email", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Das Paket kam bei GLS an, Zustellung 5 - 7 Tage, bei gmx steht nichts.", "de"),
        ("Objednávka 2026-100-4815 . cz verze", "cs"),
    ],
)
def test_no_address_from_numbers_and_a_provider_in_passing(text, language):
    assert "email" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Die Ersatzteile gibt es auf möbel-müller.de günstiger.", "de", "möbel-müller.de"),
        ("Nézze meg a bútorbolt-győr.hu oldalon is.", "hu", "bútorbolt-győr.hu"),
        (
            "Alles Weitere unter gärtnerei-öhler punkt at, dort bestellen.",
            "de",
            "gärtnerei-öhler punkt at",
        ),
        ("Máme i vlastní e-shop, židle-dřevo tečka cz.", "cs", "židle-dřevo tečka cz"),
    ],
)
def test_a_domain_with_its_language_s_letters_is_a_link(text, language, span):
    assert ("url", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Danke schön. Es kommt morgen.", "de"),
        ("Köszönöm.Hu, holnap jön.", "hu"),
        ("Das Paket ist in Österreich. De facto morgen da.", "de"),
    ],
)
def test_words_with_their_language_s_letters_around_a_dot_are_no_link(text, language):
    assert "url" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Zdjęcia wzorów podeślę, proszę pisać na priv.", "pl", "na priv"),
        ("Írjon privátban, ott megbeszéljük a részleteket.", "hu", "Írjon privátban"),
    ],
)
def test_a_private_message_asked_for_is_a_channel_move_for_the_model(text, language, span):
    assert ("social", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "handle"),
    [
        ("Mein Signal: moebel_kraus_wien, bis später", "de", "moebel_kraus_wien"),
        ("Mi Signal: reparaciones.mora, un saludo", "es", "reparaciones.mora"),
        ("Telegram: ogrod_nowak88", "pl", "ogrod_nowak88"),
    ],
)
def test_an_app_and_a_colon_before_a_handle_give_the_account(text, language, handle):
    """t77–t80's misses, thirteenth round: the app named alone, the account after a colon."""
    assert ("social", handle) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Signal: schwach im Keller, ich rufe morgen an.", "de"),
        ("WhatsApp: v2.24.1 stürzt auf dem Handy ab.", "de"),
    ],
)
def test_a_colon_after_an_app_before_no_handle_gives_no_account(text, language):
    assert not firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ring me instead, it's a five-minute job to talk you through it.", "en"),
        ("Mi chiami lei, le spiego tutto in pochi minuti.", "it"),
        ("Llámame y te lo explico en un minuto.", "es"),
    ],
)
def test_a_call_asked_for_with_a_short_explanation_promised_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("No need to go through the marketplace, pay me by bank transfer.", "en", "payment"),
        ("Sans passer par la plateforme, vous me payez par virement.", "fr", "payment"),
        ("Ohne den Umweg über die Plattform, einfach per Überweisung.", "de", "payment"),
        ("Se lo mando senza passare per la piattaforma, mi paga con bonifico.", "it", "payment"),
        ("A keby sme to vybavili mimo stránky, dáte mi zľavu?", "sk", "payment"),
    ],
)
def test_paying_without_going_through_the_platform(text, language, kind):
    assert kind in soft_kinds(text, language)


def test_a_next_order_from_now_on_with_a_percentage_off_is_firm_marketing():
    text = "Pour la suite, écrivez-moi directement, je vous fais moins 10 % sur tout."
    assert "marketing" in firm_kinds(text, "fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t81–t84's misses, fourteenth round: a call offered or asked for in the first person,
        # with why talking beats writing
        ("Zavolám vám zítra ráno, vysvětlím vám to líp než tady.", "cs"),
        ("Zavolaj mi potom, vysvetlím ti to lepšie.", "sk"),
        ("Llámame mejor, que por escrito no nos aclaramos.", "es"),
        ("¿Le puedo llamar esta tarde? Por aquí me lío con tanto detalle.", "es"),
        ("Nem lehetne inkább telefonon megbeszélni? Hívjon fel bármikor.", "hu"),
        ("Nedáte mi na sebe číslo? Přes zprávy se to blbě vysvětluje.", "cs"),
        ("Żeby nie pisać elaboratów, zadzwonię do pani po południu.", "pl"),
        ("I'll give you a ring tonight, I can explain it better than in these messages.", "en"),
        ("Ti chiamo stasera, ti spiego meglio a voce.", "it"),
        ("Je vous appelle demain, je vous expliquerai mieux.", "fr"),
        ("Vă sun diseară, vă explic mai bine.", "ro"),
        ("Ich rufe Sie morgen kurz an, dann kann ich Ihnen alles besser erklären.", "de"),
    ],
)
def test_a_call_offered_or_asked_for_with_a_reason_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zavolám vám, až bude balík na poště.", "cs"),
        ("Te llamo mañana por la devolución, que hoy no puedo.", "es"),
        ("Kurier zadzwoni do pani przed dostawą, żeby nie pisać elaboratów.", "pl"),
    ],
)
def test_a_call_without_a_reason_or_the_courier_s_is_no_firm_move(text, language):
    assert "social" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Máte tu aplikaci s modrým letadélkem? Pošlu tam video.",
            "cs",
            "aplikaci s modrým letadélkem",
        ),
        ("Máte appku so slúchadlom? Tam vám to pošlem.", "sk", "appku so slúchadlom"),
        ("Masz tę apkę z samolocikiem? Tam wyślę zdjęcia.", "pl", "apkę z samolocikiem"),
        (
            "Have you got the app with the paper plane? I'll send the video there.",
            "en",
            "app with the paper plane",
        ),
        ("¿Tienes la app del avioncito? Te paso las fotos por ahí.", "es", "app del avioncito"),
    ],
)
def test_an_app_described_by_its_icon_is_firm(text, language, span):
    assert ("social", span) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Wyślij mi głosówkę na 6O1 224 9I3, wytłumaczę jak to podłączyć.", "pl", "głosówkę"),
        ("Hlasovku mi pošli na 7O2 555 1I8, ozvu se hned.", "cs", "Hlasovku"),
    ],
)
def test_a_voice_message_to_a_number_given_after_it_goes_through_an_app(text, language, span):
    assert ("social", span) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Numărul meu e 0723 555 118, dacă nu răspund lăsați mesaj vocal.", "ro"),
        ("Hlasová správa od kuriéra DPD hovorila o doručení zajtra.", "sk"),
        ("Hlasová zpráva od kurýra PPL říkala, že přijede v pondělí.", "cs"),
    ],
)
def test_a_voicemail_or_the_courier_s_voice_message_moves_nothing(text, language):
    assert "social" not in kinds(text, language)


def test_an_address_given_makes_write_to_me_there_the_address():
    text = "mon adresse: jm.perrin arobase laposte point net. écrivez moi là bas pour le devis"
    assert kinds(text, "fr") == {"email"}


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("tel/whats: +4O 7I2 333 8O4", "ro", "tel/whats"),
        ("Tel. + WA: 0601 234 567", "cs", "Tel. + WA"),
    ],
)
def test_an_app_written_beside_the_phone_word_is_firm(text, language, span):
    assert ("social", span) in firm(text, language)


def test_a_local_spelling_of_an_app_is_a_phone_cue():
    text = "vócapon írjon inkább: 20/415-3320"
    assert ("phone", "20/415-3320") in found(text, "hu")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("A téli kollekciónk november 10-én érkezik.", "hu", "téli kollekciónk"),
        ("Podzimní kolekce dorazí začátkem října.", "cs", "Podzimní kolekce"),
        ("Jesenná kolekcia bude v predaji od septembra.", "sk", "Jesenná kolekcia"),
        ("Colecția de toamnă vine în septembrie.", "ro", "Colecția de toamnă"),
        ("Jesienna kolekcja pojawi się we wrześniu.", "pl", "Jesienna kolekcja"),
        ("La colección de otoño llega en septiembre.", "es", "colección de otoño"),
        ("La collezione autunno arriva a settembre.", "it", "collezione autunno"),
    ],
)
def test_a_seasonal_collection_is_marketing(text, language, span):
    assert ("marketing", span) in found(text, language)


def test_new_pieces_beside_a_link_are_a_promotion():
    text = "Ne găsești și pe instagram.com/atelier_lemn_ro, punem des piese noi."
    assert "marketing" in kinds(text, "ro")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t85–t88's misses, fifteenth round: the number asked for beside the call, the reason
        # in the sentence before
        ("Hai un numero? Ti chiamo un attimo per la misura del piano.", "it"),
        ("Îmi dați un număr de telefon să vă sun? Am o întrebare despre montaj.", "ro"),
        ("Have you got a number? I'll give you a ring about the fitting.", "en"),
        ("Psát je otrava. Zavoláš mi večer?", "cs"),
        ("Bylo by jednodušší to probrat po telefonu, zavolejte mi zítra.", "cs"),
        ("Any chance you could call me? Easier to sort it out over the phone tbh.", "en"),
        ("Mi chiami quando è davanti al frigorifero, così la guido passo passo.", "it"),
        ("Give us a ring instead and we'll sort the refund.", "en"),
        ("¿Tienes un número? Te llamo y lo vemos en un momento.", "es"),
    ],
)
def test_a_call_with_the_number_asked_for_or_the_reason_before_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nechci nic řešit mimo portál. Zavolám vám, až dorazí kurýr.", "cs"),
        ("Have you got the order number? I'll call you back once I've checked it.", "en"),
    ],
)
def test_a_call_with_no_reason_near_it_stays_no_firm_move(text, language):
    assert "social" not in firm_kinds(text, language)


def test_the_same_name_as_here_said_with_another_word_is_a_channel_move():
    assert "social" in kinds("Máte tam stejný název jako tady?", "cs")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Meet us at the Home Show, stand B12, with a show voucher for 15 % off.", "en"),
        ("Besuchen Sie uns auf der Messe in Köln, Halle 4, unser Messestand ist C17.", "de"),
        ("Március 10-12. között kiállításon leszünk, a standunkon ajándék vár.", "hu"),
        ("Zapraszamy na nasze stoisko na targach w Poznaniu.", "pl"),
        ("Navštivte nás na veletrhu ve Brně, stánek 42.", "cs"),
    ],
)
def test_a_trade_fair_invitation_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


def test_a_channel_for_new_arrivals_is_promoted():
    assert "marketing" in kinds("Les arrivages passent d'abord par là : t.me/atelier_bois_fr", "fr")


def test_a_romanian_tracking_number_is_no_phone_number():
    text = "Numărul de urmărire este 1098765432, livrarea e estimată mâine."
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t89–t92's misses, sixteenth round: calls asked for in more words, with their reasons
        ("Can't we just talk it through over the phone? I'm not great with computers.", "en"),
        ("Können wir das telefonisch klären? Das Schreiben hier ist so mühsam.", "de"),
        ("Pourriez-vous me rappeler ? Je préfère parler de vive voix.", "fr"),
        ("Wolałabym to omówić przez telefon, czy mogę do pani dzisiaj zadzwonić?", "pl"),
        ("Mohli by ste mi zatelefonovať? Radšej by som to vybavil ústne.", "sk"),
        ("Nem lenne egyszerűbb, ha felhívnám? Telefonon sokkal gyorsabb.", "hu"),
        ("Puteți să mă sunați mâine? Nu mă pricep să scriu mesaje lungi.", "ro"),
        ("¿Le parece que la llame y lo vemos por teléfono? Será más rápido.", "es"),
        ("Mi fa uno squillo stasera? Preferisco parlarne a voce.", "it"),
    ],
)
def test_a_call_asked_for_in_more_words_with_its_reason_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("On continue en privé ? J'ai encore des questions sur la housse.", "fr"),
        ("Sentiamoci in privato, qui non riesco a caricare le foto.", "it"),
        ("Domluvíme se radši soukromě?", "cs"),
        ("Lass uns das privat klären, nicht über die Plattform.", "de"),
        ("Piszmy może gdzie indziej, tutaj wiadomości dochodzą z opóźnieniem.", "pl"),
    ],
)
def test_going_on_privately_is_a_channel_move_for_the_model(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("The autumn range lands on the 20th, have a look then.", "en", "autumn range"),
        ("La gamme printemps débarque le 15 mars.", "fr", "gamme printemps"),
        ("A settembre arriva la linea autunno in velluto.", "it", "linea autunno"),
        ("En abril llega la línea de primavera en lino.", "es", "línea de primavera"),
        ("Das Wintersortiment kommt Ende Oktober.", "de", "Wintersortiment"),
    ],
)
def test_a_season_s_range_coming_is_marketing(text, language, span):
    assert ("marketing", span) in found(text, language)


@pytest.mark.parametrize(
    "text",
    [
        # t93–t96's misses, seventeenth round: a parcel's long number a few words after its
        # carrier, with the word "number" before it (read without a language hint)
        "Votre colis est parti avec DPD hier soir, numéro 09445 1123 8870 45.",
        "El paquete va con SEUR y con el número 0912 4457 8801 2 puede seguirlo.",
        "Ihr Paket ist bei DPD unterwegs, Nummer 09445 1123 8870 45.",
    ],
)
def test_a_parcel_s_long_number_after_its_carrier_and_the_word_number_is_no_phone(text):
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("DPD hat meine Nummer: 0151 2345 6789, bitte vorher anrufen.", "0151 2345 6789"),
        ("Pour DPD mon numéro 0033 6 12 34 56 78, merci.", "0033 6 12 34 56 78"),
    ],
)
def test_a_phone_number_after_a_carrier_and_the_word_number_stays_a_phone(text, span):
    assert ("phone", span) in found(text)


def test_a_serial_number_several_words_before_is_is_no_phone():
    text = "Výrobní číslo na zadní straně pod krytem je 604 118 372, typ myčky SMV4."
    assert "phone" not in kinds(text, "cs")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "albo pisz na sklep - kubus - onet - pl, odpiszę wieczorem",
            "pl",
            "sklep - kubus - onet - pl",
        ),
        ("pište mi na jana - novakova - seznam - cz", "cs", "jana - novakova - seznam - cz"),
        ("schreiben Sie an info - moebelhaus - gmx - de", "de", "info - moebelhaus - gmx - de"),
        ("email me: sarah - jones - gmail - com", "en", "sarah - jones - gmail - com"),
    ],
)
def test_an_address_dictated_with_dashes_between_its_parts(text, language, span):
    assert ("email", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "handle"),
    [
        (
            "Urmăriți-ne pe Instagram la @atelier.floare.ro, postăm zilnic.",
            "ro",
            "@atelier.floare.ro",
        ),
        ("Find us on Insta at @glow.co.uk for the new drops.", "en", "@glow.co.uk"),
    ],
)
def test_a_handle_after_an_app_and_a_little_word_is_no_address(text, language, handle):
    assert "email" not in kinds(text, language)
    assert ("social", handle) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "You'll find the whole range at better prices on oakline dot co dot uk.",
            "en",
            "better prices",
        ),
        ("Toute la collection à meilleur prix sur meubles-morel point fr.", "fr", "meilleur prix"),
        (
            "Die ganze Kollektion zu besseren Preisen auf moebel-huber punkt de.",
            "de",
            "besseren Preisen",
        ),
        (
            "Celú kolekciu s lepšími cenami nájdete na hudak-nabytok bodka sk.",
            "sk",
            "lepšími cenami",
        ),
        ("Toda la colección a mejores precios en muebles-ruiz punto es.", "es", "mejores precios"),
        (
            "Tutta la collezione a prezzi migliori su arredi-conti punto it.",
            "it",
            "prezzi migliori",
        ),
        ("Toată colecția la prețuri mai bune pe mobila-pop punct ro.", "ro", "prețuri mai bune"),
    ],
)
def test_better_prices_beside_a_link_are_marketing(text, language, span):
    assert ("marketing", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # t97–t100's misses, eighteenth round: the rest paid when the goods are handed over
        (
            "Pay the deposit on here and the rest when you collect it on Saturday.",
            "en",
            "the rest when you collect",
        ),
        ("Payez ici l'acompte, le reste au retrait samedi.", "fr", "le reste au retrait"),
        (
            "Zahlen Sie hier nur die Anzahlung, den Rest bei der Abholung.",
            "de",
            "den Rest bei der Abholung",
        ),
        ("Proszę tu wpłacić zaliczkę, a resztę przy odbiorze.", "pl", "resztę przy odbiorze"),
        ("Tady zaplaťte jen zálohu a zbytek při předání.", "cs", "zbytek při předání"),
        ("Tu zaplaťte len zálohu a zvyšok pri prevzatí.", "sk", "zvyšok pri prevzatí"),
        ("Itt csak az előleget fizesse, a maradékot átvételkor.", "hu", "a maradékot átvételkor"),
        ("Achitați aici avansul, iar restul la ridicare.", "ro", "restul la ridicare"),
        (
            "Aquí paga solo la señal y el resto cuando nos veamos.",
            "es",
            "el resto cuando nos veamos",
        ),
        ("Qui paghi l'acconto, il resto quando ci vediamo.", "it", "il resto quando ci vediamo"),
    ],
)
def test_the_rest_paid_when_the_goods_are_handed_over_is_payment(text, language, span):
    assert ("payment", span) in found(text, language)


def test_the_rest_of_the_goods_brought_later_is_no_payment():
    assert "payment" not in kinds("The rest of the parts I will bring when I come on Monday.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Poďme to riešiť súkromne, tu sa to nedá.", "sk"),
        ("Napište mi soukromě, prosím.", "cs"),
        ("Scrivimi in pvt che ti spiego.", "it"),
        ("Let's take this to pvt, I'll explain there.", "en"),
        ("Can we chat in private? It's about the price.", "en"),
        ("On continue en mp ?", "fr"),
        ("Hai să vorbim pe privat, e mai simplu.", "ro"),
        ("¿Seguimos por privado? Te explico mejor.", "es"),
    ],
)
def test_going_on_in_private_messages_is_a_channel_move_for_the_model(text, language):
    assert "social" in kinds(text, language)


def test_a_call_by_video_in_hungarian_word_order_is_a_video_call():
    assert "social" in kinds("Tudna hívni videón holnap? Megmutatnám a hibát.", "hu")


def test_a_capital_after_a_dash_makes_a_number_a_code():
    text = "Auf dem Typenschild steht 0170/2345-B, Baujahr 2019, 230 V."
    assert "phone" not in kinds(text, "de")
    assert ("phone", "20/334-5512") in found("Hívj a 20/334-5512-n, ha ráérsz.", "hu")


def test_an_address_at_centrum_said_in_czech():
    assert ("email", "petr.novak na centru") in found("Pište na petr.novak na centru.", "cs")
    assert "email" not in kinds("Sejdeme se v centru u kašny, pak na centru Chodov.", "cs")


@pytest.mark.parametrize(
    ("text", "language", "app"),
    [
        # t101–t104's misses, nineteenth round: an app asked for as where to reach the reader
        ("Got a Telegram or something I could contact you on?", "en", "Telegram"),
        ("Haben Sie Viber, wo ich Sie erreichen kann?", "de", "Viber"),
        ("Vous avez WhatsApp pour vous joindre ce soir ?", "fr", "WhatsApp"),
        ("¿Tienes Telegram para contactarte más rápido?", "es", "Telegram"),
        ("Ma Pan Messengera, gdzie mogę się z Panem skontaktować?", "pl", "Messengera"),
        ("Van Vibere, ahol elérhetem este?", "hu", "Vibere"),
        ("Aveți Telegram unde vă pot contacta?", "ro", "Telegram"),
        ("Máte WhatsApp, kde vás můžu zastihnout?", "cs", "WhatsApp"),
    ],
)
def test_an_app_asked_for_to_reach_the_reader_is_firm(text, language, app):
    assert ("social", app) in firm(text, language)


def test_an_app_refused_before_reaching_the_reader_here_stays_soft():
    assert "social" not in firm_kinds("I don't have Viber, but I can reach you here, right?", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pásame tu whats y te mando las fotos.", "es"),
        ("Scrivimi sul whats stasera.", "it"),
        ("Scrie-mi pe whats diseară.", "ro"),
    ],
)
def test_whats_after_a_little_word_is_whatsapp(text, language):
    assert "social" in kinds(text, language)


def test_whats_typed_for_what_is_no_app():
    assert "social" not in kinds("whats the price of the blue one with delivery?")


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Our web store is cheaper than ordering through the marketplace, have a look.",
            "en",
            "cheaper than ordering through the marketplace",
        ),
        (
            "Im eigenen Shop ist alles günstiger als auf der Plattform.",
            "de",
            "günstiger als auf der Plattform",
        ),
        (
            "Pe site-ul nostru prețurile sunt mai mici decât aici.",
            "ro",
            "mai mici decât aici",
        ),
        (
            "W naszym sklepie mamy niższe ceny niż na platformie.",
            "pl",
            "niższe ceny niż na platformie",
        ),
        ("U nás na webu je to levnější než tady.", "cs", "levnější než tady"),
        (
            "En nuestra web sale más barato que en la plataforma.",
            "es",
            "más barato que en la plataforma",
        ),
        (
            "Sul nostro sito è più economico che sulla piattaforma.",
            "it",
            "più economico che sulla piattaforma",
        ),
        (
            "Sur notre site c'est moins cher que sur la plateforme.",
            "fr",
            "moins cher que sur la plateforme",
        ),
        ("A webshopunkban olcsóbb, mint a platformon.", "hu", "olcsóbb, mint a platformon"),
        ("U nás na webe je to lacnejšie ako na platforme.", "sk", "lacnejšie ako na platforme"),
    ],
)
def test_cheaper_than_on_the_platform_is_marketing(text, language, span):
    assert ("marketing", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Niech Pani zadzwoni, wyjaśnimy wszystko przez telefon.", "pl"),
        ("Tudnál inkább hívni? Így sokkal egyszerűbb.", "hu"),
        ("Számot itt nem adhatok meg, de hívjon fel, a számunk megtalálható a weboldalon.", "hu"),
        ("I can't post my number here, but call us, our number is on the invoice.", "en"),
        (
            "Hier darf ich keine Nummer schreiben, aber rufen Sie uns an, die Nummer steht auf"
            " der Rechnung.",
            "de",
        ),
    ],
)
def test_a_call_asked_for_with_a_reason_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


def test_a_call_refused_without_a_but_stays_soft():
    text = "Please don't call me, I can't talk at work, it's easier to write here."
    assert "social" not in firm_kinds(text, "en")


def test_sms_inside_a_model_code_is_no_text_message():
    assert "social" not in kinds("Passt die Pumpe 00651956 zum Bosch SMS46GI01E?", "de")
    assert "social" in kinds("Schick mir eine SMS an 0171 2345678.", "de")


def test_a_serial_number_after_a_one_letter_word_and_a_colon_is_no_phone():
    assert "phone" not in kinds("Numer seryjny z naklejki: 3318 5520 1174, rok 2024.")
    assert "phone" in kinds("Faktura a telefon: 601 234 567", "pl")


@pytest.mark.parametrize(
    "text",
    [
        "Il pacco è partito con BRT stamattina, con il numero 0912345678 lo segue sul sito.",
        "Odeslali jsme to přes PPL v 9:15, číslo 40998877665, dorazí zítra.",
        "Le colis part en Mondial Relay avec le numéro d'expédition 52963311.",
        "Am predat coletul la Cargus, cu numărul 1200456789 îl urmăriți pe site.",
    ],
)
def test_a_parcel_number_in_one_piece_after_its_carrier_and_number_is_no_phone(text):
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Der Fahrer von DPD hat meine Nummer: 0151 2345 6789", "0151 2345 6789"),
        ("Kurier DPD może dzwonić na mój numer 601234567", "601234567"),
    ],
)
def test_the_writers_own_number_after_a_carrier_stays_a_phone(text, number):
    assert ("phone", number) in found(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t105–t108's misses, twentieth round: a call asked for because the writer is old or
        # writing is hard, or to agree on the price
        ("Could you ring me? I'm a bit old for all this typing.", "en"),
        ("Rufen Sie mich bitte an, ich bin schon älter und tippe langsam.", "de"),
        ("Pouvez-vous m'appeler ? Je suis âgée, j'ai du mal à écrire.", "fr"),
        ("¿Puede llamarme? Me cuesta escribir en el móvil.", "es"),
        ("Può chiamarmi? Sono anziana e per iscritto mi confondo.", "it"),
        ("Proszę do mnie zadzwonić, jestem już starsza i pisanie mi słabo idzie.", "pl"),
        ("Zavolejte mi, prosím, jsem už v letech.", "cs"),
        ("Zavolajte mi, prosím, som už staršia.", "sk"),
        ("Hívjon fel kérem, idős vagyok, nehezen írok.", "hu"),
        ("Sunați-mă vă rog, sunt în vârstă și îmi e greu să scriu.", "ro"),
        ("Zadzwoń jutro, to się dogadamy.", "pl"),
        ("Chiamami stasera, ci mettiamo d'accordo.", "it"),
        ("Dumáljunk inkább telefonon, sokkal gyorsabb, mint itt pötyögni.", "hu"),
    ],
)
def test_a_call_asked_for_because_writing_is_hard_or_to_agree_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "app"),
    [
        ("Send the photos on WhatsApp, it's quicker.", "en", "WhatsApp"),
        ("Schicken Sie mir die Fotos per WhatsApp.", "de", "WhatsApp"),
        ("Envoyez-moi les photos sur Messenger.", "fr", "Messenger"),
        ("Mándame las fotos por Telegram.", "es", "Telegram"),
        ("Proszę wysłać zdjęcia na Messengera.", "pl", "Messengera"),
        ("Küldje el a képeket Viberen.", "hu", "Viberen"),
    ],
)
def test_photos_asked_for_on_an_app_make_it_firm(text, language, app):
    assert ("social", app) in firm(text, language)


def test_photos_refused_on_an_app_stay_soft():
    assert "social" not in firm_kinds("Don't send the photos on WhatsApp, I'm not on it.", "en")


@pytest.mark.parametrize(
    ("text", "language", "cue"),
    [
        ("Our whole range is cheaper on oakbarn.co.uk, no fees there.", "en", "cheaper"),
        ("Găsiți toată oferta noastră mai ieftin pe www.lampi-vechi.ro.", "ro", "mai ieftin"),
        ("Nos autres produits sont moins chers sur atelier-brun.fr.", "fr", "moins chers"),
    ],
)
def test_our_range_cheaper_on_a_link_is_firm_marketing(text, language, cue):
    assert ("marketing", cue) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Another seller asked me to pay outside the site. Is that allowed?", "en"),
        ("Ein anderer Verkäufer hat mir vorgeschlagen, direkt zu zahlen. Ist das erlaubt?", "de"),
        ("Un autre vendeur m'a proposé de payer hors du site, est-ce autorisé ?", "fr"),
        ("Otro vendedor me pidió pagar fuera. ¿Está permitido?", "es"),
        ("Un altro venditore mi ha chiesto di pagare fuori, è permesso?", "it"),
        ("Inny sprzedawca zaproponował płatność poza serwisem. Czy to dozwolone?", "pl"),
        ("Jiný prodejce mi navrhl platbu mimo web. Je to povolené?", "cs"),
        ("Iný predajca mi ponúkol platbu mimo stránky. Je to povolené?", "sk"),
        ("Egy másik eladó azt javasolta, fizessek közvetlenül. Megengedett ez?", "hu"),
        ("Un alt vânzător mi-a cerut să plătesc în afara site-ului. E permis?", "ro"),
    ],
)
def test_a_report_of_another_sellers_request_reads_as_a_report(text, language):
    assert "report" in concepts_of(text)


def test_an_address_written_backwards_with_spaces_around_its_signs():
    text = "Píšu to pozpátku: zc . ynzlep @ akvonad.anaj, přečtěte odzadu."
    assert ("email", "zc . ynzlep @ akvonad.anaj") in found(text, "cs")
    assert "email" not in kinds("It costs 5 . 20 @ the shop, or 4 . 99 @ the market.", "en")


@pytest.mark.parametrize(
    "text",
    [
        # t109–t112's misses, twenty-first round: the reader's own request reported back
        "You asked me to pay by bank transfer for a discount; I'll pay here as usual.",
        "Vous m'avez proposé un virement direct, je préfère payer sur le site.",
        "Me pediste que te pagara en mano; no, gracias.",
        "Navrhli ste platbu vopred na účet, to nie.",
        "Mi-ați propus să plătesc la ridicare, dar prefer platforma.",
        "E voie să plătesc direct prin transfer?",
    ],
)
def test_the_readers_own_request_reported_back_reads_as_a_report(text):
    assert "report" in concepts_of(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Saw your lamp in a YouTube ad, is it still available?", "en"),
        ("Das Aufbauvideo finden Sie auf youtube.com/watch?v=Ab3dE5fG7h.", "de"),
        ("Abonujte náš kanál na YouTube, každý týden nové video.", "cs"),
    ],
)
def test_youtube_is_no_channel_to_talk_on(text, language):
    assert "social" not in kinds(text, language)


def test_telegram_spelled_with_a_double_m_or_an_i():
    assert "social" in kinds("Haben Sie Telegramm? Da schicke ich Ihnen die Bilder.", "de")
    assert "social" in kinds("Máte Teligram? Tam vám pošlu fotky.", "cs")


def test_onet_said_in_the_polish_locative():
    assert ("email", "marta.kowal w onecie") in found("Proszę pisać na marta.kowal w onecie.", "pl")


@pytest.mark.parametrize(
    ("text", "language", "payment"),
    [
        (
            "Find me on Insta as @lina.ceramics, there I'll send you the bank details for the"
            " transfer.",
            "en",
            "bank details",
        ),
        (
            "Scrivimi su Telegram, lì ti mando l'IBAN per il bonifico.",
            "it",
            "bonifico",
        ),
    ],
)
def test_payment_in_a_sentence_that_moves_the_talk_is_firm(text, language, payment):
    assert ("payment", payment) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language", "app"),
    [
        # t113–t116's misses, twenty-second round: a call or a message asked for with the
        # pronoun before the verb ("can you call me on …?")
        ("Pourriez-vous m'appeler sur Viber demain ?", "fr", "Viber"),
        ("¿Me podrías escribir por Telegram esta tarde?", "es", "Telegram"),
        ("Mi potrebbe chiamare su Viber domani mattina?", "it", "Viber"),
        ("Mohl byste mi zavolat přes Viber?", "cs", "Viber"),
        ("Mohli by ste mi napísať na Telegram?", "sk", "Telegram"),
        ("Fel tudna hívni Viberen holnap?", "hu", "Viberen"),
        ("ne puteti contacta pe Telegram maine?", "ro", "Telegram"),
    ],
)
def test_a_call_asked_for_with_the_pronoun_first_makes_the_app_firm(text, language, app):
    assert ("social", app) in firm(text, language)


def test_a_call_refused_with_the_pronoun_first_leaves_the_app_soft():
    assert "social" not in firm_kinds("No me puede llamar por WhatsApp, seguimos aquí.", "es")


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("Viber me when the parcel is out, cheers.", "Viber"),
        ("Could you Telegram us a photo of the label?", "Telegram"),
        ("ok then, just insta me", "insta"),
    ],
)
def test_an_app_used_as_a_verb_is_firm(text, app):
    assert ("social", app) in firm(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Please don't WhatsApp me, I only read messages here.", "en"),
        ("Votre Instagram me plaît beaucoup, bravo pour les photos.", "fr"),
        ("Vi el anuncio en Instagram me gustó la lámpara.", "es"),
        ("My dad wants to video call us from the kitchen with it.", "en"),
    ],
)
def test_an_app_followed_by_a_pronoun_is_no_verb(text, language):
    assert "social" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "call"),
    [
        ("Mind if I just rang you? Five minutes on the phone would settle it.", "en", "rang you"),
        (
            "It's fiddly to explain the wiring of the thermostat in writing. Can I ring you?",
            "en",
            "ring you",
        ),
        (
            "Kann ich Sie kurz anrufen? Zehn Minuten am Telefon und alles ist geklärt.",
            "de",
            "anrufen",
        ),
        ("La posso chiamare? Dieci minuti al telefono e sistemiamo tutto.", "it", "chiamare"),
    ],
)
def test_a_call_asked_for_because_a_few_minutes_on_the_phone_settle_it_is_firm(
    text, language, call
):
    assert any(kind == "social" and call in span for kind, span in firm(text, language))


def test_privately_after_a_word_in_between_moves_the_talk():
    assert "social" in kinds("Beszéljük meg inkább privátban a részleteket.", "hu")


def test_wap_is_polish_slang_for_whatsapp():
    assert ("social", "na wapie") in firm("Odezwij się na wapie wieczorem.", "pl")


def test_the_romanian_us_in_an_ask_is_no_refusal():
    text = "Pentru montaj și piese de schimb scrieți-ne pe Viber, răspundem în aceeași zi."
    assert ("social", "Viber") in firm(text, "ro")
    assert "social" not in firm_kinds("Nu ne scrieți pe Viber, doar aici.", "ro")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t117–t120's misses, twenty-third round: a message that asks whether it is allowed
        # reports the payment or asks about it, it proposes none
        (
            "Der Händler möchte, dass ich die Bestellung storniere und ihm bar zahle. Ist das"
            " erlaubt? Ich habe es gemeldet.",
            "de",
        ),
        ("Prodávající chce, abych mu poslal peníze přímo na účet. Je to tu povolené?", "cs"),
        ("A seller told me to pay him by bank transfer outside the site. Is that allowed?", "en"),
        ("Il venditore vuole che paghi in contanti al ritiro. È consentito?", "it"),
        ("Az eladó azt írta, utaljak neki közvetlenül. Ez megengedett?", "hu"),
    ],
)
def test_a_question_whether_it_is_allowed_carries_no_payment(text, language):
    assert "payment" not in {f.kind for f in scan(text, language=language)}


def test_an_account_given_beside_a_question_whether_it_is_allowed_stays():
    text = "Is it allowed to pay the rest outside? Here's my IBAN: GB33BUKB20201555555555"
    assert "payment" in {f.kind for f in scan(text, language="en")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the platform's own refund after a cancellation: held as a payment by the models up
        # to the sixty-seventh round (a click-through), clean by the rule after them
        ("Cancelo el pedido y la plataforma te devuelve el dinero directamente.", "es"),
        ("I'll cancel the order and the platform refunds you directly.", "en"),
        ("J'annule la commande et la plateforme vous rembourse directement.", "fr"),
        ("Ich storniere die Bestellung, die Plattform erstattet Ihnen das Geld direkt.", "de"),
        ("Anuluję zamówienie, a platforma zwróci Panu pieniądze bezpośrednio.", "pl"),
        ("Annullo l'ordine e la piattaforma ti rimborsa direttamente.", "it"),
        ("Objednávku zruším a platforma vám peníze vrátí přímo na účet.", "cs"),
        ("Objednávku zruším a platforma vám peniaze vráti priamo na účet.", "sk"),
        ("Törlöm a rendelést, és a platform közvetlenül visszautalja Önnek a pénzt.", "hu"),
        ("Anulez comanda și platforma vă returnează banii direct pe card.", "ro"),
    ],
)
def test_the_platforms_own_refund_is_no_payment(text, language):
    assert "payment" not in {f.kind for f in scan(text, language=language)}
    assert "payment" not in {f.kind for f in scan(text)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the writer's own refund set against the platform's (the development split's commonest
        # payment of this kind)
        (
            "The platform refunds you in two weeks; cancel it and I'll refund you directly today.",
            "en",
        ),
        (
            "Objednávku zrušte, já vám peníze vrátím rovnou na účet. Platforma vrací peníze až za"
            " 14 dní.",
            "cs",
        ),
        (
            "ked to tu zrusite tak vam poslem peniaze spat priamo na ucet, platforma to vracia"
            " strasne dlho",
            "sk",
        ),
        # a firm payment beside the platform's refund
        (
            "La plataforma te devuelve el dinero en 10 días, o pásame tu IBAN y lo arreglamos"
            " fuera.",
            "es",
        ),
    ],
)
def test_a_payment_beside_the_platforms_refund_stays(text, language):
    assert "payment" in {f.kind for f in scan(text, language=language)}


@pytest.mark.parametrize(
    ("text", "language", "address"),
    [
        ("I'm on hotmail as kate.baker.ie, write there.", "en", "hotmail as kate.baker.ie"),
        ("Auf GMX bin ich als jonas.weber.at zu finden.", "de", "gmx bin ich als jonas.weber.at"),
        (
            "Na seznamu jsem jako lucie.dvorak.cz, pište tam.",
            "cs",
            "seznamu jsem jako lucie.dvorak.cz",
        ),
    ],
)
def test_a_name_like_a_domain_given_as_the_name_at_a_mail_provider_is_an_address(
    text, language, address
):
    assert ("email", address) in {(kind, span.lower()) for kind, span in found(text, language)}
    assert "url" not in kinds(text, language)


def test_a_site_named_after_a_mail_provider_stays_a_link():
    assert "url" in kinds("I use gmail as well, but our shop is woodcraft.co.uk", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Poczta: interia.pl, a przed małpą wpisz adam.nowak81", "pl"),
        ("Doména je centrum.cz a před zavináčem je jana.mala", "cs"),
        ("L'adresse : laposte.net, et avant l'arobase : m.durand", "fr"),
    ],
)
def test_a_mail_providers_domain_with_the_at_sign_named_is_an_address(text, language):
    assert "email" in kinds(text, language)
    assert "url" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Before I order the walnut I need a £150 deposit sent to my account.", "en"),
        ("Avant de commencer, il me faut un acompte de 80 € sur mon compte.", "fr"),
        ("Než začnu, pošlete prosím zálohu 1500 Kč na můj účet.", "cs"),
        ("Kérek 20 000 Ft előleget a számlámra, utána kezdem.", "hu"),
    ],
)
def test_a_deposit_to_the_writers_own_account_is_payment(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿Me llamas esta tarde? Por teléfono lo arreglamos enseguida.", "es"),
        ("Sunați-mă, se rezolvă mult mai repede decât așa.", "ro"),
    ],
)
def test_a_call_asked_for_with_a_reason_said_the_local_way_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t121–t124's misses, twenty-fourth round: stock offered that is not listed here
        ("I've got forty more vintage cameras I haven't listed here, ask me for the list.", "en"),
        ("Ich habe noch 50 Uhren, die hier nicht gelistet sind.", "de"),
        ("J'ai d'autres vinyles, pas encore en ligne ici, demandez-moi la liste.", "fr"),
        ("Mam jeszcze sporo kart, których nie wystawiam, mogę wysłać listę.", "pl"),
        ("Mám ešte 80 hodiniek, ktoré tu nemám vystavené.", "sk"),
        ("Mai am vreo 30 de viniluri pe care nu le-am pus pe platformă.", "ro"),
    ],
)
def test_stock_offered_that_is_not_listed_here_is_promotion(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La pièce est gradée PSA 9, certificat n° 41258963.", "fr"),
        ("Graded BGS 9.5, certificate 0012345678, slab intact.", "en"),
        ("Karta má PSA 8, číslo certifikátu 52318874.", "cs"),
        ("A érme PCGS MS63, tanúsítvány 40918273.", "hu"),
    ],
)
def test_a_graders_certificate_number_is_no_phone(text, language):
    assert "phone" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t125–t128's misses, twenty-fifth round: more stock than is listed, or stock the
        # seller does not put on the platform (the fees named or not)
        ("We've got far more rugs than we show here, just ask for the catalogue.", "en"),
        ("The matching chairs I don't put on the platform, fees are too steep.", "en"),
        ("Die passenden Stühle stelle ich nicht online, fragen Sie einfach.", "de"),
        ("J'ai beaucoup plus de coloris que ce que je mets ici, demandez-moi.", "fr"),
        ("Mamy dużo więcej wzorów niż to, co jest tutaj wystawione.", "pl"),
        ("Další kusy na platformu nedáváme, zeptejte se.", "cs"),
        ("Máme viac farieb, než je tu vystavené.", "sk"),
        ("Jóval több színünk van, mint amit ide feltöltünk.", "hu"),
        ("Avem mai multe modele decât cele postate aici.", "ro"),
        ("Hay muchos más colores de los que publicamos aquí.", "es"),
        ("Le sedie abbinate non le metto in piattaforma, chieda pure.", "it"),
    ],
)
def test_more_stock_than_is_listed_here_is_promotion(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Je ne les mets pas en ligne avant lundi, le colis part demain.", "fr"),
        ("No lo pongo aquí porque ya está en el pedido.", "es"),
        ("Ne abbiamo più pezzi di quelli visibili ora, li carichiamo qui un po' alla volta.", "it"),
    ],
)
def test_stock_put_online_later_is_no_promotion(text, language):
    assert "marketing" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        # another marketplace's site with a domain that is also a word ("punto es")
        ("En amazon punto es la tienes a 39 €, ¿me la dejas igual?", "es", "amazon punto es"),
        ("Bei ebay punkt de gibt es die gleiche Lampe billiger.", "de", "ebay punkt de"),
    ],
)
def test_another_marketplace_spelled_with_a_dot_word_is_a_link(text, language, span):
    assert ("url", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mi principal punto es que llegó roto.", "es"),
        ("El segundo punto es el plazo de entrega.", "es"),
    ],
)
def test_punto_es_in_prose_is_no_link(text, language):
    assert "url" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t129–t132's misses, twenty-sixth round: a call asked for politely, with why talking
        # beats writing here (the number is in the order, long messages, small letters)
        ("Mogłaby Pani do mnie po prostu zadzwonić? Numer ma Pani w zamówieniu.", "pl"),
        ("¿No podría llamarme y me lo explica de palabra? Con el móvil no me apaño.", "es"),
        ("Non potrebbe telefonarmi domani? Così mi spiega come si collega.", "it"),
        ("Nem tudná inkább telefonon elmagyarázni? A szemem már nem a régi.", "hu"),
    ],
)
def test_a_call_asked_for_politely_with_a_reason_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kurier do mnie jutro rano zadzwoni przed dostawą.", "pl"),
        ("Le doy mi palabra de que el paquete sale hoy.", "es"),
        ("Nous sommes ami-ami avec le transporteur, pas de souci.", "fr"),
    ],
)
def test_a_courier_s_call_and_a_word_given_move_nothing(text, language):
    assert kinds(text, language) == set()


def test_friends_and_family_said_the_french_way_is_payment():
    assert "payment" in kinds("Vous pouvez m'envoyer ça en ami-ami sur PayPal ?", "fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t133–t136's misses, twenty-seventh round: a review asked to be changed or taken
        # down in a message that pays money outside the platform is a review bribe
        (
            "Je peux vous rembourser 15 € par Lydia, et si vous pouviez ensuite modifier "
            "votre avis, ce serait super.",
            "fr",
        ),
        ("Oddam Panu 40 zł BLIKiem jeszcze dziś, a w zamian proszę o usunięcie opinii.", "pl"),
        ("Pošlu vám 200 Kč přes Revolut. Budu rád, když pak recenzi smažete.", "cs"),
        (
            "Vă trimit 50 de lei pe Revolut acum, iar dacă ați putea să ștergeți recenzia "
            "ne-ați ajuta mult.",
            "ro",
        ),
        ("I'll send you $30 on Venmo right now if you could edit the rating afterwards.", "en"),
        ("Ti mando 20 euro su PayPal subito, se poi modifichi la recensione ti ringrazio.", "it"),
        (
            "Le devuelvo 20 € por Bizum y si puede quitar la valoración negativa se lo agradezco.",
            "es",
        ),
        ("Ich überweise Ihnen 25 € per PayPal, wenn Sie die Bewertung danach ändern.", "de"),
        ("Visszautalok 5000 forintot Revoluton, ha az értékelést módosítaná.", "hu"),
        ("Pošleme vám 15 € cez Revolut, ak by ste potom upravili hodnotenie.", "sk"),
    ],
)
def test_a_review_changed_for_money_paid_outside_is_a_review_bribe(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Once the refund of 20 € arrives through the platform I will update my review.", "en"),
        ("J'ai changé d'avis, je garde finalement la lampe à 20 €.", "fr"),
        ("Ya he cambiado de opinión: me quedo la freidora de 25 €.", "es"),
        ("Ho cambiato opinione, tengo la culla da 90 euro.", "it"),
    ],
)
def test_a_mind_changed_or_a_review_updated_after_a_refund_here_is_no_bribe(text, language):
    assert kinds(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # new stock announced first on one's own channel
        ("Les nouveaux arrivages sont publiés d'abord sur t.me/vinyles_lyon", "fr"),
        ("Nové kusy hlásíme nejdřív na t.me/retro_kola_cz", "cs"),
        ("Az új termékeket először a t.me/kerti_bolt csatornán tesszük ki.", "hu"),
        ("Neue Ware kündigen wir zuerst in unserem Kanal t.me/garten_lager an.", "de"),
        ("Nowe klucze wrzucamy najpierw na t.me/tanie_gry_pl", "pl"),
        ("Nuevo stock cada lunes en nuestro canal t.me/zapas_madrid", "es"),
    ],
)
def test_new_stock_announced_on_one_s_own_channel_is_promotion(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mi chiami pure stasera, a voce le spiego come montare la lama.", "it"),
        ("Llámeme esta tarde y se lo explico de viva voz.", "es"),
        ("Zadzwoń do mnie, wytłumaczę ci to ustnie w minutę.", "pl"),
    ],
)
def test_a_call_asked_for_to_explain_by_voice_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


def test_facebook_spelled_as_hungarians_say_it_before_a_group_is_a_channel():
    assert "social" in kinds("Csatlakozz a fejsz csoportunkhoz, ott vannak a kiárusítások!", "hu")


# t137–t144's misses, twenty-eighth round
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Envoyez-moi la photo de la plaque constructeur ici, je vérifie.", "fr"),
        ("Envoyez-moi la photo de la plaque constructeur ici, je vérifie.", None),
        ("Trimiteti-mi la poza de pe cutie, va rog.", None),
        ("Contactez-nous la semaine prochaine, merci.", "fr"),
    ],
)
def test_a_verb_and_its_pronoun_are_no_mailbox_name(text, language):
    assert "email" not in kinds(text, language)


def test_a_hyphenated_mailbox_name_at_a_provider_is_still_an_address():
    assert kinds("Trimiteti-mi la marius-popescu la yahoo com", "ro") == {"email"}


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Write to me on Ðiscord: marek#1234", "en", "Ðiscord"),
        ("Schreib mir auf điscord, da geht es schneller.", "de", "điscord"),
        ("Napisz na Whåtsapp, szybciej się dogadamy.", "pl", "Whåtsapp"),
        ("Écrivez-moi sur Ïnstagrãm svp", "fr", "Ïnstagrãm"),
        ("Írjon a vıber-en", "hu", "vıber"),
    ],
)
def test_latin_letters_of_no_market_s_alphabet_are_look_alikes(text, language, span):
    assert ("social", span) in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the markets' own letters keep their meaning
        ("Zapłać przelewem na łódź", "pl"),
        ("Zoë will collect the chair at 18:00.", "en"),
        ("Der Tisch aus Eiche ist 160 × 90 cm groß.", "de"),
    ],
)
def test_the_markets_own_letters_are_no_look_alikes(text, language):
    assert "social" not in kinds(text, language)


def test_the_markets_letters_are_read_from_the_language_files():
    from helpdesk.scanner.lexicon import LEXICON
    from helpdesk.scanner.normalise import fold

    letters = LEXICON.letters()
    assert {"ł", "ő", "ű", "ș", "ț", "ř", "ů", "ĺ", "ľ", "ñ", "ß", "ç"} <= letters
    assert fold("łódź ő ș ç") == "łódź ő ș ç"
    assert fold("ðiscord đ ø å ı") == "discord d o a i"


def test_a_name_with_its_digits_said_apart_at_a_provider_is_an_address():
    assert ("email", "kieran underscore murphy 87 on icloud") in found(
        "my email is kieran underscore murphy 87 on icloud", "en"
    )


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Add mich auf Steam, dann tauschen wir.", "de", "Steam"),
        ("pridaj si ma na Steame ako marek_sk", "sk", "Steame"),
        ("Dodaj mnie na Steamie, nick tomek88", "pl", "Steamie"),
        ("Ajoute-moi sur Xbox, mon pseudo est LucasR", "fr", "Xbox"),
        ("add me on PSN, same name as here", "en", "PSN"),
    ],
)
def test_a_player_asked_to_be_added_on_a_gaming_network_moves_the_talk(text, language, span):
    assert ("social", span) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Steam key arrives by e-mail from the platform within 10 minutes.", "en"),
        ("Die Xbox Series S hat einen Kratzer am Gehäuse.", "de"),
        ("I don't want to add you on Steam, let's keep it here.", "en"),
        ("Kód na Steam vám príde do správ tu na platforme.", "sk"),
    ],
)
def test_a_gaming_network_as_a_product_or_refused_is_no_channel(text, language):
    assert "social" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Adószámunk 12345678-2-42, cégjegyzékszámunk 01-09-123456.", None),
        ("Sepsali jsme protokol, číslo protokolu je 4410-2291.", None),
        ("Spísali sme protokol, číslo protokolu je 4410-2291.", None),
    ],
)
def test_a_registry_or_report_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


def test_payment_sorted_with_a_third_party_directly_is_payment():
    assert "payment" in kinds(
        "He'll do you a better rate if you sort payment with him directly rather than "
        "booking the fitting through the platform.",
        "en",
    )


# t145–t148's misses, twenty-ninth round
@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Easier by phone: call me, I'm free after six.", "en", "call me"),
        (
            "Einfacher am Telefon: rufen Sie mich an, ich bin ab 18 Uhr da.",
            "de",
            "rufen Sie mich an",
        ),
        ("Prościej przez telefon: proszę zadzwonić po 18.", "pl", "proszę zadzwonić"),
        ("Mai simplu la telefon: sunați-mă după ora 18.", "ro", "sunați-mă"),
        ("Más fácil por teléfono: llámeme después de las seis.", "es", "llámeme"),
        ("Più semplice al telefono: mi chiami dopo le sei.", "it", "mi chiami"),
        ("Plus simple par téléphone : appelez-moi, je suis dispo après 18h.", "fr", "appelez-moi"),
        ("Proszę o telefon, szybciej się dogadamy niż tu pisząc.", "pl", "Proszę o telefon"),
    ],
)
def test_a_call_asked_for_because_the_phone_is_easier_is_firm(text, language, span):
    assert ("social", span) in firm(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Prosím o zavolání, rychleji se domluvíme než tady.", "cs"),
        ("Prosím o telefonát, rýchlejšie sa dohodneme ako tu.", "sk"),
        ("Ich bitte um einen Anruf, dann geht es schneller als hier.", "de"),
    ],
)
def test_a_call_asked_for_as_a_noun_is_a_channel_move(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Kurier ruft Sie vor der Lieferung an, das geht schneller als per SMS.", "de"),
        ("Easier by phone to track the parcel on the DPD site.", "en"),
    ],
)
def test_no_call_asked_for_is_no_channel_move(text, language):
    assert "social" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Installez AnyDesk et donnez-moi votre ID, je prends la main.", "fr", "AnyDesk"),
        ("Ich kann mich per TeamViewer aufschalten, schicken Sie mir die ID.", "de", "TeamViewer"),
        ("Send me your RustDesk ID and I'll sort the driver.", "en", "RustDesk"),
    ],
)
def test_a_remote_desktop_session_is_a_channel(text, language, span):
    assert ("social", span) in found(text, language)


def test_cash_on_site_beside_an_amount_is_payment_and_a_pressure_is_not():
    assert "payment" in kinds(
        "Techniker kommt Dienstag, bitte 80 € bar vor Ort bereithalten, das läuft nicht über "
        "die Plattform.",
        "de",
    )
    assert kinds("Die Siebträgermaschine arbeitet mit 9 bar Druck und 93 °C.", "de") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Na tom mobilu se nemůžu připojit k WhatsAppu, pořád to píše chybu.",
        "Telefon se nechce připojit k Messengeru, je to vada?",
        "Pripojím sa cez AnyDesk a nainštalujem vám to.",
    ],
)
def test_a_connection_that_fails_or_is_made_is_no_channel_to_join(text):
    assert "marketing" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Můžete se připojit do naší skupiny na Facebooku, každý týden slevy.",
        "Připojte se do naší skupiny na Facebooku.",
    ],
)
def test_a_group_to_join_is_still_promotion(text):
    assert "marketing" in kinds(text, "cs")


# t149–t152's misses, thirtieth round
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Envoyez-moi plutôt une photo de votre prise sur WhatsApp.", "fr"),
        ("Send me a quick photo of the plug on WhatsApp.", "en"),
        ("Schicken Sie mir bitte ein Foto vom Typenschild per WhatsApp.", "de"),
        ("Scrivimi in privato su Instagram, ti mando il preventivo.", "it"),
        ("Écrivez-moi en privé sur Insta pour le devis.", "fr"),
        ("Mándeme un croquis por privado en Instagram y le preparo el presupuesto.", "es"),
        ("Schreib mir privat auf Instagram, dann schicke ich dir das Angebot.", "de"),
        ("Message me privately on Facebook and I'll send the quote.", "en"),
    ],
)
def test_a_photo_or_a_private_message_asked_for_on_an_app_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


def test_photos_refused_on_an_app_are_not_firm():
    assert "social" not in firm_kinds(
        "Bitte schicken Sie mir keine Fotos per WhatsApp, sondern hier.", "de"
    )


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Join our Discord for brew guides and member-only drops: discord.gg/northroast",
            "en",
            "Join our Discord",
        ),
        (
            "Join our smallholders' Discord for swap days and early access to point-of-lay hens.",
            "en",
            "Join our smallholders' Discord",
        ),
        ("Rejoignez-nous sur Telegram pour les arrivages.", "fr", "Rejoignez-nous sur Telegram"),
        ("Tritt unserem Discord bei, da gibt es Rabatte.", "de", "Tritt unserem Discord"),
        (
            "Csatlakozz a Discord-szerverünkhöz, ott vannak a kedvezmények!",
            "hu",
            "Csatlakozz a Discord-szerverünkhöz",
        ),
        (
            "Únete a nuestro canal de Telegram para las ofertas.",
            "es",
            "Únete a nuestro canal de Telegram",
        ),
    ],
)
def test_a_channel_of_the_writers_offered_to_join_for_offers_is_marketing_and_a_channel(
    text, language, span
):
    assert ("marketing", span) in firm(text, language)
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Únete a nuestro canal de Telegram para dudas de montaje: t.me/mueblesdelsur", "es"),
        ("Join our Telegram for support: t.me/+AbCdEf12345", "en"),
    ],
)
def test_a_group_for_help_offered_to_join_is_a_channel_and_marketing(text, language):
    """The writers label the writer's own group or channel marketing (403 of the 417
    development messages that name one); a few label a help group a channel only."""
    assert "social" in firm_kinds(text, language)
    assert "marketing" in firm_kinds(text, language)


def test_a_channel_joined_no_further_is_no_promotion():
    assert "marketing" not in firm_kinds("I won't join your Discord, sorry, let's keep it here.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Pour la pose d'un four encastrable, réservez sur notre site pose-electro.fr, c'est "
            "30 € de moins que via la plateforme.",
            "fr",
        ),
        (
            "We also do fitting through our own site, fitright.co.uk, about 20% less than "
            "booking it on here.",
            "en",
        ),
    ],
)
def test_the_writers_own_site_cheaper_than_the_platform_is_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


def test_a_price_compared_with_no_own_site_is_no_promotion():
    assert kinds("The replacement part costs less than the return shipping here.", "en") == set()


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Schreiben Sie mir bitte an m - weber - 1962, dann at, web.de. Danke",
            "de",
            "m - weber - 1962, dann at, web.de",
        ),
        ("Write to mweber1962 at web.de please.", "en", "mweber1962 at web.de"),
        ("Schreiben Sie an mweber at web.de bitte.", None, "mweber at web.de"),
    ],
)
def test_an_address_at_a_provider_named_by_an_everyday_word_is_one_address(text, language, span):
    assert found(text, language) == {("email", span)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Ikona (28 x 35 cm, inv. č. SK-208) dnes odišla cez GLS, poistená na 1 200 €, "
            "sledovacie číslo 9108745532.",
            "sk",
        ),
        ("Zásilka je na cestě, sledovací číslo 9108745532.", "cs"),
        ("Gyári szám: 3017 4421 9065, a vásárlás 2026. 01. 14-én volt.", None),
        ("A vásárlás dátuma 2026. 01. 14., a garancia két év.", "hu"),
    ],
)
def test_tracking_numbers_and_year_first_dates_are_no_phone_numbers(text, language):
    assert "phone" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Vous acceptez Wise ? Je suis en Belgique, ça me coûterait moins cher.", "fr"),
        ("Akzeptieren Sie auch Wise?", "de"),
    ],
)
def test_wise_accepted_as_the_way_to_pay_is_payment(text, language):
    assert "payment" in kinds(text, language)


# t153–t156's misses, thirty-first round
@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "La plataforma no nos deja cambiar el precio, así que mándeme la diferencia por "
            "Bizum al 612 448 093 y le envío la talla XL.",
            "es",
        ),
        ("Różnicę proszę przesłać BLIKIEM na numer 600 100 200.", "pl"),
        ("Mándeme por Bizum 6 € al 612 448 093.", "es"),
    ],
)
def test_blik_or_bizum_to_a_phone_number_is_firm_payment(text, language):
    assert "payment" in firm_kinds(text, language)


def test_blik_paid_at_checkout_with_an_order_number_is_no_payment():
    assert "payment" not in kinds(
        "Zapłaciłem BLIKIEM na platformie, numer zamówienia 2026-100-4815.", "pl"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kérem, a különbözetet fizesse nekünk külön, Wise-on keresztül.", "hu"),
        ("Keď prídete, dám vám hotovosť do ruky a objednávku tu zrušíme.", "sk"),
        ("Se annulla l'ordine la rimborsiamo direttamente, ci manda i dati del conto?", "it"),
    ],
)
def test_payment_words_of_the_thirty_first_round(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Vybral som si dobierku, ako to ponúkal formulár. Berie kuriér aj kartu, alebo mám "
            "mať pripravenú hotovosť?",
            "sk",
        ),
        (
            "Zvolil jsem dobírku. Bere kurýr kartu, nebo musím mít hotovost?",
            "cs",
        ),
        ("Utánvétet választottam. A futár elfogad kártyát, vagy készpénzt készítsek?", "hu"),
    ],
)
def test_cash_asked_about_after_choosing_cash_on_delivery_is_no_payment(text, language):
    assert "payment" not in kinds(text, language)


@pytest.mark.parametrize(
    "text",
    [
        # Romanian and Italian "cod" is a code, not "COD"
        "Vin să-l ridic personal din Cluj, cod poștal 400123, și vă dau 300 lei numerar la "
        "predare.",
        # Romanian "rambursare" is a refund; "plata ramburs" is cash on delivery
        "Vă fac eu rambursarea diferenței, iar la ridicare îmi dați 300 lei numerar.",
    ],
)
def test_a_code_or_a_refund_is_no_cash_on_delivery(text):
    assert "payment" in kinds(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We do a trade account for builders, about 15% under the prices on here.", "en"),
        ("Für Handwerker haben wir eine Händlerpreisliste, ca. 15 % unter den Preisen hier.", "de"),
        ("Pentru constructori avem prețuri cu 12% mai jos decât aici.", "ro"),
    ],
)
def test_a_price_list_below_the_platforms_prices_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Jen pro info, na bazos.cz ho mám o 2 000 Kč levněji, protože tam neplatím provizi.",
            "cs",
        ),
        ("Pe olx.ro am același despicător cu 200 lei mai ieftin, acolo nu plătesc comision.", "ro"),
        (
            "Auf kleinanzeigen punkt de steht es für 80 € weniger, weil da keine Provision "
            "anfällt.",
            "de",
        ),
    ],
)
def test_the_sellers_own_listing_elsewhere_cheaper_for_the_fee_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


def test_a_buyers_cheaper_find_elsewhere_is_no_firm_marketing():
    assert "marketing" not in firm_kinds(
        "Das gleiche Regal gibt es auf heimwerker-shop punkt de für 20 Euro weniger, können Sie "
        "da mitgehen?",
        "de",
    )


def test_a_packeta_number_of_eleven_digits_is_no_phone_number():
    assert "phone" not in kinds(
        "Zásilka je na cestě přes Packetu, číslo Z 2184 5531 907, výdejní místo Brno.", "cs"
    )


def test_a_call_asked_for_after_the_phone_is_said_to_be_easier_is_firm():
    assert "social" in firm_kinds(
        "Może łatwiej będzie przez telefon? Niech Pan zadzwoni jak znajdzie chwilę.", "pl"
    )


def test_an_address_at_a_cross_border_sellers_domain_is_an_address():
    assert found("Bitte Foto an support_eu ät hzledshop.cn schicken.", "de") == {
        ("email", "support_eu ät hzledshop.cn")
    }


# t157–t160's misses, thirty-second round
@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le compte iCloud est bien déconnecté, pas de verrouillage iCloud-Aktivierungssperre.",
            "fr",
        ),
        ("Keine iCloud-Aktivierungssperre, das Gerät ist frei.", "de"),
        ("Find My is off and iCloud is switched off too, so it's ready for a new owner.", "en"),
        ("The outlook is grim for the delivery date, sorry.", "en"),
    ],
)
def test_a_mail_provider_talked_about_is_no_address(text, language):
    assert "email" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        (
            "Write to me there, my gmail is harborlightcandles, thanks.",
            "en",
            "gmail is harborlightcandles",
        ),
        ("Mein GMX: anna.berger. Danke!", "de", "GMX: anna.berger"),
        ("Il mio gmail è marcorossi1980 se serve.", "it", "gmail è marcorossi1980"),
    ],
)
def test_a_handle_after_a_mail_provider_is_still_an_address(text, language, span):
    assert ("email", span) in found(text, language)


def test_a_spanish_locator_number_is_no_phone_number():
    assert "phone" not in kinds("GLS te llamará antes de pasar. Localizador: 4471 2290 8815.", None)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Réservez votre prochain créneau sur notre site coiffure-lea.fr/reservation.", "fr"),
        ("Beim nächsten Mal einfach online buchen bei uns: fahrrad-kraus.de/termin", "de"),
        ("A következő szervizt foglalja nálunk: bringadoki.hu/idopont", "hu"),
        ("Lecțiile următoare le programați direct pe site-ul nostru: pian-ana.ro/programare", "ro"),
    ],
)
def test_booking_on_the_sellers_own_site_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Book your next service online at bikefix-leeds.co.uk/book, it's quicker.", "en"),
        ("Termín si můžete rezervovat i jinde, rezervace na kadernictvi-iva.cz/rezervace.", "cs"),
    ],
)
def test_a_booking_page_link_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


def test_an_appointment_made_on_a_messaging_link_is_no_promotion():
    assert "marketing" not in kinds(
        "Pentru programare la montaj scrieți-ne aici: wa.me/40722110033", "ro"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Customers trade pedals on our server, hop in: discord.gg/pedalswap", "en"),
        ("Hier unsere Gruppe für Stammkunden: chat.whatsapp.com/Kx81LmQ2pZ", "de"),
        ("Wszystkie nowe partie wrzucam tu: facebook.com/groups/mydla.od.ani", "pl"),
        ("Máme aj Viber kanál s novými termínmi, pridajte sa.", "sk"),
        ("Tenemos un grupo de Telegram para clientes donde avisamos de las plazas libres.", "es"),
        ("Csatlakozzon a fejszes csoportunkhoz, ott hirdetjük az akciókat.", "hu"),
    ],
)
def test_the_writers_own_group_or_a_group_link_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A fejszes csoportban láttam a hirdetését, de inkább itt rendelek.", "hu"),
        ("Nem írok a WhatsApp-csoportunkba, maradjunk itt.", "hu"),
    ],
)
def test_a_group_only_seen_or_refused_is_no_marketing(text, language):
    assert "marketing" not in firm_kinds(text, language)
    assert "social" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Rufen Sie mich bitte an, Schreiben dauert mir zu lange.", "de"),
        ("Can you call me? Typing all this takes me ages.", "en"),
        ("Appelez-moi, écrire me prend trop de temps.", "fr"),
    ],
)
def test_a_call_asked_for_because_writing_takes_too_long_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zaplatíte mi to na mieste za hotové, mimo objednávky.", "sk"),
        ("Zaplaťte mi to prostě hotově, nemusíme to tahat přes platformu.", "cs"),
        ("No need to order it on here, pop in Friday and we'll settle up.", "en"),
        ("Ne rendelje meg itt, szombaton a boltban elszámolunk.", "hu"),
        ("Annule la commande, je te donne les sous samedi au marché.", "fr"),
        ("Je répare hors commande, vous me réglez quand vous passez le chercher.", "fr"),
        ("No hace falta pedirlo por aquí, pásate el lunes y lo arreglamos allí.", "es"),
        ("Mi paga a mano quando passa a ritirarla, senza passare dal sito.", "it"),
        ("Átvételkor fizessen, nem kell a rendelés.", "hu"),
    ],
)
def test_settling_up_in_person_is_payment(text, language):
    assert "payment" in kinds(text, language)


def test_the_platform_named_as_not_needed_is_no_platform_payment():
    assert "payment" in kinds("Platbu mi dejte hotově, nemusíme to posílat přes platformu.", "cs")


@pytest.mark.parametrize(
    "text",
    ["La borsa è fatta a mano, la pago subito sul sito.", "Lavare a mano, non in lavatrice."],
)
def test_handmade_or_washed_by_hand_is_no_hand_to_hand(text):
    assert {"outside", "collect"}.isdisjoint(concepts_of(text))


# t161–t164's misses, thirty-third round
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("For your next order I can offer a special price, just email me.", "en"),
        ("Bei der nächsten Bestellung gibt es einen special price für Sie.", "de"),
        ("Przy następnym zamówieniu dam Panu special price.", "pl"),
        ("Pro pravidelné objednávky máme special price, napište nám.", "cs"),
        ("Para el próximo pedido tengo un special price para usted.", "es"),
    ],
)
def test_a_special_price_for_the_next_order_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Unseren Katalog und die Händlerpreise finden Sie bei uns auf profi-schrauben.de", "de"),
        ("Le catalogue et nos prix revendeurs sont sur notre site pro-outils.fr", "fr"),
        ("Catalogul și prețurile de distribuitor sunt pe portalul nostru b2b.unelte-pro.ro", "ro"),
    ],
)
def test_the_sellers_own_catalogue_or_trade_prices_on_a_page_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


def test_a_catalogue_sent_on_an_app_is_no_promotion():
    assert "marketing" not in kinds(
        "Scrieți-mi pe Telegram la @mobila_cluj și vă trimit catalogul.", "ro"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'll put you on my list for the next batch of candles.", "en"),
        ("Je vous mets sur ma liste pour la prochaine fournée.", "fr"),
        ("Vă trec pe lista mea pentru următorul lot.", "ro"),
        ("Felírlak a listámra, és szólok először.", "hu"),
        ("Te apunto en mi lista para las sandalias de verano.", "es"),
    ],
)
def test_put_on_the_sellers_list_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pay £5 through here to hold it and give me the other £20 at the school gate.", "en"),
        ("Ich zahle 5 € über die Seite und den Rest bar, wenn ich die Kinder abhole.", "de"),
        ("Wpłać 10 zł przez stronę, a resztę dasz jak się zobaczymy pod szkołą.", "pl"),
        ("Cez stránku len poštovné a zvyšných 30 € vám dám do ruky.", "sk"),
    ],
)
def test_the_rest_paid_in_person_is_payment(text, language):
    assert "payment" in kinds(text, language)


def test_the_writers_group_with_words_between_is_firm_marketing():
    assert "marketing" in firm_kinds(
        "Wir haben hier in Wien eine WhatsApp-Gruppe mit 50 Eltern, da wird getauscht.", "de"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dali sme vám kartičku s kódom JAR15? Kto s ním nakúpi, má 15 % zľavu.", "sk"),
        ("Mit dem Code SOMMER erhalten Sie 10 % auf alles.", "de"),
    ],
)
def test_a_discount_code_with_the_discount_in_the_next_sentence_or_in_capitals(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kód platformy MKT-JARO5 vám dá 5 % slevu.", "cs"),
        ("A platform MKT-NYAR kódot adott, 15% kedvezmény.", "hu"),
        ("Used the code from the app, 10% off, thanks.", "en"),
        ("Zadejte kódu objednávky, sleva 10 % platí do neděle.", "cs"),
    ],
)
def test_a_platform_code_or_a_word_after_code_is_no_sellers_discount(text, language):
    assert "marketing" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nem kell videóhívás, a fotók alapján is döntök.", "hu"),
        ("Nu vreau apel video, prefer să scriem aici.", "ro"),
        ("Je ne fais pas d'appel vidéo, désolé.", "fr"),
    ],
)
def test_a_video_call_refused_is_no_channel_move(text, language):
    assert "social" not in found_kinds_of_video(text, language)


def found_kinds_of_video(text: str, language: str) -> set[str]:
    """The kinds found at the video call's words (an app stem may also find it, softly)."""
    return {kind for kind, span in firm(text, language) if "vid" in span.lower()}


def test_a_video_call_asked_for_in_romanian_is_a_channel_move():
    assert "social" in kinds("Mai bine facem un apel video, să-mi arătați unde curge.", "ro")


def test_a_video_call_with_the_number_given_is_the_number():
    assert kinds("On peut faire un appel vidéo ce soir ? Mon numéro : 07.58.21.36.40", "fr") == {
        "phone"
    }


def test_a_viber_click_link_with_a_number_is_a_channel_and_a_number():
    assert {"phone", "social", "url"} <= kinds(
        "Ukázky mám na Viberu, stačí kliknout viber.click/420777315902", "cs"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Objednávka 2026-100-7391, 48 ks. Číslo naší PO je 4500031177.", None),
        ("Our PO number is 4500031177, please put it on the invoice.", "en"),
    ],
)
def test_a_purchase_order_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


def test_a_phone_number_dictated_after_po_is_still_one():
    assert "phone" in kinds("Číslo po kúskoch: 0905, dvanásť, tridsaťštyri, päťdesiatšesť.", "sk")


def test_a_card_at_the_checkout_is_no_payment_outside():
    assert "payment" not in kinds(
        "Kann ich auch mit Revolut-Karte an der Kasse zahlen oder geht nur PayPal?", "de"
    )


# t165–t168's misses, thirty-fourth round
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Next time order directly from me: 45 € instead of 52.", "en"),
        ("Nächstes Mal direkt bei mir: 45 € statt 52.", "de"),
        ("La prossima volta glielo faccio a 45 € invece di 52.", "it"),
        ("Data viitoare vi-l dau cu 45 lei în loc de 52.", "ro"),
    ],
)
def test_next_time_a_price_instead_of_a_higher_one_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Come and hang out on our Discord server, trades every Friday.", "en"),
        ("Schau auf unserem Discord-Server vorbei, da gibt es Vorverkäufe.", "de"),
        ("Lépj be a „Horgász Haverok” Messenger-csoportba, ott vannak az akciók.", "hu"),
    ],
)
def test_the_writers_server_or_a_group_to_enter_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zvyšok dražím mimo portálu: bit.ly/aukcia-x. Ceny sú tam nižšie ako tu.", "sk"),
        ("Zbytek dražím jinde: bit.ly/aukce-x. Ceny jsou tam nižší než tady.", "cs"),
    ],
)
def test_lower_than_here_is_a_promotional_cue(text, language):
    assert "marketing" in kinds(text, language)


def test_a_deposit_back_in_cash_is_payment():
    assert "payment" in kinds(
        "Kann ich das Pfand nicht bar zurückbekommen, wenn ich das Altteil vorbeibringe?", "de"
    )


def test_a_call_asked_for_because_writing_confuses_is_firm():
    assert "social" in firm_kinds("Mejor llámeme, que escribiendo no me aclaro.", "es")


def test_a_romanian_iban_asked_for_a_review_is_firm_payment():
    assert "payment" in firm_kinds(
        "Pentru un review de 5 stele vă returnăm 20 de lei, trimiteți-ne IBAN-ul aici.", "ro"
    )


def test_a_phone_number_under_the_number_is_still_one():
    assert "phone" in kinds("Máte Viber? Jsem tam pod číslem 739 211 045.", "cs")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nächste Woche kommen 3 statt 2 Pakete, die Lieferung ist aufgeteilt.", "de"),
        ("Next time I will send 5 instead of 4 so you have a spare.", "en"),
        ("La prochaine livraison arrive le 12 au lieu de 10 h.", "fr"),
    ],
)
def test_a_quantity_or_a_date_instead_of_another_is_no_price(text, language):
    """Found in the round's last read: only a price instead of a higher one is an offer."""
    assert "marketing" not in kinds(text, language)


def test_next_time_a_price_in_pounds_instead_of_a_higher_one_is_firm_marketing():
    assert "marketing" in firm_kinds("Next time order directly from me: £45 instead of £52.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Die Seriennummer steht am Bajonett, 4417206. Firmware des Objektivs ist Version 03.",
            "de",
        ),
        ("Sériové číslo je na spodku, 6603918. Firmware je verze 02, aktualizace netřeba.", "cs"),
        ("Číslo barvy 214, šarže 88310 – pošlete ještě 4 klubka ze stejné šarže?", "cs"),
        ("Farbe 118, Charge 50276 – haben Sie noch 5 Knäuel aus derselben Partie?", "de"),
        ("Dye lot 227, batch 61945 - could you send 3 more balls from the same lot?", "en"),
        ("Coloris 305, bain 71248 : il vous en reste 4 pelotes du même bain ?", "fr"),
        ("Colore 412, bagno 93018: ne ha ancora 6 gomitoli dello stesso bagno?", "it"),
    ],
)
def test_a_version_a_batch_or_a_colour_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


def test_a_phone_number_after_a_version_is_still_one():
    assert "phone" in kinds("Die App ist Version 2. Meine Nummer: 0176 23456789.", "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Passt der Akku der Insta360 X3 auch in die X4?", "de"),
        ("Does the Insta360 Go come with the magnet pendant?", "en"),
    ],
)
def test_a_cameras_model_name_is_no_app(text, language):
    assert "social" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Add me on W4tsApp please", "en"),
        ("Write me on 1nst4gr4m", "en"),
        ("pisz na T3l3gram", "pl"),
    ],
)
def test_digits_among_an_apps_letters_are_still_a_disguise(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Rufen Sie mich doch kurz an? Das ist schriftlich wirklich schwer zu erklären.", "de"),
        ("Le mieux, c'est que vous m'appeliez, je vous explique pour le montage.", "fr"),
    ],
)
def test_a_call_asked_for_with_a_reason_in_other_words_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Über die Plattform lief nur die Anzahlung, die restlichen 60 Euro bitte bar.", "de"),
        ("Son 30 € en mano al montador cuando termine la instalación.", "es"),
        ("Il montaggio, 90 €, lo salda direttamente al tecnico.", "it"),
    ],
)
def test_the_rest_in_cash_to_the_sellers_man_is_payment(text, language):
    assert "payment" in kinds(text, language)


def test_the_remaining_parts_are_no_payment():
    assert "payment" not in kinds(
        "Die restlichen 3 Teile kommen nächste Woche, bar ist leer.", "de"
    )


def test_a_page_to_book_on_cheaper_than_here_is_firm_marketing():
    assert "marketing" in firm_kinds(
        "A javítást időpontra a www.muszerszerviz-pecs.hu oldalon foglalhatja, "
        "ott olcsóbb, mint itt a platformon.",
        "hu",
    )


def test_a_buyers_cheaper_link_without_booking_stays_soft():
    assert "marketing" not in firm_kinds("I found it on www.alza.cz, cheaper than here.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("BRT mi ha mandato un SMS con il codice di ritiro 4420 1187, passo domani.", "it"),
        ("Packeta mi poslala SMS, kód na vyzdvihnutie 6612 0934.", "sk"),
        ("Correos me ha enviado un SMS con el código de recogida 5530 2281.", "es"),
        ("InPost przysłał SMS z kodem odbioru 771 204, odbiorę jutro.", "pl"),
    ],
)
def test_a_pick_up_code_after_the_carriers_sms_is_no_phone_number(text, language):
    assert kinds(text, language).isdisjoint({"phone", "social"})


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El año que viene escríbame directamente y le hago un 15% de descuento.", "es"),
        ("La prossima volta ordini da me, le faccio il 10% in meno.", "it"),
        ("Next time order direct and I'll do it for 10% less.", "en"),
    ],
)
def test_next_year_or_next_time_a_percentage_less_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


def test_a_percentage_less_of_something_else_is_no_price():
    assert "marketing" not in firm_kinds(
        "El próximo envío pesa un 15 % menos gracias al nuevo embalaje.", "es"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Încercați abonamentul nostru lunar de ceai, livrare gratuită.", "ro"),
        ("Zkuste naše předplatné kávy, každý měsíc nová pražírna.", "cs"),
        ("Preise ca. 10 % unter dem Listing, einfach direkt anfragen.", "de"),
    ],
)
def test_our_subscription_or_below_the_listing_is_a_promotional_word(text, language):
    assert "marketing" in kinds(text, language)


def test_have_a_look_at_a_domain_is_a_link_not_an_address():
    found = kinds("Have a look at oldbarnfinds dot co dot uk before Friday.", "en")
    assert "url" in found
    assert "email" not in found


def test_facebook_spelled_as_it_sounds_in_romanian():
    assert "social" in kinds("Ma gasiti pe fesbuc, Ion Popa din Braila.", "ro")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mi chiami quando arriva il pacco, le spiego io come montarlo.", "it"),
        ("Bylo by nejjednodušší si zavolat, ať to probereme najednou.", "cs"),
    ],
)
def test_a_call_asked_for_with_an_explanation_offered_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Could your fitter take cash? I'd rather not put it through the platform.", "en"),
        ("Vous me payez en espèces sur place, pas besoin de passer par le site.", "fr"),
        ("A maradékot készpénzben hozza, az oldalon nem fizetünk.", "hu"),
        ("El resto en mano al recoger, así no pagan la comisión.", "es"),
    ],
)
def test_cash_with_the_platform_refused_is_a_payment_word(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My NHS number is 943 476 5919, can you put it on the invoice?", "en"),
        ("A TAJ-számom 037 512 668, a vényen is ez van.", "hu"),
        ("Me piden el número de afiliación, 28 7654321044, para la factura.", "es"),
        ("Codice ISO dell'ausilio 12.24.09.006, serve per il rimborso.", "it"),
        ("Na fakturze musi być numer zlecenia 0315-2026-11902.", "pl"),
        ("Rodné číslo otce 520614/1187, stačí to pojišťovně?", "cs"),
    ],
)
def test_a_health_or_national_identifier_is_no_phone_number_nor_an_account(text, language):
    assert kinds(text, language).isdisjoint({"phone", "payment"})


def test_a_phone_number_after_a_prescription_is_still_one():
    assert "phone" in kinds("Rezept liegt vor. Rufen Sie mich an: 0171 2345678.", "de")


def test_an_account_with_its_bank_code_is_still_payment():
    assert "payment" in kinds("Pošlete to na účet 2000123456/2010, děkuji.", "cs")


def test_a_german_area_code_before_a_slash_is_still_a_phone_number():
    assert "phone" in kinds("Rufen Sie an: 04521/8877.", "de")


def test_a_mailbox_name_with_a_hyphen_at_a_providers_domain_is_an_address():
    assert ("email", "kunden-service bei web.de") in found(
        "Mail an kunden-service bei web.de", "de"
    )


def test_an_account_at_a_provider_is_no_address():
    assert "email" not in kinds("Ich habe ein Konto bei web.de, das geht.", "de")


def test_a_platform_code_is_no_mailbox_name():
    assert "email" not in kinds("Avec le code MKT-9K4D la remise de 20 € s'applique seule.", "fr")


def test_a_platform_code_with_a_date_in_its_sentence_stays_the_platforms():
    assert "marketing" not in kinds(
        "Kód MKT-CZ77 platí do 30. 6., sleva 10 € na další objednávku přes platformu.", "cs"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nous avons aussi un groupe Facebook pour les clients, venez échanger !", "fr"),
        ("Tenemos también un grupo de Telegram para clientes, únase.", "es"),
    ],
)
def test_we_also_have_a_group_is_the_writers_group(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Las reservas van por www.guias-delta-ebro.com, quedan fechas.", "es"),
        ("Configurez vos placards sur placards-martin.fr, livraison offerte.", "fr"),
    ],
)
def test_booking_or_a_configurator_on_a_page_is_a_promotional_cue(text, language):
    assert "marketing" in kinds(text, language)


def test_next_room_and_a_percentage_offered_in_romanian_is_firm_marketing():
    assert "marketing" in firm_kinds(
        "Pentru următoarea comandă scrieți-mi direct, vă fac 10% la transfer.", "ro"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Anfahrt kann ich dem Monteur doch bar in die Hand geben?", "de"),
        (
            "Za montaż płaci się gotówką na miejscu, bo to nie wchodzi w zamówienie na platformie.",
            "pl",
        ),
        (
            "El montaje no va incluido en el pedido de la plataforma: 40 € en efectivo al técnico.",
            "es",
        ),
    ],
)
def test_cash_for_what_the_order_does_not_include_is_payment(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Den Rest bitte bar mitbringen, wenn Sie den Anhänger holen.", "de"),
        ("Das Geld bringen Sie am besten in bar mit, nicht übers Portal.", "de"),
    ],
)
def test_cash_brought_along_is_a_payment_word(text, language):
    assert "payment" in kinds(text, language)


def test_isnt_part_of_the_order_is_an_off_platform_cue():
    # cash to the driver reads as the platform's cash on delivery without the cue
    assert "payment" in kinds(
        "Taking the old sofa isn't part of the order, so it's £30 cash to the driver.", "en"
    )


@pytest.mark.parametrize(
    ("text", "language", "cue"),
    [
        ("Or order it directly on lampworks-shop.co.uk, same lamps.", "en", "order it directly on"),
        (
            "Sie können auch direkt bei uns auf moebel-kraft.at bestellen.",
            "de",
            "direkt bei uns auf",
        ),
        (
            "Vous pouvez commander directement sur atelier-savon.fr.",
            "fr",
            "commander directement sur",
        ),
        ("Można też zamówić bezpośrednio na sklep-rybka.pl.", "pl", "zamówić bezpośrednio na"),
        ("Případně objednejte přímo na zahradaprokazdeho.cz.", "cs", "objednejte přímo na"),
        ("Alebo si to objednajte priamo na www.svietidla-zilina.sk.", "sk", "objednajte priamo na"),
        (
            "Rendelje meg közvetlenül a www.butorhaz-pecs.hu oldalon.",
            "hu",
            "Rendelje meg közvetlenül",
        ),
        ("Puteți comanda direct pe www.saltele-bune.ro.", "ro", "comanda direct pe"),
        ("Puede pedirlo directamente en www.colchones-sur.es.", "es", "pedirlo directamente en"),
        (
            "Lo può ordinare direttamente sul sito www.lampade-roma.it.",
            "it",
            "ordinare direttamente sul",
        ),
    ],
)
def test_ordering_directly_on_a_page_promotes_it(text, language, cue):
    assert ("marketing", cue) in found(text, language)


def test_ordering_directly_without_a_page_promotes_nothing():
    assert "marketing" not in kinds("Ich habe direkt bei Ihnen über die Plattform bestellt.", "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pe www.mobila-cluj.ro prețul e mai mic decât aici, vă spun sincer.", "ro"),
        ("En www.sofas-norte.es le sale un 8 % menos que aquí.", "es"),
    ],
)
def test_a_page_cheaper_than_here_is_promoted(text, language):
    assert "marketing" in kinds(text, language)


def test_a_call_asked_for_because_it_is_easier_to_explain_is_firm_in_hungarian():
    assert "social" in firm_kinds("Fel tudna hívni? Könnyebb lenne elmagyarázni, mi recseg.", "hu")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le numéro de lot est imprimé sur l'étiquette : L2611-0457.", "fr"),
        ("Il numero di lotto è stampato sull'etichetta: 2611 0457 12.", "it"),
    ],
)
def test_an_identifier_with_an_elided_article_before_its_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)
    assert "phone" not in kinds(text)


def test_a_phone_word_after_an_identifier_with_an_elided_article_still_gives_a_number():
    assert "phone" in kinds("Commande 4412, l'appli plante, appelez-moi : 06 12 34 56 78", "fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Veniți și în grupul nostru de pescari din Delta de pe Facebook.", "ro"),
        ("Say hello in our group for vintage bike owners on Facebook.", "en"),
        ("Rejoignez notre groupe de passionnés de pêche sur Facebook !", "fr"),
        ("Está nuestro grupo de clientes fieles en Telegram.", "es"),
        ("C'è anche il nostro gruppo di appassionati su Facebook.", "it"),
        ("Schauen Sie in unsere Gruppe für Angler aus Tirol auf Facebook.", "de"),
        ("Zapraszam do naszej grupy miłośników wędkarstwa na Facebooku.", "pl"),
        ("Podívejte se do naší skupiny majitelů psů na Facebooku.", "cs"),
        ("Pozrite si našu skupinu chovateľov na Facebooku.", "sk"),
        ("Csoportunk van a Facebookon is, gyere.", "hu"),
    ],
)
def test_our_group_of_people_on_an_app_is_the_writers_group(text, language):
    assert "marketing" in firm_kinds(text, language)


def test_my_group_of_friends_on_an_app_is_no_group_of_the_writers():
    assert "marketing" not in kinds(
        "I saw the advert in my group of friends on Facebook, is it still for sale?", "en"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Číslo poukazu z ambulancie je 04/2026/33571.", "sk"),
        ("Číslo poukázky z lékárny je 0420 263 357.", "cs"),
        ("Gutschein-Nr. 0171 2345 678 bitte beim Kauf einlösen.", "de"),
        ("The voucher number is 07700 900123, can you apply it?", "en"),
        ("Az utalvány száma 0630 123 4567, beváltható?", "hu"),
        ("Il buono regalo ha il codice 347 123 4567.", "it"),
    ],
)
def test_a_vouchers_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


def test_a_phone_number_after_a_voucher_is_still_one():
    assert "phone" in kinds("Kód poukazu je Z 0420, a moje číslo je 0420 263 358.", "cs")


@pytest.mark.parametrize(
    "text",
    [
        "Se preferisce lo pago in nero e le faccio 30 euro in meno.",
        "Glielo faccio in nero, senza fattura, così risparmiamo.",
    ],
)
def test_paid_in_nero_is_payment(text):
    assert "payment" in kinds(text, "it")


def test_a_colour_in_nero_is_no_payment():
    assert "payment" not in kinds("Glielo faccio in nero o in bianco, come preferisce.", "it")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pour la prochaine séance, réglez-moi en liquide et je vous fais 8 € de moins.", "fr"),
        ("Die nächste Stunde zahlen Sie bar bei mir, dann sind es 5 € weniger.", "de"),
        ("Următoarele lecții le plătiți direct și vă las 40 de lei mai puțin.", "ro"),
        ("El invierno que viene me pagas por Bizum y te hago 6 € de descuento.", "es"),
        ("If you want to carry on with lessons, pay me directly: £25 instead of £30.", "en"),
        ("Prossime volte mi paga in contanti e sono 5 € in meno.", "it"),
        ("Příští střih zaplatíte hotově a bude to o 100 Kč méně.", "cs"),
        (
            "Pour vos prochaines commandes écrivez à savons.marie[at]orange.fr : 10 % de remise.",
            "fr",
        ),
    ],
)
def test_next_time_a_better_price_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


def test_the_platforms_own_offer_for_next_time_is_no_marketing():
    assert "marketing" not in firm_kinds(
        "Ďalšie doplnky nájdete v ponukách na marketplace.example – v sete sú o 25 € lacnejšie.",
        "sk",
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("J'ai aussi un petit salon à Lyon : la pose à 30 €, réglée en espèces sur place.", "fr"),
        ("In meinem Studio mache ich Ihnen die Maniküre für 35 €, bar auf die Hand.", "de"),
        ("Prowadzę mały gabinet w Gdańsku, zabieg za 90 zł, płatność gotówką na miejscu.", "pl"),
        ("V salonu vám řasy udělám za 600 Kč, hotově, bez objednávky přes portál.", "cs"),
        ("Mám tam štúdio, predĺženie mihalníc vám spravím za 30 € v hotovosti.", "sk"),
        ("A szalonomban 8000 Ft-ért megcsinálom, készpénzzel fizetne helyben.", "hu"),
        ("Am și un salon în Cluj, vă fac pensarea la 50 de lei, plata cash la salon.", "ro"),
        ("Tengo un centro de estética en Sevilla, la limpieza por 30 € en efectivo allí.", "es"),
        ("Ho anche un centro estetico a Lecce, la pulizia del viso a 40 € in contanti.", "it"),
        ("I run a little beauty room in Leeds, I can do brows for £20 cash on the day.", "en"),
    ],
)
def test_a_service_at_the_senders_own_salon_for_cash_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


def test_a_salon_named_without_an_offer_is_at_most_soft_marketing():
    text = "My salon's card machine was broken so I paid the £20 in cash, is that a problem?"
    assert "marketing" not in firm_kinds(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Per seguire la spedizione: https://www.sda.it/track?code=0581234567", "it"),
        ("Suivi du colis : https://www.laposte.fr/outils/suivre-vos-envois?code=6A1234", "fr"),
        ("You can follow your parcel here: https://track.dpd.co.uk/parcels/1550123", "en"),
        ("J'ai suivi le tuto ici : youtu.be/Xk3p9TaLq2w, mais la vis manque.", "fr"),
    ],
)
def test_following_a_parcel_or_a_tutorial_promotes_no_link(text, language):
    assert "marketing" not in kinds(text, language)


def test_follow_us_with_a_link_is_still_promotional():
    assert "marketing" in kinds("Suivez-nous sur Instagram : instagram.com/atelier.savon", "fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Můžete mi zavolat? Líp se mi to vysvětluje po telefonu.", "cs"),
        ("Môžete mi zavolať? Lepšie sa mi to vysvetľuje po telefóne.", "sk"),
    ],
)
def test_a_call_asked_for_because_it_is_easier_to_explain_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


def test_cash_on_the_hand_without_the_portal_is_payment():
    assert "payment" in kinds("Die Anfahrt bitte bar auf die Hand, ganz ohne Portal.", "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ahnentafel-Nr. 0171 2345 678, die Papiere kommen per Post.", "de"),
        ("Numer rodowodu 0601 234 567, metryka w paczce.", "pl"),
    ],
)
def test_a_pedigree_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Je donne aussi des cours de couture, écrivez-moi à atelier.lou@gmail.com", "fr"),
        ("Wir bieten auch Laufanalysen an, Termine unter www.laufwerk-bonn.de", "de"),
        ("Prowadzę też warsztaty ceramiki, szczegóły na www.glina-studio.pl", "pl"),
        ("Kromě kol dělám i servis, napište na servis.kolo@seznam.cz", "cs"),
        ("Robím aj tréningové plány na mieru, píšte na plan.beh@azet.sk", "sk"),
        ("Személyre szabott étrendet is készítek, részletek: dieta-anna.hu", "hu"),
        ("Fac și cursuri de croitorie, detalii pe www.croitorie-ana.ro", "ro"),
        ("También hago clases de guitarra online, mira www.clases-pedro.es", "es"),
        ("Faccio anche lezioni di yoga online, info su www.yoga-giulia.it", "it"),
        ("We also do framing to order, have a look at www.frameworks-leeds.co.uk", "en"),
    ],
)
def test_something_else_offered_with_a_contact_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


def test_something_else_offered_without_a_contact_is_no_marketing():
    text = "We also do the matching lids, I'll pop one in the parcel for you."
    assert "marketing" not in kinds(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I can't sell the sourdough starter here, but it's on www.crumb-lab.co.uk", "en"),
        ("Je ne peux pas les vendre ici, mais ils sont sur www.bijoux-lea.fr", "fr"),
        ("Die Sets kann ich hier leider nicht verkaufen, schauen Sie auf www.modell-kurz.de", "de"),
        ("Nie mogę ich sprzedawać tutaj, ale są na www.modele-nowak.pl", "pl"),
        ("Tady je prodávat nemůžu, ale najdete je na www.modely-cerny.cz", "cs"),
        ("Tu ich predávať nemôžem, ale nájdete ich na www.modely-biely.sk", "sk"),
        ("Itt nem tudom eladni őket, de megtalálja a www.makett-kiss.hu oldalon.", "hu"),
        ("Nu le pot vinde aici, dar le găsiți pe www.machete-pop.ro", "ro"),
        ("No puedo venderlas aquí, pero están en www.maquetas-ruiz.es", "es"),
        ("Non posso venderli qui, ma li trova su www.modellini-rossi.it", "it"),
    ],
)
def test_what_cannot_be_sold_here_is_offered_elsewhere(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sie finden uns auf der Modellbaumesse in Dortmund, Stand 12.", "de"),
        ("Vous nous trouverez au salon du disque de Lille, stand 8.", "fr"),
        ("Będziemy na targach staroci w Krakowie, stoisko 21.", "pl"),
        ("V sobotu budeme se stánkem na vánočním trhu v Brně.", "cs"),
        ("V nedeľu budeme so stánkom na vianočnom trhu v Košiciach.", "sk"),
        ("Szombaton a bélyegbörzén leszünk, gyertek el!", "hu"),
        ("Ne găsiți la târgul de Crăciun din Sibiu, standul 14.", "ro"),
        ("Estaremos en nuestro puesto del mercadillo de Navidad de Zaragoza.", "es"),
        ("Ci trova alla fiera del fumetto di Lucca, stand 33.", "it"),
        ("Come and find our stall at the Harrogate Christmas market.", "en"),
    ],
)
def test_a_stand_at_a_fair_is_promotional(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Send your missing issues, I'll pop you on the list for first dibs.", "en"),
        ("Abonnez-vous à notre lettre d'info pour les arrivages.", "fr"),
        ("Unser Infobrief kommt einmal im Monat.", "de"),
        ("Zařadíme vás na seznam čekatelů na jarní kolekci.", "cs"),
        ("Zaradíme vás do zoznamu čakateľov.", "sk"),
        ("Apúntese a nuestro boletín de novedades.", "es"),
        ("Ogni mese mando il nostro bollettino con gli arrivi.", "it"),
        ("Vă trimit buletinul lunar cu noutăți.", "ro"),
    ],
)
def test_lists_and_bulletins_are_marketing(text, language):
    assert "marketing" in kinds(text, language)


def test_a_certificate_or_a_payment_slip_is_no_bulletin():
    assert "marketing" not in kinds("Le mando el boletín del electricista escaneado.", "es")
    assert "marketing" not in kinds("Ho pagato con il bollettino postale ieri.", "it")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The first 20 customers get a free tote bag.", "en"),
        ("Die ersten 30 Kunden bekommen ein Geschenk.", "de"),
        ("Les 10 premiers clients reçoivent un cadeau.", "fr"),
        ("Primii 50 de clienți primesc un cadou.", "ro"),
        ("Pierwsza konsultacja gratis dla nowych klientów.", "pl"),
        ("La prima lezione è gratis.", "it"),
    ],
)
def test_the_first_customers_or_a_free_first_session_are_marketing(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Na www.pekarna-novak.cz je to bez provize a o 10 % levnější.", "cs"),
        ("W naszym sklepie www.ser-kozi.pl sery są tańsze.", "pl"),
        ("Sul nostro sito www.fiori-anna.it trova gli stessi mazzi al 10% in meno.", "it"),
        ("En www.velas-luz.es tienes lo mismo un 10 % menos.", "es"),
        ("Die Preisliste finden Sie auf www.honig-maier.de", "de"),
        ("Lista de prețuri este pe www.miere-pop.ro", "ro"),
    ],
)
def test_a_link_with_a_lower_price_or_a_price_list_is_promoted(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Напишіть мені у Вайбер, будь ласка.", "pl"),
        ("Пишите в Телеграм, там быстрее.", "ro"),
        ("Скиньте в Ватсап фото, прошу.", "pl"),
    ],
)
def test_an_app_written_in_cyrillic_is_named(text, language):
    assert "social" in kinds(text, language)


def test_an_app_written_in_cyrillic_is_no_disguise():
    # refused, it stays soft: the model may drop it
    assert "social" not in firm_kinds("Нема у мене Вайбера, пишіть тут.", "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Hefte der Jahrgänge 1975–1977 sind komplett.", "de"),
        ("Časopisy z rokov 1984-1989 posielam spolu.", "sk"),
    ],
)
def test_a_range_of_years_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


def test_a_number_that_ends_like_a_range_of_years_is_still_one():
    assert "phone" in kinds("Rufen Sie an: 0171 1998-2004", "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Können wir es bar machen und die Bestellung hier stornieren?", "de"),
        ("Cancel it on here and I'll refund you myself.", "en"),
        ("Annulez, je vous rembourse moi-même.", "fr"),
        ("Küldje ajándékként, barátok között, úgy nincs levonás.", "hu"),
    ],
)
def test_paid_or_refunded_by_hand_is_payment(text, language):
    assert "payment" in kinds(text, language)


def test_an_email_address_dictated_in_catalan_is_one():
    assert "email" in kinds("Escriu-nos a comandes arrova forn-pau.cat", "es")


def test_a_call_asked_for_without_accents_because_it_is_easier_is_firm():
    assert "social" in firm_kinds("a mozna zadzwonic? latwiej mi bedzie wytlumaczyc", "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Certyfikat GIA nr 2141438171 dołączam do paczki.", "pl"),
        ("Zertifikat HRD Nr. 2141438171 liegt bei.", "de"),
        ("Číslo certifikátu pravosti 612 411 578 je v objednávce.", "cs"),
        ("Číslo certifikátu pravosti 912 411 578 nájdete v balíku.", "sk"),
    ],
)
def test_a_certificates_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


def test_a_phone_number_after_a_parcel_and_the_word_telephone_is_still_one():
    assert "phone" in kinds("Zásilka PPL, můj telefon č. 602 123 456", "cs")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Il router ha l'indirizzo 192.168.0.254, la porta è la 8080.", "it"),
        ("Set the camera to 10.0.0.138 before you plug it in.", "en"),
        ("Drukarka ma adres 172.16.4.21 w sieci.", "pl"),
    ],
)
def test_a_private_network_address_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zaplatí mi hotově, ne přes portál.", "cs"),
        ("Zaplatíte mi na ruku, nie cez portál.", "sk"),
        ("Zapłaci Pan gotówką, nie przez portal.", "pl"),
        ("You'd pay me in cash, not through the platform.", "en"),
        ("Vous me payez en espèces, pas par la plateforme.", "fr"),
        ("Me pagas en efectivo, no por la plataforma.", "es"),
        ("Mi paga in contanti, non tramite la piattaforma.", "it"),
        ("Îmi dați banii cash, nu prin platformă.", "ro"),
        ("Készpénzben fizet, nem a platformon keresztül.", "hu"),
        ("Hotově, na portálu už to neřešíme.", "cs"),
    ],
)
def test_cash_not_through_the_platform_is_payment(text, language):
    assert "payment" in kinds(text, language)


def test_cash_through_the_platform_is_no_payment_word():
    assert "payment" not in kinds("I paid cash on delivery through the platform.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Posso pagarti con una gift card Amazon?", "it"),
        ("Can I pay you with a Steam gift card instead?", "en"),
        ("Kann ich mit einer PSN-Guthabenkarte bezahlen?", "de"),
        ("Je peux payer avec une carte cadeau Google Play ?", "fr"),
        ("¿Te puedo pagar con una tarjeta regalo de Amazon?", "es"),
        ("Mogę zapłacić kartą podarunkową Steam?", "pl"),
        ("Můžu zaplatit dárkovou kartou?", "cs"),
    ],
)
def test_paying_with_a_gift_card_is_payment(text, language):
    assert "payment" in kinds(text, language)


def test_a_gift_card_bought_is_no_payment():
    assert "payment" not in kinds("The Steam gift card I bought here arrived, thanks!", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We can add a 2-year care plan for £49, just pay it by bank transfer to us.", "en"),
        (
            "Une garantie prolongée de 3 ans coûte 29 €, à régler par virement hors plateforme.",
            "fr",
        ),
        ("Eine Garantieverlängerung kostet 39 €, bitte per Überweisung direkt an uns.", "de"),
        ("Przedłużona gwarancja kosztuje 99 zł, płatne przelewem poza platformą.", "pl"),
        ("Prodlouženou záruku vám dáme za 590 Kč, zaplatíte převodem mimo objednávku.", "cs"),
        ("Servisná zmluva na 2 roky je za 49 €, platba cez Revolut mimo platformy.", "sk"),
        ("Keretszerződést is köthetünk, a díjat átutalással kérjük, nem a platformon.", "hu"),
        (
            "Vă oferim garanție extinsă la 199 lei, plata prin transfer bancar, nu prin platformă.",
            "ro",
        ),
        ("La garantía ampliada cuesta 35 €, se paga aparte por transferencia.", "es"),
        ("Il contratto di assistenza costa 60 €, paga con bonifico fuori dalla piattaforma.", "it"),
    ],
)
def test_a_warranty_or_contract_sold_beside_the_order_and_paid_outside_is_marketing(text, language):
    assert {"marketing", "payment"} <= kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The extended warranty is registered on the maker's site: bosch-home.co.uk", "en"),
        ("Für die Garantieverlängerung registrieren Sie das Gerät beim Hersteller.", "de"),
        ("Chtěl bych rámcovou smlouvu, napište mi na WhatsApp.", "cs"),
    ],
)
def test_a_warranty_or_contract_without_a_payment_outside_is_no_marketing(text, language):
    assert "marketing" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Refills are half the price in our own shop: www.filters-direct.co.uk", "en"),
        ("Trade buyers get 20% off on our own site, kitchen-trade.co.uk", "en"),
        ("Les cartouches sont 15% moins chères sur notre site : filtres-eau point fr", "fr"),
        ("Notre site pro www.pro-linge.fr propose des tarifs dégressifs.", "fr"),
        ("Für Händler gibt es unseren Shop www.haendler-shop.de zum halben Preis.", "de"),
        ("Mamy też hurtownię online hurt-papier kropka pl, ceny niższe o 10%.", "pl"),
        ("Avem magazinul nostru www.birou-engros.ro, cu prețuri cu 10% mai mici.", "ro"),
        ("Tenemos tienda propia, cafeteria-pro.es, con precios un 15% más bajos.", "es"),
        ("Sul nostro sito www.horeca-pro.it i prezzi sono il 10% più bassi.", "it"),
    ],
)
def test_the_sellers_own_shop_cheaper_by_a_share_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Technik to spraví na mieste, 50 € mu dáte v hotovosti, cez portál to nepôjde.", "sk"),
        ("Opravu zaplatíte technikovi v hotovosti, přes portál to nepůjde.", "cs"),
        (
            "Die Anfahrt zahlen Sie dem Techniker bitte bar, das läuft nicht über den Marktplatz.",
            "de",
        ),
        ("Le paga al técnico en efectivo, así no hace falta pasar por la plataforma.", "es"),
        ("Paga il tecnico in contanti, senza passare dalla piattaforma.", "it"),
        ("Możesz zapłacić BLIKiem na mój numer, bez czekania na portal.", "pl"),
        ("Zrušte objednávku a pošlem vám to cez Revolut, platforma nič nestrhne.", "sk"),
        ("Anulați comanda de pe platformă și îmi dați banii cash.", "ro"),
        ("Annulli l'ordine sulla piattaforma e mi dai i contanti al parco.", "it"),
        ("Annulez la commande, je vous paie le vélo en main propre.", "fr"),
        ("I'll knock 5% off if you pay by BACS.", "en"),
    ],
)
def test_cash_or_a_transfer_said_otherwise_beside_the_platform_is_payment(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wybrałam płatność przy odbiorze, piszcie SMS-a, bo rzadko zaglądam na konto.", "pl"),
        ("Zvolil jsem dobírku, bude to hotově kurýrovi? Doufám, že se to nezruší.", "cs"),
        ("Ho scelto il pagamento alla consegna, devo avere i contanti esatti?", "it"),
        ("Am ales ramburs, pot plăti cash la curier? Sper să nu se anuleze.", "ro"),
        ("Zásielku sledujte u dopravcu na www.sps-sro.sk.", "sk"),
    ],
)
def test_the_platforms_own_account_delivery_and_tracking_stay_clean(text, language):
    assert not kinds(text, language) & {"payment", "marketing"}


def test_a_review_for_a_gift_offered_in_french_is_marketing():
    assert "marketing" in kinds("Mettez-nous 5 étoiles et on vous offre la livraison.", "fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Beim nächsten Mal direkt bei mir bestellen, dann gibt's 10 % Rabatt.", "de"),
        ("La prochaine fois écrivez-moi directement, je vous fais -15 %.", "fr"),
    ],
)
def test_next_time_directly_for_a_share_off_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Nachhilfe machen wir über Zoom, den Link schicke ich morgen.", "de"),
        ("Lekcja będzie na Zoomie o 17:00.", "pl"),
        ("Hodinu spravíme cez Teams, pozvánku pošlem.", "sk"),
        ("Can we do the lessons on Google Meet instead?", "en"),
        ("Join here: meet.google.com/abc-defg-hij", "en"),
        ("Le lien : us02web.zoom.us/j/81234567890", "fr"),
        ("Odkaz na hodinu: teams.microsoft.com/l/meetup-join/19%3ameeting_ab12", "cs"),
        ("A holnapi órát Zoomon tartjuk.", "hu"),
        ("Mój skajp to ola.kowalska", "pl"),
    ],
)
def test_a_lesson_or_a_meeting_on_another_app_is_a_channel_move(text, language):
    assert "social" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The camera has a 10x optical zoom and a wide lens.", "en"),
        ("We work with teams of two fitters on every job.", "en"),
        ("Nice to meet you, the Zoom H5 recorder is in the box.", "en"),
    ],
)
def test_a_cameras_zoom_teams_of_people_and_meeting_someone_are_no_app(text, language):
    assert "social" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ruf mich lieber an, dann erklär ich dir den Rest.", "de"),
        ("Rufen S' mich doch lieber an, das Tippen ist mir zu mühsam.", "de"),
        ("Radši mi zavolejte, psaní mě nebaví.", "cs"),
        ("Radšej mi zavolajte, písanie ma nebaví.", "sk"),
        ("Mai bine sunați-mă, pe chat nu ne înțelegem.", "ro"),
        ("Nem tudna inkább felhívni? A gépelés nekem lassan megy.", "hu"),
        ("Give me a bell and I'll talk you through fitting it.", "en"),
        ("Lepiej niech Pan zadzwoni do mnie wieczorem.", "pl"),
        ("Mejor llámeme esta tarde y lo vemos.", "es"),
        ("Meglio se mi chiama stasera.", "it"),
        ("Appelez-moi plutôt ce soir.", "fr"),
    ],
)
def test_a_call_asked_for_rather_than_writing_here_is_firm(text, language):
    assert "social" in {kind for kind, _ in firm(text, language)}, text


def test_a_call_asked_for_with_the_number_is_the_number_only():
    assert "social" not in kinds("Radši mi zavolejte na 602 123 456.", "cs")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mohu zaplatit složenkou? Kartu nemám.", "cs"),
        ("Fizethetek postai utalvánnyal?", "hu"),
    ],
)
def test_a_postal_order_or_slip_is_payment(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Číslo vratky je 4417825509, podejte ji na výdejním místě.", "cs"),
        ("Číslo vrátky je 4417825509, podajte ju na výdajnom mieste.", "sk"),
    ],
)
def test_a_returns_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Leave 5* and I'll send you a tenner by bank transfer.", "en"),
        ("Za 5* recenzi vám pošlu 100 Kč na účet.", "cs"),
        ("Give us five stars and we'll send ya £5 back.", "en"),
    ],
)
def test_five_stars_written_with_an_asterisk_or_paid_with_a_sum_are_a_review_bribe(text, language):
    assert "marketing" in kinds(text, language)


def test_five_stars_as_a_rating_quoted_is_no_review_bribe():
    assert "marketing" not in kinds("Rated 5* by Which? magazine, the kettle is great.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pentru un review de 5 stele vă fac transfer 30 lei înapoi.", "ro"),
        ("Dacă anulați comanda, vă fac un transfer direct.", "ro"),
    ],
)
def test_a_transfer_made_back_in_romanian_is_payment(text, language):
    assert "payment" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("kovi rendelesnel a TAVASZ15 kuponnal 15% kedvezmeny", "hu"),
        ("Prenoti direttamente su bit.ly/casa-mare, risparmia il 10% rispetto al portale.", "it"),
    ],
)
def test_a_next_order_without_accents_and_a_share_saved_against_the_portal_are_marketing(
    text, language
):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    "text",
    [
        # a valid NRB after a space (it was read only after a sign other than a space)
        "Proszę przelać na konto 61 1090 1014 0000 0712 1981 2874, dziękuję.",
        "Proszę przelać na konto 61109010140000071219812874, dziękuję.",
        # printed as banks print it, an invented one asks for a transfer all the same
        "Przez platformę tego nie przepuszczę, proszę przelać 250 zł na konto "
        "12 1140 2004 0000 3002 0123 4567 z dopiskiem nazwisko.",
    ],
)
def test_a_polish_account_number_after_a_space_is_payment(text):
    assert ("payment", text.split("konto ")[1].split(",")[0].split(" z ")[0]) in firm(text, "pl")


def test_a_number_of_26_digits_after_another_group_is_no_polish_account_number():
    text = "Numer przesyłki 1 12 1140 2004 0000 3002 0123 4567."
    assert "payment" not in kinds(text, "pl")


@pytest.mark.parametrize(
    ("text", "language", "link"),
    [
        ("the same tin is on sale at ocado dot com for a fiver less", "en", "ocado dot com"),
        (
            "a little cheaper on our own website at cornishcandle dot co dot uk",
            "en",
            "cornishcandle dot co dot uk",
        ),
        (
            "Auf fahrradforum dot de sagen alle, dass der Motor abregelt.",
            "de",
            "fahrradforum dot de",
        ),
    ],
)
def test_a_site_said_with_dot_after_a_preposition_or_in_another_language_is_a_link(
    text, language, link
):
    assert ("url", link) in firm(text, language)
    assert "email" not in kinds(text, language)


def test_a_mailbox_said_at_a_domain_stays_an_address():
    assert kinds("email me at sales at cornishcandle dot co dot uk", "en") == {"email"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We run a small WhatsApp group for the Sunday pike sessions, ask to join.", "en"),
        ("Kijelzőcserét is vállalunk, nézze meg az oldalunkat: www.telofix.hu", "hu"),
        (
            "Proszę pisać bezpośrednio, przy płatności przelewem na konto daję 10% rabatu.",
            "pl",
        ),
        ("Scrieți-mi direct, nu prin site, și vă fac 10 % reducere la transfer bancar.", "ro"),
        ("Write to me directly and I can do it 10% cheaper.", "en"),
    ],
)
def test_a_group_run_a_page_looked_at_or_a_better_price_written_directly_is_marketing(
    text, language
):
    assert any(kind == "marketing" for kind, _ in firm(text, language))


def test_a_sum_refunded_for_five_stars_said_after_it_is_a_review_bribe():
    text = (
        "Als kleine Wiedergutmachung würden wir Ihnen gern 8 Euro über PayPal zurückerstatten, "
        "sofern Sie zufrieden sind und uns vielleicht mit fünf Sternen bewerten möchten."
    )
    assert "marketing" in detected_kinds(text, "de")


def test_a_price_then_five_stars_of_a_test_is_no_review_bribe():
    text = "Das Modell für 80 Euro hat bei Stiftung Warentest fünf Sterne bekommen."
    assert "marketing" not in kinds(text, "de")


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Facciamo una chiamata veloce? Le spiego come sbloccare l'iCloud.", "it", "social"),
        ("A platformon ezt nem tudom elszámolni, fizessen készpénzben helyben.", "hu", "payment"),
        ("Mai simplu ne auzim la telefon, vă explic pas cu pas.", "ro", "social"),
    ],
)
def test_a_call_proposed_in_italian_and_cash_the_platform_cannot_settle_are_found(
    text, language, kind
):
    assert kind in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language", "address"),
    [
        (
            "Proszę przesłać na: s k l e p . d r e w n o @ o 2 . p l, a ja odeślę wizualizację.",
            "pl",
            "s k l e p . d r e w n o @ o 2 . p l",
        ),
        (
            "Mi correo es j a v i . m o r a @ y a h o o . e s, mándamela ahí.",
            "es",
            "j a v i . m o r a @ y a h o o . e s",
        ),
    ],
)
def test_an_address_typed_one_by_one_before_a_comma_is_an_address(text, language, address):
    assert ("email", address) in firm(text, language)


def test_a_romanian_text_to_engrave_beside_a_number_is_no_text_message():
    text = "Numărul meu e 0745 880 112, dacă aveți întrebări despre textul gravurii."
    assert "social" not in kinds(text, "ro")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pour votre bon d'anniversaire (-15 % sur toute la boutique), envoyez votre date.", "fr"),
        ("Zum Geburtstag gibt es einen Geburtstagsgutschein über 10 €.", "de"),
        ("V ateliéru teď máme jarní akci – focení za 1 200 Kč místo 1 800 Kč.", "cs"),
        ("Húsvéti akciónk április 1-től indul, minden bögre -25%!", "hu"),
        ("V sobotu pořádám v ateliéru kurz malby akvarelem, zbývají dvě místa.", "cs"),
        ("Februártól gyertyaöntő workshopot tartok Szegeden, kis csoportban.", "hu"),
        ("We also run weekend pottery workshops, two places left.", "en"),
    ],
)
def test_birthday_vouchers_seasonal_promotions_and_the_senders_own_courses_are_marketing(
    text, language
):
    assert "marketing" in kinds(text, language)


def test_a_birthday_present_is_no_birthday_voucher():
    text = "El pedido no llega y es un regalo de cumpleaños para el sábado."
    assert "marketing" not in kinds(text, "es")


def test_a_next_order_two_hundred_characters_before_its_better_price_is_marketing():
    text = (
        "Pentru următoarele comenzi nu mai e nevoie să treceți prin platformă: îmi spuneți de "
        "câte cutii aveți nevoie, vi le trimit eu prin Fan Courier, iar dacă plătiți prin "
        "transfer direct vă fac 10% reducere."
    )
    assert any(kind == "marketing" for kind, _ in firm(text, "ro"))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dołącz do naszej grupy wyzwania 30 dni bez cukru! t.me/bezcukru30", "pl"),
        ("Rejoignez notre canal pour les arrivages : t.me/sacsdos_occasion", "fr"),
        ("Join our group: chat.whatsapp.com/AbCdEf123", "en"),
    ],
)
def test_joining_a_group_or_a_channel_by_its_link_is_marketing(text, language):
    assert any(kind == "marketing" for kind, _ in firm(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Join me on WhatsApp: wa.me/447700900123", "en"),
        ("Rejoignez-moi ici t.me/vintage_marais pour les autres pièces.", "fr"),
        ("Nie dołączę do tej grupy t.me/xyz_grupa, wolę pisać tutaj.", "pl"),
    ],
)
def test_a_persons_chat_or_a_group_refused_is_no_group_promoted(text, language):
    assert not any(kind == "marketing" for kind, _ in firm(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Pošlite mi esemesku s presným časom, musím zariadiť, aby niekto otvoril závoru na "
            "poľnej ceste: nula deväťsto päť, dvestodvanásť, tristoštyridsaťpäť.",
            "sk",
        ),
        (
            "SMS-ben írja meg, mikor jön a daru, mert a fiam akkor jön haza segíteni: nulla hat, "
            "húsz, háromszáznegyvenöt, hatvanhét, nyolcvankilenc",
            "hu",
        ),
    ],
)
def test_a_text_asked_for_with_a_number_dictated_further_on_moves_the_talk(text, language):
    assert any(kind == "social" for kind, _ in firm(text, language))


def test_a_text_written_about_long_before_a_number_in_digits_moves_nothing():
    text = (
        "I sent the SMS to the courier yesterday about the delivery slot and they replied that "
        "the driver will phone 0161 496 0000 first."
    )
    assert "social" not in kinds(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Im Maschinenring haben wir eine WhatsApp-Gruppe für Sammelbestellungen.", "de"),
        ("Besuchen Sie uns auch auf Facebook und Instagram!", "de"),
    ],
)
def test_our_group_said_inverted_and_visit_us_on_an_app_are_marketing_and_a_channel(text, language):
    found = {kind for kind, _ in firm(text, language)}
    assert {"marketing", "social"} <= found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Spring barn sale this bank holiday weekend – 200+ pieces, all welcome!", "en"),
        ("Este sábado hacemos mercadillo en la nave de Alcalá: muebles restaurados.", "es"),
        ("Vente à la grange les 14 et 15 juin : chaises années 60, tapis berbères.", "fr"),
        (
            "Atelierul nostru se ocupă și de tapițerie. Trimiteți poze la atelier.tap@gmail.com.",
            "ro",
        ),
        ("Műhelyünk a felújítást is vállalja, képeket a butor@citromail.hu címre küldhet.", "hu"),
        ("En el taller también tapizamos y restauramos. Fotos a taller.ruiz@gmail.com.", "es"),
    ],
)
def test_a_barn_sale_or_an_upholstery_service_offered_with_a_contact_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Numer producenta w ARiMR 071234567, trzeba go wpisać na fakturze?", "pl"),
        ("Platila som kartou cez platformu, číslo platby 2026100915.", "sk"),
    ],
)
def test_a_farm_registration_or_a_payment_number_is_no_phone_number(text, language):
    assert "phone" not in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Die Lampe hängen wir wie bestellt auf; fehlt ein Baldachin, bringen wir ihn mit und "
            "Sie zahlen ihn am besten bar, dann sparen wir uns eine zweite Bestellung.",
            "de",
        ),
        (
            "Dodatkowy karnisz kosztuje 60 zł, proszę zapłacić monterowi gotówką, nie trzeba "
            "składać osobnego zamówienia.",
            "pl",
        ),
        (
            "Garnitura lipsă o aducem noi, o plătiți cash la montaj, ca să nu mai deschidem altă "
            "comandă.",
            "ro",
        ),
        (
            "The extra hour is £30, just pay the lads in cash on the day, no need for a separate "
            "order.",
            "en",
        ),
    ],
)
def test_cash_paid_on_the_day_so_that_no_second_order_is_needed_is_firm(text, language):
    assert "payment" in firm_kinds(text, language)


def test_cash_paid_to_the_courier_as_chosen_in_the_order_stays_clean():
    text = "Zvolila jsem dobírku, hotovost mám připravenou pro kurýra, žádnou další objednávku."
    assert "payment" not in firm_kinds(text, "cs")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Para los próximos pedidos escríbeme por Bizum y te hago un 15 % en todo.", "es"),
        ("La prossima volta paghi in contanti al ritiro e ti faccio lo sconto.", "it"),
    ],
)
def test_a_next_order_with_a_discount_said_as_i_do_you_is_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Honestly easier if you just ring me, the number's on the invoice.", "en"),
        ("Shall I just ring you? Quicker than typing all the measurements.", "en"),
        ("Radšej mi zavolajce, čislo mace na faktúre.", "sk"),
        ("Sună-mă mai bine, nu-s bun la scris. Numărul îl ai pe factură.", "ro"),
    ],
)
def test_a_call_asked_for_in_plain_or_regional_words_with_a_reason_moves_the_talk(text, language):
    assert "social" in firm_kinds(text, language)


def test_a_slovak_number_dictated_with_a_common_misspelling_is_found():
    text = "Moje číslo je nula deväťsto štiri, štiristo dvadsať, sto jedenásť."
    assert "phone" in kinds(text, "sk")


def test_telegram_spelt_as_it_is_said_in_spanish_is_a_channel():
    assert "social" in kinds("¿Usas Telegran? Te mando ahí las fotos.", "es")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Trova tutti i nostri servizi su www.agenziarossi.it, siamo aperti tutto l'anno.", "it"),
        ("Alle unsere Leistungen finden Sie auf www.umzuege-huber.de.", "de"),
        ("Todos nuestros servicios están en www.limpiezasgarcia.es, con precios.", "es"),
    ],
)
def test_all_our_services_beside_our_own_link_is_marketing(text, language):
    assert "marketing" in kinds(text, language)


def test_a_code_said_after_a_list_is_no_mailbox_at_a_provider():
    text = "Po prihlásení dostanete zoznam noviniek a kód JESEN15 na dopravu."
    assert "email" not in detected_kinds(text, "sk")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "le colis est parti ce matin avec la facture point si vous voulez un avoir dites-le",
            "fr",
        ),
        ("lo he intentado tres veces punto si no funciona mañana te escribo", "es"),
    ],
)
def test_a_full_stop_dictated_before_if_is_no_slovenian_domain(text, language):
    assert "url" not in detected_kinds(text, language)


def test_a_site_said_with_dot_before_the_slovenian_domain_is_still_a_link():
    assert "url" in kinds("the shop you asked about is ljubljanashop dot si", "en")


def test_a_telegram_link_dictated_with_the_hungarian_slash_in_two_words_is_a_link():
    found = kinds("fent vagyok t pont me per jel szabo_kata", "hu")
    assert {"url", "social"} <= found


def test_an_identifier_said_in_number_words_is_no_phone_number():
    text = (
        "intestate la fattura a studio rossi partita iva zero uno due tre quattro cinque sei "
        "sette otto nove uno"
    )
    assert "phone" not in detected_kinds(text, "it")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Si le apetece, únase a nuestro grupo de tejido de los martes en WhatsApp.", "es"),
        ("Our knitting club meets in the Facebook group Purl Together Cork, do come along.", "en"),
    ],
)
def test_a_group_on_an_app_the_sender_invites_to_is_marketing_and_a_channel(text, language):
    assert {"marketing", "social"} <= firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "We also do an annual service plan at £180 a year, paid separately by bank transfer.",
            "en",
        ),
        (
            "Die jährliche Wartung kostet 149 € und wird nicht über den Marktplatz abgerechnet, "
            "Überweisung bitte direkt an uns.",
            "de",
        ),
        ("Offriamo un contratto annuale a 180 €, fuori dall'ordine, con bonifico diretto.", "it"),
    ],
)
def test_an_annual_service_sold_beside_the_order_with_a_payment_outside_is_marketing(
    text, language
):
    assert "marketing" in detected_kinds(text, language)


def test_a_cars_annual_service_paid_here_is_no_marketing():
    assert "marketing" not in detected_kinds(
        "My car's annual service was done, paid by card here.", "en"
    )


def test_a_direct_line_said_after_a_word_that_names_identifiers_elsewhere_is_a_phone_number():
    text = (
        "Notre commerciale a une ligne directe pour les commandes en lot : zéro six, "
        "trente-trois, douze, quarante-cinq, zéro huit."
    )
    assert "phone" in detected_kinds(text, "fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t229–t232's misses, fiftieth round: a channel the other party proposed, quoted
        # under a reply that declines it
        (
            "> Können wir auf WhatsApp weiterschreiben? Da bin ich schneller.\n\nNein danke,"
            " lassen Sie uns bitte hier bleiben, die Fotos hänge ich an.",
            "de",
        ),
        (
            "> Napíšte mi radšej na Viber, pošlem vám návod.\n\nViber nepoužívam, vybavme to tu"
            " cez správy.",
            "sk",
        ),
        (
            "> może Pani napisać na Messengerze, szybciej odpowiadam\n\nWolę tutaj, przez"
            " platformę, zdjęcia dodaję poniżej.",
            "pl",
        ),
    ],
)
def test_a_channel_quoted_under_a_reply_that_declines_it_is_no_channel_move(text, language):
    assert "social" in detected_kinds(text, language)
    assert "social" not in {f.kind for f in scan(text, language=language)}


def test_a_number_quoted_under_a_reply_that_declines_it_stays_with_its_channel():
    text = (
        "Thanks, but I'd rather keep it on here.\n\n> On 3 Apr, the seller wrote:\n"
        "> Text me on WhatsApp, 07700 900 456, quicker."
    )
    assert {"phone", "social"} <= {f.kind for f in scan(text, language="en")}


def test_a_quoted_channel_stays_when_the_reply_does_not_decline_it():
    text = "> Can we carry on over on WhatsApp?\n\nSure, see you there."
    quoted = engine.Finding("social", text.index("WhatsApp"), text.index("WhatsApp") + 8, "")
    assert engine._declined_quotes(text, [quoted]) == [quoted]
    declined = text.replace("Sure, see you there.", "No thanks, let's stay here.")
    assert engine._declined_quotes(declined, [quoted]) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the sender's other account on another site
        ("I've loads more on my other account over on eBay, a bit cheaper too.", "en"),
        ("Die Bits gibt's auf meinem zweiten Account bei Kleinanzeigen günstiger.", "de"),
        ("J'ai aussi un autre compte sur Leboncoin où c'est moins cher.", "fr"),
        ("Mam drugie konto na OLX, tam ceny są niższe.", "pl"),
        ("Mám druhý účet na Bazoši, tam je to levnější.", "cs"),
        ("Stoličky mám na svojom druhom profile na Bazoši.", "sk"),
        ("A régebbi darabjaimat a másik fiókomon árulom a Vaterán.", "hu"),
        ("Am și un cont pe OLX unde vând aceleași produse mai ieftin.", "ro"),
        ("En mi otra cuenta de Wallapop tengo varias más baratas.", "es"),
        ("Ho anche un altro account su Subito con prezzi più bassi.", "it"),
        # a referral code or link of another shop or service
        ("Z moim kodem polecającym ANIA10 masz 15 zł na start.", "pl"),
        ("Zaregistrujte se přes můj odkaz a dostanete 150 Kč.", "cs"),
        ("A BOLT10 ajánlókóddal ott kap még 10%-ot.", "hu"),
        ("Use my referral code and you get a fiver off your first order there.", "en"),
        ("Avec mon code parrainage vous avez 10 € offerts.", "fr"),
    ],
)
def test_another_account_elsewhere_or_a_referral_code_is_marketing(text, language):
    assert "marketing" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("No la he usado en otra cuenta, la copié del correo de la plataforma.", "es"),
        ("Oda küldje a számlát, mert a másik fiókomat nem nagyon nézem.", "hu"),
    ],
)
def test_another_account_of_ones_own_elsewhere_named_in_passing_is_no_marketing(text, language):
    assert "marketing" not in detected_kinds(text, language)


def test_a_price_comparison_site_with_a_short_accented_name_dictated_is_a_link():
    assert "url" in kinds("Az árgép pont hu szerint máshol olcsóbb, tudnak engedni?", "hu")
    assert "url" not in kinds("A doboz végén pont hu betűk vannak.", "hu")


def test_a_date_written_with_a_space_after_each_dot_is_no_phone_number():
    # "stě" (a hundred in Czech) read after the year made nine digits without a hint
    assert "phone" not in kinds("> Dňa 9. 3. 2026 ste napísali:\n> Lem na čiapke sa pára.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mi trovi su Instagram come bottega.giulia, scrivimi là.", "it"),
        ("Du findest mich auf Instagram, schreib mir da.", "de"),
        ("Búscame en Facebook como Lola Ruiz Cerámica.", "es"),
        ("Retrouvez-moi sur Instagram pour la suite.", "fr"),
        ("Znajdziesz mnie na Facebooku, tam szybciej odpisuję.", "pl"),
    ],
)
def test_find_me_on_an_app_is_a_channel_move(text, language):
    assert "social" in firm_kinds(text, language)


def test_a_reply_that_gives_an_address_agrees_to_what_it_quotes_whatever_no_it_says():
    text = "> Can I pay you by PayPal friends and family?\n\nNo problem, anna.k@example.org"
    quoted = engine.Finding("payment", 2, 44, "")
    address = engine.Finding("email", text.index("anna"), len(text), "")
    assert engine._declined_quotes(text, [quoted, address]) == [quoted, address]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # t233–t236's misses, fifty-first round: digits written as emoji keycaps
        ("Appelez-moi, c'est plus simple : 0️⃣6️⃣ 1️⃣2️⃣ 4️⃣4️⃣ 8️⃣0️⃣ 9️⃣1️⃣", "fr"),
        ("mój nr 5️⃣0️⃣1️⃣ 2️⃣2️⃣3️⃣ 9️⃣0️⃣7️⃣ pisz śmiało", "pl"),
        ("moje číslo:\n0️⃣9️⃣0️⃣5️⃣\n1️⃣2️⃣3️⃣\n4️⃣5️⃣6️⃣", "sk"),
    ],
)
def test_a_phone_number_written_in_emoji_keycaps_is_a_phone_number(text, language):
    assert "phone" in firm_kinds(text, language)


def test_a_keycap_digit_keeps_its_whole_emoji_as_its_span():
    text = "call 0️⃣7️⃣7️⃣0️⃣0️⃣ 9️⃣0️⃣0️⃣ 1️⃣2️⃣3️⃣"
    assert ("phone", text[5:]) in found(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Please don't leave a bad review, I'll send you a fiver on Revolut for your time.", "en"),
        ("Bitte keine schlechte Bewertung, ich überweise Ihnen 10 Euro per PayPal.", "de"),
        ("Ne laissez pas d'avis négatif svp, je vous fais un virement de 10 € via Lydia.", "fr"),
        ("Non lasci una recensione negativa, le mando 15 euro con PayPal.", "it"),
        ("No me pongas una mala reseña, te hago un Bizum de 10 euros.", "es"),
    ],
)
def test_money_outside_for_not_leaving_a_bad_review_is_a_review_bribe_the_models_weigh(
    text, language
):
    assert "marketing" in detected_kinds(text, language)
    assert "marketing" not in firm_kinds(text, language)


def test_asking_for_no_bad_review_without_money_outside_is_no_bribe():
    text = "Please don't leave a bad review, the refund is already on its way through the site."
    assert "marketing" not in detected_kinds(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Nummer fängt mit +43 664 an. Danach kommt 381 22 07. Einfach Hallo schreiben.", "de"),
        ("Ci sentiamo per messaggio? Prefisso 347. Poi 889 12 05.", "it"),
        (
            "Pošlete mi esemesku. Začátek je šest set dva. Pak osm set osmdesát jedna a sto devět.",
            "cs",
        ),
    ],
)
def test_a_phone_number_dictated_across_sentences_is_a_phone_number(text, language):
    assert "phone" in detected_kinds(text, language)


def test_a_capital_inside_a_gap_between_pieces_still_names_something():
    # a street and a town between two numbers: an address, not one number in pieces
    assert "phone" not in detected_kinds("Bitte an 0664 schicken. Hauptstraße 12, Wien 1010.", "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Pour une pose de cils, prenez rendez-vous au 04 78 12 36 90 : -15 % sur la première"
            " séance.",
            "fr",
        ),
        (
            "Para pedir cita llame al 91 234 56 78, le hacemos un 20 % en el primer tratamiento.",
            "es",
        ),
        ("A novembre facciamo un corso pratico per estetiste, iscrizioni allo 02 8765 4321.", "it"),
        ("Szeptemberben indul a szemöldök-laminálás tanfolyamunk Budapesten.", "hu"),
    ],
)
def test_a_treatment_or_a_course_booked_by_phone_at_a_discount_is_marketing(text, language):
    assert "marketing" in detected_kinds(text, language)


def test_an_appointment_to_collect_with_vat_in_the_price_is_no_marketing():
    text = "Für einen Termin zur Abholung rufen Sie 0171 2345678 an, Preis inkl. 19 % MwSt."
    assert "marketing" not in detected_kinds(text, "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Schreib mir lieber in der App mit dem Telefonhörer-Symbol, da bin ich immer online.",
            "de",
        ),
        ("Such mich im blauen Netzwerk mit dem f unter Tom Huber Wels.", "de"),
        ("Come join our little community on the gamers' chat app, it's called Oak Crafters.", "en"),
        ("Cherchez atelier_dore_lyon, je réponds plus vite là-bas.", "fr"),
        ("Pošlete mi ho tam, kde jsem pod přezdívkou pavla_sv, díky.", "cs"),
        ("Én mindenhol kertesotthon_hu néven vagyok fent, ott küldök videót.", "hu"),
    ],
)
def test_an_app_described_or_a_place_elsewhere_named_by_the_name_there_is_a_channel(text, language):
    assert "social" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zadejte do vyhledávače Dřevo Kovář Zlín, na našem e-shopu je to levnější.", "cs"),
        ("Ci trova con un motore di ricerca, sul nostro sito costa il 20% in meno.", "it"),
        ("Na našom webe je výpredaj, adresa je rovnaká ako názov obchodu, len s bodka sk.", "sk"),
    ],
)
def test_the_senders_own_site_to_search_for_by_its_name_is_a_link(text, language):
    assert "url" in detected_kinds(text, language)


def test_reviews_found_with_a_search_engine_are_no_link():
    assert "url" not in detected_kinds(
        "Recenzi najdete ve vyhledávači, hodnocení máme dobré.", "cs"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("(moc.liamg) @ (anedumla.selitxet) — léalo al revés", "es"),
        ("scrivimi su ceramichefiore 🐌 alice . it", "it"),
        ("mi scriva a marco punto rossi punto 78, dominio libero punto it", "it"),
    ],
)
def test_an_address_in_brackets_backwards_with_a_snail_or_its_domain_named_is_an_address(
    text, language
):
    assert "email" in detected_kinds(text, language)


def test_a_snail_in_prose_is_no_at_sign():
    assert not detected_kinds("Oggi sono lenta come una 🐌, scusi il ritardo.", "it")


def test_a_serial_number_after_the_hungarian_while_is_no_phone_number():
    text = "Vásárlás dátuma 2026.03.14., a sorozatszám pedig 7781-554-20, a doboz alján."
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Refund me directly by bank transfer and I don't leave a bad review, deal?", "en"),
        ("Erstatten Sie direkt per Überweisung, dann gebe ich keine schlechte Bewertung.", "de"),
        ("Remboursez-moi par virement et je ne laisse pas d'avis négatif.", "fr"),
    ],
)
def test_a_buyer_who_pays_no_bad_review_for_a_refund_outside_offers_no_bribe(text, language):
    assert "marketing" not in detected_kinds(text, language)


def test_an_amount_in_a_quoted_payment_is_no_account_given():
    text = (
        "> Can I pay you the 50 € by PayPal friends and family?\n\nNo thanks, let's keep it here."
    )
    quoted = engine.Finding("payment", 2, 54, "")
    assert engine._declined_quotes(text, [quoted]) == []
    iban = "> Pay to GB33BUKB20201555555555 please\n\nNo thanks, let's keep it here."
    account = engine.Finding("payment", 9, 31, "")
    assert engine._declined_quotes(iban, [account]) == [account]


@pytest.mark.parametrize(
    ("text", "language", "parts"),
    [
        (
            "Pour le rendez-vous, appelez-moi, ça commence par 06 12, je rentre vers 18h. "
            "La suite du numéro : 34 56 78.",
            "fr",
            {"06 12", "34 56 78"},
        ),
        (
            "Zostawiam numer, pierwsza część to 601, resztę dopiszę później. "
            "Czy jest winda? Reszta: 222 333.",
            "pl",
            {"601", "222 333"},
        ),
        (
            "Il mio cellulare comincia con 333, il resto lo scrivo dopo. "
            "Ecco: uno due tre, quattro cinque sei sette.",
            "it",
            {"333", "uno due tre, quattro cinque sei sette"},
        ),
        (
            "Megadom a számomat: az első fele 06 30, a többit később. Szóval a többi: 123 4567.",
            "hu",
            {"06 30", "123 4567"},
        ),
        # a phone word inside a longer word, an hour between the parts
        (
            "Meine Handynummer fängt mit 0171 an, ich bin ab 18 Uhr erreichbar. Haben Sie einen"
            " Parkplatz? Der Rest der Nummer: 234 56 78.",
            "de",
            {"0171", "234 56 78"},
        ),
    ],
)
def test_a_phone_number_given_in_two_parts_with_the_rest_later_is_a_phone_number(
    text, language, parts
):
    assert {part for kind, part in firm(text, language) if kind == "phone"} == parts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Rest der Bestellung kommt am 12. 3., die erste Lieferung war 2026-100-4815.", "de"),
        ("Call me about it. The first box is 12 kg, the rest 30 kg.", "en"),
        ("Zaplaťte prosím 450 Kč, zbytek 1 200 Kč při převzetí.", "cs"),
    ],
)
def test_the_rest_of_an_order_weight_or_price_is_no_phone_number(text, language):
    assert "phone" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Appelez-moi plutôt : 0 VI XII XXXIV LVI LXXVIII", "fr"),
        ("masz Vibera? mój nr DCI CCXXII CCCXXXIII", "pl"),
        ("il mio numero: CCCXXXIII CXXIII XLV LXVII", "it"),
    ],
)
def test_a_phone_number_in_roman_numerals_is_a_phone_number(text, language):
    assert "phone" in firm_kinds(text, language)


def test_roman_numerals_of_kings_and_films_are_no_phone_number():
    assert "phone" not in detected_kinds(
        "Call me about the Louis XIV, XV and XVI chairs, or the Star Wars I II III IV V VI set.",
        "en",
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Meine Handynummer: 0172, dann dreimal Vier, zwei, zweimal sieben, eins.", "de"),
        ("Moje číslo: 602, pak třikrát pět, dva, dvakrát sedm, jedna.", "cs"),
    ],
)
def test_a_digit_said_twice_or_three_times_with_a_word_is_repeated(text, language):
    assert "phone" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Rufen Sie mich gefälligst an, oder geht bei Ihnen nur dieser Chat?!", "de"),
        ("Zadzwoń do mnie wreszcie, mam dość czekania!", "pl"),
        ("Please call me if anything is unclear.", "en"),
    ],
)
def test_a_call_asked_for_without_a_reason_is_a_channel_move_for_the_models(text, language):
    assert "social" in detected_kinds(text, language)
    assert "social" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("No need to ring me, honestly, I can sort it all out in here.", "en"),
        ("Lieber nicht telefonieren, schreiben wir einfach hier weiter.", "de"),
        ("Prefer să nu vorbim la telefon, scrieți-mi aici, vă rog.", "ro"),
    ],
)
def test_a_call_refused_is_no_channel_move(text, language):
    assert "social" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Donnez-moi votre WhatsApp, je veux parler à un humain !", "fr"),
        ("Give me your Telegram, I'm done waiting here.", "en"),
        ("Dame tu WhatsApp y lo hablamos.", "es"),
    ],
)
def test_the_readers_account_on_an_app_asked_for_is_a_firm_channel_move(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nem várok tovább a platformra, küldjék vissza a pénzt Revolutra még ma!", "hu"),
        ("Nicht über die Plattform, die 40 Euro bitte per Revolut an mich.", "de"),
    ],
)
def test_a_payment_word_beside_the_platform_refused_is_off_platform(text, language):
    assert "payment" in detected_kinds(text, language)


def test_a_payment_word_beside_the_platform_is_on_the_platform_after_a_comma():
    assert "payment" not in detected_kinds(
        "No worries, the platform refunds your Revolut payment.", "en"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Non faccio nessun bonifico, il rimborso passa dalla piattaforma.", "it"),
        ("Kein Revolut, bitte, ich warte auf die Erstattung.", "de"),
    ],
)
def test_a_payment_word_refused_right_before_it_is_none(text, language):
    assert "payment" not in detected_kinds(text, language)


def test_the_sentence_after_the_platforms_code_is_the_platforms_offer():
    text = "Código del marketplace para compensarle: MKT-ES24. Lo aplica en su próximo pedido."
    assert "marketing" not in detected_kinds(text, "es")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Thanks for your order! Use LOVE15 for 15% off your next cards.", "en"),
        ("Merci ! Utilisez MERCI10 pour 10 % de remise sur la prochaine commande.", "fr"),
    ],
)
def test_a_code_to_use_for_a_discount_is_marketing(text, language):
    assert "marketing" in detected_kinds(text, language)


def test_the_senders_own_newsletter_signed_up_to_by_mail_is_firm_marketing():
    text = (
        "Die Liste gibt es nur über meinen Newsletter, eintragen mit einer Mail an "
        "comics-schmidt@t-online.de."
    )
    assert "marketing" in firm_kinds(text, "de")


@pytest.mark.parametrize(
    ("text", "language", "marketing"),
    [
        ("Die Bits gibt es auf meinem zweiten Account bei Kleinanzeigen günstiger.", "de", True),
        ("Bitte auf mein anderes Konto bei der Sparkasse überweisen.", "de", False),
        ("Refund it to my other account at the bank, please.", "en", False),
    ],
)
def test_the_senders_other_account_is_marketing_only_on_another_site(text, language, marketing):
    assert ("marketing" in detected_kinds(text, language)) is marketing


def test_a_declined_channel_named_again_in_the_reply_is_declined_with_it():
    text = "> Can we move to WhatsApp?\n\nNo, I don't use WhatsApp, let's keep it here."
    quoted = engine.Finding("social", 17, 25, "")
    again = engine.Finding("social", text.rindex("WhatsApp"), text.rindex("WhatsApp") + 8, "")
    assert engine._declined_quotes(text, [quoted, again]) == []
    other = text.replace("I don't use WhatsApp", "not WhatsApp but Signal")
    signal = engine.Finding("social", other.index("Signal"), other.index("Signal") + 6, "")
    assert engine._declined_quotes(other, [quoted, signal]) == [signal]


# --- the fifty-third round: from t241–t244's misses -------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mam kartę autentyczności z numerem seryjnym 29184756 i paragon z butiku.", "pl"),
        ("Certifikát k diamantu (0,40 ct, IGI č. 585203114) bol v škatuľke pod vložkou.", "sk"),
        ("The stone comes with its GIA report 2141438795 and a valuation.", "en"),
        ("Le certificat HRD 230000123456 est joint au colis.", "fr"),
    ],
)
def test_a_serial_or_a_gem_certificate_number_is_no_phone_number(text, language):
    for hint in (language, None):
        assert "phone" not in kinds(text, hint)


@pytest.mark.parametrize(
    ("text", "language", "marketing"),
    [
        ("Può seguirla direttamente qui: https://vas.brt.it/vas/sped?n=123456789012", "it", False),
        ("Lo può seguire su https://vas.brt.it/vas/sped?n=123456789012 da stasera.", "it", False),
        (
            "Puteți urmări coletul aici: https://www.fancourier.ro/awb-tracking/?awb=23456",
            "ro",
            False,
        ),
        ("Seguici su Instagram per le novità: instagram.com/negozio_bello", "it", True),
        ("Urmăriți-ne pe Facebook: facebook.com/magazinul_meu", "ro", True),
        ("Urmăriți pagina noastră: www.magazinul-meu.ro", "ro", True),
    ],
)
def test_a_parcel_followed_on_the_carriers_page_is_no_page_promoted(text, language, marketing):
    for hint in (language, None):
        assert ("marketing" in detected_kinds(text, hint)) is marketing


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        (
            "Easier to chat, my mobile's 087 one two three, and then 45 67. Evenings are best.",
            "en",
            "087 one two three, and then 45 67",
        ),
        ("Appelez-moi au zéro six douze, puis 34 56 78.", "fr", "zéro six douze, puis 34 56 78"),
        (
            "Ruf an: null eins sieben sechs, dann 43 22, dann 91 80.",
            "de",
            "null eins sieben sechs, dann 43 22, dann 91 80",
        ),
        ("I have two boxes, and then 45 67 more cards to sort.", "en", None),
        ("Le colis arrive vers dix heures, puis 18 h 30 au plus tard.", "fr", None),
    ],
)
def test_digit_groups_after_then_go_on_a_number_said_in_words(text, language, number):
    phones = {span for kind, span in found(text, language) if kind == "phone"}
    assert phones == ({number} if number else set())


# --- the fifty-fourth round: from t245–t248's misses -------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "app"),
    [
        ("Ich bin unterwegs, wasapéame cuando salga el paquete.", "es", "wasapéame"),
        ("Casi no miro el correo, así que wasapeame cuando lo envíes.", "es", "wasapeame"),
        ("Könnten Sie mich heute Abend anskypen? Dann zeige ich es.", "de", "anskypen"),
    ],
)
def test_an_app_used_as_a_verb_is_firm_even_after_an_unrelated_no(text, language, app):
    assert ("social", app) in firm(text, language)


def test_signal_used_as_a_verb_to_the_reader_is_the_app():
    assert ("social", "Signal you") in found("My son can just Signal you the photos tonight.")
    assert "social" not in kinds("The lights signal you the end of the cycle.", "en")


def test_an_app_used_as_a_verb_and_refused_in_its_clause_stays_soft():
    text = "Bitte nicht anskypen, ich schreibe lieber hier."
    assert "social" not in firm_kinds(text, "de")


@pytest.mark.parametrize(
    ("text", "language", "social"),
    [
        ("We've a little group where regulars see new pieces first. Want an invite?", "en", True),
        ("Máme uzavřenou skupinu pro stálé zákazníky, kde dáváme novinky dřív.", "cs", True),
        ("Tenemos un grupo de clientas donde avisamos antes de las rebajas.", "es", True),
        ("Avem un grup unde punem primele modelele noi, vă adaug?", "ro", True),
        ("Van egy zárt csoportunk, ott előbb láthatja az új darabokat.", "hu", True),
        ("The bike has a Shimano group set and we have a group of three couriers.", "en", False),
        ("Die Gruppe der Ersatzteile finden Sie im Katalog unter 4.2.", "de", False),
    ],
)
def test_the_writers_own_group_of_customers_is_a_channel_move(text, language, social):
    for hint in (language, None):
        assert ("social" in detected_kinds(text, hint)) is social


@pytest.mark.parametrize(
    ("text", "language", "payment"),
    [
        ("Nemôžem vám dať peniaze do ruky, keď si to vyzdvihnem?", "sk", True),
        ("Mohl bych vám ty peníze dát do ruky až při předání?", "cs", True),
        ("A pénzt kézbe adom, amikor a lányom érte megy.", "hu", True),
        ("Wolałabym dać pieniądze do ręki przy odbiorze.", "pl", True),
        ("Balík vám kuriér odovzdá do ruky, platba je cez platformu.", "sk", False),
        ("Pásame el IBAN por aquí y te hago la transferencia.", "es", True),
    ],
)
def test_money_handed_over_in_person_is_payment_outside(text, language, payment):
    for hint in (language, None):
        assert ("payment" in detected_kinds(text, hint)) is payment


@pytest.mark.parametrize(
    ("text", "language", "marketing"),
    [
        ("La próxima semana llegan más bolsos, échale un ojo a nuestro perfil.", "es", True),
        ("Esce la collezione nuova: chi ci segue la vede per prima.", "it", True),
        ("Pod koniec miesiąca czyścimy magazyn, zapraszam.", "pl", True),
        ("Ceny tylko dla osób z naszej listy, mogę Panią dopisać.", "pl", True),
        ("Nowe wzory pokazujemy najpierw tutaj: t.me/wzory_kasi", "pl", True),
        ("Annulez sur le site et je vous le fais 50 € moins cher en direct.", "fr", False),
        ("Chi ci segue l'ordine è il reparto spedizioni.", "it", False),
        ("Échale un ojo al paquete cuando llegue, por si viene golpeado.", "es", False),
    ],
)
def test_promotion_without_the_obvious_words(text, language, marketing):
    for hint in (language, None):
        assert ("marketing" in detected_kinds(text, hint)) is marketing


def test_a_call_asked_for_because_writing_fails_is_firm_in_italian():
    text = (
        "Ho mandato le foto ma non si capisce. Possiamo sentirci per telefono? "
        "Scrivendo non ci capiamo."
    )
    assert "social" in firm_kinds(text, "it")


# --- the fifty-fifth round: from t249–t252's misses -------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ozvite sa mi, moje číslo máte na štítku balíka, keď mi to vysvetlíte do telefónu.", "sk"),
        ("Mi può chiamare lei? Il numero ce l'ha sull'etichetta del pacco.", "it"),
        ("You've got my number from the order, just give me a ring.", "en"),
        ("Sie haben ja meine Nummer, rufen Sie mich gern an.", "de"),
        ("Vous avez déjà mon numéro, appelez-moi ce soir.", "fr"),
        ("Ma Pan mój numer, proszę zadzwonić po 17.", "pl"),
        ("Máte moje číslo, zavolejte mi prosím.", "cs"),
        ("Megvan önnek a számom, hívjon fel este.", "hu"),
        ("Aveți numărul meu, sunați-mă diseară.", "ro"),
        ("Ya tiene mi número, llámeme esta tarde.", "es"),
    ],
)
def test_a_call_asked_for_with_the_number_the_other_party_has_is_firm(text, language):
    """A call asked for beside "you have my number (on the label)" moves the talk: the
    number is not in the message, the call is (the writers label it a channel move)."""
    for hint in (language, None):
        assert "social" in firm_kinds(text, hint)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kúpila som obal do telefónu, ale nesedí.", "sk"),
        ("Koupil jsem nabíječku do telefonu, nefunguje.", "cs"),
        ("Když mluvím do telefonu, druhá strana mě neslyší.", "cs"),
        ("Keď hovorím do telefónu cez slúchadlá, nepočuť ma.", "sk"),
        ("The courier has my number, he can call me.", "en"),
        ("Il corriere mi può chiamare, il numero ce l'ha.", "it"),
    ],
)
def test_a_phone_accessory_a_microphone_or_the_couriers_call_is_no_call_asked_for(text, language):
    for hint in (language, None):
        assert "social" not in firm_kinds(text, hint)


# --- the fifty-sixth round: from t253–t256's misses -------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("plus simple sur WhatsApp 👉 06🔹71🔹44🔹20🔹93", "fr"),
        ("appelez-moi au 06 ➡️ 71 44 20 93", "fr"),
        ("SMS an mich bitte: [0176] [3345] [8812]", "de"),
        ("ha a futár nem talál: (+36)-(20)-(987)-(65)-(43)", "hu"),
        ("zadzwoń: (+48) (601) (234) (567)", "pl"),
        ("Tel. (0176) 3345 8812", "de"),
        ("appelez-moi au (06) 12 34 56 78", "fr"),
        ("hívjon: (30) 421 8719", "hu"),
    ],
)
def test_a_number_with_emoji_or_brackets_between_its_groups_is_a_phone_number(text, language):
    for hint in (language, None):
        assert "phone" in kinds(text, hint)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("SMS an mich bitte: [0176] [3345] [8812]", "[0176] [3345] [8812]"),
        ("ha a futár nem talál: (+36)-(20)-(987)-(65)-(43)", "(+36)-(20)-(987)-(65)-(43)"),
        ("Tel. (0176) 3345 8812", "(0176) 3345 8812"),
    ],
)
def test_a_number_in_brackets_is_shown_with_its_brackets(text, span):
    assert ("phone", span) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Order (2) items, 3 ★ 4 ★ 5 stars for the seller",
        "Rozmiary [38] [40] [42] dostępne od ręki.",
        "Sizes (S)-(M)-(L) left, 3 🔹 4 🔹 5 in stock",
        "Az adószámunk (23456789-2-13), a számla (2026/00517) a rendelésnél.",
        "Box (1) 234 567 890 EAN",
    ],
)
def test_sizes_counts_and_identifiers_in_brackets_are_no_phone_numbers(text):
    assert "phone" not in kinds(text)


def test_a_short_mail_provider_is_no_start_of_an_everyday_word():
    """ "wp" (Wirtualna Polska) starts "wpisze": no mailbox is said near it, and the platform's
    own site is none either."""
    text = "Kod rabatowy MKT-4K9P wpisze Pani przy kolejnym zamówieniu na pl.marketplace.example."
    assert "email" not in detected_kinds(text, "pl")
    assert "email" not in detected_kinds("Zamówienie wpisałam na pl.marketplace.example.", "pl")
    assert "email" in detected_kinds("mam konto na wp, ewa.nowak88", "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mai bine vorbim la telefon, sunați-mă când puteți.", "ro"),
        ("Mai simplu vorbim la telefon.", "ro"),
    ],
)
def test_romanian_mai_before_a_comparison_refuses_no_call(text, language):
    """ "Mai bine" is "better": the Italian "mai" ("never") that the concepts read in every
    language is no refusal here."""
    assert "social" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("whatsapp? 0151 2384 7719", "de"),
        ("Haben Sie WhatsApp? 0151 2384 7719", "de"),
        ("Können Sie mir einfach eine SMS schicken? 0151 2345 6789", "de"),
        ("viber? +420 603 555 219", "cs"),
    ],
)
def test_an_app_or_a_text_asked_for_right_before_a_number_is_firm(text, language):
    for hint in (language, None):
        assert {"phone", "social"} <= firm_kinds(text, hint)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'll message you on WhatsApp tonight.", "en"),
        ("D'accord, je vous écris sur Telegram ce soir.", "fr"),
        ("Ich schreibe Ihnen heute Abend auf Telegram.", "de"),
        ("Te escribo por WhatsApp luego.", "es"),
        ("Le mando le foto su WhatsApp.", "it"),
        ("Napiszę do pana na Messengerze.", "pl"),
        ("Napíšu vám na WhatsApp.", "cs"),
        ("Napíšem vám na Viber.", "sk"),
        ("Írok önnek Viberen.", "hu"),
        ("Vă scriu pe WhatsApp diseară.", "ro"),
    ],
)
def test_i_will_write_to_you_on_an_app_is_firm(text, language):
    for hint in (language, None):
        assert "social" in firm_kinds(text, hint)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Je vous écris sur la messagerie du site, pas sur WhatsApp.", "fr"),
        ("I'll message you here, not on WhatsApp.", "en"),
        ("Ich schreibe Ihnen, weil WhatsApp bei mir nicht geht.", "de"),
    ],
)
def test_writing_here_and_not_on_an_app_is_no_firm_channel_move(text, language):
    assert "social" not in firm_kinds(text, language)


def test_no_problem_is_no_negation_in_any_language():
    for text in ("pas de souci", "kein Problem", "nincs gond", "no worries", "nie ma problemu"):
        assert "negation" not in concepts_of(text)
        assert "agree" in concepts_of(text)
    assert "negation" in concepts_of("Ok, nein danke")
    assert "negation" in concepts_of("pas de WhatsApp")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "> Können wir auf Telegram weiterschreiben?\n"
            "Kein Problem, ich schreibe Ihnen auf Telegram.",
            "social",
        ),
        ("> Vous avez WhatsApp ?\nOui pas de souci, je vous écris sur WhatsApp ce soir.", "social"),
    ],
)
def test_a_reply_that_agrees_to_what_it_quotes_keeps_it(text, kind):
    assert kind in {f.kind for f in scan(text)}


@pytest.mark.parametrize(
    "text",
    [
        "> Können wir auf Telegram weiterschreiben?\nKein Problem, aber lieber hier.",
        "> Haben Sie WhatsApp?\nNein, lassen Sie uns hier schreiben.",
        "> Can we talk on WhatsApp?\nOk, but I would rather stay here.",
    ],
)
def test_a_reply_that_declines_what_it_quotes_drops_it(text):
    assert "social" not in {f.kind for f in scan(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Der Verkäufer meinte, wir könnten auf Viber weiterschreiben. Ist das erlaubt?", "social"),
        (
            "Il venditore mi ha proposto il suo nuovo negozio con uno sconto. È consentito?",
            "marketing",
        ),
    ],
)
def test_a_question_whether_it_is_allowed_reports_a_channel_or_an_offer(text, kind):
    """What is soft in a message that asks whether it is allowed is reported, not proposed:
    in development, every such message with only soft findings of a kind is labelled without
    it."""
    assert kind not in {f.kind for f in scan(text)}


# --- the fifty-seventh round: from t257–t260's misses ------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Si vous voulez voir nos autres bols, tout est sur poterie-vasseur point fr.", "fr"),
        ("Découvrez toute notre collection de bougies sur www.cire-et-meche.fr", "fr"),
        ("Weitere Stücke von uns sehen Sie auf unserer Seite holzwerk-brandt punkt de.", "de"),
        ("If you want to see more of our work, everything is on ashgrovepottery.co.uk", "en"),
        ("Si quiere ver más cosas nuestras, todo está en www.ceramica-nerja.es", "es"),
        ("Se vuole vedere gli altri nostri modelli, è tutto su www.borse-fiorentine.it", "it"),
        ("Chce Pani zobaczyć inne kubki? Wszystko jest na naszej stronie kubkowo kropka pl", "pl"),
        ("Jestli chcete vidět další kousky, všechno je na našem webu keramika-dvorak.cz", "cs"),
        ("Ak chcete vidieť ďalšie výrobky, všetko je na našom webe drevarna-hron.sk", "sk"),
        ("A további termékeinket a www.fazekas-tibor.hu oldalon találja.", "hu"),
        ("Dacă vreți să vedeți și alte modele, totul e pe site-ul nostru, olarie-horezu.ro", "ro"),
    ],
)
def test_our_other_pieces_on_a_site_of_ours_is_marketing(text, language):
    """A link to the seller's own site with an invitation to browse the rest of its range."""
    for hint in (language, None):
        assert {"marketing", "url"} <= kinds(text, hint)
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The manual is at bosch-home.com, see the rest of the instructions there.", "en"),
        ("Voir nos autres messages ci-dessus : le colis est parti hier.", "fr"),
        ("Photos de toute la collection de timbres ici : bit.ly/timbres-semeuse", "fr"),
        ("Na naszej stronie zamówienia zobaczy Pan inne szczegóły dostawy.", "pl"),
    ],
)
def test_browsing_words_without_a_site_of_ours_stay_unflagged_or_soft(text, language):
    assert "marketing" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Puteți să-mi dați un telefon? Nu mă descurc cu mesajele.",
        "Dați-mi un telefon când ajunge coletul la dumneavoastră.",
        "Îmi dai un bip diseară?",
    ],
)
def test_romanian_give_me_a_phone_is_a_call(text):
    assert "social" in kinds(text, "ro")


@pytest.mark.parametrize(
    ("text", "language"),
    [("írjon vibeeren", "hu"), ("scrieți-mi pe viibeer", "ro"), ("napište mi na vibeer", "cs")],
)
def test_viber_with_a_doubled_vowel_is_viber(text, language):
    assert "social" in kinds(text, language)


def test_a_vibrating_phone_is_no_viber():
    for text in ("A telefon vibrál, de nem csörög.", "The phone vibrates on the table."):
        assert "social" not in kinds(text)


# --- the fifty-eighth round: from t261–t264's misses ------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Fotky mi pošlete do zpráv tady: ig.me/m/svetlo.doma", "cs"),
        ("Scrivici in DM 👉 ig.me/m/bottegadelsole", "it"),
        ("Add me here: line.me/ti/p/~yiwuhome", "en"),
    ],
)
def test_instagram_and_line_links_to_a_conversation_are_channel_moves(text, language):
    assert {"social", "url"} <= firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zadzwoni Pan do mnie? Bo tu się nie dogadamy.", "pl"),
        ("Zadzwonisz do mnie wieczorem? Tak się nie dogadamy.", "pl"),
        ("Mi faccia uno squillo e ne parliamo a voce, facciamo prima.", "it"),
        (
            "Ca sa nu ne trimitem zeci de mesaje aici, sunati-ma, va rog, rezolvam mult mai "
            "rapid la telefon.",
            "ro",
        ),
        ("Sunați-mă, rezolvăm mai repede decât prin platformă.", "ro"),
    ],
)
def test_a_call_asked_for_with_why_it_beats_writing_here_is_firm(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zadzwoni Pan do kuriera? On ma numer do mnie.", "pl"),
        ("Ca sa nu ne trimitem mesaje degeaba: coletul a plecat azi.", "ro"),
    ],
)
def test_a_call_to_someone_else_or_a_reason_alone_is_no_firm_call(text, language):
    assert "social" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Installieren Sie bitte AnyDesk und schicken Sie mir Ihre ID, dann schaue ich mir "
            "den Drucker an.",
            "de",
        ),
        ("Stáhněte si TeamViewer a pošlete mi heslo, připojím se.", "cs"),
        ("Give me your AnyDesk code and I'll fix the router settings myself.", "en"),
        ("Mi mandi l'ID di TeamViewer e sistemo tutto io.", "it"),
    ],
)
def test_a_remote_desktop_session_with_its_id_is_a_channel_move(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("AnyDesk keeps crashing on the laptop I bought from you, is that normal?", "en"),
        ("Na notebooku nejde spustit TeamViewer, je to vadou Windows?", "cs"),
    ],
)
def test_a_remote_desktop_app_mentioned_alone_is_no_firm_finding(text, language):
    assert "social" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "die MAC 3C:22:FB:9A:11:E0 ist im router gesperrt, wie krieg ich die wieder frei?",
        "MAC: FB:22:3C:9A:11:E0, bitte freischalten",
        "adresa MAC 00-1A-IG-00-2B-3C je blokovaná",
    ],
)
def test_a_mac_address_pair_is_no_network_short_name(text):
    assert "social" not in kinds(text)


def test_a_short_network_name_before_a_handle_is_still_found():
    assert "social" in firm_kinds("fb: anna.k_shop", "en")


@pytest.mark.parametrize(
    "text",
    [
        "Madame, Nous vous informons que le remboursement de 149,90 € a été initié le "
        "03/02/2026 via la plateforme et apparaîtra sous 5 à 7 jours ouvrés. Notre service "
        "client reste joignable du lundi au vendredi de 9h00 à 17h30 par la messagerie ou à "
        "l'adresse support@marketplace.example. Cordialement, Librairie Vauclair – SARL au "
        "capital de 8 000 € – RCS Rennes 512 348 976 – SIRET 512 348 976 00021",
        "SAS Menuiserie Roux, RCS Aix-en-Provence B 512 348 976, TVA FR12 512348976",
    ],
)
def test_a_french_company_registration_after_its_city_is_no_phone(text):
    for hint in ("fr", None):
        assert "phone" not in kinds(text, hint)


def test_a_phone_after_a_company_registration_is_still_found():
    text = "RCS Rennes 512 348 976. Appelez-moi au 06 12 34 56 78."
    assert ("phone", "06 12 34 56 78") in found(text, "fr")


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("pop the receipt over to my hotmail, it's dan.cooper.uk", "dan.cooper.uk"),
        ("my gmail's techfixer.uk if the upload won't go through", "techfixer.uk"),
        ("Best to send the photos to my gmail, it is dave.crafts.uk", "dave.crafts.uk"),
    ],
)
def test_a_handle_after_a_mail_provider_and_it_is_is_an_address_not_a_site(text, handle):
    spans = found(text, "en")
    assert "url" not in {kind for kind, _ in spans}
    assert any(kind == "email" and handle in span for kind, span in spans)


def test_a_provider_talked_about_after_its_is_no_address():
    assert "email" not in firm_kinds("my gmail's password was stolen yesterday", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El manual está en www manualesonline es / lavadora-wf80 (sin puntos)", "es"),
        ("schauen Sie auf www holzwerk de nach", "de"),
    ],
)
def test_www_a_name_and_a_domain_with_spaces_for_dots_is_a_link(text, language):
    assert "url" in firm_kinds(text, language)


def test_www_in_prose_is_no_link():
    assert "url" not in kinds("the www is so slow today, I could not upload it", "en")


@pytest.mark.parametrize(
    "text",
    [
        "Küldjön egy SMS-t: harmincas, négyszázhuszonkettő, tizenegy, hetvenhét.",
        "A számom húszas, háromszázegy, negyvenöt, tizenkettő.",
    ],
)
def test_hungarian_mobile_prefixes_said_as_harmincas_or_huszas_are_phone_numbers(text):
    assert "phone" in kinds(text, "hu")


def test_the_thirties_in_hungarian_are_no_phone_number():
    assert "phone" not in kinds("A harmincas években épült ház tetejét tavaly cserélték.", "hu")


# --- the fifty-ninth round: from t265–t268's misses -------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hi, können wir das per WhatsApp klären? My number is 0176 / 234 55 890, thx!", "de"),
        ("Können wir das per WhatsApp besprechen?", "de"),
        ("Sollen wir die Details über Telegram ausmachen?", "de"),
    ],
)
def test_a_german_proposal_to_settle_it_on_an_app_is_a_channel_move(text, language):
    assert "social" in firm_kinds(text, language)


def test_a_german_proposal_refused_is_no_firm_channel_move():
    text = "Können wir das bitte nicht per WhatsApp klären? Lieber hier."
    assert "social" not in firm_kinds(text, "de")


@pytest.mark.parametrize(
    "text",
    [
        "Buna, imi puteti da mesaj pe whatsup? 0722 345 678",
        "Just message me on whatsup, quicker",
    ],
)
def test_whatsapp_written_as_whatsup_after_a_preposition_is_a_channel(text):
    assert "social" in kinds(text)


@pytest.mark.parametrize(
    "text",
    ["Hey, whatsup? Did the parcel arrive?", "Hi there, what's up with my order?"],
)
def test_whatsup_as_a_greeting_is_no_channel(text):
    assert "social" not in kinds(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Może Pan do mnie zadzwonić zamiast pisać tutaj? Ustalimy stałe dostawy.", "pl"),
        ("Können Sie mich anrufen, statt hier zu schreiben? Dann klären wir das.", "de"),
        ("Vous pouvez m'appeler au lieu d'écrire ici ? On fixera les livraisons.", "fr"),
        ("Můžete mi zavolat místo psaní tady? Domluvíme pravidelné dodávky.", "cs"),
        ("Môžete mi zavolať namiesto písania tu? Dohodneme sa na dodávkach.", "sk"),
        ("Fel tudna hívni írás helyett? Megbeszélnénk a szállításokat.", "hu"),
        ("Mă puteți suna în loc să scriem aici? Stabilim livrările.", "ro"),
        ("¿Me puede llamar en vez de escribir aquí? Así cerramos los pedidos.", "es"),
        ("Mi può chiamare invece di scrivere qui? Così fissiamo le consegne.", "it"),
        ("Could you ring me instead of writing here? We can sort the monthly order.", "en"),
    ],
)
def test_a_call_asked_for_instead_of_writing_is_a_firm_channel_move(text, language):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Please don't call me instead of writing here, I prefer messages.", "en"),
        ("Kurier zadzwoni zamiast pisać SMS.", "pl"),
    ],
)
def test_a_call_refused_or_the_couriers_instead_of_writing_is_no_firm_move(text, language):
    assert "social" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Pošlite nám prosím sem do správ fotky obalu a štítku zásielky (číslo 91234567890).",
            "sk",
        ),
        ("Jo napot, a GLS csomag (szam: 51234567890) mar 3 napja kezbesites alatt van.", "hu"),
        ("Paczka (numer 512345678) jest w drodze.", "pl"),
    ],
)
def test_a_parcels_number_in_brackets_after_the_word_number_is_no_phone(text, language):
    for hint in (language, None):
        assert "phone" not in kinds(text, hint)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Proszę dzwonić w sprawie zamówienia (numer 512345678).", "512345678"),
        ("Pro objednávku (moje číslo 601234567) volejte.", "601234567"),
    ],
)
def test_a_phone_number_in_brackets_with_a_call_or_my_is_still_found(text, number):
    assert ("phone", number) in found(text)


def test_wasting_time_with_the_platform_makes_a_transfer_a_payment_outside():
    text = (
        "Ca să nu mai pierdeți timp cu platforma, data viitoare mă sunați și plătiți prin "
        "transfer bancar, vă fac și factura."
    )
    assert "payment" in detected_kinds(text, "ro")
    assert "payment" not in detected_kinds(
        "Data viitoare plătiți prin transfer bancar pe platformă, la checkout.", "ro"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Si quieres, los próximos meses te hago precio de amigo: 5 € menos la caja, "
            "pagando en mano.",
            "es",
        ),
        ("Für die nächste Bestellung mache ich Ihnen einen Freundschaftspreis.", "de"),
        ("Al prossimo ordine le faccio un prezzo d'amico.", "it"),
    ],
)
def test_a_friends_price_for_next_time_is_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


def test_an_english_offer_word_is_read_whole_not_inside_italian_offerte():
    text = "Ho visto il vostro annuncio su un canale Telegram di offerte, ma ordino qui."
    assert ("marketing", "offer") not in found(text, "it")
    assert ("marketing", "offers") in found("Follow our Telegram channel for offers!", "en")


@pytest.mark.parametrize(
    "text",
    [
        "Tous mes diagrammes sont sur patreon.com/brodeusedulundi, le premier mois est offert !",
        "Retrouvez la collection sur www.atelier-lune.fr, livraison offerte dès 30 €.",
    ],
)
def test_something_given_free_beside_a_french_link_is_marketing(text):
    assert "marketing" in detected_kinds(text, "fr")


# --- the sixtieth round: from t269–t272's misses ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pošlete mi to radši na whatsapku, je to rychlejší.", "cs"),
        ("Jsem na whatsapu jako Petra K.", "cs"),
    ],
)
def test_whatsapp_with_one_p_and_an_ending_is_an_app(text, language):
    assert "social" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Simsen Sie mir bitte, sobald der Schrank fertig ist.", "de"),
        ("Sims mir einfach, wenn du vor der Tür stehst.", "de"),
        ("Just DM me when the new batch is ready.", "en"),
        ("PM me for the other sizes.", "en"),
    ],
)
def test_texting_or_a_direct_message_asked_for_is_a_channel_move(text, language):
    assert "social" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The courier comes between 2 and 5 pm me and my wife are both in.", "en"),
        ("Open until 6:00 pm us included, see the shop's page here.", "en"),
        ("Die SMS mit dem Abholcode kam vom Paketdienst.", "de"),
    ],
)
def test_a_time_before_me_or_a_carriers_text_is_no_channel_move(text, language):
    assert "social" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zdzwonimy się jutro i wszystko ustalimy.", "pl"),
        ("Najlepiej zdzwonić się wieczorem, wtedy omówimy odbiór.", "pl"),
        ("Mi faccia chiamare da sua figlia, ci accordiamo per la consegna.", "it"),
    ],
)
def test_a_call_arranged_through_someone_is_a_channel_move(text, language):
    assert "social" in detected_kinds(text, language)


def test_a_call_with_the_number_given_is_the_number_alone():
    text = "Zdzwonimy się, mój numer to 512 345 678."
    assert kinds(text, "pl") == {"phone"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ich würde lieber bar bei der Übergabe zahlen, dann geht nichts an die Plattform.", "de"),
        ("Plătesc cash la predare și nu mai dați comision, bine?", "ro"),
        ("Aș plăti cash la ridicare, fără comision pentru nimeni.", "ro"),
    ],
)
def test_cash_at_hand_over_to_spare_the_platforms_fee_is_payment(text, language):
    assert "payment" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Plătiți cash la ridicare, comanda rămâne pe platformă.", "ro"),
        ("Ich zahle bei Abholung mit Karte, wie in der Bestellung angegeben.", "de"),
    ],
)
def test_cash_chosen_in_the_order_is_no_payment_outside(text, language):
    assert "payment" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Payez par ce lien SumUp, on évite les frais du site.", "fr"),
        ("Zahlen Sie einfach über meinen SumUp-Link, geht schneller.", "de"),
    ],
)
def test_a_sumup_payment_link_is_payment(text, language):
    assert "payment" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [("To sum up: the parcel is on its way.", "en"), ("Sum up the costs in the invoice.", "en")],
)
def test_to_sum_up_is_no_payment(text, language):
    assert "payment" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Na naszej stronie www.rowery-nowak.pl ten sam kask jest po 179 zł zamiast 219.", "pl"),
        ("Nel nostro negozio online lampade-rossi.it la stessa lampada costa 12 € in meno.", "it"),
        ("En nuestra web www.ceramica-luna.es la misma taza está a 9 € en vez de 12.", "es"),
        ("Im eigenen Onlineshop gibt's den Hocker für 49 € statt 65 €: www.hocker-werk.de", "de"),
    ],
)
def test_a_lower_price_on_the_senders_own_page_is_firm_marketing(text, language):
    assert "marketing" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Su subito punto it la stessa lampada costa 12 € in meno, mi fa lo stesso prezzo?", "it"),
        ("Na ceneo kropka pl ten sam kask jest 40 zł taniej, da się coś zrobić?", "pl"),
        ("En idealo punto es está a 9 € en vez de 12, ¿me lo iguala?", "es"),
    ],
)
def test_a_lower_price_a_buyer_saw_on_another_site_is_no_firm_marketing(text, language):
    assert "marketing" not in firm_kinds(text, language)


# --- the sixty-first round: from t273–t276's misses -----------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Could you drop me your e-mail? The price list is too big to attach here.", "en"),
        ("Hinterlassen Sie mir bitte Ihre Mailadresse, ich schicke die Maßskizze.", "de"),
        ("Pour le devis, vous me laissez votre courriel ?", "fr"),
        ("Zostaw mi swój adres mailowy, podeślę katalog.", "pl"),
        ("Nechte mi tu svůj e-mail, pošlu vám nabídku.", "cs"),
        ("Pošlite mi svoj e-mail, cenník vám pošlem hneď.", "sk"),
        ("Mi az e-mail címe? Oda küldöm a számlát.", "hu"),
        ("Care e adresa de mail? Vă trimit acolo factura.", "ro"),
        ("¿Cuál es su correo? Le envío el catálogo.", "es"),
        ("Qual è la sua mail? Le giro il preventivo.", "it"),
        ("Le catalogue part par e-mail ; quelle est votre adresse mail ?", "fr"),
        ("Cenník posielam mailom, napíšte mi adresu.", "sk"),
        ("Oferta o trimit pe mail, dați-mi adresa aici.", "ro"),
        ("Thanks! Your email, please, and I'll forward the manual.", "en"),
        ("Den Katalog gibt es als PDF. Ihre Mailadresse bitte.", "de"),
    ],
)
def test_the_other_sides_email_address_asked_for_is_a_firm_email_finding(text, language):
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Please don't send me your e-mail address, everything stays in this thread.", "en"),
        ("We sent the invoice to the e-mail address in your account.", "en"),
        ("Bitte prüfen Sie Ihr E-Mail-Postfach, die Rechnung kam von der Plattform.", "de"),
        ("Nie podawaj mi swojego maila, piszmy tutaj.", "pl"),
        ("Vérifiez votre adresse mail dans votre compte, la confirmation y est partie.", "fr"),
        ("Controlli la sua mail: la piattaforma le ha inviato la conferma.", "it"),
        ("Could you check your email please? The platform sent the label there.", "en"),
        ("Confirm your email and we'll send the download link, says the platform.", "en"),
        ("Prüfen Sie Ihre E-Mail, dann kann die Plattform das Etikett zustellen.", "de"),
        ("Vérifiez votre mail svp, l'étiquette de la plateforme y est.", "fr"),
        ("Napisz maila do producenta, oni szybciej odpowiadają w sprawie gwarancji.", "pl"),
        ("Trimiteți-mi e-mailul de la curier, să văd ce scrie acolo.", "ro"),
    ],
)
def test_an_address_refused_or_the_platforms_mail_is_no_email_finding(text, language):
    assert "email" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pass me your mobile number and I'll ring after work.", "en"),
        ("Verraten Sie mir Ihre Telefonnummer? Dann rufe ich kurz an.", "de"),
        ("Laissez-moi votre portable, je vous rappelle.", "fr"),
        ("Zostawcie mi swój numer telefonu.", "pl"),
        ("Pošlete mi vaše číslo, ozvu se.", "cs"),
        ("Írja meg a telefonszámát, felhívom.", "hu"),
        ("Trimite-mi numărul tău, te sun diseară.", "ro"),
        ("Pásame tu móvil y lo hablamos.", "es"),
        ("Mi lasci il suo cellulare, la richiamo io.", "it"),
    ],
)
def test_the_other_sides_number_asked_for_is_a_channel_move_to_weigh(text, language):
    assert "social" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Send me your order number and I'll check the parcel.", "en"),
        ("Donnez-moi votre numéro de suivi, je regarde chez Colissimo.", "fr"),
        ("Dejte mi vaše číslo objednávky, prověřím to.", "cs"),
        ("Mandami il tuo numero d'ordine, controllo subito.", "it"),
        ("Der DHL-Fahrer ruft an, geben Sie mir Ihre Handynummer für den Lieferschein.", "de"),
        ("Don't give me your number, we'll sort it out here.", "en"),
    ],
)
def test_an_order_number_the_courier_or_a_refusal_is_no_number_asked_for(text, language):
    assert "social" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'll refund the 8 € on PayPal right away, what's your email?", "en"),
        ("Vrátím vám 200 Kč přes Revolut. Dejte mi vaše číslo.", "cs"),
        ("Te devuelvo 10 € por Bizum, déjame tu móvil.", "es"),
        ("> Mi lasci la sua mail per le foto?\nPreferisco caricarle qui nella chat.", "it"),
    ],
)
def test_an_address_or_number_asked_for_a_payment_or_quoted_is_no_contact_asked(text, language):
    assert not {"email", "social"} & detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wenn Sie mögen, zahlen Sie in Ethereum, dann gibt's Rabatt.", "de"),
        ("Accetto anche Litecoin o USDC, così niente commissioni.", "it"),
    ],
)
def test_more_cryptocurrencies_are_payment(text, language):
    assert "payment" in detected_kinds(text, language)


# --- the sixty-second round: from t277–t280's misses ----------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Könnten Sie mir bitte Ihre E-Mail-Adresse schicken? Dann sende ich die Rechnung.", "de"),
        ("Kannst du mir deine Mail geben, dann kommen die Fotos heute noch.", "de"),
        ("Můžete mi poslat svůj e-mail? Pošlu tam návod.", "cs"),
        ("Tak mi napište svůj e-mail, pošlu fotky.", "cs"),
        ("Mohli by ste mi napísať váš e-mail? Pošlem certifikát.", "sk"),
        ("Tak mi pošlite svoj mail, zmluvu pošlem tam.", "sk"),
        ("Megadnád az e-mail címed? Oda küldöm a fotókat.", "hu"),
        ("Îmi dați vă rog adresa de e-mail? Vă trimit acolo garanția.", "ro"),
        ("Mi potrebbe lasciare il suo indirizzo email? Le mando le foto.", "it"),
        ("Czy mógłby Pan podać adres e-mail? Wyślę tam fakturę.", "pl"),
        ("Pop your email in below and I'll send the certificate.", "en"),
        ("Could I get your email? The warranty card is a big scan.", "en"),
        ("Donnez-moi simplement votre adresse mail, je vous envoie la notice.", "fr"),
    ],
)
def test_an_address_asked_for_with_a_modal_or_the_pronoun_first_is_a_firm_email_finding(
    text, language
):
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Send me your email and I'll send the invoice, then you pay by bank transfer.", "en"),
        ("Dejte mi váš e-mail, pošlu fakturu a zaplatíte převodem.", "cs"),
        ("Pásame tu correo y te mando los datos para la transferencia.", "es"),
    ],
)
def test_an_address_asked_for_to_send_the_invoice_for_a_transfer_is_an_email_finding(
    text, language
):
    # only PayPal, whose account is an address, makes the address the payment's
    assert {"email", "payment"} <= detected_kinds(text, language)
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Könnten Sie mir Ihre Telefonnummer geben? Dann rufe ich Sie morgen an.", "de"),
        ("Können Sie mir Ihre Nummer geben? Dann ruf ich kurz wegen der Lieferung an.", "de"),
        ("Może pani podać numer telefonu? Wolę zadzwonić.", "pl"),
        ("Nechte mi tu na sebe číslo, zavolám vám večer.", "cs"),
        ("¿Me podría dar su número de teléfono? Prefiero llamarle.", "es"),
        ("Could I have your number? I'll give you a ring tonight.", "en"),
        ("Mi può dare il suo numero? La chiamo domani mattina.", "it"),
        ("Megadná a telefonszámát? Holnap felhívom.", "hu"),
        ("Môžete mi dať vaše číslo? Zavolám vám poobede.", "sk"),
    ],
)
def test_a_number_asked_for_then_a_call_announced_is_a_firm_channel_move(text, language):
    assert "social" in firm_kinds(text, language)


def test_a_number_asked_for_without_a_call_stays_for_the_models_to_weigh():
    text = "Können Sie mir Ihre Nummer geben?"
    assert "social" in detected_kinds(text, "de")
    assert "social" not in firm_kinds(text, "de")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Können Sie mir Ihre Bestellnummer geben? Dann prüfe ich das.", "de"),
        ("Můžete mi dát vaše číslo objednávky?", "cs"),
        ("Mi può dare il suo numero d'ordine?", "it"),
        ("Could I get your order number? Then I'll call the courier.", "en"),
        ("Megadná a rendelésszámot?", "hu"),
        ("Dann ruf ich beim Hersteller an und melde mich hier.", "de"),
        ("Prefiero llamar al fabricante, ellos sabrán.", "es"),
    ],
)
def test_an_order_number_asked_for_or_a_call_to_a_third_party_is_no_channel_move(text, language):
    assert "social" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pop your email address into the account settings to get the label.", "en"),
        ("Could I get your email confirmation? The platform sent it after the order.", "en"),
        ("Może Pan napisać maila do producenta? Oni szybciej odpowiadają.", "pl"),
        ("Mogłaby pani wysłać maila do serwisu z numerem zamówienia?", "pl"),
    ],
)
def test_the_platforms_form_a_confirmation_or_an_email_to_write_is_no_address_asked(text, language):
    assert "email" not in detected_kinds(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "My portfolio's at hollyhock dot co dot uk if you want to see more.",
        "The shop’s at hollyhock dot co dot uk now.",
    ],
)
def test_an_s_at_a_domain_said_after_an_apostrophe_is_is_at_a_link_not_an_address(text):
    assert kinds(text, "en") == {"url"}


# --- the sixty-third round: from t281–t284's misses -----------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dime tu email y te paso el bono de la excursión.", "es"),
        ("¿Me deja el correo de su hija? Le mando el presupuesto.", "es"),
        ("Mi lascia la mail di sua figlia? Le mando gli orari della prova.", "it"),
        ("Mi date un indirizzo email? Vi mando il modulo firmato.", "it"),
        ("Pourriez-vous me laisser l'adresse mail de votre fils ? Je lui envoie le devis.", "fr"),
        ("Pouvez-vous me donner votre adresse mail ? J'envoie la facture ce soir.", "fr"),
        ("Could you leave me your daughter's email so I can send her the slots?", "en"),
        ("Proszę o adres e-mail, wyślę tam zdjęcia z sesji.", "pl"),
        ("Fotky vám pošlu e-mailem, jen mi sem napište svoji adresu.", "cs"),
        ("Pošlete mi prosím mail, kam vám mám poslat formulář?", "cs"),
        ("Máte nějaký e-mail? Pošlu tam návod.", "cs"),
        ("Máte nejaký e-mail? Pošlem vám tam faktúru.", "sk"),
        ("Napíšte mi mail, kam vám môžem poslať zmluvu.", "sk"),
        ("Vă rog să-mi lăsați adresa de e-mail ca să vă trimit oferta.", "ro"),
    ],
)
def test_an_address_asked_for_of_a_relative_with_a_modal_or_a_where_to_is_an_email_finding(
    text, language
):
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Máte e-mail od dopravce? Je v něm kód k vyzvednutí.", "cs"),
        ("¿Me da el correo de la tienda del fabricante? Les escribo yo.", "es"),
        ("Pouvez-vous me donner l'adresse mail du service client de la marque ?", "fr"),
        ("Mi dà l'indirizzo email del produttore? Scrivo io a loro.", "it"),
        ("Could you leave me your order's number in the form?", "en"),
        ("Proszę o numer zamówienia, sprawdzę przesyłkę.", "pl"),
    ],
)
def test_a_third_partys_address_or_a_question_about_a_received_email_is_no_address_asked(
    text, language
):
    assert "email" not in detected_kinds(text, language)


def test_an_address_or_a_number_asked_for_together_names_both():
    text = "Proszę podać maila albo numer do córki, wyślę propozycje terminów."
    assert {"email", "social"} <= detected_kinds(text, "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Se paghiamo fuori dal sito le faccio il 10% di sconto.", "it"),
        ("Le devuelvo la diferencia por transferencia, fuera de aquí.", "es"),
    ],
)
def test_settling_outside_the_site_or_here_is_a_payment_finding(text, language):
    assert "payment" in kinds(text, language)


def test_money_transferred_by_hand_without_the_platforms_forms_is_for_the_models_to_weigh():
    text = "Pieniądze przeleję sam, od razu, bez tych formularzy na platformie."
    assert "payment" in detected_kinds(text, "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Our own shop at wildwicks dot co dot uk has the new candles cheaper.", "en"),
        ("In unserem eigenen Shop auf kaffee-lindner punkt de gibt es mehr Sorten.", "de"),
    ],
)
def test_the_writers_own_shop_at_a_domain_said_is_a_link_not_a_shared_mailbox(text, language):
    assert "email" not in kinds(text, language)
    assert "url" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("For the invoice write to shop at wildwicks dot co dot uk please.", "en"),
        ("Ceník vám pošlu, napište na obchod zavináč drevo-kral tečka cz.", "cs"),
        ("Rechnungen bitte an shop bei kaffee-lindner punkt de schicken.", "de"),
    ],
)
def test_a_shared_mailbox_named_shop_at_a_domain_is_still_an_address(text, language):
    assert "email" in kinds(text, language)


def test_a_device_connected_by_usb_is_no_invitation_to_join():
    text = "Töltse le a frissítést: bit.ly/navi-frissites, majd csatlakoztassa USB-n a géphez."
    assert "marketing" not in detected_kinds(text, "hu")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Non pago con bonifico fuori dal sito, preferisco restare qui.", "it"),
        ("Prefiero no hacer Bizum fuera de la web, lo pago aquí.", "es"),
    ],
)
def test_a_refusal_to_pay_outside_the_site_is_no_settling_outside(text, language):
    spans, _ = engine.detect_spans(text, language=language)
    outside = ("fuori", "fuera")
    assert not [
        (kind, start, end)
        for kind, start, end in spans
        if kind == "payment" and any(word in text[start:end] for word in outside)
    ]


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Pouvez-vous me transmettre votre mail de confirmation ?", "fr", "email"),
        ("Proszę podać maila albo numer zamówienia, sprawdzę przesyłkę.", "pl", "social"),
        ("E-mail už mám, jen mi napište adresu doručení pro kurýra.", "cs", "email"),
        ("E-mail už mám, len mi napíšte adresu doručenia pre kuriéra.", "sk", "email"),
        ("Ho aperto la pagina fuori dal sito del corriere, niente.", "it", "payment"),
    ],
)
def test_a_confirmation_an_order_number_a_delivery_address_or_a_page_is_no_finding(
    text, language, kind
):
    assert kind not in detected_kinds(text, language)


# --- the sixty-fourth round: from t285–t288's misses ----------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Vous pouvez me laisser votre mail pour que je vous envoie les photos ?", "fr"),
        ("Je vous envoie les billets sur votre adresse mail perso, donnez-la-moi ici.", "fr"),
        ("Bilety wyślę mailem, proszę tylko podać adres.", "pl"),
        ("Lístky vystavíme na iné meno, len nám sem do správy pošlite svoj e-mail.", "sk"),
        ("Poukaz vystavíme na jiné jméno, jen nám sem pošlete svůj e-mail.", "cs"),
        ("A jegyeket e-mailben is elküldöm, ha megadja itt a címét.", "hu"),
    ],
)
def test_an_address_asked_for_in_more_forms_is_an_email_finding(text, language):
    assert "email" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Fakturę wyślę mailem, proszę tylko podać adres dostawy.", "pl"),
        ("Vous pouvez me laisser votre mail de confirmation ? Je vérifie.", "fr"),
        ("A visszaigazolást e-mailben küldjük, ha megadja a szállítási címét.", "hu"),
        ("J'ai reçu votre mail, pour la taille, indiquez-la-moi ici.", "fr"),
    ],
)
def test_a_delivery_address_or_a_confirmation_asked_for_is_no_email_finding(text, language):
    assert "email" not in detected_kinds(text, language)


def test_talking_it_over_by_phone_is_a_channel_move():
    assert "social" in kinds("Wolałbym to obgadać telefonicznie niż tu pisać.", "pl")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Radšej by som poslal peniaze ako dar medzi priateľmi, bez poplatku.", "sk"),
        ("Peníze pošlu jako dar mezi přáteli, ušetříme poplatek.", "cs"),
        ("Legközelebb 20% kedvezmény, ha közvetlenül nekünk utal.", "hu"),
    ],
)
def test_a_gift_between_friends_or_a_transfer_straight_to_the_seller_is_a_payment(text, language):
    assert "payment" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pošlu vám video, jak displej bliká a zhasíná.", "cs"),
        ("Kontrolka na nabíjačke bliká na oranžovo, je to normálne?", "sk"),
    ],
)
def test_a_screen_that_flashes_is_no_blik_payment(text, language):
    assert "payment" not in detected_kinds(text, language)
    assert "payment" not in detected_kinds(text)


def test_blik_in_its_polish_forms_is_still_a_payment_word():
    assert "payment" in detected_kinds("Zapłacę blikiem, jeśli można.", "pl")
    assert "payment" in detected_kinds("Wyślę panu kod BLIKA, jak pan woli.", "pl")


def test_a_vouchers_serial_number_is_no_phone():
    assert "phone" not in detected_kinds("Az utalvány sorszáma 0630 1245 78, a recepción kérik.")


def test_the_platforms_domain_after_an_at_sign_is_no_handle():
    text = "Expeditorul nu se termină în @marketplace.example, ci într-o adresă ciudată."
    assert "social" not in detected_kinds(text, "ro")


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Írjon Te.le.gr.am-on, ott átküldöm a fotókat.", "hu", "Te.le.gr.am-on"),
        ("Message me on Wh.ats.app please, quicker.", "en", "Wh.ats.app"),
    ],
)
def test_an_apps_name_cut_by_dots_is_the_app_in_disguise_not_a_link(text, language, name):
    assert ("social", name) in found(text, language)
    assert "url" not in kinds(text, language)


def test_a_real_domain_with_an_apps_name_stays_a_link():
    assert "url" in kinds("The desktop app is on signal.org, free.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nicht per Western Union, bitte nur hier über die Bestellung.", "de"),
        ("Non saldiamo fuori dal sito, mi spiace.", "it"),
        ("No pago nada por transferencia fuera de aquí.", "es"),
    ],
)
def test_a_strong_payment_refused_right_before_is_none(text, language):
    assert "payment" not in detected_kinds(text, language)


def test_a_strong_payment_asked_about_with_a_not_is_still_read():
    assert "payment" in detected_kinds("Why not pay via Western Union instead?", "en")


def test_the_romanian_ne_us_refuses_no_strong_payment():
    text = "Vă restituim suma direct, dacă ne trimiteți aici IBAN-ul."
    assert "payment" in detected_kinds(text, "ro")


# --- the sixty-fifth round: from t289–t292's misses -----------------------------------------


def test_a_refund_by_the_writer_directly_is_a_payment():
    text = "Anule el pedido y le devuelvo yo el dinero directamente, es más rápido."
    assert "payment" in kinds(text, "es")


@pytest.mark.parametrize(
    "text",
    [
        "Se lo devolvemos directamente por la plataforma en tres días.",
        "Cancelo el pedido y la plataforma te devuelve el dinero directamente.",
        "El bote llegó abierto. ¿Me lo cambiáis o la devuelvo directamente desde mi cuenta?",
    ],
)
def test_a_refund_through_the_platform_or_the_goods_sent_back_is_none(text):
    assert "payment" not in detected_kinds(text, "es")


def test_your_number_asked_for_to_call_is_a_channel_move():
    text = "Podeślij mi swój numer, oddzwonię i ustalimy rozmiar."
    assert "social" in kinds(text, "pl")


def test_your_order_number_asked_for_is_none():
    assert "social" not in detected_kinds("Podeślij mi swój numer zamówienia, sprawdzę.", "pl")


def test_sending_it_on_an_app_offered_is_a_firm_channel_move():
    text = "Film jest za duży na tę stronę, ale mogę go wysłać na messengerze."
    assert ("social", "messengerze") in firm(text, "pl")


def test_sending_it_on_an_app_refused_is_none():
    text = "Nie mogę wysłać na messengerze, wolę tutaj."
    assert ("social", "messengerze") not in firm(text, "pl")


def test_a_romanian_number_in_three_pieces_after_let_him_call_me_is_a_phone():
    text = "Dacă nu găsește adresa, să mă sune: începe cu 0745, apoi 218 și se termină în 903."
    assert "phone" in kinds(text, "ro")


def test_an_address_asked_for_beside_paypal_is_an_email_and_a_payment():
    text = "Ti pago con PayPal amici e familiari. Dammi la tua mail e te li mando."
    assert {"email", "payment"} <= kinds(text, "it")


def test_an_address_asked_for_beside_paypal_with_family_named_elsewhere_is_the_account():
    text = "My family loved the mug. I'll refund the 5 € on PayPal, what's your email?"
    assert "email" not in detected_kinds(text, "en")


def test_an_hour_before_a_meeting_point_is_no_link():
    text = "Clases de 9:00 a 12:00, punto de encuentro en la taquilla."
    assert "url" not in detected_kinds(text, "es")


@pytest.mark.parametrize(
    "text",
    ["Write me on Teleqram", "Schreib mir auf Telegrarn", "ci sentiamo su vvhatsapp"],
)
def test_latin_look_alike_letters_in_an_app_name_are_a_channel_move(text):
    """q for g, rn for m, vv for w: like a capital I for an l ("TeIegram")."""
    assert "social" in detected_kinds(text, "en")


def test_a_french_past_tense_is_no_look_alike_name():
    assert "social" not in detected_kinds("Je signai le bon de livraison.", "fr")


def test_ropay_to_a_written_number_is_a_payment():
    text = "Avansul de 200 lei îl puteți trimite cu RoPay pe numărul 0740 223 118."
    assert {"payment", "phone"} <= detected_kinds(text, "ro")


def test_cash_at_pick_up_in_italian_is_a_payment():
    text = (
        "Nel nostro negozio a Bologna lo stesso kit costa 30 euro in meno, e se paga in "
        "contanti al ritiro non c'è nemmeno bisogno di passare dalla piattaforma."
    )
    assert "payment" in detected_kinds(text, "it")


def test_an_address_asked_for_on_oneself_in_czech_is_an_email():
    assert "email" in detected_kinds("Nechte mi prosím na sebe e-mail, pošlu návod.", "cs")


def test_a_number_asked_for_so_that_i_call_you_in_czech_is_a_channel_move():
    text = "Můžete mi dát číslo, abych vám zavolal a domluvili jsme detaily?"
    assert "social" in detected_kinds(text, "cs")


def test_i_can_just_give_you_a_ring_is_a_channel_move():
    assert "social" in detected_kinds("If it's easier I can just give you a ring tonight.", "en")


def test_the_courier_giving_you_a_ring_is_none():
    assert "social" not in detected_kinds("The courier will give you a ring before delivery.", "en")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Nechte mi e-mail, pošlu vám ceník materiálů pro laboratoř."),
        ("sk", "Nechajte mi tu e-mail, pošlem vám cenník."),
        ("pl", "Niech Pan zostawi swojego maila, to wyślę ofertę dla firmy."),
        ("ro", "imi lasati un e-mail? va trimit certificatul scanat"),
        ("fr", "Laissez moi un mail et je vous envoie le catalogue."),
        ("es", "Déjame un correo y te paso la lista de precios."),
        ("it", "Lasciami una mail e ti mando il listino."),
        ("hu", "Hagyjon itt egy e-mail címet, elküldöm az árajánlatot."),
        ("en", "Leave me an email address and I'll send the drawings."),
    ],
)
def test_an_address_asked_for_without_a_possessive_is_an_email(language, text):
    """ "Leave me an e-mail", not only "leave me your e-mail"."""
    assert "email" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sk", "Cenovú ponuku vám pošlem e-mailom, nechajte mi tu adresu."),
        ("cs", "Nabídku vám pošlu e-mailem, nechte mi tu adresu."),
    ],
)
def test_an_address_asked_for_here_after_the_mail_is_an_email(language, text):
    assert "email" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Fakturu pošlu e-mailem, nechte mi tu adresu pro doručení."),
        ("cs", "Dejte mi e-mailem vědět, kdy to dorazí."),
    ],
)
def test_a_delivery_address_or_a_reply_by_mail_is_no_address_asked_for(language, text):
    assert "email" not in detected_kinds(text, language)


def test_call_me_without_the_hyphen_in_french_is_a_channel_move():
    assert "social" in detected_kinds("Appelez moi plutôt, c'est plus simple.", "fr")


def test_calling_the_carrier_oneself_in_french_is_none():
    assert "social" not in detected_kinds("Je vais appeler moi-même le transporteur.", "fr")


def test_a_german_number_with_a_slash_after_a_parcel_word_is_a_phone_number():
    text = "Simsen Sie mir einfach, wenn das Paket rausgeht: 0171 / 44 39 210"
    assert "phone" in detected_kinds(text, "de")


def test_an_invoice_number_with_a_year_after_its_slash_is_no_phone_number():
    text = "CUI RO18547290, factura seria CL nr. 0412/2026 o găsiți în detaliile comenzii."
    assert "phone" not in detected_kinds(text, "ro")


def test_a_question_cut_by_an_abbreviation_asks_with_its_not():
    """ "np." ends no sentence: the "nie" of "Czy nie moglibyśmy …?" asks, it refuses nothing."""
    text = (
        "Czy nie moglibyśmy rozliczać się poza serwisem, np. zbiorczo raz w miesiącu na "
        "fakturę z terminem płatności 30 dni?"
    )
    assert "payment" in detected_kinds(text, "pl")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sk", "Dajte mi na seba mail, pošlem vám video z jazdy, tu sa mi nenahrá."),
        ("cs", "Dejte mi na sebe e-mail, pošlu vám video z jízdy."),
        (
            "fr",
            "Pour le devis, laissez-moi plutôt votre adresse mail, mes vidéos sont trop lourdes.",
        ),
        ("pl", "Może podeśle Pan swojego maila? Wyślę skan faktury ze starej kosiarki."),
        ("es", "Aquí no me deja adjuntar tanto. ¿Me pasa un correo electrónico y se lo envío?"),
        ("ro", "Lăsați-mi adresa dumneavoastră de e-mail ca să vă trimit filmarea."),
    ],
)
def test_more_ways_of_asking_for_an_address_are_an_email(language, text):
    assert "email" in detected_kinds(text, language)


def test_an_abbreviation_ends_no_sentence_that_asks_for_an_address():
    """ "dvs." ("your", abbreviated) ends no sentence: the ask is read whole."""
    text = "Lăsați-mi adresa dvs. de e-mail ca să vă trimit filmarea cu zgomotul din motor."
    assert "email" in detected_kinds(text, "ro")


def test_a_mail_to_tell_is_no_address_asked_for_in_czech():
    assert "email" not in detected_kinds("Dejte mi na sebe e-mailem vědět, až to přijde.", "cs")


def test_a_private_message_asked_for_before_an_app_is_a_channel_move_in_polish():
    text = "Proszę napisać do mnie w wiadomości prywatnej na Instagramie, tam odpowiem szybciej."
    assert "social" in firm_kinds(text, "pl")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Je viens de recevoir le Carcassonne édition collector numéroté 0347/1500."),
        ("es", "Me ha llegado la edición coleccionista de Root, numerada 1123/3000."),
        ("en", "It is the limited print, numbered 0347/1500 on the back."),
        ("it", "Il numero di telaio è 347 1234 567 W, inciso sotto il movimento centrale."),
        ("en", "The frame number is 347 1234 567, stamped under the bottom bracket."),
        ("es", "¿El filtro de aire 17211-ZL8-023 es el mismo para el motor GCV160?"),
    ],
)
def test_edition_frame_and_part_numbers_are_no_phone_numbers(language, text):
    assert "phone" not in detected_kinds(text, language)
    assert "phone" not in detected_kinds(text)


def test_a_number_with_letters_in_one_group_after_a_phone_word_is_a_phone_number():
    assert "phone" in detected_kinds("Mój numer 512 ZB4 398, proszę dzwonić po 17.", "pl")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Do you have Telegram? I'd send you the photos of my collection there."),
        ("de", "Haben Sie Signal? Dann schicke ich die Bilder dorthin."),
        ("es", "¿Tienes Telegram? Te paso las fotos del álbum."),
        ("hu", "Van Viberje? Oda küldeném a képeket a vázáról."),
        ("cs", "Máte WhatsApp? Poslal bych vám fotky sbírky."),
        ("pl", "Ma Pan Telegram? Wyślę tam zdjęcia albumu."),
        ("ro", "Aveți Telegram? Vă trimit acolo pozele."),
        ("fr", "Vous avez Signal ? Je vous y envoie les photos."),
        ("it", "Hai Telegram? Ti mando lì le foto della collezione."),
    ],
)
def test_an_app_asked_about_is_a_channel_move(language, text):
    """ "Do you have <app>?": nobody asks whether the reader has an app to mention it."""
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I don't have Telegram, so let's keep it here."),
        ("de", "> Haben Sie WhatsApp? Dann schicke ich ein Video.\nNein, bleiben wir bitte hier."),
    ],
)
def test_an_app_refused_or_quoted_is_no_firm_channel_move(language, text):
    assert "social" not in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Sledujte nás na Instagramu, v září chystáme novou řadu svíček."),
        ("pl", "Obserwujcie nas na Facebooku, w piątek ruszamy z nową kolekcją."),
    ],
)
def test_an_app_to_follow_us_on_is_a_channel_move(language, text):
    assert "social" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Pošlete mi prosím SMSku, až bude krmivo zase skladem."),
        ("en", "Send me an SMS when it ships, I rarely open the app."),
        ("fr", "Envoyez-moi un SMS quand le colis part."),
        ("hu", "Küldjön egy SMS-t, ha újra kapható a szűrő."),
    ],
)
def test_a_text_message_asked_for_is_a_channel_move(language, text):
    assert "social" in firm_kinds(text, language)


def test_the_couriers_text_message_is_no_channel_move():
    assert "social" not in firm_kinds("Kuriér GLS vám pošle SMS s časom doručenia.", "sk")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Haben Sie eine E-Mail-Adresse? Dann schicke ich Ihnen das Gutachten."),
        ("en", "Do you have an email address? The certificate is too big for here."),
        ("fr", "Vous avez une adresse mail ? Je vous envoie le certificat."),
        ("pl", "Ma Pan maila? Wyślę dokumenty od producenta."),
        ("cs", "Máte e-mail? Pošlu vám návod k montáži."),
    ],
)
def test_an_address_asked_about_is_an_email(language, text):
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "ro",
            "Aveți un număr de telefon? Vreau să vă sun pentru dimensiuni, nu știu ce model aleg.",
        ),
        ("it", "Hai un numero? Ti chiamo un attimo per le misure."),
    ],
)
def test_a_number_asked_about_with_a_call_is_a_channel_move(language, text):
    assert "social" in firm_kinds(text, language)


def test_a_negation_in_a_later_clause_refuses_no_call():
    """ "nu știu ce model aleg" (I don't know which model to choose) says no to nothing."""
    text = "Aș vrea să vă sun pentru terariu, nu știu ce lampă să aleg."
    assert "social" in detected_kinds(text, "ro")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "cs",
            "Chápu, že by bylo jednodušší si zavolat, ale pravidla platformy nám to nedovolují.",
        ),
        ("de", "Lieber nicht telefonieren, schreiben wir hier weiter."),
    ],
)
def test_a_call_answered_by_a_but_or_refused_in_its_clause_is_none(language, text):
    assert "social" not in detected_kinds(text, language)


def test_a_refill_is_no_payment_in_italian():
    text = "La ricarica del diffusore da 200 ml è arrivata intatta, grazie."
    assert "payment" not in detected_kinds(text, "it")


def test_a_top_up_to_a_card_is_a_payment_in_italian():
    text = "Ti faccio una ricarica sulla tua carta e mi spedisci il flacone."
    assert "payment" in detected_kinds(text, "it")


def test_a_waybill_number_is_no_phone_number_in_polish():
    text = "Paczka wyjdzie jutro, numer listu przewozowego 51823400712."
    assert "phone" not in detected_kinds(text, "pl")


def test_the_buyers_want_list_is_no_marketing_but_the_shops_is():
    assert "marketing" not in detected_kinds(
        "Meine komplette Suchliste schicke ich gern hier.", "de"
    )
    assert "marketing" in detected_kinds("Tragen Sie sich in unsere Suchliste ein.", "de")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Para recibir nuestras novedades de otoño escríbanos."),
        ("sk", "Ak chcete dostávať naše novinky, dajte nám vedieť."),
        ("en", "I have a few prints that aren't listed here, happy to send the list."),
        ("cs", "Tady to nalistovat nejde, sadu prodáváme jen u nás."),
    ],
)
def test_news_to_receive_and_goods_not_listed_here_are_marketing(language, text):
    assert "marketing" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text", "span"),
    [
        (
            "de",
            "Schicken Sie die Rechnung bitte an buchhaltung ät tischlerei-vogt de, danke.",
            "buchhaltung ät tischlerei-vogt de",
        ),
        ("cs", "Reklamaci pište na servis zavinac kola-brno cz.", "servis zavinac kola-brno cz"),
        ("sk", "Môj mail: marek 77 @ post sk", "77 @ post sk"),
    ],
)
def test_a_plain_name_before_a_word_for_at_and_a_domain_with_a_space_is_an_address(
    language, text, span
):
    """ "ät", "zavinac" and "@" are nothing but "@": after them the name needs no dot or digit
    to be a mailbox's."""
    assert ("email", span) in firm(text, language)


def test_a_plain_name_at_a_domain_with_a_space_is_no_address():
    assert "email" not in detected_kinds("The prices at shop de are lower than here.", "en")


def test_a_text_message_asked_for_beside_a_product_code_word_is_a_channel_move():
    """ "psa" (a dog's, and a product code's word) is no courier: only the courier's text
    message moves no talk."""
    text = "Pošlete mi SMSku, až budou granule pro psa zase skladem, web mi nic nepošle."
    assert "social" in firm_kinds(text, "cs")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Für das Angebot bräuchte ich noch Ihre E-Mail-Adresse, das Formular hier hakt."),
        ("en", "I'd just need your email to send the warranty form."),
        ("fr", "J'aurais besoin de votre adresse e-mail pour le devis."),
        ("es", "Necesito su correo para mandarle el presupuesto."),
        ("it", "Mi servirebbe la sua mail per il preventivo."),
        ("it", "Mi lasci pure la sua mail e le giro il preventivo."),
        ("pl", "Potrzebuję jeszcze pana adresu e-mail, żeby wysłać fakturę."),
        ("cs", "Potřebovala bych ještě váš e-mail kvůli faktuře."),
        ("sk", "Potrebujem váš e-mail, aby som poslal faktúru."),
        ("hu", "Szükségem lenne az e-mail címére az árajánlathoz."),
        ("ro", "Am nevoie de adresa dumneavoastră de e-mail pentru factură."),
    ],
)
def test_the_other_sides_address_needed_is_an_address_asked_for(language, text):
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die Kontodaten schicke ich per Mail, geben Sie mir einfach Ihre Adresse."),
        ("pl", "Zdjęcia wyślę na maila, podaj tylko swój adres."),
        ("sk", "Šablónu pošlem mailom, stačí mi sem napísať vašu adresu."),
        ("cs", "Podklady pošlu mailem, stačí mi sem napsat vaši adresu."),
        ("it", "Il file te lo mando per mail, dimmi il tuo indirizzo."),
        ("fr", "Je vous envoie le fichier par mail, donnez-moi votre adresse."),
        ("es", "Te lo mando por correo, dame tu dirección."),
        ("ro", "Vă trimit fișierul pe mail, dați-mi adresa."),
        ("en", "I'll email the proof, just send me your address."),
    ],
)
def test_an_address_asked_for_after_sending_by_mail_is_an_e_mail_address(language, text):
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Ich schicke die Rechnung per Mail, geben Sie mir Ihre Adresse für die Lieferung."),
        ("pl", "Fakturę wyślę na maila, podaj adres dostawy."),
        ("it", "Ti mando la conferma per mail, dimmi il tuo indirizzo di spedizione."),
    ],
)
def test_the_delivery_address_asked_for_is_no_e_mail_address(language, text):
    assert "email" not in detected_kinds(text, language)


def test_a_call_asked_for_by_phone_because_writing_is_hard_is_a_channel_move():
    text = "tudna inkább telefonon hívni? írásban nem értem ezt a stancforma dolgot"
    assert "social" in firm_kinds(text, "hu")


def test_the_couriers_call_asked_for_is_no_channel_move_in_hungarian():
    assert "social" not in detected_kinds("A futár tudna esetleg hívni érkezés előtt?", "hu")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Seriennummer laut Typenschild 0123-4567-890, gekauft im Mai 2024."),
        ("en", "The serial number on the label 0123 456 789, bought in May."),
        ("pl", "Numer seryjny z tabliczki 0123 456 789, kupione w maju."),
    ],
)
def test_a_serial_number_read_from_the_label_is_no_phone_number(language, text):
    assert "phone" not in detected_kinds(text, language)


def test_a_file_name_with_its_pixel_density_is_no_address():
    text = "Le fichier logo@2x.png est trop petit pour du 100 x 100 mm."
    assert "email" not in detected_kinds(text, "fr")
    assert "email" in firm_kinds("Écrivez à contact@atelier-2x.fr", "fr")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "adresa je: jan, tečka, dvořák, zavináč, email, tečka, cz."),
        ("pl", "pisz na: paweł kropka wójcik małpa wp kropka pl"),
    ],
)
def test_an_address_dictated_with_the_names_accents_is_an_address(language, text):
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    "text",
    ["Ma Pan Signala? Tam wyślę zdjęcia rysy.", "masz Signala ? wolę tam pogadać"],
)
def test_signal_asked_for_in_polish_is_a_channel_move(text):
    assert "social" in firm_kinds(text, "pl")


def test_no_signal_in_polish_is_no_app():
    assert "social" not in firm_kinds("Nie ma sygnału? To spróbuję jutro.", "pl")


def test_the_spoken_german_article_ne_refuses_nothing():
    text = "Für ne 5-Sterne-Bewertung überweis ich dir 5 Euro zurück aufs Konto"
    assert {"marketing", "payment"} <= detected_kinds(text, "de")
    assert "payment" in firm_kinds(text, "de")
    # a real "ne" still refuses ("je ne paie pas par virement")
    assert "payment" not in detected_kinds("Je ne fais pas de virement, tout passe ici.", "fr")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Der Adapter bekommt die Adresse 169.254.12.7, also kein DHCP."),
        ("en", "My laptop gets 169.254.12.8 instead of an address from the router."),
        ("pl", "Moje zezwolenie ma numer 04/2026/1187, gdyby było potrzebne."),
        ("cs", "Moje povolenka má číslo 12/2026/0457 a členská legitimace 4471."),
    ],
)
def test_a_link_local_address_or_a_document_number_with_its_year_is_no_phone(language, text):
    assert "phone" not in detected_kinds(text, language)


def test_a_phone_number_written_with_a_slash_is_still_one():
    assert "phone" in firm_kinds("Ruf mich an: 0171/2345678", "de")


def test_an_address_asked_for_if_the_other_side_writes_it_is_an_e_mail_address():
    text = "Video pošlu na váš email, jestli mi ho napíšete, nebo mi dejte Messenger."
    assert "email" in firm_kinds(text, "cs")


@pytest.mark.parametrize(
    "text",
    [
        "scrieti-mi pe mail: a-n-d-r-e-e-a-p-8-8 @ g-m-a-i-l . c-o-m",
        "mail me: j-o-h-n @ y-a-h-o-o . c-o . u-k thanks",
        "write to andrea88 @ g-m-a-i-l . com",
    ],
)
def test_an_address_typed_one_character_at_a_time_with_hyphens_is_an_address(text):
    assert "email" in firm_kinds(text)


def test_a_hyphenated_name_at_a_domain_is_read_as_before():
    assert "email" in firm_kinds("write to ana-maria @ gmail . com", "en")
    assert "email" not in detected_kinds("the part no. a-b-c-1 @ 5 . 20 each", "en")


def test_a_plant_named_crypto_is_no_crypto_currency():
    text = "Un avis 5 étoiles et je glisse un sachet de Cryptocoryne offert dans le colis."
    assert "payment" not in detected_kinds(text, "fr")
    assert "payment" in detected_kinds("Je peux payer en crypto ou en cryptomonnaie ?", "fr")


def test_a_handle_to_pay_to_after_what_is_paid_for_is_payment_not_a_channel():
    text = (
        "If easier, just Revolut the £40 engraving extra to my wife, @sarahhartley, "
        "no need to go through the site."
    )
    assert detected_kinds(text, "en") == {"payment"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sk", "Na čakaciu listinu na matky 2026 sa zapíšete cez náš formulár."),
        ("cs", "Zapíšu vás na čekací listinu na další várku, pošlu vám pak slevu."),
    ],
)
def test_a_waiting_list_in_any_case_is_marketing(language, text):
    assert "marketing" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Korekturu nápisu vám pošlu mailem, napište mi sem svoji adresu."),
        ("hu", "irja meg legyen szives az emailcímét, átküldöm a fényképet a porcelánképhez"),
        ("es", "Mande un correo a suscripciones en apiarioluz punto com y le apuntamos."),
    ],
)
def test_an_e_mail_address_asked_for_or_said_is_an_e_mail_address(language, text):
    assert "email" in firm_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Recoja los pedidos en Correos punto de entrega."),
        ("es", "Tenemos pedidos en Madrid punto de recogida."),
        ("fr", "Retirez les commandes chez Relais point de retrait."),
    ],
)
def test_a_point_of_collection_is_no_german_domain(language, text):
    assert "email" not in detected_kinds(text, language)


def test_an_address_named_as_a_file_is_found_by_the_detectors():
    """The file-name rule ("logo@2x.png") had claimed "jean.dupont75@gmail.com.png" as a file:
    only the model added the address back, and a retrain that adds contact details from 0.95
    did not."""
    assert "email" in detected_kinds("jean.dupont75@gmail.com.png", "en")
    assert "email" not in detected_kinds("photo@2x.retina.png", "en")


def test_the_platforms_own_address_named_as_a_file_is_not_flagged(settings):
    """Under a platform domain with a real top-level domain, its own address named as a file
    is the platform's, as the address alone is."""
    settings.PLATFORM_DOMAIN = "marketplace.pl"
    assert "email" not in detected_kinds("support@marketplace.pl.pdf", "pl")
    assert "email" not in detected_kinds("support@marketplace.pl", "pl")
    assert "email" in detected_kinds("jan.kowalski@onet.pl.pdf", "pl")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "na e-mail – napište mi sem prosím svou adresu a já vám pošlu vzorník."),
        ("sk", "IBAN vám pošlem mailom – napíšte mi sem svoju adresu."),
        ("it", "Lasci la sua mail e la aggiungiamo alla lista d'attesa."),
        ("fr", "Pour la liste, écrivez-nous à contact chez brulerie-dumont.fr, merci."),
        ("de", "Schreiben Sie an service bei fahrrad-kiel.de, danke."),
        ("it", "mi mandi le foto a preventivi, chiocciola, ceramiche bianchi, punto it."),
    ],
)
def test_an_address_asked_for_or_said_with_its_domain_is_an_e_mail_address(language, text):
    assert "email" in detected_kinds(text, language)


def test_the_platforms_domain_after_a_mailbox_name_is_no_address():
    assert "email" not in detected_kinds("Écrivez au service chez marketplace.example.", "fr")


def test_a_newsletter_in_any_case_is_marketing():
    assert "marketing" in detected_kinds("és fel is írjuk a hírlevélre.", "hu")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "We're running cupping nights this spring, write to events@roast.example."),
        ("en", "Places are limited on the Saturday course, sign up by mail."),
        ("it", "Per ricevere gli inviti alle degustazioni di primavera ci scriva."),
        ("hu", "Pénteken kóstolót tartunk az új tételekből!"),
        ("sk", "Od marca otvárame kurz pletenia pre začiatočníkov, máme ešte 3 voľné miesta."),
        ("fr", "Les places sont limitées pour l'atelier de samedi."),
        ("de", "Die Plätze sind begrenzt, melden Sie sich an."),
    ],
)
def test_the_shops_own_event_with_places_limited_is_marketing(language, text):
    assert "marketing" in detected_kinds(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The course of the parcel was odd: three places on the route."),
        ("it", "Ho assaggiato il caffè: ottimo, grazie."),
        ("hu", "Megkóstoltam a kávét, nagyon finom."),
        # what was bought or asked about: a tour's places, a tasting's voucher, invitations
        ("de", "Für Juli sind noch zwei Plätze frei, geben Sie mir Ihre Adresse."),
        ("sk", "Je kurz šitia pre začiatočníkov aj v sobotu?"),
        ("pl", "Czy mogę przekazać voucher na kolację degustacyjną koledze?"),
        ("en", "The 110 invitations say RSVP by 1st August 2026."),
    ],
)
def test_a_place_or_a_taste_alone_is_no_event(language, text):
    assert "marketing" not in detected_kinds(text, language)


def test_an_invitation_to_a_chat_elsewhere_is_no_marketing():
    assert "marketing" not in detected_kinds("Zapraszam na priv na mesendżerze", "pl")


def test_the_senders_own_shop_linked_with_an_invitation_is_marketing():
    text = (
        "U nas w sklepie www.plytki-mazur.pl jest jeszcze cała paleta z tej samej partii, "
        "i to po 79 zł/m2, zapraszamy."
    )
    assert "marketing" in detected_kinds(text, "pl")


def test_a_channels_link_with_a_handle_in_its_path_is_one_link():
    text = "Odebírejte náš YouTube kanál: youtube . com/@prazirnahora"
    assert [(f.kind, f.excerpt) for f in detect(text) if f.kind != "marketing"] == [
        ("url", "youtube . com/@prazirnahora")
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("hu", "A GLS oldalán azt írja, a 6812 0034 5578 számú csomag a depóban van."),
        ("cs", "Přišla mi klubka ze dvou partií: tři jsou 3318 a dvě 3342."),
    ],
)
def test_a_parcels_number_or_two_dye_lots_are_no_phone_number(language, text):
    assert "phone" not in detected_kinds(text, language)
    assert "phone" not in detected_kinds(text)


def test_a_number_numbered_as_a_phone_is_still_one():
    assert "phone" in detected_kinds("Hívjon a 06 30 123 4567 számú telefonon.", "hu")
