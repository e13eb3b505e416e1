"""A small jurisdiction with named personas, built once per test database.

Units (codes in brackets): 湖北省 [t-42] › 省司法厅 [t-sft]; 鄂州市 [t-4207] › 市司法局 [t-sfj];
华容区 [t-hr] › 区司法局 (agency) [t-agency], 区市场监管局 [t-scjg], 区城管局 [t-cgj], 区应急局
[t-yjj], 区财政局 [t-czj], 区公安局 [t-gaj], 华容镇 [t-hrz], 葛店镇 [t-gdz], 区委编办 [t-bb],
区纪委监委 [t-jw], 区检察院 [t-jcy]; and a second district 梁子湖区 [t-lzh] with its own agency
[t-lzh-agency] to prove jurisdictions do not leak into each other.

Personas (username → role): agency (监督机构), leader, admin, scjg_legal, cgj_legal, hrz_legal,
gdz_legal, bb_review, cz_review, city_review, prov_review, jw_liaison, ga_liaison, jcy_liaison,
scjg_officer (enforcement officer account), lzh_agency (the other district's agency).
"""

from __future__ import annotations

from jiandu.organization import services
from jiandu.organization.models import LegalBody, Unit, User
from jiandu.organization.roles import Role

PASSWORD = "Test-Pass-2026!"

DUTIES = [d for d in LegalBody.Duty.values]


def build() -> None:
    def unit(name, code, kind, parent, **fields):
        return services.unit_create(actor=None, name=name, code=code, kind=kind, parent=parent, **fields)

    province = unit("湖北省人民政府", "t-42", Unit.Kind.GOVERNMENT, None, level=Unit.Level.PROVINCE, short_name="湖北省")
    sft = unit("湖北省司法厅", "t-sft", Unit.Kind.EXTERNAL, province, level=Unit.Level.PROVINCE,
               review_seat=Unit.ReviewSeat.PROVINCE, doc_prefix="鄂司")
    city = unit("鄂州市人民政府", "t-4207", Unit.Kind.GOVERNMENT, province, level=Unit.Level.CITY, short_name="鄂州市")
    sfj = unit("鄂州市司法局", "t-sfj", Unit.Kind.EXTERNAL, city, level=Unit.Level.CITY,
               review_seat=Unit.ReviewSeat.CITY, doc_prefix="鄂州司")
    district = unit("华容区人民政府", "t-hr", Unit.Kind.GOVERNMENT, city, short_name="华容区")
    agency = unit("华容区司法局", "t-agency", Unit.Kind.AGENCY, district, short_name="区司法局",
                  review_seat=Unit.ReviewSeat.AGENCY, doc_prefix="华司执监")
    scjg = unit("华容区市场监督管理局", "t-scjg", Unit.Kind.DEPARTMENT, district, short_name="区市场监管局",
                is_enforcement_unit=True, is_key_department=True, domain="市场监管", doc_prefix="华市监")
    cgj = unit("华容区城市管理执法局", "t-cgj", Unit.Kind.DEPARTMENT, district, short_name="区城管局",
               is_enforcement_unit=True, is_key_department=True, domain="城市管理", doc_prefix="华城管")
    yjj = unit("华容区应急管理局", "t-yjj", Unit.Kind.DEPARTMENT, district, short_name="区应急局",
               is_enforcement_unit=True, is_key_department=True, domain="安全生产", doc_prefix="华应急")
    czj = unit("华容区财政局", "t-czj", Unit.Kind.DEPARTMENT, district, short_name="区财政局",
               is_enforcement_unit=True, is_key_department=True, review_seat=Unit.ReviewSeat.FINANCE)
    gaj = unit("华容区公安分局", "t-gaj", Unit.Kind.DEPARTMENT, district, short_name="区公安局",
               is_enforcement_unit=True, is_key_department=True, liaison_kind=Unit.LiaisonKind.POLICE)
    hrz = unit("华容镇人民政府", "t-hrz", Unit.Kind.TOWNSHIP, district, short_name="华容镇",
               level=Unit.Level.TOWNSHIP, is_enforcement_unit=True, domain="综合行政执法", doc_prefix="华容政")
    gdz = unit("葛店镇人民政府", "t-gdz", Unit.Kind.TOWNSHIP, district, short_name="葛店镇",
               level=Unit.Level.TOWNSHIP, is_enforcement_unit=True, domain="综合行政执法", doc_prefix="葛店政")
    bb = unit("中共华容区委机构编制委员会办公室", "t-bb", Unit.Kind.EXTERNAL, district, short_name="区委编办",
              review_seat=Unit.ReviewSeat.ESTABLISHMENT)
    jw = unit("华容区纪委监委", "t-jw", Unit.Kind.EXTERNAL, district, short_name="区纪委监委",
              liaison_kind=Unit.LiaisonKind.DISCIPLINE)
    jcy = unit("华容区人民检察院", "t-jcy", Unit.Kind.EXTERNAL, district, short_name="区检察院",
               liaison_kind=Unit.LiaisonKind.PROCURATORATE)
    other = unit("梁子湖区人民政府", "t-lzh", Unit.Kind.GOVERNMENT, city, short_name="梁子湖区")
    other_agency = unit("梁子湖区司法局", "t-lzh-agency", Unit.Kind.AGENCY, other, short_name="梁子湖区司法局",
                        review_seat=Unit.ReviewSeat.AGENCY, doc_prefix="梁司执监")
    other_dept = unit("梁子湖区市场监督管理局", "t-lzh-scjg", Unit.Kind.DEPARTMENT, other, short_name="梁子湖区市场监管局",
                      is_enforcement_unit=True)

    bodies = {}
    for u, name in [(agency, "行政执法协调监督科"), (scjg, "法规股"), (cgj, "法制股"), (yjj, "政策法规股"),
                    (czj, "法规股"), (gaj, "法制大队"), (hrz, "华容镇司法所"), (gdz, "葛店镇司法所"),
                    (other_agency, "执法监督科")]:
        bodies[u.pk] = services.legal_body_set(actor=None, unit=u, name=name, duties=DUTIES)

    def user(username, full_name, u, roles, *, legal=False, qualified=True):
        account = services.user_create(actor=None, username=username, full_name=full_name, unit=u, roles=roles,
                                       password=PASSWORD)
        if legal:
            services.legal_staff_add(actor=None, legal_body=bodies[u.pk], name=full_name, is_full_time=True,
                                     has_legal_qualification=qualified,
                                     qualification_number="A20190001" if qualified else "", user=account)
        return account

    user("agency", "王建国", agency, [Role.AGENCY_OFFICER], legal=True)
    user("agency2", "李晓东", agency, [Role.AGENCY_OFFICER], legal=True)
    user("agency3", "陈静", agency, [Role.AGENCY_OFFICER], legal=True)
    user("leader", "赵志强", district, [Role.LEADER])
    user("admin", "系统管理员", agency, [Role.ADMIN])
    user("scjg_legal", "刘芳", scjg, [Role.UNIT_LEGAL_OFFICER], legal=True)
    user("cgj_legal", "周磊", cgj, [Role.UNIT_LEGAL_OFFICER], legal=True)
    user("hrz_legal", "张娟", hrz, [Role.UNIT_LEGAL_OFFICER], legal=True)
    user("gdz_legal", "黄涛", gdz, [Role.UNIT_LEGAL_OFFICER], legal=True, qualified=False)
    user("bb_review", "孙丽", bb, [Role.JOINT_REVIEWER])
    user("cz_review", "吴刚", czj, [Role.JOINT_REVIEWER])
    user("city_review", "郑斌", sfj, [Role.JOINT_REVIEWER])
    user("prov_review", "何玉梅", sft, [Role.JOINT_REVIEWER])
    user("jw_liaison", "马军", jw, [Role.DISCIPLINE_LIAISON])
    user("ga_liaison", "林海燕", gaj, [Role.POLICE_LIAISON])
    user("jcy_liaison", "罗文博", jcy, [Role.PROCURATORATE_LIAISON])
    user("scjg_officer", "徐明", scjg, [Role.ENFORCEMENT_OFFICER])
    user("lzh_agency", "孟凡", other_agency, [Role.AGENCY_OFFICER])
    _ = (sft, sfj, other_dept)


class World:
    """Fresh objects for each test, looked up by code or username."""

    def unit(self, code: str) -> Unit:
        return Unit.objects.get(code=f"t-{code}")

    def user(self, username: str) -> User:
        return User.objects.select_related("unit").get(username=username)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.user(name)
        except User.DoesNotExist:
            return self.unit(name.replace("_", "-"))
