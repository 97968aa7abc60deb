"""Metric names and fund types, spelled exactly as the analyst contract spells them."""

from __future__ import annotations

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
THREE_PUBLIC = "三公经费"
OVERSEAS = "因公出国（境）费"
VEHICLES_COST = "公务用车购置及运行维护费"
VEHICLE_PURCHASE = "公务用车购置费"
VEHICLE_OPERATION = "公务用车运行维护费"
RECEPTION = "公务接待费"
CARRY_OVER_START = "年初结转和结余"
CARRY_OVER_END = "年末结转和结余"
NON_FISCAL_BALANCE_USED = "使用非财政拨款结余"
BALANCE_DISTRIBUTION = "结余分配"

# fund_type of expenditure_function; also the scope of metrics read from one fund's table.
ALL_FUNDS = "全部资金"
GPB = "一般公共预算财政拨款"
GOV_FUND = "政府性基金预算财政拨款"
STATE_CAPITAL = "国有资本经营预算财政拨款"
FISCAL = "财政拨款"

FUND_EXPENDITURE = {GPB: GPB_EXPENDITURE, GOV_FUND: GOV_FUND_EXPENDITURE, STATE_CAPITAL: STATE_CAPITAL_EXPENDITURE}
