"""The seven objections of §9 with their prepared answers, in both languages."""

from django.db import migrations

OBJECTIONS = [
    (
        1,
        "“Send me some material”",
        "“给我寄点资料吧”",
        "Say material was already sent and may have been lost on the way; offer to bring it in person and propose a visit at a set date and time.",
        "说明资料已经寄过，可能在途中遗失了；提出亲自送去，并约定具体的拜访日期和时间。",
    ),
    (
        2,
        "“We do that in-house”",
        "“我们自己内部做”",
        "To a middle manager: we complement your in-house work and raise its efficiency. To a senior manager: we lower your total cost and raise the return. Propose a meeting.",
        "对中层经理：我们是对内部工作的补充，能提高效率；对高层经理：我们能降低总成本、提高回报。提出会面。",
    ),
    (
        3,
        "“We already have a supplier”",
        "“我们已经有供应商了”",
        "We complement your main supplier; a customer who already buys in this category is a better prospect for us. Propose a meeting.",
        "我们可以作为主要供应商的补充；已经在采购这一类产品的客户正是我们更好的合作对象。提出会面。",
    ),
    (
        4,
        "“I'm not the person responsible”",
        "“我不负责这件事”",
        "Ask for the responsible person's name and number; apologise for the trouble and ask to be transferred.",
        "请教负责人的姓名和电话；为打扰致歉，并请对方帮忙转接。",
    ),
    (
        5,
        "“No budget”",
        "“没有预算”",
        "Others felt the same before working with us; now is the best time to build the relationship, before the budget is set. Propose a meeting.",
        "其他客户合作前也有同样的情况；在预算确定之前，正是建立关系的最好时机。提出会面。",
    ),
    (
        6,
        "“Your price is too high”",
        "“你们的价格太高了”",
        "Price is relative: show the value and the lowest total cost, not the lowest price.",
        "价格是相对的：展示价值和最低的总成本，而不是最低的价格。",
    ),
    (
        7,
        "“We used you before and were unhappy”",
        "“我们以前用过你们，不满意”",
        "Let them vent; acknowledge the problem, make amends, and propose a meeting to show what has changed.",
        "让对方把不满说出来；承认问题，做出弥补，并提出会面，展示我们的改进。",
    ),
]


def create_objections(apps, schema_editor):
    Objection = apps.get_model("playbook", "Objection")
    for number, title_en, title_zh, answer_en, answer_zh in OBJECTIONS:
        Objection.objects.get_or_create(
            number=number,
            defaults={
                "title_en": title_en,
                "title_zh": title_zh,
                "answer_en": answer_en,
                "answer_zh": answer_zh,
            },
        )


def remove_objections(apps, schema_editor):
    apps.get_model("playbook", "Objection").objects.filter(
        number__in=[o[0] for o in OBJECTIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("playbook", "0002_objection")]
    operations = [migrations.RunPython(create_objections, remove_objections)]
