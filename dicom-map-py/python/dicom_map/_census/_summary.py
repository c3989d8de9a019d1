"""The census summary printed on standard output: totals, the top unresolved keys, VR
disagreements and damaged files. The full detail is in the report file."""

from __future__ import annotations

from typing import List

from dicom_map._census._model import Census, CensusRow

__all__ = ["summary"]


def _creator(row: CensusRow) -> str:
    if row.creator_state == "missing":
        return "(no creator)"
    if row.creator_state == "empty":
        return "(empty creator)"
    return repr(row.creator)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _vrs(row: CensusRow) -> str:
    return " ".join(f"{vr}:{n}" for vr, n in row.vrs.items()) or "implicit only"


def summary(census: Census, top: int = 10) -> str:
    t = census.totals
    rows = census.rows
    private = [r for r in rows if r.kind == "private"]
    unresolved = census.unresolved()
    lines: List[str] = [
        f"files        {t['paths']} looked at: {t['dicom_files']} DICOM "
        f"({t['explicit_files']} explicit VR, {t['implicit_files']} implicit VR, "
        f"{t['no_preamble']} without preamble), {t['not_dicom']} not DICOM, "
        f"{t['damaged']} damaged",
        f"elements     {t['elements']} read, {t['private_elements']} private "
        f"({t['nested_elements']} in sequences), {t['creator_elements']} private creators, "
        f"{t['reserved_elements']} other odd-group",
        f"private keys {len(private)}: "
        f"{sum(r.status == 'resolved' for r in private)} resolved "
        f"({sum(r.creator_match == 'folded' for r in private)} by folded creator), "
        f"{sum(r.status == 'unknown element' for r in private)} unknown element, "
        f"{sum(r.status == 'unknown creator' for r in private)} unknown creator, "
        f"{sum(r.creator_state not in (None, 'present') for r in private)} unattributed "
        "(no, empty or anonymised creator)",
        f"dictionary   edition {census.edition}",
    ]
    if unresolved:
        lines.append(f"\ntop unresolved keys ({min(top, len(unresolved))} of {len(unresolved)}):")
        for r in unresolved[:top]:
            extra = f"  candidates: {', '.join(r.candidates[:3])}" if r.candidates else ""
            lines.append(
                f"  {r.tag}  {_cut(_creator(r), 34):<34}  {r.status:<18} "
                f"{r.files} files, {r.elements} elements, {_vrs(r)}{extra}"
            )
    disagreements = census.vr_disagreements()
    if disagreements:
        lines.append(
            f"\nVR disagreements ({min(top, len(disagreements))} of {len(disagreements)}):"
        )
        for r in disagreements[:top]:
            lines.append(
                f"  {r.tag}  {_cut(_creator(r), 34):<34}  dictionary {r.dict_vr or '-'}, "
                f"files {_vrs(r)}"
            )
    if census.damaged:
        lines.append(f"\ndamaged files ({min(top, len(census.damaged))} of {len(census.damaged)}):")
        for path, reason in census.damaged[:top]:
            lines.append(f"  {path}: {reason}")
    return "\n".join(lines) + "\n"
