"""The three processes every install starts with: the eight-step advancement process (default,
as the table in §1 of the method), the standard ten-step process and the simple prospecting process."""

from django.db import migrations

# (number, name_en, name_zh, customer_en, customer_zh, funnel, buying, probability,
#  requires_full_qualification, [(milestone_en, milestone_zh)], [goals (en, zh)], [actions (en, zh)])
PREPARE_GOALS = [
    ("Find the customer's main business problems and latent needs", "找出客户的主要业务问题和潜在需求"),
    ("Plan the strategy", "制定策略"),
]
PREPARE_ACTIONS = [
    ("Research the prospect and its strategic goals", "研究潜在客户及其战略目标"),
    ("Identify the key people and map the relationship network", "识别关键人物，绘制关系网络"),
    ("Identify org structure, decision procedure and roles", "弄清组织结构、决策程序和角色"),
    ("Find the entry point", "找到切入点"),
    ("Research competitors", "研究竞争对手"),
    ("Write a strategic sales plan and set expected goals", "撰写战略销售计划，设定预期目标"),
]
CONTACT_GOALS = [
    ("Build rapport and interest; leave a strong impression", "建立融洽关系和兴趣，留下深刻印象"),
    ("Confirm the needs", "确认需求"),
]
CONTACT_ACTIONS = [
    ("Build rapport and listen", "建立融洽关系，倾听"),
    ("Confirm and clarify needs", "确认并澄清需求"),
    (
        "Earn trust: show expertise, knowledge of their business and ideas for their problem",
        "展示专业知识、对其业务的了解和解决问题的思路，赢得信任",
    ),
    ("Secure an inside coach (ally)", "搞定线人（同盟者）"),
]
PROBE_GOALS = [
    ("Verify information; probe all needs and why they arose", "核实信息，探询全部需求及其成因"),
    ("Propose an initial solution", "提出初步方案"),
    ("Lead the customer to our purchase criteria", "引导客户采用我们的采购标准"),
]
PROBE_ACTIONS = [
    ("Discuss present and future needs; tie needs to our solution", "讨论当前和未来需求，将需求与我们的方案挂钩"),
    ("Clarify the decision procedure and shape the criteria", "弄清决策程序，影响采购标准"),
    ("Meet the other decision makers", "拜访其他决策者"),
    ("Agree next steps", "约定下一步"),
    ("Differentiate from competitors", "与竞争对手形成差异"),
]
PRESENT_GOALS = [
    ("Present the solution in detail", "详细介绍方案"),
    ("Deepen trust; propose a future plan", "加深信任，提出未来计划"),
]
PRESENT_ACTIONS = [
    ("Write the proposal around their problems and our strengths", "围绕客户问题和我们的优势撰写方案"),
    ("Lead with benefits (FAB)", "以利益为先（FAB）"),
    ("Handle objections", "处理异议"),
    ("Prepare the negotiation", "准备谈判"),
]
CLOSE_GOALS = [
    ("Agreement and commitment; next steps", "达成一致，获得承诺，明确下一步"),
]
CLOSE_ACTIONS = [
    ("Get next-step commitments and set key work points", "获得下一步承诺，确定工作要点"),
    ("Find and meet anyone else who can sway the decision", "找到并拜访其他能影响决策的人"),
    ("Win approval of the solution; negotiate", "使方案获批，进行谈判"),
    ("Get the contract. Do not relax until paid", "拿到合同。回款之前不要松懈"),
]
FOLLOW_GOALS = [
    ("Execute and monitor the agreement; satisfaction; on-time collection", "执行并监控协议，确保满意和按时回款"),
]
FOLLOW_ACTIONS = [
    ("Follow delivery and collect receivables", "跟进交付，回收应收账款"),
    ("Ask for referrals and look for further business", "请求推荐，寻找更多业务"),
    ("Analyse the sale and share lessons", "分析本次销售，分享经验"),
]

EIGHT_STEP = [
    (1, "Project initiation", "项目立项", "Finds a problem, states a need", "发现问题，提出需求", "search", "intent", 10, False,
     [("Project analysed", "分析项目"), ("Initiation approved internally", "立项通过")], PREPARE_GOALS, PREPARE_ACTIONS),
    (2, "Initial contact", "初步接触", "Analyses, sets a budget", "分析研讨，确定预算", "search", "research", 20, False,
     [("On-site visit done", "上门拜访"), ("Inside informant (coach) secured", "搞定线人")], CONTACT_GOALS, CONTACT_ACTIONS),
    (3, "Solution design", "方案设计", "Project approved, team formed", "项目立项，组建小组", "in_funnel", "research", 30, True,
     [("Solution written", "完成方案"), ("Key information obtained", "获得信息")], PROBE_GOALS, PROBE_ACTIONS),
    (4, "Capability demonstration", "业绩展示", "Sets criteria, fixes goals", "建立标准，稳定目标", "in_funnel", "preselection", 40, False,
     [("Strength shown", "实力展示"), ("Technical preference for us", "技术倾向")], PRESENT_GOALS, PRESENT_ACTIONS),
    (5, "Solution confirmation", "方案确认", "Decides on tender, first screening", "确定招标，初步筛选", "in_funnel", "preselection", 50, False,
     [("Solution confirmed", "方案确认"), ("Technical clearance", "技术通关")], PRESENT_GOALS, PRESENT_ACTIONS),
    (6, "Project evaluation", "项目评估", "Picks a preferred supplier, screens suppliers", "认准首选，筛供应商", "best", "comparison", 60, False,
     [("Needs fully mined", "需求挖掘"), ("Senior management leans to us", "高层倾向")], CLOSE_GOALS, CLOSE_ACTIONS),
    (7, "Business negotiation", "商务谈判", "Negotiates", "合作谈判", "best", "decision", 80, False,
     [("Negotiation held", "合作谈判"), ("Preliminary result", "初步结果")], CLOSE_GOALS, CLOSE_ACTIONS),
    (8, "Contract signing", "签约成交", "Signs", "签约", "best", "decision", 90, False,
     [("Contract signed", "签约成交")], CLOSE_GOALS, CLOSE_ACTIONS),
]

TEN_STEP = [
    (1, "Customer analysis", "客户分析", "", "", "search", "intent", 5, False,
     [("Target customer analysed", "完成目标客户分析")], PREPARE_GOALS, PREPARE_ACTIONS),
    (2, "Prospect development", "客户开发", "", "", "search", "research", 10, False,
     [("First meeting held", "完成首次会面")], CONTACT_GOALS, CONTACT_ACTIONS),
    (3, "Needs confirmation", "需求确认", "", "", "in_funnel", "research", 25, False,
     [("Needs confirmed with the customer", "与客户确认需求")], PROBE_GOALS, PROBE_ACTIONS),
    (4, "Product presentation and demo", "产品介绍与演示", "", "", "in_funnel", "preselection", 40, False,
     [("Presentation or demo given", "完成产品介绍或演示")], PRESENT_GOALS, PRESENT_ACTIONS),
    (5, "Quotation and negotiation", "报价与谈判", "", "", "in_funnel", "comparison", 60, False,
     [("Quotation accepted in principle", "报价原则上被接受")], CLOSE_GOALS, CLOSE_ACTIONS),
    (6, "Contract signing", "签订合同", "", "", "best", "decision", 80, False,
     [("Contract signed", "合同签订")], CLOSE_GOALS, CLOSE_ACTIONS),
    (7, "Order processing and tracking", "订单处理与跟踪", "", "", "best", "use", 90, False,
     [("Order delivered", "订单交付")], FOLLOW_GOALS, FOLLOW_ACTIONS),
    (8, "After-sales service", "售后服务", "", "", "best", "use", 95, False,
     [("Service handed over", "售后服务交接完成")], FOLLOW_GOALS, FOLLOW_ACTIONS),
    (9, "Satisfaction survey", "满意度调查", "", "", "best", "use", 95, False,
     [("Satisfaction surveyed", "完成满意度调查")], FOLLOW_GOALS, FOLLOW_ACTIONS),
    (10, "Performance evaluation", "业绩评估", "", "", "best", "use", 100, False,
     [("Sale reviewed and evaluated", "完成销售复盘与评估")], FOLLOW_GOALS, FOLLOW_ACTIONS),
]

PROSPECTING = [
    (1, "Plan", "计划", "", "", "search", "intent", 5, False,
     [("Call list and target market defined", "确定目标市场和拜访名单")], PREPARE_GOALS, PREPARE_ACTIONS),
    (2, "Prospect", "寻找潜在客户", "", "", "search", "research", 10, False,
     [("Prospect reached and interested", "联系到潜在客户并引起兴趣")], CONTACT_GOALS, CONTACT_ACTIONS),
    (3, "Appointment", "预约", "", "", "in_funnel", "preselection", 30, False,
     [("Appointment set", "约定会面")], CONTACT_GOALS, CONTACT_ACTIONS),
    (4, "Presentation", "展示", "", "", "in_funnel", "comparison", 50, False,
     [("Presentation given", "完成展示")], PRESENT_GOALS, PRESENT_ACTIONS),
    (5, "Close", "成交", "", "", "best", "decision", 80, False,
     [("Order signed", "签单")], CLOSE_GOALS, CLOSE_ACTIONS),
    (6, "After-sales service", "售后服务", "", "", "best", "use", 95, False,
     [("Customer served and satisfied", "客户服务到位并满意")], FOLLOW_GOALS, FOLLOW_ACTIONS),
]

PROCESSES = [
    ("eight_step", "Eight-step advancement process", "销售推进八步流程", True,
     "Each of our stages mirrors a stage of the customer's procurement; a stage is complete when its milestone is met.",
     "每个销售阶段对应客户内部采购流程的一个阶段；达到里程碑标准才算完成本阶段。", EIGHT_STEP),
    ("ten_step", "Standard ten-step process", "普通销售标准流程", False,
     "From customer analysis to performance evaluation.", "从客户分析到业绩评估。", TEN_STEP),
    ("prospecting", "Simple prospecting process", "简单客户开发流程", False,
     "For telephone and field reps: plan, prospect, appointment, presentation, close, after-sales service.",
     "适用于电话和外勤销售：计划、寻找、预约、展示、成交、售后服务。", PROSPECTING),
]


def create_processes(apps, schema_editor):
    SalesProcess = apps.get_model("pipeline", "SalesProcess")
    Stage = apps.get_model("pipeline", "Stage")
    Milestone = apps.get_model("playbook", "Milestone")
    PlaybookItem = apps.get_model("playbook", "PlaybookItem")
    for key, name_en, name_zh, is_default, desc_en, desc_zh, stages in PROCESSES:
        if SalesProcess.objects.filter(key=key).exists():
            continue
        process = SalesProcess.objects.create(
            key=key, name_en=name_en, name_zh=name_zh, is_default=is_default,
            description_en=desc_en, description_zh=desc_zh,
        )
        for (number, s_en, s_zh, c_en, c_zh, funnel, buying, probability, full_q,
             milestones, goals, actions) in stages:
            stage = Stage.objects.create(
                process=process, number=number, name_en=s_en, name_zh=s_zh,
                customer_stage_en=c_en, customer_stage_zh=c_zh, funnel_state=funnel,
                buying_stage=buying, probability=probability,
                requires_full_qualification=full_q,
            )
            for order, (m_en, m_zh) in enumerate(milestones):
                Milestone.objects.create(stage=stage, order=order, text_en=m_en, text_zh=m_zh)
            for kind, items in (("goal", goals), ("action", actions)):
                for order, (t_en, t_zh) in enumerate(items):
                    PlaybookItem.objects.create(
                        stage=stage, kind=kind, order=order, text_en=t_en, text_zh=t_zh
                    )


def remove_processes(apps, schema_editor):
    SalesProcess = apps.get_model("pipeline", "SalesProcess")
    SalesProcess.objects.filter(key__in=[p[0] for p in PROCESSES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pipeline", "0002_initial"),
        ("playbook", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_processes, remove_processes)]
