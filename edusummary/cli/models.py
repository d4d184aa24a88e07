"""``edusummary train``, ``evaluate``, ``compare``, ``explain``, ``suggest`` and
``validate``: building models from labelled samples and checking them."""

from __future__ import annotations

import argparse
import json
import os
import warnings
from pathlib import Path

from .._chinese import display_width, han_count, ljust_columns
from .._english import counted
from ..batch.files import find_reports
from ..batch.suggesting import format_terms, suggest, unchanged_sheet, write_sheet
from ..errors import DataError, EdusummaryWarning, ModelError
from ..model.classifier import Model, is_model_file
from ..model.evaluation import compare, evaluate
from ..model.records import read_sheet, sample_texts
from ..model.shipped import default_model_path, is_default
from ..model.training import DEFAULT_SETTINGS, train
from ..model.validation import validate
from ..topics import LABELS, MIN_HAN_CHARS
from ._shared import (
    add_formula_guard_option,
    add_model_option,
    model_from,
    not_to_replace,
    positive_int,
    say,
    stdout_closed,
    tagger_from,
    tell,
)


def _ngram_range(value: str) -> tuple[int, int] | None:
    if value.lower() == "none":
        return None
    try:
        low, high = (int(part) for part in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected LOW,HIGH such as 1,3 (or none), got {value!r}"
        ) from None
    return low, high


def register(commands) -> None:
    train_cmd = commands.add_parser(
        "train",
        help="train a model on labelled samples",
        description="Train on DATA alone, or on the shipped training data plus the samples "
        "given with --add (or on DATA plus them). Samples are JSONL records, or CSV/Excel "
        "sheets with text and label columns. Rejected rows are listed; --strict makes them "
        "fatal.",
    )
    train_cmd.add_argument(
        "data", nargs="*", type=Path, help="training data (default with --add: the shipped data)"
    )
    train_cmd.add_argument(
        "--add", nargs="+", type=Path, default=[], metavar="SAMPLES",
        help="your labelled samples: .jsonl, .csv, .tsv or .xlsx files (CSV in UTF-8, "
        "GBK or UTF-16, as Excel saves it)",
    )
    train_cmd.add_argument("-o", "--output", type=Path, required=True, help="model file to write")
    add_label_option(train_cmd)
    train_cmd.add_argument("--strict", action="store_true", help="fail on any rejected row")
    train_cmd.add_argument(
        "--seed", type=int, default=0, help="seeds the folds and register copies (default 0)"
    )
    train_cmd.add_argument(
        "--C", type=float, default=DEFAULT_SETTINGS.C, dest="C",
        help=f"inverse regularisation strength (default {DEFAULT_SETTINGS.C:.4g})",
    )
    train_cmd.add_argument(
        "--char-ngrams", type=_ngram_range, default=DEFAULT_SETTINGS.char_ngrams,
        metavar="LOW,HIGH",
    )
    train_cmd.add_argument(
        "--word-ngrams", type=_ngram_range, default=DEFAULT_SETTINGS.word_ngrams,
        metavar="LOW,HIGH",
    )
    train_cmd.add_argument(
        "--register-copies", action=argparse.BooleanOptionalAction,
        default=DEFAULT_SETTINGS.register_copies,
        help="also fit each record with official-document boilerplate added, so that style "
        "does not decide the label (default: on)",
    )
    train_cmd.set_defaults(handler=run_train)

    evaluate_cmd = commands.add_parser(
        "evaluate", help="score a model on labelled samples (.jsonl, .csv, .tsv, .xlsx)"
    )
    evaluate_cmd.add_argument("data", nargs="+", type=Path, help="labelled samples")
    add_model_option(evaluate_cmd)
    evaluate_cmd.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate_cmd.add_argument(
        "--collapse", action="append", type=_label_pair, default=[], metavar="LABEL=MODEL_LABEL",
        help="score LABEL as MODEL_LABEL, in the samples and in the model's answers: a label of "
        "your own the model lacks (repeat for more)",
    )
    add_include_trained_option(evaluate_cmd)
    evaluate_cmd.set_defaults(handler=run_evaluate)

    compare_cmd = commands.add_parser(
        "compare", help="score two models on the same samples; list labels that changed"
    )
    compare_cmd.add_argument("old", type=Path, help="model file ('default' for the shipped one)")
    compare_cmd.add_argument("new", type=Path, help="model file")
    compare_cmd.add_argument("data", nargs="+", type=Path, help="labelled samples")
    compare_cmd.add_argument("--json", action="store_true", help="print the comparison as JSON")
    add_include_trained_option(compare_cmd)
    compare_cmd.set_defaults(handler=run_compare)

    suggest_cmd = commands.add_parser(
        "suggest", help="pick the paragraphs most worth labelling, into a sheet to fill in"
    )
    suggest_cmd.add_argument("paths", nargs="+", type=Path, help="report files or folders")
    suggest_cmd.add_argument(
        "-n", type=positive_int, default=100, help="rows to pick (default 100)"
    )
    suggest_cmd.add_argument(
        "-o", "--output", type=Path, required=True,
        help="the sheet to write: .xlsx (with a drop-down of the labels) or .csv",
    )
    suggest_cmd.add_argument(
        "--exclude", nargs="+", type=Path, default=[], metavar="SHEETS",
        help="leave out the paragraphs of these sheets (or folders of them), labelled or not: "
        "those already given to label",
    )
    add_formula_guard_option(suggest_cmd)
    add_model_option(suggest_cmd)
    suggest_cmd.set_defaults(handler=run_suggest)

    explain_cmd = commands.add_parser(
        "explain", help="the terms that pushed each label of a paragraph up or down"
    )
    explain_cmd.add_argument("text", help="one paragraph")
    explain_cmd.add_argument(
        "--top", type=positive_int, default=8, help="terms per label (default 8)"
    )
    add_model_option(explain_cmd)
    explain_cmd.set_defaults(handler=run_explain)

    validate_cmd = commands.add_parser(
        "validate", help="check labelled records: schema, labels, length, duplicates, copies"
    )
    validate_cmd.add_argument("data", nargs="+", type=Path, help="JSONL files or folders")
    add_label_option(validate_cmd)
    validate_cmd.add_argument(
        "--reference", type=Path,
        help="folder of texts that must not be copied (e.g. ../shared); its .txt files and "
        "the text of its .jsonl records are checked",
    )
    validate_cmd.set_defaults(handler=run_validate)


def add_label_option(command) -> None:
    command.add_argument(
        "--label", action="append", default=[], metavar="NAME",
        help="a label of your own besides the five (repeat for more)",
    )


def add_include_trained_option(command) -> None:
    command.add_argument(
        "--include-trained", action="store_true",
        help="also score samples the model was trained on (left out by default: their "
        "scores are optimistic)",
    )


def _unwritable(path: Path) -> str | None:
    """Why a model cannot be saved at ``path``, or None."""
    if path.is_dir():
        return f"is a folder; name a model file in it, such as {path / 'model.esm'}"
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # a missing folder is created when the model is saved
    if not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"no permission to write in {folder}"
    return None


def _trained_records(path: Path) -> tuple[int | None, str] | None:
    """The number of training records of the model at ``path`` (None when its file does
    not say) and the day it was trained (empty when unknown); None when no model is there."""
    if not path.is_file():
        return None
    try:
        metadata = Model.load(path).metadata
    except (ModelError, OSError):
        return None
    records = metadata.get("training_data", {}).get("records")
    return (
        records if isinstance(records, int) else None, str(metadata.get("created", ""))[:10]
    )


def run_train(args: argparse.Namespace) -> int:
    if not args.data and not args.add:
        say("give training data, --add SAMPLES, or both")
        return 2
    unwritable = _unwritable(args.output)
    if is_default(args.output):
        # --model default, and compare's DEFAULT, read the shipped model, never this file.
        unwritable = (
            "is the name --model gives the shipped model, so no command would read this "
            "file; name it otherwise, such as default.esm"
        )
    problem = f"{args.output}: {unwritable}" if unwritable else not_to_replace(
        args.output, [Path(item) for item in (*(args.data or ()), *(args.add or ()))],
        is_model_file, "a model file",
    )
    if problem:
        # Said before training, which takes a minute or more, and not after it.
        say(problem)
        return 2
    settings = DEFAULT_SETTINGS.replace(
        char_ngrams=args.char_ngrams, word_ngrams=args.word_ngrams, C=args.C,
        register_copies=args.register_copies,
    )
    sheets = [str(p) for p in args.data if p.is_file() and p.suffix.lower() != ".jsonl"]
    if sheets and not args.add:
        # A sheet given as DATA is the whole training set: the shipped data is left out.
        say(
            f"warning: training on {', '.join(sheets)} alone, without the shipped data; to "
            "add your samples to it, give them with --add"
        )
    replaced = _trained_records(args.output)
    # Rows left out are an EdusummaryWarning, which main() prints one per line.
    model = train(
        args.add or None,
        base=args.data or "default",
        labels=[*LABELS, *args.label],
        strict=args.strict,
        seed=args.seed,
        settings=settings,
    )
    model.save(args.output)
    data = model.metadata["training_data"]
    if replaced is not None:
        records, created = replaced
        say(
            f"warning: replaced {args.output}, a model"
            + (f" of {counted(records, 'record')}" if records is not None else "")
            + (f" (trained {created})" if created else "")
            + f", with one of {counted(data['records'], 'record')}"
            + (
                "; to add samples to a model's training data rather than train on them "
                "alone, give them with --add"
                if records is not None and data["records"] < records / 2 else ""
            )
        )
    try:
        _print_report(model, args.output)
    except BrokenPipeError:
        raise  # the reader went away (train ... | head): main() ends quietly
    except OSError as exc:
        # Blamed on the output, as an error with no file name is, a full stdout
        # (>/dev/full) had said the model could not be written: it is, whole.
        say(f"wrote {args.output}, but not its report: standard output: {exc.strerror}")
        return 1
    return 0


def _print_report(model: Model, output: Path) -> None:
    """What ``train`` tells of the model it wrote to ``output``: its data, features and
    scores."""
    data = model.metadata["training_data"]
    cv = model.metadata.get("cross_validation", {})
    rejected = data["rejected_rows"]
    print(
        f"wrote {output}: {counted(data['records'], 'record')} "
        f"({', '.join(f'{k} {v}' for k, v in data['per_label'].items())}), "
        f"{counted(rejected, 'row')} rejected{' (listed above)' if rejected else ''}, "
        f"{model.features.n_features} features, "
        f"cross-validated macro-F1 {cv.get('macro_f1', float('nan')):.4f}"
        + (" (whole batches held out)" if cv.get("held_out") == "batches" else "")
    )
    if cv.get("samples"):
        folds = cv.get("folds", 5)
        print(
            f"your samples, cross-validated (each scored by a model trained on {folds - 1} of "
            f"{folds} parts, not its own: with a few dozen samples this understates the "
            "model trained on all of them); recall is on your samples, precision on every "
            "paragraph the model gave the label, the shipped data's too:"
        )
        for line in _sample_scores(cv["samples"], cv["bias"]):
            print(line)


def _sample_scores(samples: dict[str, dict], bias: dict[str, float]) -> list[str]:
    """A line per label of the cross-validated scores on the analyst's samples, the
    labels padded to one width on screen: a Chinese label of one's own (职业教育) takes two
    columns a character."""
    width = max(20, *map(display_width, samples))
    return [
        f"  {ljust_columns(label, width)} {s['samples']:>4} samples  recall {s['recall']:.3f}  "
        f"precision {s['precision']:.3f}  F1 {s['f1']:.3f}"
        + (f"  (score offset {bias[label]:+.2f})" if bias.get(label) else "")
        for label, s in samples.items()
    ]


def _label_pair(value: str) -> tuple[str, str]:
    """An argparse type for --collapse: "职业教育=other"."""
    label, _, model_label = value.partition("=")
    if not label.strip() or not model_label.strip():
        raise argparse.ArgumentTypeError(f"expected LABEL=MODEL_LABEL, got {value!r}")
    return label.strip(), model_label.strip()


def run_evaluate(args: argparse.Namespace) -> int:
    if refusal := stdout_closed("the scores"):
        say(refusal)
        return 2
    result = evaluate(
        model_from(args.model), args.data, collapse=dict(args.collapse) or None,
        include_trained=args.include_trained,
    )
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(f"model: {args.model or default_model_path()}")
        print(result.to_text())
    return 0


def run_compare(args: argparse.Namespace) -> int:
    if refusal := stdout_closed("the comparison"):
        say(refusal)
        return 2
    result = compare(
        model_from(args.old), model_from(args.new), args.data,
        include_trained=args.include_trained,
    )
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) if args.json
          else result.to_text())
    return 0


def _unlabelled(path: Path) -> bool:
    """Whether ``path`` is a sheet to label with no label filled in yet: one ``suggest``
    may write over."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", EdusummaryWarning)
            return not any(row.get("label") for _, row in read_sheet(path))
    except (DataError, ValueError, OSError):
        return False


def run_suggest(args: argparse.Namespace) -> int:
    problem = not_to_replace(
        args.output, args.paths, _unlabelled, "a sheet to label with no label filled in"
    )
    if not problem and args.output.is_file() and not unchanged_sheet(args.output):
        problem = (
            f"{args.output}: changed since suggest wrote it (a note, a column added, a "
            "suggestion corrected), or not written by suggest; that work would be lost: name a "
            "new file, or remove it first"
        )
    if problem:
        say(problem)
        return 2
    tagger = tagger_from(args)
    # Read before tagging, which takes longer: a sheet that cannot be read stops at once.
    exclude = sample_texts(args.exclude) if args.exclude else ()
    rows = suggest(find_reports(args.paths), n=args.n, tagger=tagger, exclude=exclude)
    if not rows:
        # An empty sheet to "fill in" would only send the analyst looking for rows.
        say(
            f"no paragraph to suggest (the reports hold none long enough to label, or all "
            f"were trained on or given out in --exclude); {args.output} not written"
        )
        return 1
    write_sheet(rows, args.output, formula_guard=args.formula_guard, labels=tagger.model.labels)
    tell(
        f"wrote {counted(len(rows), 'paragraph')} to {args.output}: fill in the label column, then "
        f"edusummary train --add {args.output} -o MODEL (with --label NAME for each topic of "
        "your own)"
    )
    return 0


def run_explain(args: argparse.Namespace) -> int:
    if refusal := stdout_closed("the explanation"):
        say(refusal)
        return 2
    if not args.text.strip():
        say("nothing to explain: the text is empty")
        return 2
    han = han_count(args.text)
    if han < MIN_HAN_CHARS:
        # tag never labels such a text: a heading, or flagged not_chinese.
        say(
            f"warning: the text has {han} Chinese characters; tag labels paragraphs of at "
            f"least {MIN_HAN_CHARS}, so these labels say little"
        )
    model = model_from(args.model)
    ((best, probability),) = model.predict([args.text])[0]
    print(f"{best} ({probability:.2f})")
    for label, terms in model.explain(args.text, top=args.top).items():
        print(f"{label:<20} {format_terms(terms)}")
    print(
        "(each weight is a term's push on the label's score; with the label's intercept, "
        "the scores give the probabilities after temperature scaling)"
    )
    return 0


def run_validate(args: argparse.Namespace) -> int:
    if refusal := stdout_closed("the problems found"):
        say(refusal)
        return 2
    sheets = [str(p) for p in args.data if p.suffix.lower() in (".csv", ".tsv", ".xlsx", ".xls")]
    if sheets:
        say(
            f"validate checks JSONL records, the format of data/ ({', '.join(sheets)} is a "
            "sheet); to check a sheet of samples, train on it with --strict, which lists every "
            "row it cannot use"
        )
        return 2
    result = validate(args.data, labels=[*LABELS, *args.label], reference=args.reference)
    for problem in result.problems:
        print(problem)
    print(result.summary())
    return 0 if result.ok else 1
