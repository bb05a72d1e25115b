"""Chinese texts for the stakeholder analysis sheet (§4): a view per decision role and attitude,
and a strategy that fits the person's attitude and social style."""

from salesflow.contacts.models import Attitude, DecisionRole
from salesflow.contacts.social_styles import SocialStyle

VIEW_OF_NEED: dict[str, tuple[str, ...]] = {
    DecisionRole.DECISION_MAKER: (
        "希望通过数字化提升整体运营效率，三年内把综合成本降低一成。",
        "关注项目能否支撑未来三年的业务扩张和新基地建设。",
        "要求项目当年见到效益，投资回报必须算得清楚。",
        "集团对标行业龙头，要求在管理水平上缩小差距。",
    ),
    DecisionRole.TECHNICAL_RECOMMENDER: (
        "现有系统老旧，维护成本高，各系统数据不通，急需升级。",
        "关注方案的技术成熟度以及与现有系统的集成难度。",
        "希望新方案能支撑产能扩张，不影响现有生产。",
        "对信息安全和国产化替代有明确要求。",
    ),
    DecisionRole.FINANCIAL_RECOMMENDER: (
        "今年预算偏紧，希望分期投入、按效果付款。",
        "关注总拥有成本，而不只是首次采购价格。",
        "要求供应商资质齐全，付款条件符合公司财务制度。",
    ),
    DecisionRole.MANAGEMENT_RECOMMENDER: (
        "希望改善跨部门协作，缩短交付周期。",
        "项目要纳入年度重点工作，需要看到阶段性成果。",
        "关注上线过程对日常运营的影响，希望平稳过渡。",
    ),
    DecisionRole.INFLUENCER: (
        "日常操作繁琐，希望新工具简单好用。",
        "关心培训安排和上线后的响应速度。",
        "希望减少手工报表，少加班。",
        "担心换系统后工作量短期增加。",
    ),
}

VIEW_OF_US: dict[str, tuple[str, ...]] = {
    Attitude.ACCEPTS: (
        "认可我们的方案和服务团队，愿意在内部推荐。",
        "对上次的方案演示评价很高，认为我们最懂他们的业务。",
        "参观过我们的标杆客户，印象很好。",
    ),
    Attitude.DOUBTS: (
        "担心我们在本行业的成功案例不够多。",
        "对我们的交付周期和本地服务能力有疑虑。",
        "觉得我们的方案不错，但价格偏高。",
    ),
    Attitude.RESISTS: (
        "更倾向于现有供应商，不愿意承担更换的风险。",
        "认为现在的做法够用，没有必要改变。",
    ),
    Attitude.INDIFFERENT: (
        "对项目参与度不高，几次邀约都没有回应。",
        "认为这件事与自己关系不大，态度冷淡。",
    ),
    Attitude.HOSTILE: (
        "与竞争对手关系密切，多次在内部会议上反对我方方案。",
        "曾对我们过去的服务不满，公开表示不会支持。",
    ),
}

VIEW_OF_COMPETITORS = (
    "认为竞争对手价格更低，但服务一般。",
    "与现有供应商合作多年，关系稳定。",
    "对竞品的技术路线评价较高。",
    "认为各家差别不大，最终看价格和服务。",
    "对外资品牌有偏好，认为更可靠。",
    "竞争对手最近频繁拜访，正在做技术交流。",
)

BUYING_CRITERIA: dict[str, tuple[str, ...]] = {
    DecisionRole.DECISION_MAKER: (
        "投资回报、供应商实力、长期合作能力。",
        "能否支撑公司战略目标，风险是否可控。",
    ),
    DecisionRole.TECHNICAL_RECOMMENDER: (
        "技术先进性、系统稳定性、与现有系统的兼容性。",
        "同行业案例、实施团队水平、售后响应时间。",
    ),
    DecisionRole.FINANCIAL_RECOMMENDER: (
        "价格、付款条件、总拥有成本。",
        "供应商资质、财务状况、合同条款。",
    ),
    DecisionRole.MANAGEMENT_RECOMMENDER: (
        "实施周期、对运营的影响、培训支持。",
        "能否按期上线并达到管理目标。",
    ),
    DecisionRole.INFLUENCER: (
        "好不好用、培训是否到位、出了问题找谁。",
        "操作习惯改变小，日常工作量减少。",
    ),
}

STRATEGY_BY_ATTITUDE: dict[str, tuple[str, ...]] = {
    Attitude.ACCEPTS: (
        "保持定期沟通，请其引荐其他决策人。",
        "邀请参加高层互访，巩固支持。",
    ),
    Attitude.DOUBTS: (
        "安排参观同行业标杆客户，用案例消除疑虑。",
        "由技术团队做专题交流，逐条回应顾虑。",
    ),
    Attitude.RESISTS: (
        "了解抵触的真实原因，先解决其个人关切。",
        "争取其上级支持，同时避免正面冲突。",
    ),
    Attitude.INDIFFERENT: (
        "用行业数据和同行做法引起兴趣，邀请参加技术交流会。",
        "找到与其工作目标相关的切入点，再约拜访。",
    ),
    Attitude.HOSTILE: (
        "降低其影响力，重点做通决策人和其他推荐者。",
        "不与其争辩，以事实和第三方评价回应。",
    ),
}

STRATEGY_BY_STYLE: dict[str, str] = {
    SocialStyle.DRIVER: "沟通直奔主题，先讲结果，当场能定的当场定。",
    SocialStyle.EXPRESSIVE: "多给认可，用愿景打动，会后书面确认承诺。",
    SocialStyle.AMIABLE: "先建立信任，不施压，给足考虑时间。",
    SocialStyle.ANALYTICAL: "准备详细数据和书面材料，少寒暄，问题逐条跟进到底。",
}

COMPETITOR_VIEW_OF_US = "竞争对手的人，正在推动客户按其产品的参数写招标要求。"
COMPETITOR_STRATEGY = "盯住其动向，在技术交流中突出我方的差异化优势，提前化解其设置的门槛。"
