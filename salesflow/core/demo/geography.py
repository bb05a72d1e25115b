"""Sales regions and their cities: names, administrative division codes and telephone area codes."""

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    name_en: str
    division_code: str  # first four digits of the administrative division code (行政区划代码)
    area_code: str


@dataclass(frozen=True)
class Region:
    name: str
    cities: tuple[City, ...]


# The first four are the regions every demo has; larger demos add the rest in this order.
REGIONS: tuple[Region, ...] = (
    Region(
        "华东",
        (
            City("上海", "Shanghai", "3101", "021"),
            City("杭州", "Hangzhou", "3301", "0571"),
            City("南京", "Nanjing", "3201", "025"),
            City("苏州", "Suzhou", "3205", "0512"),
            City("宁波", "Ningbo", "3302", "0574"),
            City("合肥", "Hefei", "3401", "0551"),
            City("济南", "Jinan", "3701", "0531"),
            City("青岛", "Qingdao", "3702", "0532"),
        ),
    ),
    Region(
        "华北",
        (
            City("北京", "Beijing", "1101", "010"),
            City("天津", "Tianjin", "1201", "022"),
            City("石家庄", "Shijiazhuang", "1301", "0311"),
            City("太原", "Taiyuan", "1401", "0351"),
            City("呼和浩特", "Hohhot", "1501", "0471"),
        ),
    ),
    Region(
        "华南",
        (
            City("广州", "Guangzhou", "4401", "020"),
            City("深圳", "Shenzhen", "4403", "0755"),
            City("东莞", "Dongguan", "4419", "0769"),
            City("佛山", "Foshan", "4406", "0757"),
            City("厦门", "Xiamen", "3502", "0592"),
            City("福州", "Fuzhou", "3501", "0591"),
            City("南宁", "Nanning", "4501", "0771"),
        ),
    ),
    Region(
        "西南",
        (
            City("成都", "Chengdu", "5101", "028"),
            City("重庆", "Chongqing", "5001", "023"),
            City("昆明", "Kunming", "5301", "0871"),
            City("贵阳", "Guiyang", "5201", "0851"),
        ),
    ),
    Region(
        "华中",
        (
            City("武汉", "Wuhan", "4201", "027"),
            City("长沙", "Changsha", "4301", "0731"),
            City("郑州", "Zhengzhou", "4101", "0371"),
            City("南昌", "Nanchang", "3601", "0791"),
        ),
    ),
    Region(
        "西北",
        (
            City("西安", "Xi'an", "6101", "029"),
            City("兰州", "Lanzhou", "6201", "0931"),
            City("银川", "Yinchuan", "6401", "0951"),
            City("乌鲁木齐", "Urumqi", "6501", "0991"),
        ),
    ),
    Region(
        "东北",
        (
            City("沈阳", "Shenyang", "2101", "024"),
            City("大连", "Dalian", "2102", "0411"),
            City("长春", "Changchun", "2201", "0431"),
            City("哈尔滨", "Harbin", "2301", "0451"),
        ),
    ),
)


def chinese_number(n: int) -> str:
    """一 … 九十九 for team names; larger numbers stay in digits."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    head = "" if tens == 1 else digits[tens]
    return f"{head}十{digits[ones] if ones else ''}"
