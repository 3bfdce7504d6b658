"""Staff search (issue 12): full-text search over messages, and trigram indexes for the
partial lookups (order and tracking numbers, people's e-mail addresses and names).

Messages. Each message is indexed in its market's language: PostgreSQL's stemmer where it has
one (French, German, Spanish, Italian, Hungarian, Romanian…), word for word ('simple') where
it has none (Polish, Czech, Slovak). The language is a property of the thread's market, and a
stored generated column cannot read another table, so:

- `search_language` is a denormalised copy of the market's language, set on INSERT by a
  trigger that reads the thread's market. Every writer gets it right (the posting services,
  the load generator's COPY, raw SQL) and none can set it wrong: the trigger overwrites what
  is given. A thread's market never changes, and a message row never changes (0002), so the
  copy cannot go stale.
- `search_vector` is a STORED generated column: the tsvector of the text (the body, and a
  status update's note) in the configuration of `search_language`. Stored rather than an
  expression index because ranking, phrase checks (`<->` needs positions) and the recheck of
  a bitmap scan would otherwise re-parse every candidate message: on a common word that is
  tens of thousands of `to_tsvector` calls per search.
- One GIN index on `search_vector` serves every language.

Stop words are kept: each configuration uses its language's stemmer without the stop word
list, so a quoted phrase is the exact sequence of words ("le colis est arrivé" does not
shrink to "colis arrivé", and "an und das" is a phrase like any other), which is what staff
quoting a message expect. The index is larger for it (the posting lists of "le", "und").

Accents are folded inside the text search configurations (`helpdesk_french`…: a copy of
PostgreSQL's with `unaccent` as a filtering dictionary in front of the stemmer, as the
unaccent documentation shows) rather than by unaccenting the text before parsing: the
lexemes are accent-free ("réclamation" and "reclamation" are both 'reclam'), while the text
`ts_headline` highlights keeps its accents, which an unaccented copy of the text would lose.
`to_tsvector(regconfig, text)` is immutable, so the generated column needs no wrapper;
`helpdesk_unaccent`, the immutable wrapper of `unaccent`, serves the trigram index on
people's names. Functions name their schema (`public.`): a restore runs with an empty
search_path and would not find `unaccent` otherwise.

Neither column is a field of the `Message` model: no page needs them but the search, which
reads them in SQL (helpdesk/search.py), and the ORM would otherwise fetch a tsvector with
every message of every timeline.

The existing messages get their language here, with the append-only trigger off for the
length of this migration (migrations run as the tables' owner, as in 0011); then adding the
generated column rewrites the table once and the index is built. On a large table this
holds an exclusive lock for minutes (6 minutes for 1,000,000 messages on the 2-core
development machine): run it in a maintenance window.

Trigram indexes (pg_trgm) make `ILIKE '%…%'` an index scan for a fragment of three
characters or more: order numbers (the middle digits), tracking numbers, e-mail addresses
(stored lower-case), names (accents folded). They are created here rather than in the apps
that own the tables because they exist for this search and use its unaccent wrapper.
"""

from django.db import migrations

# PostgreSQL's stemmers for the markets' languages (orders/markets.py), English, and a few
# for markets to come; any other language is indexed word for word.
STEMMERS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "it": "italian",
    "hu": "hungarian",
    "ro": "romanian",
    "pt": "portuguese",
    "nl": "dutch",
    "sv": "swedish",
    "da": "danish",
    "fi": "finnish",
}

# Word token types that can carry accents, and those that cannot (all ASCII).
ACCENTED_TOKENS = "word, hword, hword_part"
ASCII_TOKENS = "asciiword, asciihword, hword_asciipart"


def _configurations() -> tuple[str, str]:
    forward, backward = [], []
    for config in [*STEMMERS.values(), "simple"]:
        if config == "simple":
            dictionary = "pg_catalog.simple"
        else:
            # PostgreSQL's stemmer without its list of stop words.
            dictionary = f"public.helpdesk_{config}_stem"
            forward.append(
                f"CREATE TEXT SEARCH DICTIONARY {dictionary} "
                f"(TEMPLATE = pg_catalog.snowball, Language = {config});"
            )
        forward.append(
            f"CREATE TEXT SEARCH CONFIGURATION public.helpdesk_{config} "
            f"(COPY = pg_catalog.{config});\n"
            f"ALTER TEXT SEARCH CONFIGURATION public.helpdesk_{config} "
            f"ALTER MAPPING FOR {ACCENTED_TOKENS} WITH public.unaccent, {dictionary};\n"
            f"ALTER TEXT SEARCH CONFIGURATION public.helpdesk_{config} "
            f"ALTER MAPPING FOR {ASCII_TOKENS} WITH {dictionary};"
        )
        backward.append(f"DROP TEXT SEARCH CONFIGURATION public.helpdesk_{config};")
        if config != "simple":
            backward.append(f"DROP TEXT SEARCH DICTIONARY {dictionary};")
    return "\n".join(forward), "\n".join(backward)


CONFIGURATIONS, DROP_CONFIGURATIONS = _configurations()

CASES = "\n".join(
    f"        WHEN '{language}' THEN 'public.helpdesk_{config}'::regconfig"
    for language, config in STEMMERS.items()
)

FUNCTIONS = f"""
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

{CONFIGURATIONS}

-- unaccent() depends on its dictionary, so PostgreSQL calls it stable; with the dictionary
-- named, the result depends on the text alone.
CREATE FUNCTION public.helpdesk_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- A language code (orders_market.language) → the text search configuration of its messages.
CREATE FUNCTION public.helpdesk_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE language
{CASES}
        ELSE 'public.helpdesk_simple'::regconfig END $$;

CREATE FUNCTION public.helpdesk_message_search_language() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_language := coalesce((
        SELECT market.language
        FROM public.helpdesk_thread AS thread
        JOIN public.orders_market AS market ON market.code = thread.market_id
        WHERE thread.id = NEW.thread_id
    ), '');
    RETURN NEW;
END;
$$;
"""

DROP_FUNCTIONS = f"""
DROP FUNCTION public.helpdesk_message_search_language();
DROP FUNCTION public.helpdesk_search_config(text);
DROP FUNCTION public.helpdesk_unaccent(text);
{DROP_CONFIGURATIONS}
"""

MESSAGES = """
ALTER TABLE helpdesk_message ADD COLUMN search_language varchar(8) NOT NULL DEFAULT '';
ALTER TABLE helpdesk_message DISABLE TRIGGER helpdesk_message_append_only;
UPDATE helpdesk_message AS message SET search_language = market.language
    FROM helpdesk_thread AS thread JOIN orders_market AS market ON market.code = thread.market_id
    WHERE thread.id = message.thread_id;
ALTER TABLE helpdesk_message ENABLE TRIGGER helpdesk_message_append_only;
ALTER TABLE helpdesk_message ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector(
        public.helpdesk_search_config(search_language),
        body || ' ' || coalesce(data ->> 'note', '')
    )
) STORED;
CREATE INDEX message_search ON helpdesk_message USING gin (search_vector);
CREATE TRIGGER helpdesk_message_search_language
    BEFORE INSERT ON helpdesk_message
    FOR EACH ROW EXECUTE FUNCTION public.helpdesk_message_search_language();
"""

DROP_MESSAGES = """
DROP TRIGGER helpdesk_message_search_language ON helpdesk_message;
DROP INDEX message_search;
ALTER TABLE helpdesk_message DROP COLUMN search_vector;
ALTER TABLE helpdesk_message DROP COLUMN search_language;
"""

TRIGRAMS = """
CREATE INDEX order_number_trgm ON orders_order USING gin (number public.gin_trgm_ops);
CREATE INDEX shipment_tracking_trgm
    ON orders_shipment USING gin (tracking_number public.gin_trgm_ops);
CREATE INDEX user_email_trgm ON accounts_user USING gin (email public.gin_trgm_ops);
CREATE INDEX user_name_trgm
    ON accounts_user USING gin (public.helpdesk_unaccent(name) public.gin_trgm_ops);
CREATE INDEX seller_name_trgm
    ON accounts_seller USING gin (public.helpdesk_unaccent(company_name) public.gin_trgm_ops);
"""

DROP_TRIGRAMS = """
DROP INDEX seller_name_trgm;
DROP INDEX user_name_trgm;
DROP INDEX user_email_trgm;
DROP INDEX shipment_tracking_trgm;
DROP INDEX order_number_trgm;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0013_escalation"),
        ("orders", "0002_markets"),
        ("accounts", "0004_seller_service_score"),
    ]

    operations = [
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
        migrations.RunSQL(MESSAGES, DROP_MESSAGES),
        migrations.RunSQL(TRIGRAMS, DROP_TRIGRAMS),
    ]
