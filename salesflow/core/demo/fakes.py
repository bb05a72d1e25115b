"""Seeded sources of randomness and names: one random.Random for structure, one Faker per locale.

Every draw goes through these three objects in a fixed order, so one seed gives one data set.
"""

import math
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from faker import Faker

from salesflow.core.demo.geography import City

# (industry as recorded on the account, the word in a Chinese company name, the word in an English one)
INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("智能制造", "智能装备", "Smart Manufacturing"),
    ("汽车零部件", "汽车部件", "Auto Parts"),
    ("电子信息", "电子", "Electronics"),
    ("医药健康", "医药", "Pharmaceutical"),
    ("化工新材料", "新材料", "Advanced Materials"),
    ("能源电力", "能源", "Energy"),
    ("物流供应链", "物流", "Logistics"),
    ("零售连锁", "商贸", "Retail"),
    ("建筑工程", "建设工程", "Engineering"),
    ("食品饮料", "食品", "Food"),
    ("通信", "通信技术", "Telecom"),
    ("钢铁冶金", "钢铁", "Steel"),
    ("机械设备", "机械", "Machinery"),
    ("软件与信息服务", "软件", "Software"),
    ("金融服务", "金融服务", "Financial Services"),
)

# Syllables of Chinese trade names (字号), mixed with Faker's own zh_CN company prefixes.
BRAND_SYLLABLES = (
    "华宏鑫泰恒达瑞昌兴盛博远卓越天海中安新金德永嘉康诚信通联创明晨光益丰利源正宇"
    "汇捷凯隆顺威亿腾睿智科美锦润鼎辰星航力合众和广盈祥佳飞云峰"
)
# Words Faker's zh_CN prefixes sometimes end in; a trade name stands before the industry word.
PREFIX_NOISE = re.compile(r"(国际公司|公司|电子|信息|软件|计算机|科技|数字|电脑)$")
CHINESE_FORMS = ("有限公司", "有限公司", "股份有限公司", "有限责任公司")
ENGLISH_SUFFIX = re.compile(r",? (Inc|LLC|Ltd|PLC|Group|and Sons)$")


@dataclass
class DemoRandom:
    seed: int
    rng: random.Random = field(init=False)
    zh: Faker = field(init=False)
    en: Faker = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.zh = Faker("zh_CN")
        self.zh.seed_instance(self.seed)
        self.en = Faker("en_US")
        self.en.seed_instance(self.seed + 1)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def log_uniform(self, low: float, high: float) -> float:
        return math.exp(self.rng.uniform(math.log(low), math.log(high)))

    def yuan(self, low: float, high: float) -> Decimal:
        """An amount between low and high, rounded to ten thousand yuan (万元) as reports give it."""
        return Decimal(round(self.log_uniform(low, high), -4)).quantize(Decimal("0.01"))

    def person_name(self, *, english: bool) -> tuple[str, str]:
        """(given name, family name)."""
        if english:
            return self.en.first_name(), self.en.last_name()
        return self.zh.first_name(), self.zh.last_name()

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    # --- company names --------------------------------------------------------------------

    def trade_name(self) -> str:
        if self.chance(0.3):
            prefix = PREFIX_NOISE.sub("", self.zh.company_prefix())
            if len(prefix) >= 2 and prefix.isalpha() and not prefix.isascii():
                return prefix
        return self.rng.choice(BRAND_SYLLABLES) + self.rng.choice(BRAND_SYLLABLES)

    def chinese_company(self, *, city: City, industry_word: str) -> str:
        return f"{city.name}{self.trade_name()}{industry_word}{self.rng.choice(CHINESE_FORMS)}"

    def chinese_group(self, *, industry_word: str) -> str:
        return f"{self.trade_name()}{industry_word}集团有限公司"

    def english_company(self, *, city: City, industry_word: str) -> str:
        return f"{self.en.last_name()} {industry_word} ({city.name_en}) Co., Ltd."

    def english_group(self) -> str:
        return self.en.company()

    def chinese_domain(self) -> str:
        """A pinyin-looking domain; Faker sometimes offers one like "83.cn", which no company uses."""
        domain = self.zh.domain_name()
        for _attempt in range(10):
            label = domain.split(".")[0]
            if label.isalpha() and len(label) >= 4:
                break
            domain = self.zh.domain_name()
        return domain


def chinese_subsidiary(*, group_name: str, city: City) -> str:
    """华泰能源集团有限公司 → 华泰能源（成都）有限公司."""
    base = group_name.removesuffix("集团有限公司")
    return f"{base}（{city.name}）有限公司"


def english_subsidiary(*, group_name: str, city: City) -> str:
    """Carroll Inc → Carroll (Chengdu) Co., Ltd."""
    base = ENGLISH_SUFFIX.sub("", group_name)
    return f"{base} ({city.name_en}) Co., Ltd."


def web_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())[:30] or "company"
