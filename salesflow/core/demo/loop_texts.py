"""Chinese texts for the demo's daily loop: what reps write on visit plans and daily reports, what
supervisors write when they return, approve or sign them, and the market and complaint reports.

Placeholders: {account} an account's name, {competitor} a competitor's, {city} a city's."""

from salesflow.activities.models import ActivityPurpose

P = ActivityPurpose

# The line a rep puts on a planned visit, by purpose.
PLANNED_VISIT_NOTES: dict[str, tuple[str, ...]] = {
    P.NEW_CUSTOMER: ("首次拜访，介绍公司和案例", "约见信息中心负责人", "了解现有供应商和痛点"),
    P.MARKET_RESEARCH: ("了解行业明年的投资计划", "调研同类企业的使用情况", "收集竞品报价"),
    P.COLLECTION: ("催收二期尾款", "送发票并确认付款时间", "对账"),
    P.SERVICE: ("季度回访", "新用户培训", "了解系统使用情况"),
    P.COMPLAINT: ("处理报表数据投诉", "跟进交付延期问题", "当面道歉并确认整改方案"),
    P.ORDER: ("送合同盖章", "确认订单数量和交期", "谈追加订单"),
    P.OTHER: ("陪同技术人员上门", "参加客户年度供应商会议"),
}
# What the rep logs after the visit, by purpose.
VISIT_NOTES: dict[str, tuple[str, ...]] = {
    P.NEW_CUSTOMER: (
        "首次拜访，介绍公司和成功案例，对方愿意进一步交流",
        "见到了信息中心主任，了解了现有系统的问题",
        "客户目前没有预算，但对方案有兴趣，约好下月再谈",
    ),
    P.MARKET_RESEARCH: (
        "了解到客户明年计划新建一条产线",
        "客户透露同行已在使用竞品，效果一般",
        "收集到竞品的报价单和服务条款",
    ),
    P.COLLECTION: (
        "与财务确认付款计划，月底前付清",
        "发票已当面交给财务，预计两周内到账",
        "客户资金紧张，同意先付一半",
    ),
    P.SERVICE: (
        "季度回访，客户对系统稳定性满意",
        "为新入职的计划员做了半天培训",
        "客户提出两个报表的改进需求，已记录",
    ),
    P.COMPLAINT: (
        "当面向客户道歉，确认了整改时间表",
        "和客户一起排查报表数据错误，原因是基础数据未同步",
        "交付延期问题已协调实施部门，下周一到现场",
    ),
    P.ORDER: (
        "合同已盖章带回",
        "确认追加订单数量和交货期",
        "客户同意按报价下单，等采购走流程",
    ),
    P.OTHER: ("陪同技术人员上门解决接口问题", "参加客户的年度供应商大会"),
}

# Why a supervisor sends a plan back: a visit is missing, or the times do not work.
PLAN_RETURNED_FOR_MISSING_VISIT = (
    "今天只安排了这几家，请再加一家重点客户。",
    "本月A类客户还有没拜访的，请补上一家。",
    "回款逾期的客户请安排上门，加到计划里。",
)
PLAN_RETURNED_FOR_TIMES = (
    "两家客户之间路程一个多小时，时间排得太紧，请调整。",
    "上午的拜访时间太早，客户九点半才上班，请调整。",
    "请把重点客户安排在上午，下午留出时间写报告。",
)
PLAN_APPROVAL_COMMENTS = (
    "同意。",
    "同意，注意回款。",
    "同意，拜访后及时更新商机。",
    "可以，重点客户要见到决策人。",
)

# Daily report texts.
COMPETITOR_INFO = (
    "{competitor}给{account}报了八五折，还承诺免费实施三个月。",
    "{competitor}最近在{account}频繁活动，约了对方信息中心主任吃饭。",
    "听{account}采购说，{competitor}的新版本下月发布，主打低价。",
    "{competitor}在本地新设了服务网点，响应速度会比我们快。",
    "{competitor}的实施团队在{account}项目上延期，客户不太满意。",
)
CUSTOMER_FEEDBACK = (
    "{account}对上线后的报表功能很满意，希望推广到分厂。",
    "{account}反映系统响应有点慢，希望我们派人看一下。",
    "{account}觉得培训时间太短，希望再安排一次。",
    "{account}认可我们的服务，但认为价格偏高。",
    "{account}希望增加移动端审批功能。",
)
CUSTOMER_NEWS = (
    "{account}下半年要新建厂房，有扩产计划。",
    "{account}的信息中心主任下月调任集团，新人选未定。",
    "{account}刚拿到一笔大订单，产能很紧张。",
    "{account}正在准备上市，对管理系统要求提高。",
    "{account}被列入本市智能制造示范企业名单。",
)
LESSONS = (
    "拜访前要先确认决策人在不在，今天白跑了一趟。",
    "客户提到价格时，先讲清楚总成本，再谈折扣。",
    "电话预约比直接上门效率高得多。",
    "技术问题要带工程师一起去，自己解释不清楚。",
    "回款要提前一周提醒，不能等到月底。",
    "要多听客户讲，少讲自己的产品。",
)
COMPLAINTS_HANDLED = (
    "{account}投诉报表数据错误，已查明原因并修复。",
    "{account}投诉实施人员更换频繁，已和实施部门协调固定人员。",
    "{account}对交付延期不满，已当面道歉并给出新时间表。",
)
INSTRUCTIONS = (
    "明天重点跟进回款，月底前要到账。",
    "竞争对手的报价情况继续跟踪，及时反映。",
    "{account}的项目要抓紧，争取本月签约。",
    "拜访记录写得很好，继续保持。",
    "报告要当天交，不要拖到第二天。",
    "A类客户的拜访频率要保证，本月还差两家。",
    "客户的投诉要在24小时内回复。",
    "下周一早会上分享一下今天的经验。",
)
# Why a supervisor sends a report back, and what the rep adds before submitting it again.
REPORT_RETURNS: dict[str, tuple[tuple[str, str], ...]] = {
    "lessons": (
        ("请补充今天的经验教训。", "客户临时改时间时，要当场约好下一次，不能等。"),
        ("心得写得太空，请具体一点。", "报价前要先问清楚客户的预算范围。"),
    ),
    "customer_feedback": (
        ("客户反馈请写具体，哪个部门、提了什么。", "{account}生产部希望报表能按班次统计。"),
    ),
    "competitor_info": (
        ("竞争对手的情况请写清楚是哪家、报价多少。", "{competitor}报价比我们低百分之十二。"),
    ),
}

# Market situation and complaint reports: (subject, body, resolution).
MARKET_REPORTS = (
    (
        "{competitor}在{city}推出限时降价促销",
        "{competitor}本月起在{city}对中小客户报价直降两成，并承诺三个月免费实施。"
        "{account}的采购已经拿着对方报价来压价，可能影响本季度在谈的项目。",
        "已制定区域应对政策：老客户续约给予九折，新客户强调总成本和实施质量。",
    ),
    (
        "{competitor}发布新一代产品",
        "{competitor}昨天发布了新版本，主打低价和移动端。{account}的信息中心主任已经去看了演示，"
        "对移动端很感兴趣。",
        "产品部已整理对比资料，下周给一线培训。",
    ),
    (
        "{account}信息中心负责人离职",
        "{account}信息中心主任上周离职，新主任由集团派来，之前和{competitor}合作过。"
        "我们在谈的二期项目可能要重新评估。",
        "已安排经理和新主任见面，重新介绍一期成果。",
    ),
    (
        "{account}更换采购负责人",
        "{account}采购部经理调整，新经理要求所有供应商重新报价，付款周期从30天改为90天。",
        "已与新采购经理沟通，付款周期谈成60天。",
    ),
    (
        "{city}出台智能制造补贴政策",
        "{city}工信局发布新政策，企业上马智能制造项目可补贴三成，{account}等几家客户在问我们能否协助申报。",
        "已联系合作咨询公司，为客户提供申报支持。",
    ),
)
COMPLAINT_REPORTS = (
    (
        "{account}投诉交付延期",
        "{account}的项目原定上月上线，实施一再延期，客户总经理很不满，扬言要扣尾款。",
        "实施部门已增派两名顾问，上线时间确定在本月底，客户同意不扣款。",
    ),
    (
        "经销商投诉区域窜货",
        "{city}的经销商反映有其他区域的经销商以低于指导价的价格向{account}供货，严重扰乱价格体系。",
        "已查明窜货来源，按渠道政策处理，并通知相关经销商。",
    ),
    (
        "{account}投诉售后响应慢",
        "{account}系统故障报修后两天没人上门，生产计划受影响，客户要求书面说明。",
        "已书面致歉，并为该客户指定专属服务工程师。",
    ),
    (
        "{account}对发票金额有异议",
        "{account}财务认为上月发票金额与合同不符，暂停付款。",
        "核对后发现少开了一笔折扣，已重开发票，客户恢复付款。",
    ),
    (
        "{account}反映报表数据错误",
        "{account}月底结账时发现成本报表数据不对，财务总监很生气，要求立即处理。",
        "技术支持已修复数据同步问题，并为客户重新生成了报表。",
    ),
)
