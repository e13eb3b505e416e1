"""Building blocks for the standards tests: published catalogues made through the services."""

from __future__ import annotations

from decimal import Decimal

from jiandu.standards.services import benchmarks, four_lists, items

SCJG_ROWS = [
    {"code": "SC-001", "name": "对生产经营不符合食品安全标准的食品的处罚", "kind": "行政处罚",
     "law_name": "《中华人民共和国食品安全法》", "law_article": "第一百二十四条", "domain": "食品药品安全"},
    {"code": "SC-002", "name": "对发布虚假广告的处罚", "kind": "行政处罚",
     "law_name": "《中华人民共和国广告法》", "law_article": "第五十五条", "domain": "市场监管"},
    {"code": "SC-003", "name": "对未按规定公示年度报告的处罚", "kind": "行政处罚",
     "law_name": "《企业信息公示暂行条例》", "law_article": "第十八条", "domain": "市场监管"},
    {"code": "SC-004", "name": "查封、扣押与违法行为有关的财物", "kind": "行政强制",
     "law_name": "《中华人民共和国市场监督管理行政处罚程序规定》", "law_article": "第四十一条", "domain": "市场监管"},
    {"code": "SC-005", "name": "食品经营许可", "kind": "行政许可",
     "law_name": "《中华人民共和国食品安全法》", "law_article": "第三十五条", "domain": "食品药品安全"},
]


def publish_list(unit, actor, rows=None):
    """A published item list for ``unit`` (version 1 unless one exists)."""
    rows = rows if rows is not None else SCJG_ROWS
    return items.item_list_import(unit=unit, actor=actor, rows=list(enumerate(rows, start=2)), publish=True).item_list


def publish_benchmark(unit, actor, code="SC-002"):
    draft = benchmarks.benchmark_set_open_draft(unit=unit, actor=actor)
    b = benchmarks.benchmark_add(benchmark_set=draft, actor=actor, item_code=code,
                                 legal_basis="《中华人民共和国广告法》第五十五条第一款", violation="发布虚假广告")
    benchmarks.benchmark_tier_add(benchmark=b, actor=actor, label="一般", fine_mode="fixed", min_value=Decimal(1000),
                                  max_value=Decimal(5000), other_penalties=["警告"])
    benchmarks.benchmark_tier_add(benchmark=b, actor=actor, label="严重", fine_mode="gain_multiple", min_value=Decimal(3),
                                  max_value=Decimal(5), floor_amount=Decimal(200000),
                                  other_penalties=["吊销许可证件", "没收违法所得"])
    return benchmarks.benchmark_set_publish(benchmark_set=draft, actor=actor)


def publish_four_list(unit, actor, code="SC-003", kind="no_penalty"):
    draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
    four_lists.four_list_entry_add(four_list=draft, actor=actor, kind=kind, item_code=code,
                                   conditions="首次未按时公示年度报告，且在责令期限内补报",
                                   legal_basis="《中华人民共和国行政处罚法》第三十三条第一款")
    return four_lists.four_list_publish(four_list=draft, actor=actor)
