"""edusummary.EdusummaryClassifier: a scikit-learn estimator for those who tune."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

import edusummary
from edusummary import EdusummaryClassifier

# Written for these tests: ten short paragraphs for each of three topics.
PARAGRAPHS = {
    "preschool": [
        "今年新建公办幼儿园三所，学前三年毛入园率达到百分之九十一。",
        "扩大普惠性学前教育资源，认定普惠性民办幼儿园十二所。",
        "开展幼儿园保教质量评估，纠正小学化倾向，推广游戏化教学。",
        "改扩建乡镇中心幼儿园五所，新增学前教育学位一千二百个。",
        "落实学前教育资助政策，资助家庭困难幼儿八百余人次。",
        "加强幼儿园安全管理，所有幼儿园均配备专职保安和监控设备。",
        "组织幼儿园园长和骨干教师赴省城跟岗学习，提升办园水平。",
        "整治无证幼儿园和看护点，全年取缔不合格办园点六个。",
        "推进村级幼儿园建设，实现每个行政村都有一所幼儿园的目标。",
        "举办全县幼儿园自制玩教具评比，评出一等奖作品二十件。",
    ],
    "teaching_reform": [
        "深化课堂教学改革，推广小组合作学习模式，举办课改观摩会三次。",
        "健全三级教研网络，教研员每学期到校听评课不少于六十节。",
        "开展大单元教学专题研究，优秀教学设计在全县推广使用。",
        "立项市级教育科研课题九项，结题课题成果获市级奖励四项。",
        "推进作业设计改革，各校建立分层作业库，减轻学生课业负担。",
        "组织青年教师课堂教学大赛，评出优质课八十节并录制展播。",
        "实施集体备课制度，各学科每周开展一次主题教研活动。",
        "开展信息技术与学科教学融合应用，建成智慧课堂教室四十间。",
        "推行导学案教学模式，课堂由教师讲授为主转向学生自主探究。",
        "建立教学质量监测制度，每学期对各校教学质量进行分析反馈。",
    ],
    "other": [
        "开展校园安全隐患大排查，整改消防和用电隐患三十余处。",
        "加强教育系统党风廉政建设，开展作风纪律专项整治活动。",
        "全年教育总投入三点六亿元，按时足额拨付生均公用经费。",
        "落实校车安全管理制度，全部校车安装动态监控并定期检查。",
        "开展食堂食品安全专项检查，推行明厨亮灶和校长陪餐制度。",
        "今年高考本科上线人数创历史新高，中考成绩位居全市前列。",
        "规范学校财务管理，对二十所学校开展经费使用专项审计。",
        "做好防溺水宣传教育，签订安全责任书，全年未发生安全事故。",
        "推进职业教育发展，职教中心新开设电子商务和护理专业。",
        "加强教育督导，对全县中小学开展办学行为专项督导检查。",
    ],
}
TEXTS = [text for texts in PARAGRAPHS.values() for text in texts]
LABELS = [label for label, texts in PARAGRAPHS.items() for _ in texts]
NEW = [
    "新建公办幼儿园两所，学前教育普惠率继续提高。",
    "各校开展课堂教学改革和教研活动，推广合作学习。",
    "排查校园安全隐患，整改消防设施和校车隐患。",
]


@pytest.fixture(scope="module")
def fitted():
    return EdusummaryClassifier(min_df=1).fit(TEXTS, LABELS)


def test_fit_predict_and_predict_proba(fitted):
    assert list(fitted.classes_) == sorted(PARAGRAPHS)
    assert list(fitted.predict(NEW)) == ["preschool", "teaching_reform", "other"]
    proba = fitted.predict_proba(NEW)
    assert proba.shape == (3, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    # Columns follow classes_, not the model's own label order.
    assert list(fitted.classes_[proba.argmax(axis=1)]) == list(fitted.predict(NEW))
    assert fitted.score(TEXTS, LABELS) == 1.0


def test_the_fitted_model_tags_reports(fitted, tmp_path):
    path = fitted.model_.save(tmp_path / "tuned.esm")
    report = edusummary.Tagger(path).tag("\n\n".join(NEW))
    assert [p.label for p in report.paragraphs] == ["preschool", "teaching_reform", "other"]


def test_params_and_clone():
    estimator = EdusummaryClassifier(C=1.0, min_df=1)
    params = estimator.get_params()
    assert set(edusummary.TrainingSettings.fields()) <= set(params)
    assert params["C"] == 1.0 and params["calibrate"] is False
    assert estimator.set_params(C=3.0) is estimator and estimator.C == 3.0
    copy = clone(estimator)
    assert copy.get_params() == estimator.get_params()
    assert not hasattr(copy, "model_")


def test_grid_search_and_clone_of_a_fitted_estimator(fitted):
    search = GridSearchCV(EdusummaryClassifier(min_df=1), {"C": [1, 3]}, cv=2)
    search.fit(TEXTS, LABELS)
    assert search.best_params_["C"] in (1, 3)
    assert list(search.predict(NEW)) == ["preschool", "teaching_reform", "other"]
    assert not hasattr(clone(fitted), "model_")


def test_in_a_pipeline_and_cross_val_score():
    pipeline = Pipeline([
        ("strip", FunctionTransformer(lambda texts: [t.strip() for t in texts])),
        ("classify", EdusummaryClassifier(min_df=1)),
    ])
    scores = cross_val_score(pipeline, TEXTS, LABELS, cv=2)
    assert scores.mean() >= 0.6


def test_calibrated_fit():
    estimator = EdusummaryClassifier(min_df=1, calibrate=True, folds=2).fit(TEXTS, LABELS)
    assert "cross_validation" in estimator.model_.metadata
    assert list(estimator.predict(NEW)) == ["preschool", "teaching_reform", "other"]


def test_labels_that_are_numbers():
    numbers = [list(PARAGRAPHS).index(label) for label in LABELS]
    estimator = EdusummaryClassifier(min_df=1).fit(TEXTS, numbers)
    assert list(estimator.classes_) == [0, 1, 2]
    assert list(estimator.predict(NEW)) == [0, 1, 2]


def test_predict_before_fit():
    with pytest.raises(NotFittedError):
        EdusummaryClassifier().predict(NEW)


BAD_FITS = [
    # parameters, X, y, error, message fragment
    pytest.param({"C": 0}, TEXTS, LABELS, ValueError, "C must be a positive number", id="C"),
    pytest.param({"min_df": 0}, TEXTS, LABELS, ValueError, "min_df must be a positive int",
                 id="min_df"),
    pytest.param({"char_ngrams": (3, 1)}, TEXTS, LABELS, ValueError, "char_ngrams must be",
                 id="char_ngrams"),
    pytest.param({"class_weight": "auto"}, TEXTS, LABELS, ValueError, "class_weight must be",
                 id="class_weight"),
    pytest.param({}, TEXTS, LABELS[:-1], ValueError, "one label per paragraph", id="short-y"),
    pytest.param({}, TEXTS[0], LABELS[:1], TypeError, "got a single str", id="one-string"),
    pytest.param({}, TEXTS, ["other"] * 30, edusummary.DataError, "at least two labels",
                 id="one-label"),
    # Rows not labelled yet: never a topic called "nan".
    pytest.param({}, TEXTS, [None, *LABELS[1:]], ValueError, r"1 missing labels .* \[0\]",
                 id="None-label"),
    pytest.param({}, TEXTS, [*LABELS[:-1], float("nan")], ValueError, "missing labels",
                 id="NaN-label"),
    pytest.param({}, TEXTS, ["other", "other ", *LABELS[2:]], ValueError,
                 "differ only in blanks", id="blank-twins"),
    # A paragraph has several labels, but a row of an indicator matrix raised numpy's
    # "truth value of an array ... is ambiguous".
    pytest.param({}, TEXTS, np.eye(3, dtype=int)[[i // 10 for i in range(30)]], ValueError,
                 r"y has shape \(30, 3\): multi-label y .* not supported; pass the primary label",
                 id="indicator-matrix"),
    pytest.param({}, TEXTS, [[label] for label in LABELS[:-1]] + [["other", "preschool"]],
                 ValueError, "y holds lists: multi-label y", id="lists-of-labels"),
]


@pytest.mark.parametrize(("params", "X", "y", "error", "message"), BAD_FITS)
def test_bad_fits(params, X, y, error, message):
    with pytest.raises(error, match=message):
        EdusummaryClassifier(**params).fit(X, y)


def test_a_label_with_blanks_around_it_stays_a_class():
    # An Excel cell typed "other " is a label like any other: it must stay predictable.
    labels = [label + " " if label == "other" else label for label in LABELS]
    estimator = EdusummaryClassifier(min_df=1).fit(TEXTS, labels)
    assert list(estimator.classes_) == ["other ", "preschool", "teaching_reform"]
    assert list(estimator.predict(NEW)) == ["preschool", "teaching_reform", "other "]
    assert np.allclose(estimator.predict_proba(NEW).sum(axis=1), 1)


def test_a_series_of_labels_with_a_missing_one_is_refused_by_name():
    pd = pytest.importorskip("pandas")
    labels = pd.Series(LABELS, dtype=object)
    labels[3] = np.nan
    with pytest.raises(ValueError, match=r"missing labels .* \[3\]"):
        EdusummaryClassifier(min_df=1).fit(pd.Series(TEXTS), labels)


def test_a_one_column_frame_is_its_column_and_two_columns_are_refused(fitted):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"text": NEW, "note": ["甲", "乙", "丙"]})
    assert list(fitted.predict(frame[["text"]])) == list(fitted.predict(NEW))
    assert len(edusummary.predict(frame[["text"]])) == 3
    with pytest.raises(TypeError, match=r"one column of texts, got a DataFrame of shape \(3, 2\)"):
        fitted.predict(frame)
    with pytest.raises(TypeError, match="got a dict; pass its values"):
        fitted.model_.predict({"a": NEW[0], "b": NEW[1]})


def test_a_grid_of_numpy_numbers():
    search = GridSearchCV(
        EdusummaryClassifier(), {"min_df": np.arange(1, 3), "C": np.array([1, 10], np.float32)},
        cv=2, error_score="raise",
    ).fit(TEXTS, LABELS)
    settings = search.best_estimator_.model_.metadata["settings"]
    assert type(settings["min_df"]) is int and type(settings["C"]) is float


def test_a_seed_of_numpy_integers_and_one_of_another_type(tmp_path):
    # A grid over seed or a loop over np.arange fitted, and model_.save() then failed.
    search = GridSearchCV(EdusummaryClassifier(min_df=1), {"seed": np.arange(2)}, cv=2,
                          error_score="raise").fit(TEXTS, LABELS)
    model = search.best_estimator_.model_
    assert type(model.metadata["seed"]) is int
    assert edusummary.load_model(model.save(tmp_path / "m.esm")).labels == model.labels
    with pytest.raises(TypeError, match="seed must be an int, got RandomState"):
        EdusummaryClassifier(seed=np.random.RandomState(0)).fit(TEXTS, LABELS)


def test_a_label_whose_paragraphs_are_all_too_short_stays_a_class_and_is_said():
    # classes_ lost the label, so that scorers found fewer columns than labels, and the
    # warning, shown at a line of the library, said no sample carried it.
    X = [*TEXTS, "开展校园安全教育。", "举办消防疏散演练。", "排查校舍隐患。"]
    y = [*LABELS, "safety", "safety", "safety"]
    with pytest.warns(edusummary.EdusummaryWarning) as caught:
        estimator = EdusummaryClassifier(min_df=1).fit(X, y)
    messages = [str(w.message) for w in caught]
    assert any(m.startswith("every paragraph labelled 'safety' (3 rows) has fewer than 15 "
                            "Chinese characters") for m in messages), messages
    assert not any("no sample carries" in m for m in messages)
    assert {w.filename for w in caught} == {__file__}
    assert list(estimator.classes_) == list(np.unique(y))
    probabilities = estimator.predict_proba(NEW)
    assert probabilities.shape == (3, 4)
    assert (probabilities[:, list(estimator.classes_).index("safety")] == 0).all()
    assert np.allclose(probabilities.sum(axis=1), 1)
    assert list(estimator.predict(NEW)) == ["preschool", "teaching_reform", "other"]
    from sklearn.model_selection import StratifiedKFold

    scores = cross_val_score(EdusummaryClassifier(min_df=1), X, y, scoring="neg_log_loss",
                             cv=StratifiedKFold(3, shuffle=True, random_state=0),
                             error_score="raise")
    assert np.isfinite(scores).all()


def test_a_fitted_estimator_where_a_model_is_wanted_says_to_pass_its_model(fitted):
    samples = list(zip(NEW, LABELS[::10], strict=True))
    for call in (edusummary.Tagger, edusummary.use_model,
                 lambda model: edusummary.evaluate(model, samples)):
        with pytest.raises(TypeError, match=r"model must be a Model, a model file or 'default', "
                           r"got EdusummaryClassifier: .*; pass the model it fitted, "
                           r"model=estimator\.model_"):
            call(fitted)
    with pytest.raises(TypeError, match=r"got EdusummaryClassifier: EdusummaryClassifier\(\)$"):
        edusummary.Tagger(EdusummaryClassifier())  # nothing fitted to pass


def test_topics_written_by_their_chinese_names_are_their_ids_to_the_model():
    # The model's labels were 学前教育 ...: with no "other", a paragraph of no Chinese was
    # labelled with the first label, and evaluate() on the same labels raised.
    chinese = {"preschool": "学前教育", "teaching_reform": "教学改革", "other": "其它"}
    y = [chinese[label] for label in LABELS]
    estimator = EdusummaryClassifier(min_df=1).fit(TEXTS, y)
    assert estimator.model_.labels == ("preschool", "teaching_reform", "other")
    assert list(estimator.classes_) == sorted(chinese.values())
    assert list(estimator.predict(NEW)) == ["学前教育", "教学改革", "其它"]
    english = "The bureau held a meeting on school safety with all principals."
    paragraph = edusummary.Tagger(estimator.model_).tag(english).paragraphs[0]
    assert paragraph.label == "other" and "not_chinese" in paragraph.flags
    pd = pytest.importorskip("pandas")
    sheet = pd.DataFrame({"text": TEXTS, "label": y})  # read as a sheet, names and all
    assert edusummary.evaluate(estimator.model_, sheet, include_trained=True).n == 30
    with pytest.raises(ValueError, match=r"y has labels that name one topic: \['Preschool', "
                       r"'preschool'\]; write each topic one way"):
        EdusummaryClassifier(min_df=1).fit(TEXTS, ["Preschool", *LABELS[1:]])


def test_a_pandas_na_label_is_a_missing_label():
    pd = pytest.importorskip("pandas")
    labels = pd.Series(LABELS, dtype="string")
    labels[5] = pd.NA
    with pytest.raises(ValueError, match=r"missing labels .* \[5\]"):
        EdusummaryClassifier(min_df=1).fit(TEXTS, labels)
