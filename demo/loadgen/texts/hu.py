"""Hungarian: after-sales conversations of the HU market. Slot words take no suffix (the
sentences are built around them), since a suffix would have to agree with each word."""

from demo.loadgen.language import Language

LANGUAGE = Language(
    code="hu",
    first_names=(
        "Eszter",
        "Anna",
        "Katalin",
        "Zsófia",
        "Réka",
        "Dóra",
        "Júlia",
        "Boglárka",
        "Noémi",
        "Ildikó",
        "Erzsébet",
        "Tímea",
        "László",
        "István",
        "Gábor",
        "Zoltán",
        "Péter",
        "Balázs",
        "Dániel",
        "Ádám",
        "Bence",
        "Máté",
        "Tamás",
        "Gergő",
        "Levente",
        "Csaba",
    ),
    last_names=(
        "Nagy",
        "Kovács",
        "Tóth",
        "Szabó",
        "Horváth",
        "Varga",
        "Kiss",
        "Molnár",
        "Németh",
        "Farkas",
        "Balogh",
        "Papp",
        "Takács",
        "Juhász",
        "Lakatos",
        "Mészáros",
        "Oláh",
        "Simon",
        "Rácz",
        "Fekete",
        "Szilágyi",
        "Török",
        "Fehér",
        "Gál",
        "Pásztor",
        "Vörös",
    ),
    email_domains=("freemail.hu", "gmail.com", "citromail.hu", "t-online.hu", "indamail.hu"),
    cities=(
        ("Budapest", "1061"),
        ("Debrecen", "4024"),
        ("Szeged", "6720"),
        ("Miskolc", "3525"),
        ("Pécs", "7621"),
        ("Győr", "9021"),
        ("Nyíregyháza", "4400"),
        ("Kecskemét", "6000"),
        ("Székesfehérvár", "8000"),
        ("Szombathely", "9700"),
        ("Eger", "3300"),
        ("Veszprém", "8200"),
    ),
    streets=(
        "Király utca",
        "Fő utca",
        "Petőfi Sándor utca",
        "Kossuth Lajos utca",
        "Rákóczi út",
        "Arany János utca",
        "Dózsa György út",
        "Szabadság tér",
        "Ady Endre utca",
        "Bajcsy-Zsilinszky út",
        "Jókai utca",
        "Béke utca",
    ),
    street_format="{street} {number}.",
    company_words=(
        "Otthon",
        "Kert",
        "Technika",
        "Konyha",
        "Sport",
        "Divat",
        "Fény",
        "Bútor",
        "Szerszám",
        "Duna",
        "Tisza",
        "Balaton",
        "Stílus",
        "Kényelem",
        "Elektro",
        "Mátra",
    ),
    company_forms=("Kft.", "Zrt.", "Bt."),
    products=(
        "Akkus fúró-csavarozó 18 V",
        "Vízforraló 1,7 l",
        "Vezeték nélküli porszívó",
        "Eszpresszó kávéfőző",
        "Bluetooth fejhallgató",
        "Len ágyneműhuzat 140×200",
        "Öntöttvas serpenyő 28 cm",
        "Konyhai robotgép",
        "Állóventilátor",
        "Okosóra",
        "Ergonomikus irodai szék",
        "Elektromos fűnyíró",
        "Túrahátizsák 40 l",
        "Hordozható hangszóró",
        "Konyhakés készlet",
        "Kerek falitükör",
        "Kenyérpirító",
        "Telefontok",
        "Kanapéhuzat",
        "Gyapjúszőnyeg",
        "Futócipő",
        "27 colos monitor",
        "Mechanikus billentyűzet",
        "Szobakerékpár",
        "Elektromos grill",
    ),
    defects=(
        "repedés az oldalán",
        "mély karcolások",
        "furcsa zaj működés közben",
        "horpadás",
        "hiányzó alkatrész",
        "gyártási hiba",
        "égett szag",
        "vízszivárgás",
        "kontakthiba",
        "más szín, mint a képen",
        "foltok",
        "eltört csavar",
        "villogó kijelző",
        "megrepedt burkolat",
    ),
    parts=(
        "a fedél",
        "a fogantyú",
        "a kábel",
        "a kapcsoló",
        "a talp",
        "az akkumulátor",
        "a töltő",
        "a kijelző",
        "a forgatógomb",
        "a cipzár",
        "a csatlakozó",
        "a szűrő",
    ),
    colors=("fekete", "fehér", "antracit", "sötétkék", "piros", "zsályazöld", "bézs"),
    # As "on Monday" (hétfőn).
    weekdays=("hétfőn", "kedden", "szerdán", "csütörtökön", "pénteken", "szombaton", "vasárnap"),
    date_format="%Y. %m. %d.",
    texts={
        "greet_buyer": ("Jó napot kívánok!", "Tisztelt Eladó!", "Üdvözlöm!", "Jó napot!"),
        "greet_seller": ("Kedves {buyer_first}!", "Jó napot kívánunk!", "Tisztelt Vásárlónk!"),
        "open_delivery": (
            "A {order} számú rendelésem ({date}, „{product}”) a mai napig nem érkezett meg.",
            "A csomagkövetés szerint ({tracking}) a csomag már {days} napja áll a "
            "futárszolgálatnál ({carrier}). Meg tudnák nézni?",
            "A {order} számú rendelésnek {weekday} kellett volna megérkeznie, de a futár nem "
            "jött. Elveszett a csomag?",
        ),
        "open_return": (
            "Szeretném visszaküldeni a terméket („{product}”), sajnos nem jó a méret. Hogyan "
            "tegyem?",
            "A termék („{product}”) nem felel meg a leírásnak, szeretném visszaküldeni és a pénzem "
            "visszakérni.",
            "Vissza szeretném küldeni a {order} számú rendelést, a szín ({color}) élőben "
            "egyáltalán "
            "nem tetszik.",
        ),
        "open_withdrawal": (
            "Ezúton elállok a {order} számú, {date} dátumú rendeléstől.",
            "Élni kívánok a 14 napos elállási jogommal a termék („{product}”) esetében. Kérem, "
            "küldjék meg a visszaküldési címet.",
        ),
        "open_complaint": (
            "A csomag sérülten érkezett, és a terméken („{product}”) ez a hiba látható: {defect}.",
            "Ma vettem át a terméket („{product}”), de a doboz kinyitása után kiderült, hogy "
            "{part} nem működik.",
            "Nagyon csalódott vagyok: a termék („{product}”) már az első használatkor hibás: "
            "{defect}.",
        ),
        "open_warranty": (
            "A {date} dátummal vásárolt termék („{product}”) nem működik, {part} nem reagál. "
            "Jár még rá garancia?",
            "Egy hete ez a hiba jelentkezik a terméken („{product}”): {defect}. Garanciális "
            "javítást kérek.",
        ),
        "open_invoice": (
            "Kiállítanák a {order} számú rendelés számláját a cégem nevére?",
            "A {order} számú rendelés számláján {amount} szerepel, ami nem egyezik a "
            "befizetésemmel.",
        ),
        "open_cancellation": (
            "Szeretném lemondani a {order} számú rendelést, rossz modellt választottam.",
            "Kérem, mondják le a {order} számú rendelést, ha még nem adták fel: a terméket "
            "(„{product}”) máshol megtaláltam.",
        ),
        "open_other": (
            "Kapható a termék („{product}”) ebben a színben is: {color}? {qty} darabot rendelnék.",
            "Kompatibilis a termék („{product}”) a tavalyi modellel?",
        ),
        "detail": (
            "Hétköznap 18 óra után vagyok elérhető.",
            "Mellékelem a dobozról és a termékről készült fotókat.",
            "Születésnapi ajándék volt a lányomnak, nagyon sajnálom.",
            "A futár csengetés nélkül az ajtó elé tette a csomagot.",
            "A külső csomagolás pedig sértetlen volt.",
            "Lakhelyem: {city}; a legközelebbi csomagautomata {weekday} zárva van.",
        ),
        "reply_delivery": (
            "Csomagkeresést indítottunk a futárszolgálatnál ({carrier}) a {tracking} számú "
            "csomagra. {days} munkanapon belül jelentkezünk.",
            "A futárszolgálat ({carrier}) szerint a {tracking} számú csomag úton van, és {weekday} "
            "érkezik.",
        ),
        "reply_return": (
            "Elfogadjuk a visszaküldést. Mellékelten küldjük a bérmentesített címkét; a "
            "visszatérítés "
            "a csomag beérkezése után történik.",
            "Természetesen: küldje vissza a terméket („{product}”) 14 napon belül eredeti "
            "csomagolásban, és visszatérítünk {amount} összeget.",
        ),
        "reply_withdrawal": (
            "A {order} számú rendeléstől való elállását rögzítettük. A visszaküldési címkét itt "
            "küldjük.",
        ),
        "reply_complaint": (
            "Küldene nekünk egy fotót, amelyen látszik a sérülés? Utána cserét vagy visszatérítést "
            "ajánlunk.",
            "Még ma küldünk egy csereterméket, a sérültet nem kell visszaküldenie.",
        ),
        "reply_warranty": (
            "A termékre („{product}”) kétéves garancia vonatkozik. Futárt küldünk érte, és "
            "szervizünkben megjavítjuk.",
            "Mielőtt szervizbe küldjük: megnézné, hogy világít-e a jelzőfény?",
        ),
        "reply_invoice": ("Mellékelten küldjük a {order} számú rendelés számláját a cég nevére.",),
        "reply_cancellation": (
            "A {order} számú rendelést lemondtuk, a visszatérítés ({amount}) {days} napon belül "
            "megjelenik a számláján.",
            "A csomagot sajnos már átadtuk a futárszolgálatnak ({carrier}); kézbesítéskor "
            "megtagadhatja az átvételt.",
        ),
        "reply_other": (
            "Igen, a termék („{product}”) ebben a színben is kapható ({color}); {weekday} "
            "érkezik újra raktárra.",
            "A 2021 óta gyártott összes modellel kompatibilis, nyugodtan megrendelheti.",
        ),
        "sorry": (
            "Elnézést kérünk a kellemetlenségért.",
            "Nagyon sajnáljuk a történteket.",
            "Köszönjük a türelmét.",
            "Megértjük a csalódottságát.",
        ),
        "follow_up": (
            "Köszönöm a gyors választ. A {tracking} számú csomag állapota {weekday} változott "
            "utoljára.",
            "A terméket („{product}”) {date} dátummal visszaküldtem, futárszolgálat: {carrier}, "
            "követési szám: {tracking}.",
            "Küldöm a fotókat: jól látszik a hiba ({defect}), {part} cserére szorul.",
            "A visszaküldési címkét még nem kaptam meg, elküldenék újra?",
            "A visszatérítés ({amount}) {days} nap után sem jelent meg a számlámon.",
            "A jelzőfény egyáltalán nem világít, és {part} nagyon felmelegszik.",
            "Ha lehet, inkább a pénzem kérném vissza, nem cserét.",
            "A futár ({carrier}) azt állítja, hogy a csomagot leadta az átvevőhelyen (település: "
            "{city}), de ott nincs meg.",
            "Az eredeti dobozt is vissza kell küldenem, vagy megtarthatom?",
            "Megérkezett az új termék, de ugyanaz a baja: {defect}.",
        ),
        "answer": (
            "Ma reggel újra megkerestük a futárszolgálatot ({carrier}), folyamatosan "
            "tájékoztatjuk.",
            "A visszatérítést ({amount}) ma elindítottuk, bankjától függően {days} munkanap.",
            "A visszaküldött termék megérkezett hozzánk, minden rendben van.",
            "Az új csomag {weekday} indul, követési szám: {tracking}.",
            "Szervizünkben kicserélték az alkatrészt ({part}), a terméket ezen a héten "
            "visszaküldjük.",
            "A címkét újra elküldtük, kérjük, nézze meg a levélszemét mappát is.",
        ),
        "thanks": (
            "Köszönöm szépen, minden rendben.",
            "Megérkezett, köszönöm a segítséget.",
            "Nagyszerű, köszönöm a tájékoztatást.",
            "Köszönöm, számomra az ügy lezárult.",
            "Rendben, akkor várom az új csomagot.",
        ),
        "sign_buyer": (
            "Üdvözlettel:\n{buyer}",
            "Előre is köszönöm:\n{buyer_first}",
            "Tisztelettel:\n{buyer}",
        ),
        "sign_seller": (
            "Üdvözlettel:\n{agent}\n{seller} ügyfélszolgálat",
            "Tisztelettel:\n{agent} – {seller}",
        ),
        "note": (
            "Visszahívni a vásárlót, ha a futárszolgálat ({carrier}) legkésőbb {weekday} nem "
            "válaszol.",
            "Lehetséges gesztus: részleges visszatérítés ({amount}), egyeztetni kell vele: "
            "{agent}.",
            "Fotók megérkeztek, hiba megerősítve, egyeztetni a raktárral (település: {city}).",
            "A héten már a második reklamáció erre a modellre, szólni a beszállítónak.",
        ),
        "status_note": (
            "Kézbesítés {days} munkanapon belül.",
            "A visszatérítés az eredeti fizetési módra történik.",
            "Kérjük, a csomagolást a kézbesítésig őrizze meg.",
        ),
    },
)
