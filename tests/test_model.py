"""The model object: predict, probabilities, explanations, files."""

import hashlib
import io
import json
import warnings
import zipfile

import numpy as np
import pytest

import edusummary
from edusummary.errors import ModelError
from edusummary.model.classifier import HEADER_CHECKSUM, header_checksum

PARAGRAPHS = [
    "新建乡镇中心幼儿园三所，学前三年毛入园率提高到百分之九十，普惠性幼儿园比例继续上升。",
    "持续推进课堂教学改革，各校推广导学案和小组合作学习，教研员深入课堂听评课。",
]


def test_predict_returns_k_labels_best_first(small_model):
    results = small_model.predict(PARAGRAPHS, k=3)
    assert len(results) == 2
    for result in results:
        assert len(result) == 3
        probabilities = [p for _, p in result]
        assert probabilities == sorted(probabilities, reverse=True)
        assert all(label in small_model.labels for label, _ in result)


def test_predict_all_labels_sum_to_one(small_model):
    (result,) = small_model.predict(PARAGRAPHS[:1], k=-1)
    assert len(result) == len(small_model.labels)
    assert sum(p for _, p in result) == pytest.approx(1.0)


def test_threshold_drops_unlikely_labels(small_model):
    (result,) = small_model.predict(PARAGRAPHS[:1], k=-1, threshold=0.999)
    assert all(p >= 0.999 for _, p in result)


@pytest.mark.parametrize("k", [0, -2, 1.5, "1", True])
def test_bad_k(small_model, k):
    with pytest.raises(ValueError, match="k must be"):
        small_model.predict(PARAGRAPHS, k=k)


@pytest.mark.parametrize("threshold", [-0.1, 1.5, "0.5"])
def test_bad_threshold(small_model, threshold):
    with pytest.raises(ValueError, match="threshold"):
        small_model.predict(PARAGRAPHS, threshold=threshold)


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ("一段文字而不是列表", "single str"),
        (None, "list of strings"),
        (["正常的段落文字", None], r"texts\[1\] must be a str, got NoneType"),
        (["正常的段落文字", 42], r"texts\[1\] must be a str, got int: 42"),
        ([b"bytes"], r"texts\[0\] must be a str, got bytes"),
    ],
)
def test_bad_texts_name_the_value_and_position(small_model, texts, message):
    with pytest.raises(TypeError, match=message):
        small_model.predict(texts)


def test_empty_and_unknown_text_still_get_a_label(small_model):
    empty = r"1 of the texts are empty \(texts\[0\]\)"
    with pytest.warns(edusummary.EdusummaryWarning, match=empty):
        results = small_model.predict(["", "Hello world", "😀😀😀"])
    assert all(len(r) == 1 and r[0][0] in small_model.labels for r in results)


def test_save_and_load_give_identical_predictions(small_model, tmp_path):
    path = small_model.save(tmp_path / "m.esm")
    loaded = edusummary.load_model(path)
    assert loaded.labels == small_model.labels
    np.testing.assert_array_equal(
        loaded.predict_proba(PARAGRAPHS), small_model.predict_proba(PARAGRAPHS)
    )
    assert loaded.metadata == json.loads(json.dumps(small_model.metadata))


def test_model_files_hold_no_pickles(small_model, tmp_path):
    path = small_model.save(tmp_path / "m.esm")
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == [
            "coef.npy", "idf.npy", "intercept.npy", "model.json", "vocabulary.json"
        ]


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelError, match="no such model file"):
        edusummary.load_model(tmp_path / "none.esm")


def test_a_folder_is_no_model_file_to_save_or_load(small_model, tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    with pytest.raises(ModelError, match="models: is a folder; save the model to a file"):
        small_model.save(folder)
    with pytest.raises(ModelError, match="models: is a folder, not a model file"):
        edusummary.load_model(folder)
    assert list(tmp_path.iterdir()) == [folder] and not list(folder.iterdir())


@pytest.mark.parametrize("path", [None, 3, ["m.esm"]])
def test_a_model_path_that_is_not_a_path(small_model, path):
    with pytest.raises(TypeError, match="path must be a model file path, got"):
        small_model.save(path)
    if path is not None:  # None loads the shipped model
        with pytest.raises(TypeError, match="path must be a model file path, got"):
            edusummary.load_model(path)


def test_a_failed_save_leaves_no_temporary_file(small_model, tmp_path, monkeypatch):
    def refuse(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr("edusummary.model.classifier.os.replace", refuse)
    with pytest.raises(PermissionError):
        small_model.save(tmp_path / "m.esm")
    assert list(tmp_path.iterdir()) == []


def test_saves_to_one_path_at_once_leave_a_model_that_loads(small_model, tmp_path):
    # With one temporary name for both, one save renamed the file the other was writing:
    # the model left behind was truncated.
    import multiprocessing

    path = tmp_path / "m.esm"
    context = multiprocessing.get_context("fork")
    savers = [context.Process(target=small_model.save, args=(path,)) for _ in range(4)]
    for saver in savers:
        saver.start()
    for saver in savers:
        saver.join()
    assert [saver.exitcode for saver in savers] == [0, 0, 0, 0]
    assert edusummary.load_model(path).labels == small_model.labels
    assert [p.name for p in tmp_path.iterdir()] == ["m.esm"]


def test_a_file_that_is_not_a_model(tmp_path):
    path = tmp_path / "notes.esm"
    path.write_text("这不是模型文件", encoding="utf-8")
    with pytest.raises(ModelError, match="not an edusummary model file"):
        edusummary.load_model(path)


def test_a_model_of_another_format_version(small_model, tmp_path):
    path = small_model.save(tmp_path / "m.esm")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    header = json.loads(parts["model.json"])
    header["format_version"] = 99
    parts["model.json"] = json.dumps(header).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(ModelError, match="format version 99"):
        edusummary.load_model(path)


@pytest.mark.parametrize(
    "version, writer, message",
    [
        # Said to retrain: the file came from a later release, and upgrading reads it.
        (3, "0.4.0", r"model format version 3, written by edusummary 0\.4\.0, is newer than "
         r"this edusummary \(0\.1\.0\) reads \(versions 1 to 2\): upgrade edusummary"),
        (3, None, "written by a later edusummary, is newer"),
        (0, "0.1.0", r"model format version 0, this edusummary reads versions 1 to 2; retrain"),
        ("1", "0.1.0", r"model format version '1', this edusummary reads versions 1 to 2"),
    ],
)
def test_a_model_of_a_format_version_it_does_not_read(small_model, tmp_path, version, writer,
                                                       message):
    def change(header):
        header["format_version"] = version
        header["metadata"].pop("edusummary_version")
        if writer is not None:
            header["metadata"]["edusummary_version"] = writer

    path = _edited(small_model.save(tmp_path / "m.esm"), change, checksum=True)
    with pytest.raises(ModelError, match=message):
        edusummary.load_model(path)


def _members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_tampered_model_file_is_refused(small_model, tmp_path):
    path = small_model.save(tmp_path / "m.esm")
    members = _members(path)
    coef = np.load(io.BytesIO(members["coef.npy"]))
    coef[0, 0] += 5.0
    buffer = io.BytesIO()
    np.save(buffer, coef)
    members["coef.npy"] = buffer.getvalue()
    _rewrite(path, members)
    with pytest.raises(ModelError, match=r"coef\.npy does not match its checksum; the file was"):
        edusummary.load_model(path)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda h: h["labels"].reverse(), id="labels"),
        pytest.param(lambda h: h.update(temperature=0.1), id="temperature"),
        pytest.param(lambda h: h["metadata"].update(review={"threshold": 0.1}), id="metadata"),
    ],
)
def test_a_modified_model_json_is_refused(small_model, tmp_path, change):
    path = small_model.save(tmp_path / "m.esm")
    members = _members(path)
    header = json.loads(members["model.json"])
    change(header)
    members["model.json"] = json.dumps(header, ensure_ascii=False).encode()
    _rewrite(path, members)
    with pytest.raises(ModelError, match=r"model\.json does not match its checksum; the file was"):
        edusummary.load_model(path)


def _edited(path, change, checksum=False):
    """The model file at ``path`` with model.json changed by ``change``, its checksum
    recomputed (``checksum``) or left out as a hand-edit that knows of it would."""
    members = _members(path)
    header = json.loads(members["model.json"])
    change(header)
    del header[HEADER_CHECKSUM]
    if checksum:
        header[HEADER_CHECKSUM] = header_checksum(header)
    members["model.json"] = json.dumps(header, ensure_ascii=False, indent=1).encode()
    _rewrite(path, members)
    return path


@pytest.mark.parametrize("version_recorded", [True, False])
def test_a_format_1_file_from_before_model_json_had_a_checksum_still_loads(
    small_model, tmp_path, version_recorded
):
    # Earlier builds of 0.1.0 recorded edusummary_version long before they wrote the
    # checksum; such files were refused as modified after they were written.
    def older(header):
        del header["header_checked"]  # which those builds never wrote
        if not version_recorded:
            header["metadata"].pop("edusummary_version")

    path = _edited(small_model.save(tmp_path / "m.esm"), older)
    texts = ["全县新建幼儿园两所，学前三年毛入园率提高到百分之九十。"]
    with pytest.warns(edusummary.EdusummaryWarning,
                      match=r"m\.esm: model\.json has no checksum .* earlier build .* re-save it"
                      ) as caught:
        model = edusummary.load_model(path)
    assert caught[0].filename == __file__
    assert model.predict(texts) == small_model.predict(texts)
    resaved = model.save(path)
    header = json.loads(_members(resaved)["model.json"])
    assert header["format_version"] == 1 and header[HEADER_CHECKSUM] == header_checksum(header)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert edusummary.load_model(resaved).labels == small_model.labels


def test_a_format_1_file_with_its_checksum_is_still_checked(small_model, tmp_path):
    # The shipped model is such a file: it loads, and a change to it is found.
    def older(header):
        del header["header_checked"]

    path = _edited(small_model.save(tmp_path / "m.esm"), older, checksum=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert edusummary.load_model(path).labels == small_model.labels
    members = _members(path)
    header = json.loads(members["model.json"])
    header["labels"].reverse()
    members["model.json"] = json.dumps(header, ensure_ascii=False).encode()
    _rewrite(path, members)
    with pytest.raises(ModelError, match=r"model\.json does not match its checksum"):
        edusummary.load_model(path)


def test_a_model_json_edited_with_its_checksum_deleted_is_refused(small_model, tmp_path):
    # Two labels swapped: the file loaded, and kindergartens came out compulsory_balance.
    def swap(header):
        header["labels"][0], header["labels"][1] = header["labels"][1], header["labels"][0]

    path = _edited(small_model.save(tmp_path / "m.esm"), swap)
    with pytest.raises(ModelError, match=r"m\.esm: model\.json has no checksum of its own "
                       r"\(header_sha256\), which the edusummary that wrote it writes; the file "
                       "was modified"):
        edusummary.load_model(path)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda m: m.update(review=None), "review must be a JSON object, got None"),
        (lambda m: m["review"].update(threshold="0.9"), "review threshold must be a number"),
        (lambda m: m.update(cross_validation=[]), "cross_validation must be a JSON object"),
        (lambda m: m["cross_validation"]["mean_probabilities"].pop(),
         "cross_validation mean_probabilities must be 5 rows of 5 numbers"),
        (lambda m: m["training_data"].update(row_hashes="4f2a"),
         "training_data row_hashes must be a list"),
    ],
)
def test_metadata_of_the_wrong_type_is_refused_on_loading(small_model, tmp_path, change, message):
    # "review": null loaded, and the first paragraph tagged raised an AttributeError.
    path = _edited(small_model.save(tmp_path / "m.esm"), lambda h: change(h["metadata"]), True)
    with pytest.raises(ModelError, match=rf"m\.esm: metadata {message}"):
        edusummary.load_model(path)


def test_a_checksummed_model_json_without_metadata_loads(small_model, tmp_path):
    # Refused as modified: a default for the metadata was filled in before the comparison.
    path = _edited(small_model.save(tmp_path / "m.esm"), lambda h: h.pop("metadata"), True)
    model = edusummary.load_model(path)
    assert model.metadata == {} and model.labels == small_model.labels


def test_a_truncated_model_file_is_refused(small_model, tmp_path):
    path = small_model.save(tmp_path / "m.esm")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match=r"m\.esm: damaged or truncated model file"):
        edusummary.load_model(path)


def test_a_foreign_zip_is_refused(tmp_path):
    path = tmp_path / "other.esm"
    _rewrite(path, {"readme.txt": "别的压缩包"})
    with pytest.raises(ModelError, match=r"other\.esm: not an edusummary model file \(no model"):
        edusummary.load_model(path)


def test_a_crafted_model_file_cannot_run_code(small_model, tmp_path):
    """A file whose arrays hold a pickle that would run code when unpickled is refused, and
    the code does not run, even with checksums that match."""
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    path = small_model.save(tmp_path / "m.esm")
    members = _members(path)
    buffer = io.BytesIO()
    np.save(buffer, np.array([Payload()], dtype=object), allow_pickle=True)
    members["idf.npy"] = buffer.getvalue()
    header = json.loads(members["model.json"])
    header["sha256"]["idf.npy"] = hashlib.sha256(members["idf.npy"]).hexdigest()
    header[HEADER_CHECKSUM] = header_checksum(header)
    members["model.json"] = json.dumps(header).encode()
    _rewrite(path, members)
    with pytest.raises(ModelError, match="not a readable edusummary model file"):
        edusummary.load_model(path)
    assert not marker.exists()


def test_a_format_2_file_of_a_build_of_this_session_loads_and_is_checked(small_model, tmp_path):
    # Written for a while as format 2, model.json's checksum always with it.
    def two(header):
        header["format_version"] = 2
        del header["header_checked"]

    path = _edited(small_model.save(tmp_path / "m.esm"), two, checksum=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert edusummary.load_model(path).labels == small_model.labels
    path = _edited(path, lambda header: None)  # its checksum deleted
    with pytest.raises(ModelError, match="no checksum of its own"):
        edusummary.load_model(path)


def test_model_files_describe_themselves(small_model, tmp_path):
    header = json.loads(_members(small_model.save(tmp_path / "m.esm"))["model.json"])
    # Format 1 still, with model.json's checksum, which earlier builds check when present:
    # a colleague on one of them reads the file.
    assert header["format_version"] == 1
    assert header["labels"] == list(small_model.labels)
    metadata = header["metadata"]
    assert metadata["edusummary_version"] == edusummary.__version__
    assert set(metadata["training_data"]) >= {"records", "per_label", "fingerprint"}
    assert "macro_f1" in metadata["cross_validation"]
    assert metadata["settings"]["C"] > 0 and metadata["created"]


def test_explain_names_the_terms_behind_each_label(small_model):
    explanation = small_model.explain("新建乡镇中心幼儿园三所，学前三年毛入园率提高。", top=5)
    assert set(explanation) == set(small_model.labels)
    up = explanation["preschool"]
    assert len(up) == 5
    assert [w for _, w in up] == sorted((w for _, w in up), reverse=True)
    assert any("园" in term for term, weight in up if weight > 0)


def test_a_pickled_model_leaves_its_lookup_tables_behind_and_predicts_the_same():
    import pickle

    model = edusummary.load_model()
    texts = ["全县新建幼儿园三所，学前三年毛入园率达到百分之九十。", "深入开展爱国主义教育活动。"]
    before = model.predict_proba(texts)  # builds the lookup tables
    sent = pickle.dumps(model)
    assert len(sent) < 20_000_000
    assert np.array_equal(pickle.loads(sent).predict_proba(texts), before)


def test_the_shipped_model_is_read_once_and_each_caller_gets_a_model_of_its_own(
    small_model, tmp_path, monkeypatch
):
    # Every load_model() and evaluate("default", ...) read and checked the file again.
    import shutil

    from edusummary.model import shipped

    path = tmp_path / "default.esm"
    shutil.copyfile(shipped.default_model_path(), path)
    monkeypatch.setattr(shipped, "default_model_path", lambda: path)
    monkeypatch.setattr(shipped, "_shipped", None, raising=False)
    reads = []
    load = edusummary.Model.load.__func__
    monkeypatch.setattr(edusummary.Model, "load",
                        classmethod(lambda cls, p: reads.append(p) or load(cls, p)))
    texts = ["全县新建公办幼儿园三所，新增学前学位九百个，普惠性幼儿园覆盖率达到九成。"]
    first, second = edusummary.load_model(), edusummary.load_model("default")
    edusummary.evaluate("default", [(texts[0], "preschool")], include_trained=True)
    tagger = edusummary.Tagger()
    assert tagger.tag(texts[0]).paragraphs[0].label == "preschool"
    assert reads == [path]
    first.metadata["review"]["threshold"] = 0.99
    first.temperature = 5.0
    assert second.metadata["review"]["threshold"] < 0.99 and second.temperature != 5.0
    for array in (first.coef, first.intercept, first.features.idf):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
    assert second.predict(texts) == tagger.model.predict(texts)

    small_model.save(path)  # retrained into the file: read again, and reset() reloads it
    size = small_model.features.n_features
    assert edusummary.load_model().features.n_features == size
    assert tagger.model.features.n_features != size
    tagger.reset()
    assert tagger.model.features.n_features == size
    assert len(reads) == 2


def test_explain_shows_terms_as_the_text_has_them():
    model = edusummary.load_model()
    # Figures and traditional characters, which the model reads as 0 and simplified.
    text = "全縣新建幼兒園3所，改擴建幼兒園5所，學前三年毛入園率達到93.6%。"
    terms = [term for found in model.explain(text, top=None).values() for term, _ in found]
    assert "園" in terms and "园" not in terms
    assert not [term for term in terms if "0" in term]
    # One term in several forms names each; every form is in the text.
    for term in terms:
        for word in term.removeprefix("w:").split("+"):
            assert all(form in text for form in word.split("/")), term
    assert "園3/園5" in terms
