"""The 华容区 demo of the standards app (runs after organization's and personnel's demos).

Everything goes through the services, so the audit chain and the versions are real: item lists
for every enforcement unit (区市场监管局 with a superseded version 1, a published version 2 and an
open draft that the public never sees), four lists and benchmarks of four departments, three
systems documents, advisors (one unit's only contract expired, one unit without any), venues with
some gaps, equipment with loans, AV records, and a pending and a decided exemption.
"""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from jiandu.organization.models import Unit
from jiandu.standards import demo_data as data
from jiandu.standards.services import benchmarks, exemptions, four_lists, items, ledgers, systems

PREFIX = {"区市场监管局": "SCJG", "区城管局": "CGJ", "区生态环境分局": "STHJ", "区交通运输局": "JTYS"}
# Item-code prefixes of the other units (initials of their Chinese names, as units write them).
CODE_PREFIX = {"police": "GAJ", "culture": "WHLY", "agriculture": "NYNC", "finance": "CZJ", "development": "FGJ",
               "medical_insurance": "YBJ", "forestry": "LYJ", "civil_affairs": "MZJ", "hr": "RSJ", "audit": "SJJ",
               "tax": "SWJ", "water": "SLJ", "emergency": "YJJ", "land": "ZRZY", "housing": "ZJJ", "health": "WJJ",
               "education": "JYJ", "statistics": "TJJ", "veterans": "TYJR"}


def _actor(ctx, unit: Unit):
    users = ctx.get("users", {})
    by_unit = {"区市场监管局": "scjg_legal", "区城管局": "cgj_legal", "华容镇": "hrz_legal", "葛店镇": "gdz_legal"}
    return users.get(by_unit.get(unit.display_name, ""), ctx["agency_user"])


def _enforcement_units() -> list[Unit]:
    return list(Unit.objects.filter(is_enforcement_unit=True, is_active=True).order_by("sort_order", "id"))


def load(ctx) -> None:
    units = _enforcement_units()
    _item_lists(ctx, units)
    _four_lists(ctx)
    _benchmarks(ctx)
    _systems(ctx, units)
    _advisors(ctx, units)
    _venues(ctx, units)
    _equipment(ctx)
    _av_records(ctx)
    _exemptions(ctx)


def _rows(unit: Unit) -> list[dict]:
    name = unit.display_name
    if name in data.ITEMS:
        return [{"code": f"{PREFIX[name]}-{suffix}", "name": n, "kind": kind, "law_name": law, "law_article": article,
                 "domain": domain, "legal_basis": basis} for suffix, n, kind, law, article, domain, basis in data.ITEMS[name]]
    source = data.TOWNSHIP_ITEMS if unit.kind == Unit.Kind.TOWNSHIP else data.OTHER_ITEMS.get(name, [])
    suffix = unit.code.rsplit("-", 1)[-1]
    prefix = CODE_PREFIX.get(suffix, suffix.upper())
    counters: dict[str, int] = {}
    rows = []
    for n, kind, law, article, domain in source:
        tag = {"行政处罚": "CF", "行政强制": "QZ"}.get(kind, "QT")
        counters[tag] = counters.get(tag, 0) + 1
        rows.append({"code": f"{prefix}-{tag}-{counters[tag]:03d}", "name": n, "kind": kind, "law_name": law,
                     "law_article": article, "domain": domain})
    return rows


def _item_lists(ctx, units: list[Unit]) -> None:
    for unit in units:
        rows = _rows(unit)
        if not rows:
            continue
        actor = _actor(ctx, unit)
        if unit.display_name == "区市场监管局":
            # Version 1 without the two latest items, then version 2 (current), then an open draft.
            first = [r for r in rows if r["code"] not in ("SCJG-CF-011", "SCJG-JC-002")]
            items.item_list_import(unit=unit, actor=actor, rows=list(enumerate(first, start=2)), publish=True, source="2023年版清单")
            items.item_list_import(unit=unit, actor=actor, rows=list(enumerate(rows, start=2)), publish=True, source="2024年修订")
            draft = items.item_list_open_draft(unit=unit, actor=actor, note="2026年修订稿（征求意见中）")
            items.item_add(item_list=draft, actor=actor, code="SCJG-CF-012", name="对网络交易平台经营者未履行核验登记义务的处罚",
                           kind="行政处罚", law_name="《中华人民共和国电子商务法》", law_article="第八十条", domain=data.MARKET)
        else:
            items.item_list_import(unit=unit, actor=actor, rows=list(enumerate(rows, start=2)), publish=True, source="演示数据")


def _four_lists(ctx) -> None:
    for name, entries in data.FOUR_LISTS.items():
        unit = ctx.unit(name)
        actor = _actor(ctx, unit)
        draft = four_lists.four_list_open_draft(unit=unit, actor=actor)
        for i, (kind, suffix, conditions, basis) in enumerate(entries, start=1):
            four_lists.four_list_entry_add(four_list=draft, actor=actor, kind=kind, item_code=f"{PREFIX[name]}-{suffix}",
                                           conditions=conditions, legal_basis=basis, sort_order=i)
        four_lists.four_list_publish(four_list=draft, actor=actor)


def _benchmarks(ctx) -> None:
    for name, rows in data.BENCHMARKS.items():
        unit = ctx.unit(name)
        actor = _actor(ctx, unit)
        draft = benchmarks.benchmark_set_open_draft(unit=unit, actor=actor)
        for suffix, violation, basis, tiers in rows:
            b = benchmarks.benchmark_add(benchmark_set=draft, actor=actor, item_code=f"{PREFIX[name]}-{suffix}",
                                         legal_basis=basis, violation=violation)
            for order, tier in enumerate(tiers, start=1):
                benchmarks.benchmark_tier_add(benchmark=b, actor=actor, order=order, **tier)
        benchmarks.benchmark_set_publish(benchmark_set=draft, actor=actor)
    # An open revision of 区市场监管局's benchmarks: drafts never reach the public pages.
    unit = ctx.unit("区市场监管局")
    benchmarks.benchmark_set_open_draft(unit=unit, actor=_actor(ctx, unit))


def _docx(title: str, paragraphs: list[str]) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    for text in paragraphs:
        doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


SYSTEM_TEXT = {
    "disclosure": ("行政执法公示制度", ["第一条 为规范行政执法公示工作，依据《湖北省行政执法公示办法（试行）》，制定本制度。",
                                 "第二条 行政执法事项清单、执法依据、执法程序、救济渠道等信息，在区政府门户网站和办事大厅公示。",
                                 "第三条 行政处罚、行政许可决定自作出之日起七个工作日内公开。"]),
    "full_process_record": ("行政执法全过程记录制度", ["第一条 依据《湖北省行政执法全过程记录办法（试行）》，制定本制度。",
                                                  "第二条 查封扣押、强制拆除等直接涉及人身自由、生命健康、重大财产权益的现场执法活动，全程音像记录。",
                                                  "第三条 执法记录仪等采集的音像资料实行专机集中存储，设专人管理，建立台账。"]),
    "legal_review": ("重大执法决定法制审核制度", ["第一条 依据《湖北省重大行政执法决定法制审核办法（试行）》，制定本制度。",
                                            "第二条 重大执法决定未经法制审核或者审核未通过的，不得作出决定。",
                                            "第三条 法制机构应当在收到送审材料之日起五个工作日内出具书面审核意见。"]),
}


def _systems(ctx, units: list[Unit]) -> None:
    today = ctx.today
    for i, unit in enumerate(units):
        if i % 5 == 4:
            continue  # a few units have not published their three systems yet: flagged on the dashboard
        actor = _actor(ctx, unit)
        for j, (system, (title, paragraphs)) in enumerate(SYSTEM_TEXT.items()):
            if system == "legal_review" and i % 3 == 2:
                continue
            full_title = f"{unit.name}{title}"
            content = _docx(full_title, paragraphs)
            doc = systems.system_document_upload(
                unit=unit, actor=actor, system=system, title=full_title, doc_number=f"{unit.doc_prefix or '华'}发〔2023〕{10 + 3 * i + j}号",
                issued_on=today - timedelta(days=700 - i), upload=SimpleUploadedFile(f"{title}.docx", content),
            )
            systems.system_document_publish(document=doc, actor=actor)
    # 区市场监管局 revised its disclosure rules: version 2 published, version 1 superseded; a draft v3.
    unit = ctx.unit("区市场监管局")
    actor = _actor(ctx, unit)
    title, paragraphs = SYSTEM_TEXT["disclosure"]
    for version_note, publish in (("（2025年修订）", True), ("（2026年修订征求意见稿）", False)):
        full_title = f"{unit.name}{title}{version_note}"
        doc = systems.system_document_upload(unit=unit, actor=actor, system="disclosure", title=full_title,
                                             doc_number="华市监发〔2025〕8号" if publish else "",
                                             issued_on=today - timedelta(days=200) if publish else None,
                                             upload=SimpleUploadedFile("公示制度.docx", _docx(full_title, paragraphs)))
        if publish:
            systems.system_document_publish(document=doc, actor=actor)


FIRMS = ["湖北楚天律师事务所", "湖北鄂东律师事务所", "湖北华容律师事务所", "华容区华容法律服务所", "湖北明理律师事务所", "湖北江城律师事务所"]


def _advisors(ctx, units: list[Unit]) -> None:
    from jiandu.organization.demo import person_name

    rng, today = ctx.random, ctx.today
    for i, unit in enumerate(units):
        name = unit.display_name
        if name in ("区文化旅游局", "区退役军人事务局", "区统计局"):
            continue  # no advisor yet: flagged
        actor = _actor(ctx, unit)
        firm = FIRMS[i % len(FIRMS)]
        advisor = ledgers.advisor_add(unit=unit, actor=actor, org_kind="legal_service_office" if "服务所" in firm else "law_firm",
                                      org_name=firm, person_name=person_name(rng), license_number=f"1420{rng.randint(10**11, 10**12 - 1)}",
                                      phone=f"1{rng.choice('3579')}{rng.randint(10**8, 10**9 - 1)}")
        if name == "区城管局":
            starts, ends = today - timedelta(days=500), today - timedelta(days=40)  # the one expired contract
        elif name == "葛店镇":
            starts, ends = today - timedelta(days=340), today + timedelta(days=20)  # expiring soon
        else:
            starts = today - timedelta(days=rng.randint(30, 300))
            ends = starts + timedelta(days=365 * 2 - 1)
        ledgers.advisor_contract_add(advisor=advisor, actor=actor, signed_on=starts - timedelta(days=7), starts_on=starts,
                                     ends_on=ends, contract_number=f"FLGW-{today.year}-{i + 1:03d}", fee=8000 + 2000 * (i % 4),
                                     scope="重大行政执法决定法制审查、规范性文件合法性审查、行政复议和行政诉讼代理、法律咨询")
        for kind, subject in [("review", "对拟作出的较大数额罚款决定进行法制审查"), ("consultation", "就行政执法事项清单修订提供法律意见"),
                              ("mediation", "参与调处执法相对人投诉引发的矛盾纠纷"), ("representation", "代理一起行政复议案件")][: rng.randint(1, 4)]:
            ledgers.advisor_work_record(advisor=advisor, actor=actor, kind=kind, subject=subject,
                                        occurred_on=max(starts, today - timedelta(days=rng.randint(5, 200))),
                                        outcome="已出具书面意见。")


# (unit, room name, purpose, floor, missing features)
VENUE_GAPS = {
    "区审计局": [("询问室", "interrogation", 1, ())],  # no hearing room at all
    "葛店镇": [("询问室", "interrogation", 2, ("has_av_monitoring",)), ("听证室", "hearing", 2, ())],
    "区林业局": [("询问听证室", "combined", 3, ("has_window_guard",))],
    "区民政局": [("询问室", "interrogation", 1, ("has_name_plates", "has_computer_printer")), ("听证室", "hearing", 4, ())],
}
ALL_FEATURES = ("has_dedicated_room", "has_furniture", "has_av_monitoring", "has_computer_printer", "has_window_guard",
                "has_name_plates")


def _venues(ctx, units: list[Unit]) -> None:
    for i, unit in enumerate(u for u in units if u.is_key_department or u.kind == Unit.Kind.TOWNSHIP):
        actor = _actor(ctx, unit)
        rooms = VENUE_GAPS.get(unit.display_name)
        if rooms is None:
            rooms = [("询问听证室", "combined", 2 + i % 3, ())] if i % 2 else [("询问室", "interrogation", 1, ()), ("听证室", "hearing", 3, ())]
        for name, purpose, floor, missing in rooms:
            flags = {f: f not in missing for f in ALL_FEATURES}
            ledgers.venue_save(unit=unit, actor=actor, name=name, purpose=purpose, floor=floor, location=f"办公楼{floor}楼",
                               checked_on=ctx.today - timedelta(days=30), **flags)


def _equipment(ctx) -> None:
    today = ctx.today
    for name in ("区市场监管局", "区城管局", "区交通运输局", "区生态环境分局"):
        unit = ctx.unit(name)
        actor = _actor(ctx, unit)
        room = ledgers.equipment_room_add(unit=unit, actor=actor, name="执法装备保管室", location="办公楼一楼东侧",
                                          custodian="装备管理员", custody_rules=f"《{unit.name}执法装备管理制度》：专人保管、登记领用、按时归还、定期检查。",
                                          rules_adopted_on=today - timedelta(days=400))
        prefix = PREFIX[name]
        gear = [(f"{prefix}-ZB-{n:03d}", label, cat, model) for n, (label, cat, model) in enumerate([
            ("执法记录仪", "bodycam", "DSJ-V9"), ("执法记录仪", "bodycam", "DSJ-V9"), ("执法记录仪", "bodycam", "DSJ-V9"),
            ("数码相机", "camera", "EOS R50"), ("对讲机", "radio", "MTP3550"), ("移动执法终端", "mobile_terminal", "ZF-T8"),
        ], start=1)]
        made = [ledgers.equipment_add(room=room, actor=actor, asset_number=a, name=label, category=cat, model_name=model,
                                      acquired_on=today - timedelta(days=600)) for a, label, cat, model in gear]
        loan = ledgers.equipment_issue(equipment=made[0], actor=actor, borrower="徐明", purpose="日常巡查",
                                       expected_return_on=today + timedelta(days=1))
        ledgers.equipment_return(loan=loan, actor=actor, condition="完好")
        ledgers.equipment_issue(equipment=made[1], actor=actor, borrower="徐明", purpose="专项检查", expected_return_on=today + timedelta(days=3))
        if name == "区城管局":
            ledgers.equipment_issue(equipment=made[3], actor=actor, borrower="刘强", purpose="违建取证", expected_return_on=today)


def _av_records(ctx) -> None:
    today = ctx.today
    for name, titles in {"区市场监管局": ["某超市过期食品现场检查执法记录", "某餐饮店后厨卫生检查录像"],
                         "区城管局": ["某小区违法建设强制拆除全程录像", "占道经营整治现场执法记录"]}.items():
        unit = ctx.unit(name)
        actor = _actor(ctx, unit)
        for i, title in enumerate(titles):
            content = f"{unit.code}-{title}".encode()
            ledgers.av_register(unit=unit, actor=actor, title=title, source="bodycam" if i == 0 else "recorder",
                                recorded_on=today - timedelta(days=10 + i), recorded_by="徐明",
                                file_name=f"{PREFIX[name]}_{today:%Y%m%d}_{i + 1:02d}.mp4", sha256=hashlib.sha256(content).hexdigest(),
                                size=len(content) * 1_000_000, storage_location=f"NAS-01:/{PREFIX[name]}/{today:%Y/%m}/",
                                custodian="音像资料管理员", subject_label=title)


def _exemptions(ctx) -> None:
    from jiandu.personnel.models import Officer

    unit = ctx.unit("区市场监管局")
    actor = _actor(ctx, unit)
    officer = Officer.objects.filter(unit=unit, status=Officer.Status.ACTIVE).order_by("id").first()
    decided = exemptions.exemption_request(
        unit=unit, actor=actor, officer=officer, ground="four_lists",
        matter="对首次未办理变更登记的市场主体依清单不予处罚后发生的投诉",
        facts="执法人员依本局“不予处罚清单”对首次未按规定办理变更登记、在期限内改正的市场主体不予处罚，事后有群众投诉“执法过宽”。"
              "经核查，执法人员严格按清单条件适用，程序合法。",
        subject_label="市场主体变更登记案件（演示）",
    )
    exemptions.exemption_decide(exemption=decided, actor=ctx["agency_user"], approve=True,
                                reason="属于推进包容审慎监管“四张清单”出现的监管责任问题，执法人员已尽职，依实施方案§二(三)2不予追究执法过错责任。")
    cgj = ctx.unit("区城管局")
    exemptions.exemption_request(
        unit=cgj, actor=_actor(ctx, cgj), ground="technical_limits", matter="夜间违规倾倒建筑垃圾未能及时发现",
        facts="涉事地点位于城乡结合部，无视频监控覆盖，违法行为发生于凌晨，按现有巡查频次和技术手段无法及时发现。",
    )
