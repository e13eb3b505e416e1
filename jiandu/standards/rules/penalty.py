"""Is a proposed penalty within the discretion benchmark tier for these circumstances? (R-STD-6)

Pure: the tiers are plain values (``Tier`` or mappings with the same keys), never ORM rows, so the
cases app can call this at legal review (R-CAS-5) and tests can cover it exhaustively.

How a tier's fine range is read:

- ``none``: the tier imposes no fine; any positive fine is outside it.
- ``fixed``: ``min_value``/``max_value`` are yuan. A missing end is unbounded.
- ``gain_multiple`` / ``value_multiple``: ``min_value``/``max_value`` are multiples of the illegal
  gains / of the goods value; the figure must be given (0 is a figure, ``None`` is not). The
  computed range is then held between ``floor`` and ``cap`` (yuan, inclusive): a bound below the
  floor is raised to it, a bound above the cap is lowered to it ("并处违法所得一倍以上五倍以下罚款，
  最低不少于一万元" → floor 10,000).
- Each end is inclusive or exclusive as stored on the tier (``min_inclusive``/``max_inclusive``);
  Chinese statutes' "以上/以下" include the figure, "超过/不足" exclude it. A bound moved by the
  floor or cap is inclusive.
- A fine of ``None`` or 0 is "no fine": allowed unless the tier says a fine must be imposed
  (``fine_required``: "并处" rather than "可以并处").
- Other penalties (警告, 没收违法所得, 责令停产停业, 吊销许可证件…) must each be allowed by the tier;
  "罚款" in that list is ignored (the fine is judged above).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

NONE = "none"
FIXED = "fixed"
GAIN_MULTIPLE = "gain_multiple"
VALUE_MULTIPLE = "value_multiple"
FINE_MODES = (NONE, FIXED, GAIN_MULTIPLE, VALUE_MULTIPLE)
_BASE_LABEL = {GAIN_MULTIPLE: "违法所得", VALUE_MULTIPLE: "货值金额"}

# 行政处罚法 (2021) art. 9: the kinds of administrative penalty other than the fine.
OTHER_PENALTIES = (
    "警告", "通报批评", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件",
    "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留",
)


def _dec(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class Tier:
    label: str
    fine_mode: str = FIXED
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    min_inclusive: bool = True
    max_inclusive: bool = True
    floor: Decimal | None = None
    cap: Decimal | None = None
    fine_required: bool = True
    other_penalties: tuple[str, ...] = ()
    circumstances: str = ""

    @classmethod
    def of(cls, value: Tier | Mapping) -> Tier:
        if isinstance(value, Tier):
            return value
        return cls(
            label=str(value["label"]).strip(),
            fine_mode=value.get("fine_mode", FIXED),
            min_value=_dec(value.get("min_value")),
            max_value=_dec(value.get("max_value")),
            min_inclusive=bool(value.get("min_inclusive", True)),
            max_inclusive=bool(value.get("max_inclusive", True)),
            floor=_dec(value.get("floor", value.get("floor_amount"))),
            cap=_dec(value.get("cap", value.get("cap_amount"))),
            fine_required=bool(value.get("fine_required", True)),
            other_penalties=tuple(value.get("other_penalties") or ()),
            circumstances=value.get("circumstances", "") or "",
        )


@dataclass(frozen=True)
class Bound:
    amount: Decimal
    inclusive: bool


@dataclass
class PenaltyCheck:
    ok: bool
    tier_label: str
    reasons: list[str] = field(default_factory=list)
    # The fine range the tier allowed for these figures (None: unbounded or not computable).
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    range_text: str = ""


def money(value: Decimal) -> str:
    """``6000`` → ``6,000``; ``1234.5`` → ``1,234.50`` (yuan as written in decisions)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def multiple(value: Decimal) -> str:
    value = Decimal(value).normalize()
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def describe_range(low: Bound | None, high: Bound | None) -> str:
    """Chinese text of a fine range: ``1,000–5,000 元``, ``超过 1,000 元``, ``5,000 元以下``…"""
    if low is not None and high is not None:
        if low.inclusive and high.inclusive:
            if low.amount == high.amount:
                return f"{money(low.amount)} 元"
            return f"{money(low.amount)}–{money(high.amount)} 元"
        lo = f"{money(low.amount)} 元（{'含' if low.inclusive else '不含'}）"
        hi = f"{money(high.amount)} 元（{'含' if high.inclusive else '不含'}）"
        return f"{lo}至 {hi}"
    if low is not None:
        return f"{money(low.amount)} 元以上" if low.inclusive else f"超过 {money(low.amount)} 元"
    if high is not None:
        return f"{money(high.amount)} 元以下" if high.inclusive else f"不足 {money(high.amount)} 元"
    return "不限金额"


def _clamp(bound: Bound | None, floor: Decimal | None, cap: Decimal | None, *, is_low: bool) -> Bound | None:
    if bound is None:
        # An open end takes the floor (for the low end) or the cap (for the high end) when set.
        if is_low and floor is not None:
            return Bound(floor, True)
        if not is_low and cap is not None:
            return Bound(cap, True)
        return None
    amount, inclusive = bound.amount, bound.inclusive
    if floor is not None and amount <= floor:
        amount, inclusive = floor, True
    if cap is not None and amount >= cap:
        amount, inclusive = cap, True
    return Bound(amount, inclusive)


def fine_bounds(tier: Tier, *, base: Decimal | None) -> tuple[Bound | None, Bound | None]:
    """The tier's fine range in yuan for the given base figure (ignored for fixed tiers)."""
    if tier.fine_mode == FIXED:
        low = Bound(tier.min_value, tier.min_inclusive) if tier.min_value is not None else None
        high = Bound(tier.max_value, tier.max_inclusive) if tier.max_value is not None else None
        return low, high
    if tier.fine_mode in _BASE_LABEL:
        if base is None:
            raise ValueError("a multiple tier needs its base figure")
        low = Bound(tier.min_value * base, tier.min_inclusive) if tier.min_value is not None else None
        high = Bound(tier.max_value * base, tier.max_inclusive) if tier.max_value is not None else None
        return _clamp(low, tier.floor, tier.cap, is_low=True), _clamp(high, tier.floor, tier.cap, is_low=False)
    return Bound(Decimal(0), True), Bound(Decimal(0), True)


def _below(fine: Decimal, low: Bound | None) -> bool:
    return low is not None and (fine < low.amount or (fine == low.amount and not low.inclusive))


def _above(fine: Decimal, high: Bound | None) -> bool:
    return high is not None and (fine > high.amount or (fine == high.amount and not high.inclusive))


def check_penalty(
    tiers: Sequence[Tier | Mapping],
    *,
    circumstance: str,
    fine: Decimal | None,
    illegal_gain: Decimal | None = None,
    goods_value: Decimal | None = None,
    other_penalties: Sequence[str] = (),
) -> PenaltyCheck:
    """Judge a proposed penalty against the tier named by ``circumstance``.

    Returns ``PenaltyCheck(ok, tier_label, reasons)``; every reason is a Chinese sentence naming
    the figure and the range, e.g. "罚款 6,000 元超出“一般”情形 1,000–5,000 元的裁量幅度".
    """
    parsed = [Tier.of(t) for t in tiers]
    wanted = (circumstance or "").strip()
    tier = next((t for t in parsed if t.label == wanted), None)
    if tier is None:
        labels = "、".join(f"“{t.label}”" for t in parsed) or "无"
        return PenaltyCheck(False, "", [f"裁量基准中没有“{wanted}”情形（已规定的情形：{labels}）"])

    fine, illegal_gain, goods_value = _dec(fine), _dec(illegal_gain), _dec(goods_value)
    reasons: list[str] = []
    for figure, name in ((fine, "罚款金额"), (illegal_gain, "违法所得金额"), (goods_value, "货值金额")):
        if figure is not None and figure < 0:
            reasons.append(f"{name}不能为负数")
    if reasons:
        return PenaltyCheck(False, tier.label, reasons)

    has_fine = fine is not None and fine > 0
    low = high = None
    range_text = ""
    if tier.fine_mode == NONE:
        range_text = "不处罚款"
        if has_fine:
            reasons.append(f"“{tier.label}”情形不处罚款，拟处罚款 {money(fine)} 元超出裁量幅度")
    elif tier.fine_mode not in FINE_MODES:
        reasons.append(f"“{tier.label}”情形的罚款方式“{tier.fine_mode}”无法识别，请联系编制单位更正裁量基准")
    else:
        base = illegal_gain if tier.fine_mode == GAIN_MULTIPLE else goods_value
        if tier.fine_mode in _BASE_LABEL and base is None:
            base_name = _BASE_LABEL[tier.fine_mode]
            reasons.append(f"“{tier.label}”情形按{base_name}的倍数确定罚款，须填写{base_name}数额")
        else:
            low, high = fine_bounds(tier, base=base)
            range_text = describe_range(low, high)
            basis = ""
            if tier.fine_mode in _BASE_LABEL:
                times = describe_multiples(tier)
                basis = f"（{_BASE_LABEL[tier.fine_mode]} {money(base)} 元的 {times}）"
            if not has_fine:
                if tier.fine_required:
                    reasons.append(f"“{tier.label}”情形应当并处罚款（{range_text}），但未拟处罚款")
            elif _below(fine, low):
                reasons.append(f"罚款 {money(fine)} 元低于“{tier.label}”情形 {range_text}的裁量幅度{basis}")
            elif _above(fine, high):
                reasons.append(f"罚款 {money(fine)} 元超出“{tier.label}”情形 {range_text}的裁量幅度{basis}")

    allowed = set(tier.other_penalties)
    seen: set[str] = set()
    for penalty in other_penalties:
        penalty = (penalty or "").strip()
        if not penalty or penalty == "罚款" or penalty in seen:
            continue
        seen.add(penalty)
        if penalty not in allowed:
            allowed_text = "、".join(tier.other_penalties) or "无"
            reasons.append(f"“{penalty}”不在“{tier.label}”情形可并处的处罚种类内（可并处：{allowed_text}）")

    return PenaltyCheck(
        ok=not reasons, tier_label=tier.label, reasons=reasons,
        fine_min=low.amount if low else None, fine_max=high.amount if high else None, range_text=range_text,
    )


def describe_multiples(tier: Tier) -> str:
    """``2–5 倍``, ``3 倍以上``, ``5 倍以下`` (before floor and cap), with floor/cap noted."""
    lo, hi = tier.min_value, tier.max_value
    if lo is not None and hi is not None:
        text = f"{multiple(lo)} 倍" if lo == hi else f"{multiple(lo)}–{multiple(hi)} 倍"
    elif lo is not None:
        text = f"{multiple(lo)} 倍以上"
    elif hi is not None:
        text = f"{multiple(hi)} 倍以下"
    else:
        text = "倍数不限"
    limits = []
    if tier.floor is not None:
        limits.append(f"最低 {money(tier.floor)} 元")
    if tier.cap is not None:
        limits.append(f"最高 {money(tier.cap)} 元")
    return text + (f"，{'，'.join(limits)}" if limits else "")


def describe_tier(tier: Tier | Mapping) -> str:
    """One line for lists and the public page: the fine range of a tier as the benchmark states it."""
    tier = Tier.of(tier)
    if tier.fine_mode == NONE:
        return "不处罚款"
    if tier.fine_mode == FIXED:
        low, high = fine_bounds(tier, base=None)
        text = f"罚款 {describe_range(low, high)}"
    else:
        text = f"处{_BASE_LABEL.get(tier.fine_mode, '')} {describe_multiples(tier)}罚款"
    return text if tier.fine_required else f"可以并处{text.removeprefix('处')}"
