"""华容区 demo, criminal linkage part (R-LNK-1…4): transfers at each stage (one overdue at police
review), one risk flag, a joint meeting with open tasks — all through the services.

Built on the cases demo's penalty cases of 区市场监管局 and 区城管局. While the cases demo is not
loaded (the apps are built in parallel), a handful of decided penalty cases is written here the
way the cases tables hold them, so the linkage demo stands on its own.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from jiandu.cases.models import Case, CaseParty
from jiandu.linkage import rules, services
from jiandu.linkage.models import Transfer
from jiandu.linkage.services import meetings as meeting_services
from jiandu.linkage.services import transfers as transfer_services
from jiandu.organization.models import Unit, User
from jiandu.standards.models import EnforcementItem, ItemList

FALLBACK_CASES = [
    # (item code, item name, title, party, goods value, fine, days before today decided)
    ("SCJG-CF-050", "对销售伪劣产品的处罚", "销售不合格插座、插线板案", "华容区万家电器商行", "46000", "23000", 35),
    ("SCJG-CF-050", "对销售伪劣产品的处罚", "销售以假充真电线电缆案", "华容区恒通电料经营部", "86000", "43000", 30),
    ("SCJG-CF-050", "对销售伪劣产品的处罚", "销售不合格安全帽案", "鄂州市华容区安达劳保用品店", "62000", "31000", 25),
    ("SCJG-CF-051", "对无照经营的处罚", "销售假冒白酒案", "葛店镇兴旺烟酒商行", "120000", "60000", 20),
    ("SCJG-CF-052", "对生产销售不符合食品安全标准食品的处罚", "生产销售添加非食用物质的卤制品案", "华容镇李某某卤菜作坊", "58000", "50000", 18),
    ("SCJG-CF-050", "对销售伪劣产品的处罚", "销售掺杂掺假化肥案", "段店镇丰收农资店", "75000", "37500", 15),
    ("SCJG-CF-053", "对销售假冒注册商标商品的处罚", "销售假冒注册商标香烟案", "庙岭镇便民超市", "35000", "20000", 12),
    ("SCJG-CF-050", "对销售伪劣产品的处罚", "销售劣质电动车头盔案", "临江乡顺达车行", "52000", "26000", 10),
    ("SCJG-CF-054", "对非法经营药品的处罚", "无证经营处方药案", "蒲团乡康乐药店", "9000", "10000", 8),
]


def _fallback_cases(ctx, unit: Unit, actor: User) -> list[Case]:
    item_list = ItemList.objects.filter(unit=unit, status="published").first() or ItemList.objects.create(
        unit=unit, version=1, status="published", created_by=actor, note="两法衔接演示")
    # The unit's published penalty items (the standards demo) when there are some; else our own.
    published = list(EnforcementItem.objects.filter(item_list=item_list, kind="penalty").order_by("code"))
    codes = sorted({row[0] for row in FALLBACK_CASES})
    created = []
    for i, (code, name, title, party, goods, fine, days) in enumerate(FALLBACK_CASES, start=1):
        if published:
            item = published[codes.index(code) % len(published)]
        else:
            item = EnforcementItem.objects.filter(item_list=item_list, code=code).first() or EnforcementItem.objects.create(
                item_list=item_list, code=code, name=name, kind="penalty", law_name="《中华人民共和国产品质量法》",
                law_article="第五十条", responsible_unit=unit, domain=unit.domain)
        decided = ctx.today - timedelta(days=days)
        case = Case.objects.create(
            unit=unit, number=f"华市监处罚〔{decided.year}〕{900 + i}号", kind=Case.Kind.PENALTY, item=item,
            status=Case.Status.DECIDED, title=title, facts=f"当事人{title[:-1]}，货值金额{goods}元。", party_name=party,
            filed_on=decided - timedelta(days=45), decided_on=decided, outcome=Case.Outcome.PENALIZED,
            penalties=["fine", "confiscation"], fine_amount=Decimal(fine), goods_value=Decimal(goods),
            decision_number=f"华市监罚字〔{decided.year}〕{900 + i}号", created_by=actor)
        CaseParty.objects.create(case=case, kind=Case.PartyKind.ORGANISATION, name=party,
                                 id_number=f"92420703MA4{i:02d}DEMO{i}X"[:18])
        created.append(case)
    return created


def _package(transfer: Transfer, actor: User, kinds=("transfer_letter", "investigation_report", "items_list")) -> None:
    for kind in kinds:
        label = rules.MATERIAL_LABELS[kind]
        content = f"{label}\n{transfer.number}\n{transfer.case.number} {transfer.case.title}\n".encode()
        upload = ContentFile(content, name=f"{label}.pdf")
        services.transfer_material_add(actor=actor, transfer=transfer, kind=kind, title=label, upload=upload)


def load(ctx) -> None:
    units = ctx["units"]
    scjg, cgj, police, jcy = units["区市场监管局"], units["区城管局"], units["区公安局"], units["区检察院"]
    users = {u.username: u for u in User.objects.filter(username__in=[
        "scjg_legal", "cgj_legal", "ga_liaison", "jcy_liaison", "jd_agency"])}
    legal, police_user, jcy_user, agency = users["scjg_legal"], users["ga_liaison"], users["jcy_liaison"], users["jd_agency"]
    now = timezone.now()

    def ago(days: float = 0, hours: float = 0) -> datetime:
        return now - timedelta(days=days, hours=hours)

    decided = list(Case.objects.filter(unit=scjg, kind=Case.Kind.PENALTY, decided_on__isnull=False).order_by("id"))
    if len(decided) < 9:
        decided += _fallback_cases(ctx, scjg, legal)
    flagged_case, transfer_cases = decided[0], decided[1:8]

    def propose(case, at, offence, grounds, **kw):
        return services.transfer_propose(actor=legal, case=case, suspected_offence=offence, grounds=grounds,
                                         proposed_at=at, police_unit=police, **kw)

    def act(t, actor, action, at, **kw):
        return services.transfer_act(actor=actor, transfer=t, action=action, occurred_at=at, **kw)

    offence = "销售伪劣产品罪"
    grounds = "经查，当事人销售金额达到《关于公安机关管辖的刑事案件立案追诉标准的规定（一）》规定的五万元以上，涉嫌犯罪，依法移送。"
    # 1. Concluded: the whole walk, 40 days ago.
    t = propose(transfer_cases[0], ago(40), offence, grounds, items_note="涉案产品 1,200 件，存放于区市场监管局罚没物品仓库")
    t = act(t, legal, "approve", ago(39, 20), approver_name="局长 陈国华")
    _package(t, legal)
    t = act(t, legal, "send", ago(39, 4))
    t = act(t, police_user, "accept", ago(38, 22), police_reference="华公(经)受字〔2026〕112号")
    t = act(t, police_user, "file", ago(37), police_reference="华公(经)立字〔2026〕58号")
    t = act(t, legal, "hand_over", ago(35))
    act(t, police_user, "conclude", ago(5), reason="侦查终结，已移送华容区人民检察院审查起诉。")
    # 2. Filed, hand-over due (art. 12).
    t = propose(transfer_cases[1], ago(6), offence, grounds)
    t = act(t, legal, "approve", ago(5, 20), approver_name="局长 陈国华")
    _package(t, legal)
    t = act(t, legal, "send", ago(5, 18))
    t = act(t, police_user, "accept", ago(5, 2), police_reference="华公(经)受字〔2026〕131号")
    act(t, police_user, "file", ago(1), police_reference="华公(经)立字〔2026〕66号")
    # 3. Sent 6 days ago, never answered: overdue at police review (art. 9).
    t = propose(transfer_cases[2], ago(8), "生产、销售伪劣产品罪", "销售假冒白酒，货值金额十二万元，涉嫌犯罪。",
                has_inspection=True, items_note="假冒白酒 360 瓶")
    t = act(t, legal, "approve", ago(7, 3), approver_name="副局长 刘志明")
    _package(t, legal, kinds=("transfer_letter", "investigation_report", "items_list", "inspection_report"))
    act(t, legal, "send", ago(6, 1))
    # 4. Accepted today, under review.
    t = propose(transfer_cases[3], ago(3), "生产、销售不符合安全标准的食品罪", "卤制品中检出非食用物质，涉嫌犯罪。",
                has_inspection=True)
    t = act(t, legal, "approve", ago(2, 20), approver_name="局长 陈国华")
    _package(t, legal, kinds=("transfer_letter", "investigation_report", "items_list", "inspection_report"))
    t = act(t, legal, "send", ago(2, 4))
    act(t, police_user, "accept", ago(0, 5), police_reference="华公(食)受字〔2026〕27号")
    # 5. Not filed → the unit asked the procuratorate to supervise.
    t = propose(transfer_cases[4], ago(20), offence, grounds)
    t = act(t, legal, "approve", ago(19, 22), approver_name="局长 陈国华")
    _package(t, legal)
    t = act(t, legal, "send", ago(19, 20))
    t = act(t, police_user, "accept", ago(19, 2))
    t = act(t, police_user, "not_file", ago(17), reason="现有证据不足以证明销售金额达到追诉标准。")
    t = act(t, legal, "request_supervision", ago(15), reason="销售金额已经司法审计确认为七万五千元，请求检察院立案监督。")
    services.supervision_record(actor=jcy_user, transfer=t, kind="inquiry", content="已要求区公安分局说明不立案理由。",
                                recorded_on=ctx.today - timedelta(days=10))
    # 6. Approved three hours ago: to be sent within 24 hours (art. 8).
    t = propose(transfer_cases[5], ago(1), "销售假冒注册商标的商品罪", "销售假冒注册商标香烟，涉嫌犯罪。")
    t = act(t, legal, "approve", ago(0, 3), approver_name="局长 陈国华")
    _package(t, legal, kinds=("transfer_letter", "investigation_report"))
    # 7. Proposed this morning: the head decides within 3 days (art. 5).
    propose(transfer_cases[6], ago(0, 2), offence, grounds)

    # One risk flag: a decided case whose recorded quantity crosses its item's threshold, never transferred.
    risky_item = flagged_case.item
    top = (Case.objects.filter(unit=scjg, item__code=risky_item.code, goods_value__isnull=False)
           .order_by("-goods_value").values_list("goods_value", flat=True).first()) or Decimal("0")
    amount = {"amount_field": "goods_value", "amount_threshold": Decimal("500000")} if top < Decimal("500000") else {}
    services.risk_rule_create(
        actor=agency, unit=scjg, item_code=risky_item.code, suspected_offence="生产、销售伪劣产品罪", **amount,
        quantity_threshold=Decimal("1000"), quantity_unit="件",
        legal_reference="《关于公安机关管辖的刑事案件立案追诉标准的规定（一）》第十六条（销售金额五万元以上；演示数量标准）",
        effective_from=date(2022, 5, 15),
    )
    services.case_quantity_record(actor=legal, case=flagged_case, quantity=Decimal("1500"), quantity_unit="件",
                                  note="现场查扣不合格插座、插线板 1,500 件")
    cgj_items = list(EnforcementItem.objects.filter(item_list__unit=cgj, item_list__status="published")
                     .order_by("code").values_list("code", flat=True)[:1])
    if cgj_items:
        services.risk_rule_create(
            actor=agency, unit=cgj, item_code=cgj_items[0], suspected_offence="非法占用农用地罪",
            amount_field="goods_value", amount_threshold=Decimal("300000"), effective_from=ctx.today,
            legal_reference="《关于公安机关管辖的刑事案件立案追诉标准的规定（一）》第六十七条",
        )

    # A joint meeting with open tasks, one of them overdue.
    meeting = services.meeting_record(
        actor=agency, title="2026年第四季度行政执法与刑事司法衔接工作联席会议", held_on=ctx.today - timedelta(days=20),
        location="区司法局三楼会议室", attendee_units=[police, jcy, scjg, cgj, units["区应急局"]],
        attendees_note="区司法局王建国，区公安分局林海燕，区检察院罗文博，区市场监管局刘芳，区城管局周磊",
        topics="一、通报前三季度涉嫌犯罪案件移送、受理、立案情况；二、研究食品药品领域以罚代刑问题；三、部署信息共享平台录入。",
        decisions="一、各执法单位对近两年作出的罚没款五万元以上的处罚案件开展自查，防止以罚代刑、有案不移；"
                  "二、区公安分局对移送案件严格在3日内书面答复；三、区检察院对不立案案件开展专项立案监督。",
    )
    done = meeting_services.meeting_task_add(actor=agency, meeting=meeting, description="建立移送案件受理情况按月通报机制",
                                             owner_unit=police, due_on=ctx.today - timedelta(days=10))
    meeting_services.meeting_task_complete(actor=police_user, task=done, done_on=ctx.today - timedelta(days=12),
                                           note="已建立月度通报机制，首期通报已印发。")
    meeting_services.meeting_task_add(actor=agency, meeting=meeting, description="自查近两年罚没款五万元以上的处罚案件并报送自查报告",
                                      owner_unit=scjg, due_on=ctx.today - timedelta(days=3))
    meeting_services.meeting_task_add(actor=agency, meeting=meeting, description="对不立案案件开展专项立案监督并通报结果",
                                      owner_unit=jcy, due_on=ctx.today + timedelta(days=25))

    # What the periodic sweep would have found by now: the overdue review, the overdue task.
    remind_hours = int(services.transfers.c.figure("linkage.deadline.remind_hours", scjg, ctx.today))
    transfer_services.sweep_deadlines(timezone.now(), remind_hours)
    meeting_services.sweep_tasks(ctx.today)
    ctx.stdout.write(f"    两法衔接：移送 {Transfer.objects.count()} 件、风险提示 1 件、联席会议 1 次")
