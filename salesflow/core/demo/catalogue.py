"""The demo company's product catalogue with its FAB library (§6): for every product, features, the
advantage each gives and the benefits to the customer, covering all five kinds of benefit.

Prices are list prices per unit (a plant licence, a user, a node, a person-day, a year of support);
`quantities` is the usual range a deal buys, `cost_share` the range of expected cost per yuan sold.
"""

from dataclasses import dataclass

from salesflow.playbook.models import BenefitKind

Q, P, C, T, R = (
    BenefitKind.QUALITY,
    BenefitKind.PRODUCTIVITY,
    BenefitKind.COST,
    BenefitKind.TIME,
    BenefitKind.REVENUE,
)


@dataclass(frozen=True)
class FeatureSpec:
    feature: str
    advantage: str
    benefits: tuple[tuple[str, str], ...]  # (kind, benefit)


@dataclass(frozen=True)
class ProductSpec:
    name: str
    description: str
    list_price: int
    quantities: tuple[int, int]
    cost_share: tuple[float, float]
    # (Chinese, English) project themes for opportunity names; {year} is the close year.
    themes: tuple[tuple[str, str], ...]
    # Industries (as recorded on accounts) where the product sells best.
    industries: tuple[str, ...]
    features: tuple[FeatureSpec, ...]
    # Sold with another product rather than on its own (services, support).
    add_on: bool = False


F = FeatureSpec
MANUFACTURING = ("智能制造", "汽车零部件", "电子信息", "机械设备", "医药健康", "食品饮料")
PROCESS_INDUSTRY = ("化工新材料", "能源电力", "钢铁冶金", "建筑工程")

CATALOGUE: tuple[ProductSpec, ...] = (
    ProductSpec(
        name="智造MES制造执行系统",
        description="面向离散与流程制造的车间执行系统，覆盖计划排产、生产报工、质量追溯和设备管理。按工厂授权。",
        list_price=480_000,
        quantities=(1, 12),
        cost_share=(0.40, 0.60),
        themes=(("MES系统建设", "MES rollout"), ("数字化车间", "Digital workshop")),
        industries=MANUFACTURING,
        features=(
            F(
                "高级计划排产（APS）引擎，分钟级生成可执行的排产计划",
                "插单、缺料、设备故障时自动重排，计划不再依赖个人经验",
                (
                    (P, "计划员排产时间从每天4小时缩短到30分钟"),
                    (T, "订单交付周期平均缩短15%"),
                ),
            ),
            F(
                "从原材料到成品的全流程批次追溯",
                "一键正反向追溯，几分钟内定位到批次、工位和人员",
                (
                    (Q, "客户投诉处理时间缩短70%，召回范围缩小到具体批次"),
                    (C, "质量损失成本降低20%以上"),
                ),
            ),
            F(
                "工位平板与扫码报工",
                "生产数据实时采集，取代纸质工单和手工统计",
                (
                    (P, "班组长每天节省1.5小时报表时间"),
                    (R, "实时掌握产能余量，同样的产线可多接一成订单"),
                ),
            ),
        ),
    ),
    ProductSpec(
        name="云ERP企业管理套件",
        description="财务、供应链、生产和人力一体化的云端ERP，按用户订阅。",
        list_price=3_600,
        quantities=(10, 3000),
        cost_share=(0.35, 0.55),
        themes=(
            ("ERP系统升级", "ERP upgrade"),
            ("业财一体化", "Finance and operations integration"),
        ),
        industries=(),
        features=(
            F(
                "业财一体化，业务单据自动生成凭证",
                "财务数据与业务同步，月结不再等待手工对账",
                (
                    (T, "月结时间从10天缩短到3天"),
                    (C, "财务人工成本每年节省约30万元"),
                ),
            ),
            F(
                "多组织多账套集团管控",
                "集团总部实时查看各子公司经营数据",
                (
                    (R, "管理层按日掌握各子公司毛利，及时调整价格策略"),
                    (Q, "合并报表准确率提升，审计调整大幅减少"),
                ),
            ),
            F(
                "云端部署，按需订阅",
                "无需自建机房，版本自动升级",
                (
                    (C, "前期投入降低60%，IT运维人员可减少2人"),
                    (T, "新设子公司两周即可上线"),
                ),
            ),
            F(
                "移动审批与可配置流程引擎",
                "审批随时随地完成，流程随组织调整而调整",
                ((P, "审批平均时长从2天缩短到4小时"),),
            ),
        ),
    ),
    ProductSpec(
        name="工业物联网平台",
        description="设备接入、数据采集、可视化监控的一体化平台，支持主流PLC和工业协议。按平台授权。",
        list_price=260_000,
        quantities=(1, 4),
        cost_share=(0.45, 0.65),
        themes=(
            ("设备联网", "Equipment connectivity"),
            ("工业互联网平台建设", "Industrial IoT platform"),
        ),
        industries=MANUFACTURING + PROCESS_INDUSTRY,
        features=(
            F(
                "支持200多种工业协议、即插即用的边缘网关",
                "新老设备都能快速联网，无需改造设备",
                (
                    (T, "单条产线联网从一个月缩短到一周"),
                    (C, "免去设备改造费用，联网投入节省约40%"),
                ),
            ),
            F(
                "设备综合效率（OEE）实时看板",
                "停机原因和时长自动统计，一目了然",
                (
                    (P, "OEE平均提升8至12个百分点"),
                    (R, "同样的设备多产出一成，新增产值无需新增设备投资"),
                ),
            ),
            F(
                "异常报警实时推送到手机",
                "设备和工艺异常第一时间通知到责任人",
                ((Q, "工艺参数超限即时处理，批量不良明显减少"),),
            ),
        ),
    ),
    ProductSpec(
        name="设备预测性维护方案",
        description="基于振动、温度等传感数据和故障模型，提前发现关键设备隐患。按产线计价。",
        list_price=180_000,
        quantities=(1, 16),
        cost_share=(0.50, 0.70),
        themes=(
            ("预测性维护", "Predictive maintenance"),
            ("关键设备健康管理", "Critical equipment health"),
        ),
        industries=PROCESS_INDUSTRY + ("机械设备", "汽车零部件"),
        features=(
            F(
                "振动与温度传感器加AI故障模型",
                "故障提前7到30天预警，从事后抢修变为计划维修",
                (
                    (C, "非计划停机减少50%，维修费用降低25%"),
                    (P, "关键设备可用率提升到97%以上"),
                ),
            ),
            F(
                "按设备健康度预测备件需求",
                "根据预测结果提前备货，不多备也不缺件",
                (
                    (C, "备件库存资金占用降低30%"),
                    (T, "维修等件时间缩短60%"),
                ),
            ),
            F(
                "维修工单闭环与故障知识库",
                "维修过程和老师傅的经验沉淀下来，新人也能照着做",
                (
                    (Q, "重复故障率下降40%"),
                    (R, "产线连续稳定运行，按期交付带来更多回头订单"),
                ),
            ),
        ),
    ),
    ProductSpec(
        name="智能仓储管理系统WMS",
        description="入库、上架、拣货、出库全流程管理，支持立体库和AGV调度。按仓库授权。",
        list_price=350_000,
        quantities=(1, 8),
        cost_share=(0.40, 0.60),
        themes=(("智能仓储", "Smart warehouse"), ("仓储物流数字化", "Warehouse digitalisation")),
        industries=("物流供应链", "零售连锁", "食品饮料", "医药健康", "电子信息"),
        features=(
            F(
                "智能波次拣货与路径优化",
                "拣货员少走冤枉路，人均拣货量显著提高",
                (
                    (P, "人均拣货效率提升35%"),
                    (T, "订单出库时间从24小时缩短到8小时"),
                ),
            ),
            F(
                "库位与批次精确管理",
                "账实相符，先进先出自动执行",
                (
                    (Q, "库存准确率达到99.9%，错发漏发接近于零"),
                    (C, "临期和过期报废损失降低80%"),
                ),
            ),
            F(
                "与ERP、TMS和AGV无缝对接",
                "订单、仓储、运输数据一体流转，不再人工传递",
                ((R, "大促峰值订单承接能力翻倍，旺季不再因发不出货丢单"),),
            ),
        ),
    ),
    ProductSpec(
        name="供应链协同平台SRM",
        description="供应商准入、询比价、订单协同和绩效评估的一站式采购平台。按套授权。",
        list_price=420_000,
        quantities=(1, 3),
        cost_share=(0.40, 0.60),
        themes=(
            ("采购数字化", "Procurement digitalisation"),
            ("供应商协同平台", "Supplier collaboration"),
        ),
        industries=MANUFACTURING + ("建筑工程", "零售连锁"),
        features=(
            F(
                "在线询比价与电子招投标",
                "采购过程公开透明，全程留痕可追溯",
                (
                    (C, "采购成本平均降低5%到8%"),
                    (Q, "采购合规风险可控，审计发现的问题显著减少"),
                ),
            ),
            F(
                "供应商门户与订单协同",
                "订单、交期、发货在线确认，不用反复打电话催单",
                (
                    (T, "采购周期缩短30%"),
                    (P, "每名采购员可管理的供应商数量增加一倍"),
                ),
            ),
            F(
                "供应商绩效自动评分",
                "按质量、交期、价格客观评价供应商，优胜劣汰有依据",
                ((R, "关键物料供应稳定，避免因缺料丢失客户订单"),),
            ),
        ),
    ),
    ProductSpec(
        name="数据中台与BI分析平台",
        description="打通各业务系统数据，建立统一指标体系，提供自助分析和移动驾驶舱。按套授权。",
        list_price=680_000,
        quantities=(1, 3),
        cost_share=(0.45, 0.65),
        themes=(("数据中台建设", "Data platform"), ("经营分析驾驶舱", "Management cockpit")),
        industries=("金融服务", "零售连锁", "通信", "软件与信息服务", "能源电力"),
        features=(
            F(
                "统一数据标准与指标体系",
                "各部门口径一致，经营数据只有一个版本",
                ((Q, "经营报表差错大幅减少，决策依据可靠"),),
            ),
            F(
                "自助式拖拽分析与移动驾驶舱",
                "业务人员自己做分析，不再排队等IT出报表",
                (
                    (P, "报表开发工作量减少70%"),
                    (T, "管理层看到经营数据从每月一次变为每天"),
                ),
            ),
            F(
                "客户与产品盈利分析模型",
                "找出真正赚钱的客户和产品",
                (
                    (R, "资源聚焦高毛利客户和产品，综合毛利率提升2个百分点"),
                    (C, "淘汰亏损品种，库存和管理费用随之下降"),
                ),
            ),
        ),
    ),
    ProductSpec(
        name="机器视觉质检系统",
        description="基于深度学习的外观缺陷检测，替代人工目检。按检测工位计价。",
        list_price=150_000,
        quantities=(1, 40),
        cost_share=(0.55, 0.75),
        themes=(
            ("视觉质检", "Machine vision inspection"),
            ("质检自动化改造", "Inspection automation"),
        ),
        industries=("电子信息", "汽车零部件", "食品饮料", "医药健康", "智能制造"),
        features=(
            F(
                "深度学习缺陷识别，检出率99.5%以上",
                "比人工目检更稳定，不受疲劳和情绪影响",
                ((Q, "漏检率降低90%，客户端不良投诉明显减少"),),
            ),
            F(
                "每分钟检测300件以上",
                "检测速度匹配高速产线，不再是瓶颈",
                (
                    (P, "每条产线可减少4名质检员"),
                    (C, "一年左右收回投资"),
                ),
            ),
            F(
                "缺陷图片自动归档与趋势统计",
                "缺陷类型和变化趋势一目了然",
                (
                    (T, "质量问题原因分析从几天缩短到几小时"),
                    (R, "凭稳定可查的质量数据进入高端客户的供应链"),
                ),
            ),
        ),
    ),
    ProductSpec(
        name="能源管理系统EMS",
        description="水、电、气、热等能源的计量、监测、分析和优化，含碳排放核算。按厂区授权。",
        list_price=300_000,
        quantities=(1, 6),
        cost_share=(0.45, 0.65),
        themes=(
            ("能源管理", "Energy management"),
            ("节能降碳改造", "Energy saving and carbon reduction"),
        ),
        industries=PROCESS_INDUSTRY + ("食品饮料", "汽车零部件"),
        features=(
            F(
                "分项分区能耗实时计量",
                "每条产线、每台大设备的能耗都看得见",
                ((C, "综合能耗降低8%到15%"),),
            ),
            F(
                "峰谷电价优化与负荷调度",
                "自动把高耗能工序安排到低谷时段",
                (
                    (C, "电费支出降低10%以上"),
                    (P, "调度员不再手工计算排班，每周省出一天时间"),
                ),
            ),
            F(
                "碳排放核算与报告",
                "自动生成符合核查要求的碳排放报告",
                (
                    (T, "碳核查准备时间从一个月缩短到三天"),
                    (R, "满足出口客户的碳足迹要求，保住海外订单"),
                ),
            ),
            F(
                "电能质量（电压、谐波）监测",
                "提前发现电能质量问题",
                ((Q, "因电压波动造成的设备故障和废品明显减少"),),
            ),
        ),
    ),
    ProductSpec(
        name="超融合私有云一体机",
        description="计算、存储、网络一体化的私有云，开箱即用，支持信创国产化环境。按节点计价。",
        list_price=420_000,
        quantities=(3, 32),
        cost_share=(0.70, 0.85),
        themes=(
            ("私有云平台", "Private cloud"),
            ("数据中心扩容", "Data centre expansion"),
            ("信创国产化替代", "Domestic IT replacement"),
        ),
        industries=("金融服务", "通信", "能源电力", "软件与信息服务", "医药健康"),
        features=(
            F(
                "计算存储一体化，按节点线性扩展",
                "按需扩容，不必一次性过度投资",
                (
                    (C, "三年总拥有成本降低35%"),
                    (T, "新业务系统的资源交付从两周缩短到一小时"),
                ),
            ),
            F(
                "双活容灾与自动故障切换",
                "单节点故障时业务不中断",
                (
                    (Q, "核心系统可用性达到99.99%"),
                    (R, "避免停机造成的订单和收入损失"),
                ),
            ),
            F(
                "统一运维管理界面",
                "一个界面管理全部计算、存储和网络资源",
                ((P, "一名管理员即可运维上百台虚拟机"),),
            ),
        ),
    ),
    ProductSpec(
        name="实施与集成服务",
        description="需求调研、方案设计、系统实施、数据迁移、接口开发和培训。按人天计价。",
        list_price=2_200,
        quantities=(20, 1500),
        cost_share=(0.55, 0.75),
        themes=(("系统实施", "Implementation"), ("系统集成", "System integration")),
        industries=(),
        add_on=True,
        features=(
            F(
                "行业顾问团队与标准实施方法论",
                "按里程碑交付，项目风险可控",
                (
                    (T, "上线周期比行业平均缩短30%"),
                    (Q, "一次上线成功，返工少"),
                ),
            ),
            F(
                "与现有系统的数据迁移和接口开发",
                "历史数据完整迁移，系统之间不再是信息孤岛",
                (
                    (P, "消除重复录入，每月节省上千个工时"),
                    (C, "不必推倒重来，保护已有IT投资"),
                ),
            ),
            F(
                "分层培训与驻场上线支持",
                "各层用户都能快速上手",
                ((R, "系统尽早产生效益，投资回收期缩短"),),
            ),
        ),
    ),
    ProductSpec(
        name="年度运维服务",
        description="7×24小时远程支持、季度巡检和免费版本升级。按年订阅。",
        list_price=120_000,
        quantities=(1, 3),
        cost_share=(0.50, 0.70),
        themes=(
            ("{year}年度运维服务", "{year} annual support"),
            ("运维服务续约", "Support renewal"),
        ),
        industries=(),
        add_on=True,
        features=(
            F(
                "7×24小时服务热线与远程诊断",
                "问题第一时间响应，关键故障4小时到场",
                (
                    (Q, "系统稳定运行，故障恢复时间缩短80%"),
                    (R, "避免系统停摆耽误发货和收款"),
                ),
            ),
            F(
                "季度巡检与健康报告",
                "隐患在出问题之前被发现",
                ((C, "减少突发故障带来的抢修费用"),),
            ),
            F(
                "免费版本升级",
                "持续获得新功能，由原厂完成升级",
                (
                    (P, "新功能持续提升使用效率，不必另行采购"),
                    (T, "升级不占用客户IT人员的时间"),
                ),
            ),
        ),
    ),
)
