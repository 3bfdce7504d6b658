"""The scanner's learned intent model (helpdesk.scanner.intent): how its decision combines with
the detectors, that its spans are exact, and that the committed file matches the corpus."""

import dataclasses
import json
import random
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from demo.loadgen.samples import after_sales_messages
from demo.management.commands import train_scanner_model
from helpdesk.scanner import detect_spans, scan, training
from helpdesk.scanner import intent as intent_module
from helpdesk.scanner.intent import (
    CONCEPT_WINDOW,
    MODEL_PATH,
    Model,
    Reading,
    SentenceModel,
    SpanModel,
    _concept_tables,
    _word_keys,
    concept_keys,
    features,
    folded_words,
    judge,
    model,
    sentence_features,
    sentences,
    span_features,
)
from helpdesk.scanner.lexicon import LEXICON
from helpdesk.scanner.training import Example, fit, fit_sentences, fit_spans

#: The scanner's ten languages (a lexicon file each), the ones the corpus is written in.
SCANNER_LANGUAGES = set(LEXICON.languages)


def toy(veto: float = 0.5, add: float = 0.5, **weights: tuple[float, float, float]) -> Model:
    """A model that knows only the given features (bias strongly negative)."""
    return Model(
        kinds=("social", "payment", "marketing"),
        bias=(-5.0, -5.0, -5.0),
        add=(add, add, add),
        weights={key.replace("__", ":").replace("_", " "): w for key, w in weights.items()},
        veto=veto,
    )


def test_features_fold_case_accents_and_numbers():
    got = features("Zapłać PRZELEWEM 1299 zł", [("payment", 7, 16)])
    assert {"w:zapłac", "w:przelewem", "w:0", "b:przelewem 0", "p:przel", "rule:payment"} <= got
    assert not any("1299" in feature for feature in got)


def test_a_soft_finding_the_model_disbelieves_is_dropped_but_never_a_firm_one():
    text = "Not on WhatsApp, sorry: t.me/shop_eva stays off."
    spans = [("social", 7, 15), ("social", 24, 37)]
    assert text[7:15] == "WhatsApp"
    soft = {("social", 7, 15)}
    assert judge(text, spans, soft, toy(veto=0.5)) == [("social", 24, 37)]
    # Believed: kept.
    assert judge(text, spans, soft, toy(veto=0.5, w__sorry=(20.0, 0.0, 0.0))) == spans


def test_features_read_the_words_next_to_a_finding():
    text = "Sorry, I don't have WhatsApp at all, write here."
    span = ("social", 20, 28)
    assert text[20:28] == "WhatsApp"
    got = span_features(text, span)
    assert {"k:social", "s:social:whatsapp", "c:social:don", "c:social:have"} <= got
    assert {"c:social:at", "c:social:all", "c:social:write", "c:social:here"} <= got
    assert "c:social:sorry" in got  # five words on each side
    assert {"c:social:have", "c:social:at"} <= features(text, [span])


def test_a_soft_finding_the_span_model_reads_as_a_refusal_is_dropped():
    text = "Sorry, I don't have WhatsApp at all, write here."
    spans = [("social", 20, 28)]
    believed = toy(veto=0.0, w__sorry=(20.0, 0.0, 0.0))
    reader = SpanModel(bias=3.0, weights={"s:social:whatsapp": 0.0, "c:social:don": -9.0})
    refused = dataclasses.replace(believed, spans=reader, span_veto=0.5)
    assert judge(text, spans, set(spans), believed) == spans
    assert judge(text, spans, set(spans), refused) == []
    # a firm finding is never read by it
    assert judge(text, spans, set(), refused) == spans


def test_the_span_model_does_not_judge_words_it_never_learned():
    """A language added after training: its words are unknown, so its findings stand."""
    reader = SpanModel(bias=-9.0, weights={"s:payment:platform": 0.0})
    text = "Kunnen we buiten het platform afrekenen?"
    assert reader.probability(text, ("payment", 11, 30)) == 1.0
    assert reader.probability("Outside the platform", ("payment", 12, 20)) < 0.01


def test_the_span_model_learns_refusals_from_labelled_messages():
    examples = [
        Example(text, frozenset(kinds), [span], frozenset({span}))
        for i in range(10)
        for text, kinds, span in (
            (f"write me on Viber {i}", {"social"}, ("social", 12, 17)),
            (f"I have no Viber {i}", set(), ("social", 10, 15)),
        )
    ]
    reader = fit_spans(examples)
    assert reader.probability("text me on Viber", ("social", 11, 16)) > 0.5
    assert reader.probability("sorry, no Viber here", ("social", 10, 15)) < 0.5


def test_the_detectors_say_which_findings_are_soft():
    text = "Pay me cash outside the platform. I use WhatsApp. +48 600 700 800 or W h a t s A p p."
    spans, soft = detect_spans(text, language="en")
    assert {text[start:end] for _, start, end in soft} == {
        "cash",
        "outside the platform",
        "WhatsApp",
    }
    firm = {text[start:end] for span in spans if span not in soft for _, start, end in [span]}
    assert firm == {"+48 600 700 800", "W h a t s A p p"}
    # An app's name by a phone number in its sentence is firm: the number is for that app; and
    # the money talked of in a sentence that moves the talk to the app goes there too.
    text = "Pay me cash outside the platform, WhatsApp +48 600 700 800."
    spans, soft = detect_spans(text, language="en")
    assert soft == frozenset()
    assert {text[start:end] for _, start, end in spans} >= {"cash", "WhatsApp"}


def test_the_model_alone_reports_a_kind_with_the_sentence_that_weighs_most():
    text = "Thanks for the order.  Join the list for our spring samples!\nBest, Eva"
    trained = toy(w__samples=(0.0, 0.0, 9.0))
    [(kind, start, end)] = judge(text, [], trained=trained)
    assert kind == "marketing"
    assert text[start:end] == "Join the list for our spring samples!"
    # Under the threshold: nothing.
    assert judge(text, [], trained=toy(add=0.99, w__samples=(0.0, 0.0, 4.0))) == []
    # Already found by a detector: the detector's span stands, nothing is added.
    assert judge(text, [("marketing", 23, 27)], trained=trained) == [("marketing", 23, 27)]


def test_the_model_adds_no_channel_move_where_the_detectors_found_an_e_mail_address():
    """Moving to e-mail is the address found, as the labelling conventions say: "write to my
    gmail, I answer faster there than here" is no channel move besides."""
    text = "Write to my gmail jan.kral88, I answer faster there than here."
    trained = toy(w__faster=(9.0, 0.0, 0.0))
    assert [kind for kind, _, _ in judge(text, [], trained=trained)] == ["social"]
    email = ("email", 12, 27)
    assert judge(text, [email], trained=trained) == [email]


def test_training_is_deterministic_and_learns_the_labels():
    examples = [
        Example(f"pay me by bank transfer {i}", frozenset({"payment"}), []) for i in range(20)
    ] + [Example(f"your parcel left today {i}", frozenset(), []) for i in range(20)]
    first, second = fit(examples), fit(examples)
    assert first == second
    paid = first.probabilities(features("pay by bank transfer please"))
    parcel = first.probabilities(features("the parcel left"))
    assert paid["payment"] > 0.9 > 0.1 > parcel["payment"]


def test_the_guards_judge_the_weights_the_model_s_file_keeps():
    """The file rounds the weights: thresholds the guards passed on the unrounded weights
    flagged a tenth sellers' reply of 490 once written (2 % is 9.8)."""
    examples = [
        Example(f"pay me by bank transfer {i}", frozenset({"payment"}), []) for i in range(20)
    ] + [Example(f"your parcel left today {i}", frozenset(), []) for i in range(20)]
    trained = training.train(examples, log=lambda _: None)
    assert Model.from_json(trained.to_json()) == trained


def test_the_committed_model_was_trained_on_the_current_corpus():
    assert MODEL_PATH.exists()
    call_command("train_scanner_model", check=True)
    assert model() is not None


def test_the_training_command_writes_a_model_a_scan_can_use(tmp_path: Path, capsys, monkeypatch):
    # 150 messages cannot learn every everyday sentence the real model must leave alone
    monkeypatch.setattr(train_scanner_model, "EVERYDAY", "not-here.jsonl")
    monkeypatch.setattr(training, "WRITER_GROUPS", 2)  # what is checked here needs no more
    # nor 900 of the load generator's messages as clean examples (a third of the test's time)
    monkeypatch.setattr(train_scanner_model, "ORDINARY_PER_LANGUAGE", 10)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = Path(__file__).parent / "fixtures/scanner_corpus"
    lines = (source / "w5.jsonl").read_text(encoding="utf-8").splitlines()[:150]
    (corpus / "w5.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "test_t1.jsonl").write_text("not json, and never read\n", encoding="utf-8")
    output = tmp_path / "model.json"
    call_command("train_scanner_model", corpus=corpus, output=output)
    assert "523 messages from w5.jsonl, moderation_sample.jsonl, moderation_extra.jsonl" in (
        capsys.readouterr().out
    )
    call_command("train_scanner_model", corpus=corpus, output=output, check=True)
    assert output.stat().st_size > 1000
    # the languages it learned from, so that it judges no other
    written = json.loads(output.read_text(encoding="utf-8"))["model"]["languages"]
    assert {"en", "fr", "pl"} <= set(written) <= SCANNER_LANGUAGES


def test_the_model_does_not_judge_a_language_it_never_learned():
    trained = model()
    assert trained is not None
    assert set(trained.languages) == SCANNER_LANGUAGES

    def app(text: str) -> list[tuple[str, int, int]]:
        start = text.index("Instagram")
        return [("social", start, start + len("Instagram"))]

    # where an advert was seen: the model drops the app in a language it reads…
    english = "I saw your ad on Instagram, nice stuff."
    assert judge(english, app(english), set(app(english)), language="en") == []
    # …and leaves the detectors' finding alone in Dutch, which it never learned
    dutch = "Ik heb je advertentie op Instagram gezien, mooi spul."
    assert judge(dutch, app(dutch), set(app(dutch)), language="nl") == app(dutch)


def test_every_finding_of_the_scanner_before_the_model_is_still_found():
    """The 40-message shared sample: what the scanner found before issue 14 (kind and span,
    with and without the language hint) is still found, the same kind over the same text."""
    fixtures = Path(__file__).parent / "fixtures"
    old = json.loads((fixtures / "moderation_sample_old_findings.json").read_text())["findings"]
    lines = (fixtures / "moderation_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts = {row["id"]: row["text"] for row in map(json.loads, filter(None, lines))}
    lost = []
    with override_settings(PLATFORM_DOMAIN="marketplace.example"):
        for was in old:
            now = scan(texts[was["id"]], language=was["language"])
            if not any(
                f.kind == was["kind"] and f.start <= was["start"] and was["end"] <= f.end
                for f in now
            ):
                lost.append(was)
    assert len(old) == 78
    assert lost == []


def test_ordinary_after_sales_messages_stay_clean():
    """The load generator's sentences in nine languages (thanks, delays, returns, invoices,
    tracking numbers, amounts): at most 1 % flagged, as the training guard demands."""
    rows = after_sales_messages()
    with override_settings(PLATFORM_DOMAIN="marketplace.example"):
        flagged = [row for row in rows if scan(row["text"], language=row["lang"])]
    assert len(rows) == 360
    assert len(flagged) <= 0.01 * len(rows), flagged


def test_scoring_a_text_directly_gives_what_its_features_give():
    """``Model.text_logits`` (the scan's path, no feature strings) equals ``logits`` of the
    features the model was trained on, on every message of the shared sample."""
    trained = model()
    assert trained is not None
    lines = (Path(__file__).parent / "fixtures/moderation_sample.jsonl").read_text("utf-8")
    for row in map(json.loads, filter(None, lines.splitlines())):
        spans, _ = detect_spans(row["text"])
        expected = trained.logits(features(row["text"], spans))
        got = trained.text_logits(row["text"], spans)
        assert got == pytest.approx(expected, abs=1e-9)


def test_sellers_ordinary_replies_stay_clean():
    """490 ordinary seller replies in ten languages, written for the reply-language check by
    a writer who never read the scanner, never trained on: at most 2 % flagged."""
    lines = (Path(__file__).parent / "fixtures/reply_languages.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in lines.splitlines() if line.strip()]
    with override_settings(PLATFORM_DOMAIN="marketplace.example"):
        flagged = [row["id"] for row in rows if scan(row["text"], language=row["lang"])]
    assert len(rows) == 490
    assert len(flagged) <= 0.02 * len(rows), flagged


EVERYDAY = [
    json.loads(line)
    for line in (Path(__file__).parent / "fixtures/scanner_everyday.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


@pytest.mark.parametrize("row", EVERYDAY, ids=lambda row: row["text"][:40])
def test_everyday_replies_and_refusals_once_flagged_stay_clean(row):
    """Everyday replies, refusals and file names, most of them flagged by a version of the
    scanner (scanner_everyday.jsonl says why); the training command keeps them as a guard
    its thresholds must pass."""
    with override_settings(PLATFORM_DOMAIN="marketplace.example"):
        assert scan(row["text"], language=row["lang"]) == []
        assert scan(row["text"]) == []


def test_concepts_say_the_same_thing_in_any_language():
    """The ``[intent]`` lists map words of every language to one concept, and two concepts
    near each other make one feature: what one writer says in Polish, another in English."""
    polish = concept_keys(folded_words("Zapłać mi bezpośrednio, bez prowizji."))
    english = concept_keys(folded_words("Just pay me directly and we skip the fees."))
    assert {"money", "outside", "fees", "money&outside", "fees&outside"} <= polish & english
    # A phrase, and a stem with any ending ("zapłacę").
    assert "outside" in concept_keys(folded_words("we settle it between us"))
    assert "money" in concept_keys(folded_words("zapłacę jutro"))
    # Concepts further apart than CONCEPT_WINDOW words make no pair.
    apart = concept_keys(folded_words("pay " + "ok " * CONCEPT_WINDOW + "directly"))
    assert {"money", "outside"} <= apart
    assert "money&outside" not in apart


def toy_sentences(add: float = 0.5, **weights: tuple[float, float, float]) -> SentenceModel:
    """A sentence model that knows only the given features (bias strongly negative)."""
    return SentenceModel(
        bias=(-5.0, -5.0, -5.0),
        weights={key.replace("__", ":").replace("_", " "): w for key, w in weights.items()},
        add=(add, add, add),
    )


def test_the_sentence_model_reports_an_intent_one_sentence_carries():
    """A long friendly message whose whole the message model reads as clean: one sentence
    carries the payment, and that sentence is the finding's span."""
    text = (
        "Thanks for the order, the mower ships on Monday with DPD.  "
        "If you pay the rest in cash at pick-up we skip the fees.\n"
        "Thanks again, the manual is in the box."
    )
    clean_message = toy(w__thanks=(-9.0, -9.0, -9.0))
    assert judge(text, [], trained=clean_message) == []
    sentence_model = toy_sentences(w__cash=(0.0, 9.0, 0.0))
    trained = dataclasses.replace(clean_message, sentences=sentence_model)
    [(kind, start, end)] = judge(text, [], trained=trained)
    assert kind == "payment"
    assert text[start:end] == "If you pay the rest in cash at pick-up we skip the fees."
    # Under its threshold: nothing.
    assert (
        judge(
            text,
            [],
            trained=dataclasses.replace(
                trained, sentences=toy_sentences(add=0.99, w__cash=(0.0, 4.0, 0.0))
            ),
        )
        == []
    )


def test_a_word_finding_its_sentence_means_is_kept():
    """A soft finding the whole message would explain away stays when its sentence reads the
    kind as meant (a channel move buried in a long, polite message)."""
    text = "Thank you, thank you. Write me on WhatsApp."
    span = ("social", text.index("WhatsApp"), text.index("WhatsApp") + 8)
    doubting = toy(veto=0.5, w__thank=(-9.0, 0.0, 0.0))
    assert judge(text, [span], {span}, trained=doubting) == []
    meaning = dataclasses.replace(doubting, sentences=toy_sentences(w__write=(9.0, 0.0, 0.0)))
    assert judge(text, [span], {span}, trained=meaning) == [span]


def test_fitting_sentences_learns_the_sentence_that_carries_the_label():
    """Multiple-instance training: messages are labelled, sentences are not; the model learns
    the words of the sentence that carries the kind, wherever it sits."""
    filler = "The parcel left today. The invoice is attached. "
    examples = [
        Example(
            filler * (i % 3) + "Pay me in cash at pick-up. " + filler, frozenset({"payment"}), []
        )
        for i in range(30)
    ] + [Example(filler * (1 + i % 3), frozenset(), []) for i in range(30)]
    first, second = fit_sentences(examples), fit_sentences(examples)
    assert first == second
    paid = first.probabilities_of([sorted(sentence_features(folded_words("pay in cash"), ()))])
    parcel = first.probabilities_of(
        [sorted(sentence_features(folded_words("the parcel left"), ()))]
    )
    assert paid[1] > 0.8 > 0.1 > parcel[1]


def test_a_text_and_its_sentences_are_read_as_each_run_of_words_alone():
    """``Reading.keys`` (words, pairs, stems and concepts found once per text) equals
    ``_word_keys`` of each sentence's words and of the whole text's: a phrase of the concept
    tables cut by a full stop is no phrase of either sentence, but is one of the message."""
    _, _, phrases, stem_pairs = _concept_tables()
    first = sorted(phrases)[0]
    second = sorted(phrases[first])[0]
    stem_first = sorted(stem_pairs)[0]
    texts = [
        f"Well {first}. {second} then, and again {first} {second}!",
        f"Ok {stem_first}. {stem_pairs[stem_first][0][0]}xyz? {stem_first} "
        f"{stem_pairs[stem_first][0][0]}xyz",
    ]
    lines = (Path(__file__).parent / "fixtures/moderation_sample.jsonl").read_text("utf-8")
    texts += [json.loads(line)["text"] for line in lines.splitlines() if line.strip()]
    for text in texts:
        reading = Reading(text)
        assert reading.keys() == _word_keys(reading.words)
        for start, end in sentences(text):
            assert reading.keys(start, end) == _word_keys(reading.between(start, end))


def test_the_sentence_model_scores_a_text_as_its_features_say():
    """``SentenceModel.best`` (the scan's path) equals ``probabilities_of`` the sentences'
    features the model was trained on, on every message of the shared sample."""
    trained = model()
    assert trained is not None
    assert trained.sentences is not None
    lines = (Path(__file__).parent / "fixtures/moderation_sample.jsonl").read_text("utf-8")
    for row in map(json.loads, filter(None, lines.splitlines())):
        spans, soft = detect_spans(row["text"])
        example = Example(row["text"], frozenset(), spans, soft)
        expected = trained.sentences.probabilities_of(example.sentence_feats)
        best = trained.sentences.best(Reading(row["text"]), {kind for kind, _, _ in spans})
        assert [p for p, _, _ in best] == pytest.approx(expected, abs=1e-9)


def test_the_sentences_are_read_only_when_they_can_change_the_verdict(monkeypatch):
    """``judge`` skips the sentence model when no soft finding needs it and no sentence can
    reach an ``add`` threshold (``_sentences_matter``): on the shared sample and on messages
    of every language of the corpus, with and without findings, it keeps and adds what reading
    every sentence gives, with the committed model and with one whose sentences may add."""
    trained = model()
    assert trained is not None
    assert trained.sentences is not None
    adding = dataclasses.replace(
        trained, sentences=dataclasses.replace(trained.sentences, add=(0.01, 0.01, 0.01))
    )
    folder = Path(__file__).parent / "fixtures"
    lines = (folder / "moderation_sample.jsonl").read_text("utf-8").splitlines()
    development = sorted((folder / "scanner_corpus").glob("t[0-9]*.jsonl"))
    for path in development[-4:]:
        lines += path.read_text("utf-8").splitlines()[::5]
    rows = [json.loads(line) for line in lines if line.strip()]
    assert len(rows) > 200
    read = [(row["text"], *detect_spans(row["text"])) for row in rows]
    verdicts = {
        name: [judge(text, spans, soft, trained=chosen) for text, spans, soft in read]
        for name, chosen in (("committed", trained), ("adding", adding))
    }
    monkeypatch.setattr(intent_module, "_sentences_matter", lambda *args: True)
    for name, chosen in (("committed", trained), ("adding", adding)):
        every = [judge(text, spans, soft, trained=chosen) for text, spans, soft in read]
        assert every == verdicts[name], name
    assert any(spans for _, spans, _ in read)
    assert verdicts["adding"] != verdicts["committed"]  # the sentences can add, and do


def test_ranking_thresholds_counts_as_judging_each_example():
    """``training._rank`` counts with bit sets; every choice's cost is what ``_Judged.kinds``
    gives example by example."""
    rng = random.Random(7)
    kinds = ["email", "phone", "url", "social", "payment", "marketing"]
    examples, judged = [], []
    for _ in range(60):
        labels = frozenset(k for k in kinds if rng.random() < 0.15)
        examples.append(Example("x", labels, []))
        hard = {k for k in kinds if rng.random() < 0.1}
        words = [(k, rng.random()) for k in kinds if rng.random() < 0.2]
        judged.append(
            training._Judged(
                hard,
                words,
                {k: rng.random() for k in kinds},
                {k: rng.random() for k in ("social", "payment", "marketing")},
            )
        )
    ranked = training._rank(examples, judged)
    assert len(ranked) > 10_000  # every choice of the grid…
    # …of which the cheapest, the dearest and every ninth are judged example by example (all
    # of them took 4 s of the suite's budget)
    for cost, (veto, contact, intent, span_veto, sentence_add) in [
        *ranked[:100],
        *ranked[-100:],
        *ranked[100:-100:9],
    ]:
        decided = [
            j.kinds(veto, training._adds(contact, intent), span_veto, sentence_add) for j in judged
        ]
        missed, noisy = training.score(examples, decided)
        assert cost == missed + training.FALSE_ALARM_COST * noisy


NOISE = 0.25


def test_a_guard_decides_as_judging_each_message_would():
    """``Guard.failure`` judges from what it computed once per trained model; for every choice
    of thresholds it must fail or pass exactly as ``intent.judge`` message by message."""
    trained = model()
    assert trained is not None
    fixtures = Path(__file__).parent / "fixtures"
    rows = [
        json.loads(line)
        for name in ("moderation_extra.jsonl", "reply_languages.jsonl")
        for line in (fixtures / name).read_text(encoding="utf-8").splitlines()[:120]
    ]
    examples = [
        Example(row["text"], frozenset(row.get("kinds", ())), *detect_spans(row["text"]), writer=w)
        for row in rows
        for w in [row.get("kind", "labelled")]
    ]
    # the bars are the test's own, loose enough that the committed model's thresholds pass
    # them on these few messages (8 "wrong" ones make a corpus) and others fail them
    guard = training.Guard(examples, recall=0.85, noise=NOISE)

    def reference(candidate: Model) -> bool:
        decided: dict[str, list[tuple[Example, set[str]]]] = {}
        for ex in examples:
            got = {k for k, _, _ in judge(ex.text, ex.spans, ex.soft, candidate)}
            decided.setdefault(ex.writer, []).append((ex, got))
        for pairs in decided.values():
            for kind in trained.kinds:
                labelled = [got for ex, got in pairs if kind in ex.kinds]
                if labelled and sum(kind in got for got in labelled) < 0.85 * len(labelled):
                    return False
            clean = [got for ex, got in pairs if not ex.kinds]
            if sum(1 for got in clean if got) > NOISE * len(clean):
                return False
        return True

    outcomes = set()
    candidates = [trained]  # its own thresholds, then others
    for veto, add, sentence_add in (
        (0.0, 0.5, 0.5),
        (0.9, 0.6, 1.01),
        (0.5, 0.01, 0.01),
        (1.01, 0.0, 0.0),
    ):
        sentences = trained.sentences and dataclasses.replace(
            trained.sentences, add=(sentence_add,) * 3
        )
        candidates.append(
            dataclasses.replace(
                trained, veto=veto, add=(add,) * len(trained.kinds), sentences=sentences
            )
        )
    for candidate in candidates:
        passed = guard.failure(candidate) is None
        assert passed == reference(candidate)
        outcomes.add(passed)
    assert outcomes == {True, False}  # the choices tell something apart
