"""Official-register boilerplate, for training copies whose style says nothing of their topic.

Real reports wrap every topic in the phrases of government documents (进一步, 切实, 不断,
认真贯彻落实……精神, 取得了明显成效); the paragraphs written for ``data/`` use them far
less, so a model trained on them alone learns the phrases as signs of ``other``. LABELS.md
says style does not decide the label: training on each record a second time with such
phrases added, under the same label, teaches the model to weigh them as nothing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

#: Adverbs that open a clause of the register.
ADVERBS = (
    "进一步", "切实", "不断", "努力", "全面", "扎实", "积极", "认真", "大力", "着力",
    "坚决", "有效", "依法", "广泛", "精心", "严格",
)
#: Openers of a paragraph.
OPENERS = (
    "认真贯彻落实上级决策部署，",
    "按照县委、县政府的统一部署，",
    "坚持以人民为中心的发展思想，",
    "在上级部门的正确领导下，",
    "紧紧围绕年度目标任务，",
    "为进一步贯彻落实有关文件精神，",
    "根据上级有关要求，",
    "坚持稳中求进工作总基调，",
    "在县委、县政府的坚强领导下，",
    "按照年初确定的工作思路，",
    "以办人民满意的教育为目标，",
    "坚持教育优先发展战略，",
)
#: Clauses that close a paragraph's last sentence.
CLOSERS = (
    "，取得了明显成效",
    "，确保各项工作落到实处",
    "，为推动教育高质量发展奠定坚实基础",
    "，各项工作取得新进展",
    "，努力办好人民满意的教育",
    "，收到了良好效果",
    "，受到社会各界广泛好评",
    "，推动教育事业健康发展",
)
#: Where a clause starts: after a comma, semicolon or full stop, at a Chinese character.
_CLAUSE_START = re.compile(r"(?<=[，；。])(?=[\u4e00-\u9fff])")


def with_boilerplate(
    text: str,
    rng: random.Random,
    adverbs: Sequence[str] = ADVERBS,
    openers: Sequence[str] = OPENERS,
    closers: Sequence[str] = CLOSERS,
) -> str:
    """``text`` with one to three of its clauses opened by one of ``adverbs`` and, at
    random, one of ``openers`` before it and one of ``closers`` ending its last sentence."""
    starts = [match.start() for match in _CLAUSE_START.finditer(text)]
    for at in sorted(rng.sample(starts, min(len(starts), rng.randint(1, 3))), reverse=True):
        text = text[:at] + rng.choice(adverbs) + text[at:]
    if rng.random() < 0.5:
        text = rng.choice(openers) + text
    if rng.random() < 0.4 and text[-1:] in ("。", "；"):
        text = text[:-1] + rng.choice(closers) + text[-1]
    return text
