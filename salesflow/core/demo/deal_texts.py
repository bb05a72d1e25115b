"""Chinese texts for demo opportunities and activities: what reps and managers write when they
move a deal, close it, answer the qualification questions, tick milestones and log a visit."""

from salesflow.activities.models import ActivityKind
from salesflow.pipeline.models import Answer, Strength
from salesflow.playbook.models import BenefitKind

COMPETITORS = (
    "华软智造",
    "中科云控",
    "远景数智",
    "金桥信息",
    "蓝海工业软件",
    "鼎新科技",
    "博睿数据",
    "天工智联",
    "众合云",
    "星河信息",
    "Vantara Systems",
    "Kestrel Software",
)
COMPETITOR_NOTES: dict[str, tuple[str, ...]] = {
    Strength.STRONG: (
        "在该客户有多年合作，关系深厚",
        "品牌知名度高，客户高层认可",
        "报价比我们低15%左右，且承诺免费实施",
    ),
    Strength.MEDIUM: (
        "产品功能接近，但行业案例较少",
        "报价灵活，服务响应一般",
        "刚与客户技术部门接触",
    ),
    Strength.WEAK: (
        "新进入该行业，缺少成功案例",
        "实施团队规模小，交付能力存疑",
        "只在价格上有优势",
    ),
}

# Opportunity names: [site][theme][phase]; English accounts get "<theme> <phase>".
SITES = ("", "", "", "", "总部", "新基地", "一厂", "二厂", "研发中心")
PHASES = (("项目", ""), ("一期项目", "phase 1"), ("二期项目", "phase 2"), ("升级项目", "upgrade"))

FAVOURABLE_FACTORS = (
    "我方在同行业有多个成功案例，客户可实地参观",
    "线人是信息中心主任，能及时提供内部信息",
    "客户对我方实施团队评价很高",
    "方案与客户的三年规划高度契合",
    "已与客户建立高层互访机制",
    "我方产品通过了客户的信创适配测试",
    "上一期项目交付顺利，客户满意度高",
    "本地有服务团队，响应速度快",
)
UNFAVOURABLE_FACTORS = (
    "竞争对手与客户高层关系密切",
    "客户预算尚未最终批准",
    "采购部门倾向最低价中标",
    "客户内部对项目必要性仍有分歧",
    "我方报价高于主要竞争对手",
    "决策链长，集团总部要参与审批",
    "客户技术负责人对我方产品持怀疑态度",
    "交付时间要求紧，实施资源紧张",
)

MOVE_BACK_REASONS = (
    "客户调整了需求范围，方案需要重新设计",
    "客户项目负责人更换，需要重新确认需求",
    "预算被削减，客户要求重新评估方案",
    "技术评审未通过，退回修改方案",
    "客户决定公开招标，采购流程重新开始",
    "集团总部介入，要求重新论证项目",
)
SKIP_GATE_REASONS = (
    "客户招标时间提前，先推进到下一阶段，里程碑材料后补",
    "集团战略客户，经理批准先行推进",
    "线人已口头确认，书面材料下周补齐",
    "客户高层直接约谈，时间窗口不能错过",
    "年底预算窗口期，特批推进",
)
WON_REASONS = (
    "方案与客户需求高度契合，技术评分第一",
    "高层关系到位，商务谈判顺利",
    "行业案例打动了客户，价格适中",
    "服务响应快、本地有团队，是客户选择我们的关键",
)
LOST_REASONS = (
    "价格高于竞争对手约15%，客户最终选择了低价方案",
    "竞争对手与客户高层关系更深，评标得分领先",
    "我方方案未能满足客户的国产化要求",
    "交付周期无法满足客户的上线时间",
    "客户更看重竞争对手的行业案例",
    "技术评分落后，未能进入最终谈判",
    "竞争对手承诺免费实施，我方未能跟进",
)
ABANDONED_REASONS = (
    "客户项目暂停，预算冻结到明年",
    "客户被集团收购，采购改由总部统一进行",
    "评估后项目利润过低，主动放弃",
    "客户需求与我方产品不匹配",
    "客户关键联系人离职，项目无人推动",
)

QUALIFICATION_EVIDENCE: dict[str, dict[str, tuple[str, ...]]] = {
    "need": {
        Answer.YES: (
            "客户已书面确认需求清单，我方产品全部覆盖",
            "现场调研后，客户认可我方方案能解决其主要问题",
        ),
        Answer.PARTLY: (
            "核心需求可以满足，个别定制需求需要二次开发",
            "客户需求仍在变化，目前能覆盖约七成",
        ),
        Answer.NO: ("客户要求的关键功能我方产品暂不支持",),
    },
    "decision_process": {
        Answer.YES: (
            "决策流程已清楚：项目组评估，总经理办公会审批，预计下季度定标",
            "招标时间表已公布，评标委员会成员已掌握",
        ),
        Answer.PARTLY: (
            "知道由总经理最终拍板，但评估环节和时间还不清楚",
            "采购流程已知，时间表未定",
        ),
        Answer.NO: ("客户内部决策流程不透明，无从了解",),
    },
    "budget": {
        Answer.YES: ("年度预算已批复，金额覆盖我方报价", "客户财务总监确认项目资金已落实"),
        Answer.PARTLY: ("预算已申报，待董事会审批", "预算低于我方报价约两成，需要分期实施"),
        Answer.NO: ("客户今年没有这项预算",),
    },
    "relationship": {
        Answer.YES: (
            "与技术负责人和总经理都建立了良好关系，线人已确定",
            "合作多年，客户把我们当作首选供应商",
        ),
        Answer.PARTLY: (
            "技术部门认可我们，采购和财务还没有建立关系",
            "只与项目经理有接触，高层尚未拜访",
        ),
        Answer.NO: ("客户决策层与竞争对手关系密切，我们难以切入",),
    },
    "worth": {
        Answer.YES: (
            "预计毛利率35%以上，且有后续扩展机会",
            "行业标杆项目，对拓展同行业客户意义重大",
        ),
        Answer.PARTLY: ("毛利率偏低，但能带来后续运维收入", "项目规模不大，需要控制售前投入"),
        Answer.NO: ("按客户要求的价格和条件，项目会亏损",),
    },
}

# Evidence for the shipped milestones, by their English text; others get a generic note.
MILESTONE_EVIDENCE = {
    "Project analysed": "项目分析报告已完成，客户痛点和我方机会已明确",
    "Initiation approved internally": "销售经理已审批内部立项",
    "On-site visit done": "已上门拜访信息中心和生产部门",
    "Inside informant (coach) secured": "信息中心主任愿意提供内部信息并引荐决策人",
    "Solution written": "初步方案已提交客户技术部门",
    "Key information obtained": "已掌握预算范围、决策流程和时间表",
    "Strength shown": "客户参观了我方标杆案例现场",
    "Technical preference for us": "技术交流后，客户技术负责人倾向我方方案",
    "Solution confirmed": "客户已书面确认方案范围",
    "Technical clearance": "已通过客户技术评审",
    "Needs fully mined": "已与各部门完成需求访谈，需求清单已确认",
    "Senior management leans to us": "客户总经理在高层会谈中表示倾向我方",
    "Negotiation held": "首轮商务谈判已完成",
    "Preliminary result": "双方就价格和付款方式达成初步一致",
    "Contract signed": "合同已签署盖章",
    "Target customer analysed": "客户分析表已完成",
    "First meeting held": "已与客户负责人首次会面",
    "Needs confirmed with the customer": "客户已签回需求确认书",
    "Presentation or demo given": "产品演示已完成",
    "Quotation accepted in principle": "客户原则上接受报价",
    "Order delivered": "货物已交付，客户签收",
    "Service handed over": "售后服务交接已完成",
    "Satisfaction surveyed": "满意度调查得分4.6分（满分5分）",
    "Sale reviewed and evaluated": "项目复盘会已召开",
    "Call list and target market defined": "目标名单已确定",
    "Prospect reached and interested": "电话联系到负责人，对方有兴趣",
    "Appointment set": "已约定下周上门拜访",
    "Presentation given": "现场展示已完成",
    "Order signed": "客户已签单",
    "Customer served and satisfied": "回访客户，使用满意",
}
GENERIC_EVIDENCE = ("见拜访记录", "材料已上传共享盘", "客户邮件确认")

CUSTOMER_NEEDS: dict[str, tuple[str, ...]] = {
    BenefitKind.QUALITY: ("客户要求把不良率降到千分之三以内", "客户最担心上线后系统不稳定"),
    BenefitKind.PRODUCTIVITY: ("客户人手紧张，希望少招人多干活", "一线员工手工报表负担重"),
    BenefitKind.COST: ("客户今年的目标是综合成本下降一成", "客户希望降低库存资金占用"),
    BenefitKind.TIME: ("客户新工厂明年上半年投产，上线时间不能延误", "客户希望缩短交货周期"),
    BenefitKind.REVENUE: ("客户计划三年内营收翻番", "客户希望进入高端客户的供应链"),
}

DEAL_ACTIVITY_NOTES: dict[str, tuple[str, ...]] = {
    ActivityKind.CALL: (
        "电话跟进项目进展，约定下次拜访时间",
        "确认客户已收到方案资料",
        "了解招标时间安排",
        "询问预算审批进度",
    ),
    ActivityKind.VISIT: (
        "拜访信息中心，了解现有系统的痛点",
        "上门拜访生产部，现场查看车间情况",
        "拜访采购部，了解供应商准入流程",
        "陪同技术人员上门做需求调研",
    ),
    ActivityKind.MEETING: (
        "与客户项目组召开需求研讨会",
        "与客户技术团队交流方案",
        "商务谈判：讨论价格和付款条件",
        "高层会谈，介绍公司实力和行业案例",
    ),
    ActivityKind.PRESENTATION: (
        "向客户技术团队演示产品核心功能",
        "方案汇报，客户总经理出席",
        "组织客户参观标杆案例现场",
        "产品演示，客户对报表功能兴趣浓厚",
    ),
    ActivityKind.EMAIL: ("发送方案和报价单", "发送会议纪要和下一步计划", "发送成功案例资料"),
    ActivityKind.OTHER: ("参加客户的供应商大会", "行业展会上与客户交流"),
}
COLD_CALL_NOTES = {
    "not_connected": ("电话未接通", "前台转接未成功，改日再打"),
    "connected": ("介绍公司和产品，对方表示暂无需求，三个月后再联系", "对方让先发资料，已发送"),
    "appointment": ("对方有兴趣，约定上门拜访时间",),
}
FIRST_VISIT_NOTES = ("首次拜访，介绍公司和成功案例", "首次上门，了解客户业务和现有系统")
SERVICE_NOTES = (
    "季度回访，了解系统使用情况",
    "处理客户关于报表的投诉",
    "上门为新用户做培训",
    "例行电话回访，客户反馈良好",
)
COLLECTION_NOTES = ("催收项目尾款", "与客户财务确认付款计划", "发票已寄出，确认到账时间")
