"""华容区 demo: the unit tree of the plan, legal bodies, and one account per role (R-ORG-1…4)."""

from __future__ import annotations

from jiandu.organization import services
from jiandu.organization.models import LegalBody, Unit
from jiandu.organization.roles import Role

PASSWORD = "Jiandu@2026"

# The 20 key departments named in §二(三)7, with the short name, code, domain and legal body.
KEY_DEPARTMENTS = [
    ("华容区公安分局", "区公安局", "police", "公安", "法制大队"),
    ("华容区交通运输局", "区交通运输局", "transport", "交通运输", "政策法规股"),
    ("华容区文化和旅游局", "区文化旅游局", "culture", "文化旅游", "政策法规股"),
    ("华容区城市管理执法局", "区城管局", "urban", "城市管理", "法制股"),
    ("华容区农业农村局", "区农业农村局", "agriculture", "农业农村", "政策法规股"),
    ("华容区财政局", "区财政局", "finance", "财政", "法规股"),
    ("华容区发展和改革局", "区发改局", "development", "发展改革", "法规股"),
    ("华容区医疗保障局", "区医保局", "medical_insurance", "医疗保障", "法规股"),
    ("华容区林业局", "区林业局", "forestry", "林业", "法规股"),
    ("华容区民政局", "区民政局", "civil_affairs", "民政", "法规股"),
    ("华容区人力资源和社会保障局", "区人社局", "hr", "人力资源社会保障", "劳动保障监察大队"),
    ("华容区审计局", "区审计局", "audit", "审计", ""),  # no legal body yet: flagged (R-ORG-2)
    ("鄂州市生态环境局华容分局", "区生态环境分局", "ecology", "生态环保", "法制股"),
    ("华容区市场监督管理局", "区市场监管局", "market", "市场监管", "法规股"),
    ("国家税务总局鄂州市华容区税务局", "区税务局", "tax", "税务", "法制股"),
    ("华容区水利和湖泊局", "区水利局", "water", "水利", "政策法规股"),
    ("华容区应急管理局", "区应急局", "emergency", "安全生产", "政策法规股"),
    ("华容区自然资源和规划局", "区自然资源规划局", "land", "自然资源", "法规股"),
    ("华容区住房和城乡建设局", "区住建局", "housing", "住房城乡建设", "法规股"),
    ("华容区卫生健康局", "区卫健局", "health", "卫生防疫", "法规股"),
]
OTHER_DEPARTMENTS = [
    ("华容区教育局", "区教育局", "education", "教育", "政策法规股"),
    ("华容区统计局", "区统计局", "statistics", "统计", "法规股"),
    ("华容区退役军人事务局", "区退役军人事务局", "veterans", "退役军人事务", ""),
]
TOWNSHIPS = [
    ("华容镇", "hrz"), ("葛店镇", "gdz"), ("庙岭镇", "mlz"), ("段店镇", "ddz"), ("临江乡", "ljx"), ("蒲团乡", "ptx"),
]
DEPARTMENT_DUTIES = [
    LegalBody.Duty.TEAM_MANAGEMENT, LegalBody.Duty.SUPERVISION, LegalBody.Duty.LEGAL_REVIEW,
    LegalBody.Duty.RECONSIDERATION_LITIGATION, LegalBody.Duty.COMPLAINT_HANDLING,
]
TOWNSHIP_DUTIES = [
    LegalBody.Duty.TEAM_MANAGEMENT, LegalBody.Duty.SUPERVISION, LegalBody.Duty.LEGAL_REVIEW,
    LegalBody.Duty.RULE_OF_LAW,
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华红玉梅斌宇浩凯鹏辉丹玲萍鑫婷雪晨欣怡子轩雨涵梓豪俊杰思远文博志强海燕春燕晓东立新德明永红"


def person_name(rng) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return rng.choice(SURNAMES) + given


def load(ctx) -> None:
    ctx["password"] = PASSWORD
    units: dict[str, Unit] = {}

    def add(name, code, kind, parent, **fields):
        unit = services.unit_create(actor=None, name=name, code=code, kind=kind, parent=parent, **fields)
        units[fields.get("short_name") or name] = unit
        units[name] = unit
        return unit

    province = add("湖北省人民政府", "42", Unit.Kind.GOVERNMENT, None, level=Unit.Level.PROVINCE, short_name="湖北省")
    add("湖北省司法厅", "42-sft", Unit.Kind.EXTERNAL, province, level=Unit.Level.PROVINCE,
        review_seat=Unit.ReviewSeat.PROVINCE, doc_prefix="鄂司")
    city = add("鄂州市人民政府", "4207", Unit.Kind.GOVERNMENT, province, level=Unit.Level.CITY, short_name="鄂州市")
    add("鄂州市司法局", "4207-sfj", Unit.Kind.EXTERNAL, city, level=Unit.Level.CITY,
        review_seat=Unit.ReviewSeat.CITY, doc_prefix="鄂州司")
    district = add("华容区人民政府", "420703", Unit.Kind.GOVERNMENT, city, short_name="华容区")
    agency = add("华容区司法局（区行政执法监督机构）", "420703-sfj", Unit.Kind.AGENCY, district, short_name="区司法局",
                 review_seat=Unit.ReviewSeat.AGENCY, doc_prefix="华司执监", sort_order=1)
    services.legal_body_set(actor=None, unit=agency, name="行政执法协调监督科", duties=[
        LegalBody.Duty.SUPERVISION, LegalBody.Duty.COMPLAINT_HANDLING, LegalBody.Duty.TEAM_MANAGEMENT,
        LegalBody.Duty.LEGAL_REVIEW, LegalBody.Duty.RECONSIDERATION_LITIGATION, LegalBody.Duty.RULE_OF_LAW,
    ])
    rng = ctx.random
    for i, (name, short, code, domain, body) in enumerate(KEY_DEPARTMENTS + OTHER_DEPARTMENTS, start=10):
        key = (name, short, code, domain, body) in KEY_DEPARTMENTS
        extra = {}
        if short == "区财政局":
            extra["review_seat"] = Unit.ReviewSeat.FINANCE
        if short == "区公安局":
            extra["liaison_kind"] = Unit.LiaisonKind.POLICE
        unit = add(name, f"420703-{code}", Unit.Kind.DEPARTMENT, district, short_name=short, is_enforcement_unit=True,
                   is_key_department=key, domain=domain, doc_prefix=f"华{short[1:3]}", sort_order=i)
        if extra:
            for k, v in extra.items():
                setattr(unit, k, v)
            unit.save(update_fields=list(extra))
        if body:
            legal = services.legal_body_set(actor=None, unit=unit, name=f"{short}{body}", duties=DEPARTMENT_DUTIES)
            if short != "区文化旅游局":  # a body with no staff yet: flagged on the staffing report
                for j in range(rng.choice((1, 2, 2, 3))):
                    services.legal_staff_add(actor=None, legal_body=legal, name=person_name(rng),
                                             position="股长" if j == 0 else "科员", is_full_time=j < 2,
                                             has_legal_qualification=j == 0,
                                             qualification_number=f"A2019{rng.randint(100000, 999999)}" if j == 0 else "")
    for i, (name, code) in enumerate(TOWNSHIPS, start=50):
        unit = add(f"{name}人民政府", f"420703-{code}", Unit.Kind.TOWNSHIP, district, short_name=name,
                   level=Unit.Level.TOWNSHIP, is_enforcement_unit=True, is_key_department=True,
                   domain="综合行政执法", doc_prefix=f"{name[:2]}政", sort_order=i)
        legal = services.legal_body_set(actor=None, unit=unit, name=f"{name}司法所", duties=TOWNSHIP_DUTIES)
        for j in range(2):
            services.legal_staff_add(actor=None, legal_body=legal, name=person_name(rng),
                                     position="所长" if j == 0 else "科员", is_full_time=True,
                                     has_legal_qualification=j == 0,
                                     qualification_number=f"A2020{rng.randint(100000, 999999)}" if j == 0 else "")
    for name, short, code, extra in [
        ("中共华容区委机构编制委员会办公室", "区委编办", "bb", {"review_seat": Unit.ReviewSeat.ESTABLISHMENT}),
        ("中共华容区纪律检查委员会 华容区监察委员会", "区纪委监委", "jw", {"liaison_kind": Unit.LiaisonKind.DISCIPLINE}),
        ("华容区人民检察院", "区检察院", "jcy", {"liaison_kind": Unit.LiaisonKind.PROCURATORATE}),
        ("华容区平安建设办公室", "区平安办", "pab", {"liaison_kind": Unit.LiaisonKind.SAFETY_OFFICE}),
        ("中共华容区委全面依法治区委员会办公室", "依法治区办", "yfzq", {}),
    ]:
        add(name, f"420703-{code}", Unit.Kind.EXTERNAL, district, short_name=short, sort_order=90, **extra)
    ctx["units"] = units
    ctx["district"] = district
    ctx["agency"] = agency

    # The agency's own full-time staff (R-ORG-3): three, the plan's minimum.
    agency_body = agency.legal_body
    staff_users = []
    for username, full_name, position in [
        ("jd_agency", "王建国", "科长"), ("jd_agency2", "李晓东", "副科长"), ("jd_agency3", "陈静", "科员"),
    ]:
        user = services.user_create(actor=None, username=username, full_name=full_name, unit=agency,
                                    roles=[Role.AGENCY_OFFICER], password=PASSWORD)
        services.legal_staff_add(actor=None, legal_body=agency_body, name=full_name, position=position,
                                 is_full_time=True, has_legal_qualification=position != "科员",
                                 qualification_number=f"A2015{rng.randint(100000, 999999)}" if position != "科员" else "",
                                 user=user)
        staff_users.append(user)
    ctx["agency_user"] = staff_users[0]
    ctx.accounts.append(("jd_agency", "监督机构工作人员", agency.name, "全区数据；资格初审（监督机构席位）"))

    def account(username, full_name, unit_key, roles, role_label, note="", legal=False):
        unit = units[unit_key]
        user = services.user_create(actor=None, username=username, full_name=full_name, unit=unit, roles=roles,
                                    password=PASSWORD)
        if legal and hasattr(unit, "legal_body"):
            services.legal_staff_add(actor=None, legal_body=unit.legal_body, name=full_name, position="法制员",
                                     is_full_time=True, has_legal_qualification=True,
                                     qualification_number=f"A2018{rng.randint(100000, 999999)}", user=user)
        ctx.accounts.append((username, role_label, unit.name, note))
        ctx.setdefault("users", {})[username] = user
        return user

    account("jd_admin", "系统管理员", "区司法局", [Role.ADMIN], "系统管理员", "账号、参数与工作日历")
    account("jd_leader", "赵志强", "依法治区办", [Role.LEADER], "领导", "驾驶舱与通报")
    account("scjg_legal", "刘芳", "区市场监管局", [Role.UNIT_LEGAL_OFFICER], "单位法制工作人员", "区市场监管局", legal=True)
    account("cgj_legal", "周磊", "区城管局", [Role.UNIT_LEGAL_OFFICER], "单位法制工作人员", "区城管局", legal=True)
    account("hrz_legal", "张娟", "华容镇", [Role.UNIT_LEGAL_OFFICER], "单位法制工作人员", "华容镇司法所", legal=True)
    account("gdz_legal", "黄涛", "葛店镇", [Role.UNIT_LEGAL_OFFICER], "单位法制工作人员", "葛店镇司法所", legal=True)
    account("bb_review", "孙丽", "区委编办", [Role.JOINT_REVIEWER], "资格审查人员", "区委编办席位（初审）")
    account("cz_review", "吴刚", "区财政局", [Role.JOINT_REVIEWER], "资格审查人员", "区财政局席位（初审）")
    account("city_review", "郑斌", "鄂州市司法局", [Role.JOINT_REVIEWER], "资格审查人员", "市司法局复审")
    account("prov_review", "何玉梅", "湖北省司法厅", [Role.JOINT_REVIEWER], "资格审查人员", "省司法厅复核")
    account("jw_liaison", "马军", "区纪委监委", [Role.DISCIPLINE_LIAISON], "纪检监察联络人", "接收移送线索")
    account("ga_liaison", "林海燕", "区公安局", [Role.POLICE_LIAISON], "公安机关联络人", "接收涉嫌犯罪案件移送")
    account("jcy_liaison", "罗文博", "区检察院", [Role.PROCURATORATE_LIAISON], "检察院联络人", "两法衔接监督")
    account("scjg_officer", "徐明", "区市场监管局", [Role.ENFORCEMENT_OFFICER], "行政执法人员", "本人执法证、学时、案件")
    account("shjd", "宋雨涵", "区市场监管局", [Role.SOCIAL_SUPERVISOR], "社会监督员", "区人大代表")
