//! Rust values to Python objects: entry dicts, source lists, argument checks.

use dicom_map::{Info, SourceRef, TagView, Vr, VrSet};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};

/// Reads a group or an element: a Python `int` (or an object with `__index__`) in `0..=0xFFFF`.
///
/// `bool` is refused (`True` is an `int` to Python, but never a tag); a negative or too large
/// value is a `ValueError`, a non-integer a `TypeError`.
pub(crate) fn tag_part(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<u16> {
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an int, not bool"
        )));
    }
    let value: i64 = match obj.extract() {
        Ok(v) => v,
        Err(e) if e.is_instance_of::<PyTypeError>(obj.py()) => {
            let ty = obj
                .get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |n| n.to_string());
            return Err(PyTypeError::new_err(format!(
                "{what} must be an int, not {ty}"
            )));
        }
        // OverflowError: too large even for an i64.
        Err(_) => return Err(out_of_range(what, &obj.to_string())),
    };
    u16::try_from(value).map_err(|_| out_of_range(what, &value.to_string()))
}

fn out_of_range(what: &str, value: &str) -> PyErr {
    PyValueError::new_err(format!(
        "{what} {value} is out of range: a DICOM {what} is 0 to 0xFFFF"
    ))
}

/// `(GGGG,EEEE)`.
pub(crate) fn tag_text(group: u16, element: u16) -> String {
    format!("({group:04X},{element:04X})")
}

/// One interned Python string per VR, made once: the fast path `Dict.vr()` then allocates nothing
/// for a single-VR entry.
fn vr_code<'py>(py: Python<'py>, vr: Vr) -> Bound<'py, PyString> {
    static CODES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
    let codes = CODES.get_or_init(py, || {
        Vr::ALL
            .iter()
            .map(|v| PyString::intern(py, v.as_str()).unbind())
            .collect()
    });
    match codes.get(vr as usize) {
        Some(code) => code.bind(py).clone(),
        None => PyString::new(py, vr.as_str()),
    }
}

/// The VR set as PS3.6 writes it: `CS`, `US or SS`, `NONE` for item and delimitation tags.
pub(crate) fn vr_str<'py>(py: Python<'py>, vr: VrSet) -> Bound<'py, PyString> {
    match vr.single() {
        Some(one) => vr_code(py, one),
        None => PyString::new(py, &vr.to_string()),
    }
}

fn vr_tuple<'py>(py: Python<'py>, vr: VrSet) -> PyResult<Bound<'py, PyTuple>> {
    let vrs: Vec<_> = vr.iter_display().map(|v| vr_code(py, v)).collect();
    PyTuple::new(py, vrs)
}

fn source_dict<'py>(py: Python<'py>, s: &SourceRef<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "id"), s.id)?;
    d.set_item(intern!(py, "document"), s.document)?;
    d.set_item(
        intern!(py, "page"),
        if s.page == 0 { None } else { Some(s.page) },
    )?;
    Ok(d)
}

fn sources_list<'py>(
    py: Python<'py>,
    sources: dicom_map::Sources<'_>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for s in sources {
        list.append(source_dict(py, &s)?)?;
    }
    Ok(list)
}

/// The dict `Dict.lookup()`, iteration and search return. The keys are stable (documented in
/// `_native.pyi`, `EntryDict`).
pub(crate) fn entry_dict<'py>(py: Python<'py>, v: &TagView<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let (group, element) = (v.group(), v.element());
    d.set_item(intern!(py, "group"), group)?;
    d.set_item(intern!(py, "element"), element)?;
    d.set_item(intern!(py, "tag"), tag_text(group, element))?;
    d.set_item(intern!(py, "pattern"), v.pattern())?;
    d.set_item(intern!(py, "kind"), PyString::intern(py, v.kind().as_str()))?;
    d.set_item(intern!(py, "creator"), v.creator())?;
    d.set_item(
        intern!(py, "creator_match"),
        v.creator_match().map(|m| PyString::intern(py, m.as_str())),
    )?;
    d.set_item(intern!(py, "keyword"), &*v.keyword())?;
    d.set_item(intern!(py, "keyword_generated"), v.keyword_generated())?;
    d.set_item(intern!(py, "name"), v.name())?;
    d.set_item(intern!(py, "has_real_name"), v.has_real_name())?;
    let vr = v.vr();
    d.set_item(intern!(py, "vr"), vr_str(py, vr))?;
    d.set_item(intern!(py, "vrs"), vr_tuple(py, vr)?)?;
    d.set_item(intern!(py, "vm"), v.vm())?;
    d.set_item(intern!(py, "description"), v.description())?;
    d.set_item(intern!(py, "retired"), v.retired())?;
    d.set_item(intern!(py, "block_offset"), v.block_offset())?;
    d.set_item(intern!(py, "block"), v.block())?;
    d.set_item(intern!(py, "sources"), sources_list(py, v.sources())?)?;
    let vendors = PyList::empty(py);
    if let Some(vendor) = v.vendor() {
        vendors.append(vendor)?;
    }
    d.set_item(intern!(py, "vendors"), vendors)?;
    d.set_item(intern!(py, "confidence"), v.confidence())?;
    d.set_item(intern!(py, "conflict"), v.conflict())?;
    let candidates = PyList::empty(py);
    if v.conflict() {
        for c in v.candidates() {
            let cd = PyDict::new(py);
            cd.set_item(intern!(py, "vr"), vr_str(py, c.vr))?;
            cd.set_item(intern!(py, "vm"), c.vm)?;
            cd.set_item(intern!(py, "chosen"), c.chosen)?;
            cd.set_item(intern!(py, "sources"), sources_list(py, c.sources)?)?;
            candidates.append(cd)?;
        }
    }
    d.set_item(intern!(py, "candidates"), candidates)?;
    d.set_item(intern!(py, "entry_id"), v.entry_id())?;
    Ok(d)
}

/// The dict `Dict.info()` returns.
pub(crate) fn info_dict<'py>(py: Python<'py>, info: &Info<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("version", info.version)?;
    d.set_item("edition", info.edition)?;
    d.set_item("file_len", info.file_len)?;
    d.set_item("public_count", info.public_count)?;
    d.set_item("repeater_count", info.repeater_count)?;
    d.set_item("private_count", info.private_count)?;
    d.set_item("private_repeater_count", info.private_repeater_count)?;
    d.set_item("creator_count", info.creator_count)?;
    d.set_item("spelling_count", info.spelling_count)?;
    d.set_item("conflict_count", info.conflict_count)?;
    d.set_item("keyword_count", info.keyword_count)?;
    d.set_item("total_entries", info.total_entries)?;
    d.set_item("bytes_per_tag", info.bytes_per_tag)?;
    let meta = PyDict::new(py);
    for (k, v) in &info.metadata {
        meta.set_item(*k, *v)?;
    }
    d.set_item("metadata", meta)?;
    let sources = PyList::empty(py);
    for s in &info.sources {
        let sd = PyDict::new(py);
        sd.set_item("id", s.id)?;
        sd.set_item("title", s.title)?;
        sd.set_item("version", s.version)?;
        sd.set_item("url", s.url)?;
        sd.set_item("license", s.license)?;
        sd.set_item("weight", s.weight)?;
        sd.set_item("is_copy", s.is_copy)?;
        sources.append(sd)?;
    }
    d.set_item("sources", sources)?;
    Ok(d)
}

/// A creator as `Dict.creators()` and `Dict.creator()` return it.
pub(crate) fn creator_dict<'py>(
    py: Python<'py>,
    c: &dicom_map::Creator<'_>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "id"), c.id())?;
    d.set_item(intern!(py, "name"), c.name())?;
    d.set_item(intern!(py, "vendor"), c.vendor())?;
    d.set_item(intern!(py, "match"), c.matched().as_str())?;
    let spellings = PyList::empty(py);
    for s in c.spellings() {
        spellings.append(s)?;
    }
    d.set_item(intern!(py, "spellings"), spellings)?;
    Ok(d)
}
