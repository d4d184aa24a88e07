import pytest

from edusummary.text.tokenizing import Tokenizer, normalize, stop_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("入园率达到95.3%", "入园率达到0%"),
        ("投入资金1,200万元", "投入资金0万元"),
        ("20XX年", "0年"),
        ("xx县新建学校**所", "0县新建学校0所"),
        ("巩固率xx.x%", "巩固率0%"),
        ("全角数字９５％", "全角数字0%"),
        ("PPT课件和Excel表格", "PPT课件和Excel表格"),
    ],
)
def test_figures_and_placeholders_are_folded(text, expected):
    assert normalize(text) == expected


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer()


@pytest.mark.parametrize("term", ["学前三年", "控辍保学", "大班额", "校本教研", "立德树人"])
def test_domain_terms_stay_whole(tokenizer, term):
    assert term in tokenizer.cut(f"我县扎实推进{term}工作，取得明显成效。")


def test_stop_words_and_punctuation_are_dropped(tokenizer):
    words = tokenizer.cut("我们进一步加强了校本教研，并且开展了听评课活动。")
    assert "校本教研" in words
    assert not {"的", "了", "进一步", "，", "。"} & set(words)
    assert not set(words) & stop_words()


def test_figures_become_one_token(tokenizer):
    assert tokenizer.cut("毛入园率95.3%") == tokenizer.cut("毛入园率xx.x%")


def test_loading_jieba_prints_nothing(capsys):
    Tokenizer().cut("全面落实控辍保学责任。")
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_traditional_characters_are_read_as_simplified():
    assert normalize("學前教育發展與義務教育均衡") == "学前教育发展与义务教育均衡"
    assert len(normalize("學園")) == 2


def test_a_traditional_report_gets_the_labels_of_its_simplified_twin():
    import edusummary

    simplified = [
        "全县新建公办幼儿园五所，学前三年毛入园率达到百分之九十三。",
        "深化课堂教学改革，推广导学案教学模式，开展校本教研活动。",
        "坚持立德树人，开展爱国主义教育和养成教育，家长学校覆盖全部学校。",
    ]
    traditional = [
        "全縣新建公辦幼兒園五所，學前三年毛入園率達到百分之九十三。",
        "深化課堂教學改革，推廣導學案教學模式，開展校本教研活動。",
        "堅持立德樹人，開展愛國主義教育和養成教育，家長學校覆蓋全部學校。",
    ]
    assert edusummary.predict(traditional) == edusummary.predict(simplified)
