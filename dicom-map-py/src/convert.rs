//! Rust values to Python objects: entry dicts, source lists, argument checks.
//!
//! # Why entry dicts are cached
//!
//! Building an entry dict (24 keys, a dict per source and candidate) costs microseconds, most of it
//! creating Python objects. [`EntryCache`] builds the parts of an entry that never change once, as
//! a template, and [`EntryCache::dict`] returns a copy of that template with the few per-query keys
//! (`group`, `element`, `tag`, `creator_match`) set when they differ from the template's: a real
//! `dict`, new on every call. What it shares with other calls cannot be changed: `sources`,
//! `vendors`, `candidates` and `vrs` are tuples, and the source and candidate dicts inside them
//! are `dicom_map._readonly.ReadOnlyDict`s, so no caller's edit can leak into another's result.

use std::sync::atomic::{AtomicUsize, Ordering};

use dicom_map::{CreatorMatch, Info, Kind, SourceRef, TagView, Vr, VrSet};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple, PyType};

/// Reads a group or an element: a Python `int` (or an object with `__index__`) in `0..=0xFFFF`.
///
/// `bool` is refused (`True` is an `int` to Python, but never a tag); a negative or too large
/// value is a `ValueError`, a non-integer a `TypeError`. An exception raised by the object's own
/// `__index__` propagates unchanged. No message shows the object's `repr` (which may hold a
/// memory address): only its type name or its integer value.
pub(crate) fn tag_part(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<u16> {
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an int, not bool"
        )));
    }
    let value: i64 = match obj.extract() {
        Ok(v) => v,
        Err(e) if e.is_instance_of::<PyOverflowError>(obj.py()) => {
            // Too large even for an i64 (or too negative): out of range, whatever its value.
            let err = PyValueError::new_err(format!(
                "{what} is out of range: a DICOM {what} is 0 to 0xFFFF"
            ));
            err.set_cause(obj.py(), Some(e));
            return Err(err);
        }
        Err(e)
            if e.is_instance_of::<PyTypeError>(obj.py())
                && !obj.hasattr(intern!(obj.py(), "__index__")).unwrap_or(false) =>
        {
            let ty = obj
                .get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |n| n.to_string());
            return Err(PyTypeError::new_err(format!(
                "{what} must be an int, not {ty}"
            )));
        }
        // The object's __index__ raised (RuntimeError, or a TypeError of its own): let it through.
        Err(e) => return Err(e),
    };
    u16::try_from(value).map_err(|_| {
        PyValueError::new_err(format!(
            "{what} {value} is out of range: a DICOM {what} is 0 to 0xFFFF"
        ))
    })
}

/// `(GGGG,EEEE)`.
pub(crate) fn tag_text(group: u16, element: u16) -> String {
    format!("({group:04X},{element:04X})")
}

/// The `tag` an entry dict shows: `(GGGG,EEEE)` of the group and element asked for, except for a
/// private entry asked for by its low byte (`0019 xx0C`, a keyword, iteration), where
/// `(0019,000C)` would name a reserved element: there it is the pattern, `(0019,xx0C)`.
pub(crate) fn shown_tag(v: &TagView<'_>) -> String {
    let private = matches!(v.kind(), Kind::Private | Kind::PrivateRepeater);
    if private && v.element() <= 0x00FF {
        v.pattern()
    } else {
        tag_text(v.group(), v.element())
    }
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

/// `dicom_map._readonly.ReadOnlyDict`, imported once.
fn readonly_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    TYPE.import(py, "dicom_map._readonly", "ReadOnlyDict")
}

/// `d` frozen into a `ReadOnlyDict`.
fn readonly<'py>(d: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
    readonly_type(d.py())?.call1((d,))
}

fn source_dict<'py>(py: Python<'py>, s: &SourceRef<'_>) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "id"), s.id)?;
    d.set_item(intern!(py, "document"), s.document)?;
    d.set_item(
        intern!(py, "page"),
        if s.page == 0 { None } else { Some(s.page) },
    )?;
    readonly(&d)
}

fn sources_tuple<'py>(
    py: Python<'py>,
    sources: dicom_map::Sources<'_>,
) -> PyResult<Bound<'py, PyTuple>> {
    let items = sources
        .map(|s| source_dict(py, &s))
        .collect::<PyResult<Vec<_>>>()?;
    PyTuple::new(py, items)
}

/// Builds the template of an entry's dict: every key, as for the query `v`.
fn entry_template<'py>(py: Python<'py>, v: &TagView<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "group"), v.group())?;
    d.set_item(intern!(py, "element"), v.element())?;
    d.set_item(intern!(py, "tag"), shown_tag(v))?;
    d.set_item(intern!(py, "pattern"), v.pattern())?;
    d.set_item(intern!(py, "kind"), PyString::intern(py, v.kind().as_str()))?;
    d.set_item(intern!(py, "creator"), v.creator())?;
    d.set_item(intern!(py, "creator_match"), creator_match(py, v))?;
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
    d.set_item(intern!(py, "sources"), sources_tuple(py, v.sources())?)?;
    d.set_item(intern!(py, "vendors"), PyTuple::new(py, v.vendor())?)?;
    d.set_item(intern!(py, "confidence"), v.confidence())?;
    d.set_item(intern!(py, "conflict"), v.conflict())?;
    let mut candidates = Vec::new();
    if v.conflict() {
        for c in v.candidates() {
            let cd = PyDict::new(py);
            cd.set_item(intern!(py, "vr"), vr_str(py, c.vr))?;
            cd.set_item(intern!(py, "vm"), c.vm)?;
            cd.set_item(intern!(py, "chosen"), c.chosen)?;
            cd.set_item(intern!(py, "sources"), sources_tuple(py, c.sources)?)?;
            candidates.push(readonly(&cd)?);
        }
    }
    d.set_item(intern!(py, "candidates"), PyTuple::new(py, candidates)?)?;
    d.set_item(intern!(py, "entry_id"), v.entry_id())?;
    Ok(d)
}

fn creator_match<'py>(py: Python<'py>, v: &TagView<'_>) -> Option<Bound<'py, PyString>> {
    v.creator_match().map(|m| PyString::intern(py, m.as_str()))
}

/// The dict `Dict.lookup()`, iteration and search return, built from scratch (no cache). The keys
/// are stable (documented in `_types.py`, `EntryDict`, and `lookup.schema.json`).
pub(crate) fn entry_dict<'py>(py: Python<'py>, v: &TagView<'_>) -> PyResult<Bound<'py, PyDict>> {
    entry_template(py, v)
}

/// The most entries whose templates [`EntryCache`] keeps; past it, entries are built from scratch.
/// About 2 kB each: the cap bounds the cache near 16 MB even for a caller that looks up every
/// entry of the dictionary one by one.
const CACHE_CAP: usize = 8192;

/// A cached template and the per-query values it holds.
struct Template {
    dict: Py<PyDict>,
    group: u16,
    element: u16,
    creator_match: Option<CreatorMatch>,
}

/// Entry templates by entry id, filled on first use (see the module docs).
pub(crate) struct EntryCache {
    slots: Box<[PyOnceLock<Template>]>,
    filled: AtomicUsize,
}

impl EntryCache {
    /// An empty cache for a dictionary of `len` entries.
    pub(crate) fn new(len: usize) -> EntryCache {
        EntryCache {
            slots: (0..len).map(|_| PyOnceLock::new()).collect(),
            filled: AtomicUsize::new(0),
        }
    }

    /// The entry dict for the query `v`: a copy of the entry's cached template with the
    /// per-query keys set where they differ, or (entries without an id, a full cache) a dict
    /// built from scratch.
    pub(crate) fn dict<'py>(
        &self,
        py: Python<'py>,
        v: &TagView<'_>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let slot = v.entry_id().and_then(|id| self.slots.get(id as usize));
        let Some(slot) = slot else {
            return entry_template(py, v);
        };
        let template = match slot.get(py) {
            Some(t) => t,
            None if self.filled.load(Ordering::Relaxed) < CACHE_CAP => {
                slot.get_or_try_init(py, || {
                    self.filled.fetch_add(1, Ordering::Relaxed);
                    Ok::<_, PyErr>(Template {
                        dict: entry_template(py, v)?.unbind(),
                        group: v.group(),
                        element: v.element(),
                        creator_match: v.creator_match(),
                    })
                })?
            }
            None => return entry_template(py, v),
        };
        let d = template.dict.bind(py).copy()?;
        if (template.group, template.element) != (v.group(), v.element()) {
            d.set_item(intern!(py, "group"), v.group())?;
            d.set_item(intern!(py, "element"), v.element())?;
            d.set_item(intern!(py, "tag"), shown_tag(v))?;
        }
        if template.creator_match != v.creator_match() {
            d.set_item(intern!(py, "creator_match"), creator_match(py, v))?;
        }
        Ok(d)
    }
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
