"""What generated conversations say, one module per language (as Django keeps
`conf/locale/<lang>/formats.py`): names, places, products, and the sentences of each step of
an after-sales conversation, with {slots} the generator fills in.

Every language module defines `LANGUAGE`, a `demo.loadgen.language.Language`. The keys of
`texts` are the same in every language (`TEXT_KEYS`); a test holds each module to them and to
the slots it may use.
"""

from demo.loadgen.language import Language
from demo.loadgen.texts import cs, de, es, fr, hu, it, pl, ro, sk

LANGUAGES: dict[str, Language] = {
    module.LANGUAGE.code: module.LANGUAGE for module in (fr, de, pl, cs, sk, hu, ro, es, it)
}
