"""Metric names of ``summary_metrics`` and the fund types of ``expenditure_function``.

Every extractor (prose and tables) and every validation rule imports these constants, so a name is
spelled in one place only: a fact read from prose and the same fact read from a table then carry the
same metric name, and the rules find both.
"""

import re

# Names listed in the analyst contract.
TOTAL = "收支总计"
INCOME_TOTAL = "本年收入合计"
EXPENDITURE_TOTAL = "本年支出合计"
BASIC = "基本支出"
PROJECT = "项目支出"
REMIT_UPPER = "上缴上级支出"
BUSINESS = "经营支出"
SUBSIDY_AFFILIATED = "对附属单位补助支出"
FISCAL_TOTAL = "财政拨款收支总计"
GPB_EXPENDITURE = "一般公共预算财政拨款支出"
GOV_FUND_EXPENDITURE = "政府性基金预算财政拨款支出"
STATE_CAPITAL_EXPENDITURE = "国有资本经营预算财政拨款支出"
PERSONNEL = "人员经费"
PUBLIC_USE = "公用经费"
# Basic expenditure by economic class: 人员经费 is 工资福利支出 and 对个人和家庭的补助, 公用经费 the rest.
PERSONNEL_CLASSES = ("301", "303")
THREE_PUBLIC = "三公经费"
OVERSEAS = "因公出国（境）费"
VEHICLES_COST = "公务用车购置及运行维护费"
VEHICLE_PURCHASE = "公务用车购置费"
VEHICLE_OPERATION = "公务用车运行维护费"
RECEPTION = "公务接待费"
OPERATING_COSTS = "机关运行经费"
# A 三公 table's items in the order its columns (or rows) print them: the total, 出国, the vehicles' 小计
# and its two parts, 接待.
THREE_PUBLIC_COLUMNS = (THREE_PUBLIC, OVERSEAS, VEHICLES_COST, VEHICLE_PURCHASE, VEHICLE_OPERATION, RECEPTION)
PROCUREMENT_TOTAL = "政府采购支出总额"
CARRY_OVER_START = "年初结转和结余"
CARRY_OVER_END = "年末结转和结余"
NON_FISCAL_BALANCE_USED = "使用非财政拨款结余"
BALANCE_DISTRIBUTION = "结余分配"
VEHICLE_FLEET = "公务用车保有量"
RECEPTION_BATCHES = "国内公务接待批次"
RECEPTION_PERSONS = "国内公务接待人次"
OVERSEAS_GROUPS = "因公出国（境）团组"
OVERSEAS_PERSONS = "因公出国（境）人次"

# Grand totals of the 收入支出决算总表 (the prose states 收支总计 instead), and the 财政拨款支出 and
# 财政拨款收入 a 部门整体绩效评价报告 states before splitting them by fund (其中：一般公共预算财政拨款支出……).
GRAND_INCOME_TOTAL = "收入总计"
GRAND_EXPENDITURE_TOTAL = "支出总计"
FISCAL_EXPENDITURE = "财政拨款支出"
FISCAL_INCOME = "财政拨款收入"

# fund_type of expenditure_function; also the scope of metrics read from one fund's table.
ALL_FUNDS = "全部资金"
GPB = "一般公共预算财政拨款"
GOV_FUND = "政府性基金预算财政拨款"
STATE_CAPITAL = "国有资本经营预算财政拨款"
FISCAL = "财政拨款"

# The expenditure metric that totals each fund type.
FUND_EXPENDITURE = {GPB: GPB_EXPENDITURE, GOV_FUND: GOV_FUND_EXPENDITURE, STATE_CAPITAL: STATE_CAPITAL_EXPENDITURE}

# Expenditure-control lines of the 部门整体支出绩效评价基础数据表.
OFFICE_COSTS = "办公经费"
UTILITIES_TRAVEL_COSTS = "水费、电费、差旅费"
MEETING_TRAINING_COSTS = "会议费、培训费"

# Department profile (部门概况, 人员概况).
SUBUNITS = "下属二级单位数"
SUBUNITS_ADMIN = "下属行政单位数"
SUBUNITS_CIVIL_SERVICE = "下属参公事业单位数"
SUBUNITS_OTHER = "下属其他事业单位数"
STAFF_QUOTA = "编制数"
STAFF_QUOTA_ADMIN = "行政编制数"
STAFF_QUOTA_CIVIL_SERVICE = "参公编制数"
STAFF_QUOTA_INSTITUTION = "事业编制数"
STAFF_ACTUAL = "实有人数"
# Staff in post stated per kind of quota (行政编制11名，实有7人), and 行政工勤人员 stated apart.
STAFF_ACTUAL_ADMIN = "行政编制实有人数"
STAFF_ACTUAL_CIVIL_SERVICE = "参公编制实有人数"
STAFF_ACTUAL_INSTITUTION = "事业编制实有人数"
STAFF_WORKERS = "行政工勤人员数"
# The 基础数据表's staffing 控制率 (staff in post / quota), in percent as printed.
STAFF_CONTROL_RATE = "编制控制率"
RETIRED = "退休人数"

# 三公 details.
VEHICLES_PURCHASED = "公务用车购置数量"
DOMESTIC_RECEPTION = "国内公务接待费"
FOREIGN_RECEPTION = "外事接待费"
FOREIGN_RECEPTION_BATCHES = "外事接待批次"
FOREIGN_RECEPTION_PERSONS = "外事接待人次"


def fleet_by_type(vehicle_type: str) -> str:
    """公务用车保有量 of one vehicle type (轿车, 越野车, 载客汽车 ...)."""
    return f"{VEHICLE_FLEET}（{vehicle_type}）"


def purchased_by_type(vehicle_type: str) -> str:
    return f"{VEHICLES_PURCHASED}（{vehicle_type}）"


def purchase_cost_by_type(vehicle_type: str) -> str:
    return f"{VEHICLE_PURCHASE}（{vehicle_type}）"


# 其他重要事项: government procurement and state assets.
PROCUREMENT_GOODS = "政府采购货物支出"
PROCUREMENT_WORKS = "政府采购工程支出"
PROCUREMENT_SERVICES = "政府采购服务支出"
PROCUREMENT_SME = "授予中小企业合同金额"
PROCUREMENT_MICRO = "授予小微企业合同金额"
PROCUREMENT_SME_RESERVED = "面向中小企业预留项目预算金额"
PROCUREMENT_MICRO_RESERVED = "面向小微企业预留项目预算金额"
ASSET_VEHICLES = "车辆保有量"
EQUIPMENT_GENERAL_50 = "单价50万元以上通用设备"
EQUIPMENT_SPECIAL_100 = "单价100万元以上专用设备"
EQUIPMENT_100 = "单价100万元以上设备"


def asset_vehicles_by_use(use: str) -> str:
    """车辆保有量 of one purpose (主要领导干部用车, 应急保障用车 ...)."""
    return f"{ASSET_VEHICLES}（{use}）"


# 预算绩效管理.
PERF_PRE_ASSESSED = "事前绩效评估项目数"
PERF_TARGETS = "绩效目标项目数"
PERF_TARGETS_AMOUNT = "绩效目标项目金额"
PERF_MONITORED = "绩效监控项目数"
PERF_MONITORED_AMOUNT = "绩效监控项目金额"
PERF_SELF_EVALUATED = "绩效自评项目数"
PERF_SELF_EVALUATED_AMOUNT = "绩效自评项目金额"
PERF_AVERAGE_SCORE = "绩效自评平均得分"
# The national template counts the self-evaluated 一般公共预算 projects by level (一级项目2个，二级项目8个).
PERF_SELF_EVALUATED_FIRST_LEVEL = "绩效自评一级项目数"
PERF_SELF_EVALUATED_SECOND_LEVEL = "绩效自评二级项目数"
# 部门评价: the department's own evaluation of chosen projects, and the 一般公共预算 spending they take.
PERF_DEPARTMENT_EVALUATED = "部门评价项目数"
PERF_DEPARTMENT_EVALUATED_AMOUNT = "部门评价项目金额"


def perf_grade_count(grade: str) -> str:
    """Number of self-evaluated projects graded ``grade`` (优, 良, 合格, 不合格)."""
    return f"绩效评级为{grade}的项目数"


PROCUREMENT_SME_RESERVED_AWARDED = "中小企业预留项目中标金额"
PROCUREMENT_MICRO_RESERVED_AWARDED = "小微企业预留项目中标金额"
PROCUREMENT_SME_OTHER_AWARDED = "其他项目中小企业中标金额"


# The year's budget and its adjustments (004's self-evaluation: 年初预算收入 + 预算调整收入 = 全年预算收入;
# 全年预算支出 + 存量资金安排支出 = 支出总计, that paragraph's budget-side total, named apart from the
# final accounts' 支出总计).
BUDGET_INCOME_INITIAL = "年初预算收入"
BUDGET_INCOME_ADJUSTMENT = "预算调整收入"
BUDGET_INCOME_FINAL = "全年预算收入"
BUDGET_EXPENDITURE_INITIAL = "年初预算支出"
BUDGET_EXPENDITURE_ADJUSTMENT = "预算调整支出"
BUDGET_EXPENDITURE_FINAL = "全年预算支出"
STOCK_FUNDS_EXPENDITURE = "存量资金安排支出"
BUDGET_EXPENDITURE_TOTAL = "预算支出总计"

# A budget report's own figures (部门预算): what the plan states that the final accounts do not.
PROCUREMENT_BUDGET = "政府采购预算"
VEHICLES_PURCHASE_PLANNED = "预算安排购置车辆数"
EQUIPMENT_100_PLANNED = "预算安排购置单价100万元以上设备"
PROJECT_BUDGET = "项目预算金额"
# Income of each fund (the 财政拨款收入支出决算总表's income side names them so).
GPB_INCOME = "一般公共预算财政拨款收入"
GOV_FUND_INCOME = "政府性基金预算财政拨款收入"
STATE_CAPITAL_INCOME = "国有资本经营预算财政拨款收入"
FUND_INCOME = {GPB: GPB_INCOME, GOV_FUND: GOV_FUND_INCOME, STATE_CAPITAL: STATE_CAPITAL_INCOME}
# A fund's income written without 预算 or 财政 (政府性基金财政拨款收入, 一般公共预算拨款收入).
_FUND_INCOME = re.compile(r"^(?P<fund>一般公共预算|政府性基金|国有资本经营)(?:预算)?(?:财政)?拨款收入$")


def income_source(name: str) -> str:
    """An income source under the contract's name: a fund's income as 一般公共预算财政拨款收入 …"""
    fund = _FUND_INCOME.match(name)
    return f"{fund.group('fund').removesuffix('预算')}预算财政拨款收入" if fund else name


# The total a declared share (占X%) of a metric refers to where the sentence names no other whole.
SHARE_OF: dict[str, str] = {
    BASIC: EXPENDITURE_TOTAL,
    PROJECT: EXPENDITURE_TOTAL,
    REMIT_UPPER: EXPENDITURE_TOTAL,
    BUSINESS: EXPENDITURE_TOTAL,
    SUBSIDY_AFFILIATED: EXPENDITURE_TOTAL,
    GPB_EXPENDITURE: EXPENDITURE_TOTAL,
    OVERSEAS: THREE_PUBLIC,
    VEHICLES_COST: THREE_PUBLIC,
    RECEPTION: THREE_PUBLIC,
    PROCUREMENT_SME: PROCUREMENT_TOTAL,
    PROCUREMENT_MICRO: PROCUREMENT_TOTAL,
}
