"""Validation of an item list's rows (R-STD-1), shared by the Excel and the JSON import.

Pure: the service reads the workbook (or the JSON body), looks up units and the draft's codes, and
passes plain values in; this answers every bad row with the field and the reason, so the whole
file can be refused with one report (nothing is written when any row is bad).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# (key, Chinese column header, required, max length). The order is the template's column order.
COLUMNS: tuple[tuple[str, str, bool, int], ...] = (
    ("code", "事项编码", True, 40),
    ("name", "事项名称", True, 200),
    ("kind", "事项类别", True, 20),
    ("law_name", "法律依据（法律法规名称）", True, 200),
    ("law_article", "条款", False, 100),
    ("legal_basis", "依据条文摘要", False, 2000),
    ("responsible_unit", "实施主体", False, 100),
    ("domain", "执法领域", False, 40),
)
HEADERS = {key: header for key, header, _, _ in COLUMNS}
# Headers units commonly type instead of the template's own.
HEADER_ALIASES = {"法律依据": "law_name", "法律法规名称": "law_name", "依据条款": "law_article", "条款号": "law_article",
                  "编码": "code", "名称": "name", "类别": "kind", "事项类型": "kind", "领域": "domain"}
CODE_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-_.]*$")


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str
    allowed: bool  # within the list's unit (itself or below) and the importing user's scope


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class CleanRow:
    row: int
    code: str
    name: str
    kind: str
    law_name: str
    law_article: str
    legal_basis: str
    responsible_unit_id: int
    domain: str


@dataclass
class RowsCheck:
    rows: list[CleanRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def kind_lookup(kinds: Mapping[str, str]) -> dict[str, str]:
    """Every spelling a unit may use for a kind → its code: the full label (行政处罚), the short
    one without 行政 (处罚), the last part of a compound one (征收征用 → also 征收, 征用) and the code."""
    lookup: dict[str, str] = {}
    for code, label in kinds.items():
        short = label.removeprefix("行政")
        for spelling in {code, label, short, short.removesuffix("行政权力")}:
            if spelling:
                lookup[spelling] = code
        if short == "征收征用":
            lookup["征收"] = lookup["征用"] = code
    return lookup


def map_headers(headers: Sequence[object]) -> tuple[dict[str, int], list[RowError]]:
    """Column index of each known key, from the header row (order-free); errors name row 1."""
    by_header = {header: key for key, header, _, _ in COLUMNS}
    index: dict[str, int] = {}
    for i, raw in enumerate(headers):
        text = re.sub(r"[\s*＊]", "", str(raw or ""))
        key = by_header.get(text) or HEADER_ALIASES.get(text)
        if key and key not in index:
            index[key] = i
    errors = [RowError(1, header, f"表头缺少必填列“{header}”，请使用下载的模板。")
              for key, header, required, _ in COLUMNS if required and key not in index]
    return index, errors


class RowValidator:
    """Checks rows one at a time (so a long import can report progress), remembering the codes
    seen so far to find duplicates within the file.

    ``units``: every spelling of a unit (name, short name, code) → the units it may mean.
    ``existing_codes``: code → name of items already in the draft the rows are appended to (empty
    when the rows replace the draft).
    """

    def __init__(self, *, kinds: Mapping[str, str], units: Mapping[str, Sequence[UnitRef]], default_unit_id: int,
                 existing_codes: Mapping[str, str] | None = None):
        self.kinds = kinds
        self.lookup = kind_lookup(kinds)
        self.units = units
        self.default_unit_id = default_unit_id
        self.existing_codes = existing_codes or {}
        self.first_seen: dict[str, int] = {}

    def check(self, number: int, raw: Mapping[str, object], *, into: RowsCheck) -> None:
        values = {key: _text(raw.get(key)) for key, _, _, _ in COLUMNS}
        errors: list[RowError] = []
        for key, header, required, max_length in COLUMNS:
            if required and not values[key]:
                errors.append(RowError(number, header, f"“{header}”为必填项。"))
            elif len(values[key]) > max_length:
                errors.append(RowError(number, header, f"“{header}”不能超过 {max_length} 个字（现为 {len(values[key])} 个字）。"))
        code = values["code"]
        if code and len(code) <= 40:
            if not CODE_PATTERN.match(code):
                errors.append(RowError(number, HEADERS["code"], f"事项编码“{code}”只能由字母、数字及“-”“_”“.”组成。"))
            elif code in self.first_seen:
                errors.append(RowError(number, HEADERS["code"], f"事项编码“{code}”与第 {self.first_seen[code]} 行重复。"))
            elif code in self.existing_codes:
                errors.append(RowError(number, HEADERS["code"],
                                       f"事项编码“{code}”已在草稿中（{self.existing_codes[code]}），不能重复添加。"))
            self.first_seen.setdefault(code, number)
        kind = self.lookup.get(values["kind"])
        if values["kind"] and kind is None:
            allowed = "、".join(self.kinds.values())
            errors.append(RowError(number, HEADERS["kind"], f"事项类别“{values['kind']}”不在清单范围内（可选：{allowed}）。"))
        unit_id = self._unit(number, values["responsible_unit"], errors)
        if errors:
            into.errors.extend(errors)
            return
        into.rows.append(CleanRow(
            row=number, code=code, name=values["name"], kind=kind or "", law_name=values["law_name"],
            law_article=values["law_article"], legal_basis=values["legal_basis"], responsible_unit_id=unit_id,
            domain=values["domain"],
        ))

    def _unit(self, number: int, text: str, errors: list[RowError]) -> int:
        if not text:
            return self.default_unit_id  # blank: the list's own unit carries out the item
        header = HEADERS["responsible_unit"]
        candidates = list(self.units.get(text, ()))
        if not candidates:
            errors.append(RowError(number, header, f"实施主体“{text}”不是系统中的单位，请填写单位全称、简称或单位编码。"))
        elif len({c.id for c in candidates}) > 1:
            errors.append(RowError(number, header, f"实施主体“{text}”对应多个单位，请填写单位编码。"))
        elif not candidates[0].allowed:
            errors.append(RowError(number, header, f"实施主体“{candidates[0].name}”不属于本单位或其下级单位，不能列入本单位的清单。"))
        else:
            return candidates[0].id
        return self.default_unit_id


def validate_rows(
    rows: Sequence[tuple[int, Mapping[str, object]]],
    *,
    kinds: Mapping[str, str],
    units: Mapping[str, Sequence[UnitRef]],
    default_unit_id: int,
    existing_codes: Mapping[str, str] | None = None,
) -> RowsCheck:
    """Check every row; collect every problem (not only the first). ``rows``: (row number as the
    user sees it — the Excel row, or the position in a JSON list — and the values by key)."""
    validator = RowValidator(kinds=kinds, units=units, default_unit_id=default_unit_id, existing_codes=existing_codes)
    result = RowsCheck()
    for number, raw in rows:
        validator.check(number, raw, into=result)
    return result


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores a typed code like 330217001 as a number
    return re.sub(r"\s+", " ", str(value)).strip()
