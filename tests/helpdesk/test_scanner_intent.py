"""The scanner's learned intent model (helpdesk.scanner.intent): how its decision combines with
the detectors, that its spans are exact, and that the committed file matches the corpus."""

import dataclasses
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from demo.loadgen.samples import after_sales_messages
from demo.management.commands import train_scanner_model
from helpdesk.scanner import detect_spans, scan
from helpdesk.scanner.intent import (
    MODEL_PATH,
    Model,
    SpanModel,
    features,
    judge,
    model,
    span_features,
)
from helpdesk.scanner.training import Example, fit, fit_spans


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
    text = "Pay me cash outside the platform, WhatsApp +48 600 700 800 or W h a t s A p p."
    spans, soft = detect_spans(text, language="en")
    assert {text[start:end] for _, start, end in soft} == {
        "cash",
        "outside the platform",
        "WhatsApp",
    }
    firm = {text[start:end] for span in spans if span not in soft for _, start, end in [span]}
    assert firm == {"+48 600 700 800", "W h a t s A p p"}


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


def test_training_is_deterministic_and_learns_the_labels():
    examples = [
        Example(f"pay me by bank transfer {i}", frozenset({"payment"}), []) for i in range(20)
    ] + [Example(f"your parcel left today {i}", frozenset(), []) for i in range(20)]
    first, second = fit(examples), fit(examples)
    assert first == second
    paid = first.probabilities(features("pay by bank transfer please"))
    parcel = first.probabilities(features("the parcel left"))
    assert paid["payment"] > 0.9 > 0.1 > parcel["payment"]


def test_the_committed_model_was_trained_on_the_current_corpus():
    assert MODEL_PATH.exists()
    call_command("train_scanner_model", check=True)
    assert model() is not None


def test_the_training_command_writes_a_model_a_scan_can_use(tmp_path: Path, capsys, monkeypatch):
    # 150 messages cannot learn every everyday sentence the real model must leave alone
    monkeypatch.setattr(train_scanner_model, "EVERYDAY", "not-here.jsonl")
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
