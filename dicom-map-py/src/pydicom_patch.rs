//! The bulk of `dicom_map.patch_pydicom`, in Rust: writing a dictionary's private entries into
//! pydicom's `private_dictionaries`, and replacing pydicom's placeholder entries that would hide
//! them.
//!
//! `_pydicom.py` holds the rules and their documentation; this module runs the two loops that
//! touch every private entry (about 18,000 written, 10,500 of pydicom's examined), which cost
//! well over the 50 ms budget as Python bytecode. What it writes and logs is what the Python
//! version wrote and logged, with one saving: the entries put into an inner dict this call
//! created are not logged one by one, since undoing the creation (removing the creator's key
//! again) already removes them.
//!
//! Every write is logged to the caller's undo list as `(container, key, old value)`, with the
//! caller's "missing" sentinel for a key that did not exist, so `unpatch_pydicom` restores
//! pydicom exactly. Nothing here is detached from the interpreter: every step touches Python
//! objects.

use std::collections::{HashMap, HashSet};

use dicom_map::{Kind, TagView, VrSet};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::convert::vr_str;

/// The one VR pydicom gets for `vr`: itself when it is one VR, else `dicom_map._single_vr`'s
/// documented rule applied to its text (an undecided entry's union such as `SH or ST` gives the
/// VR holding every candidate's values, never the first one listed). Only the few hundred
/// entries with a VR set reach Python.
fn pydicom_vr<'py>(py: Python<'py>, vr: VrSet) -> PyResult<Bound<'py, PyAny>> {
    if vr.single().is_some() {
        return Ok(vr_str(py, vr).into_any());
    }
    static RULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    RULE.import(py, "dicom_map._single_vr", "pydicom_vr")?
        .call1((vr.to_string(),))
}

/// `(0019,xx0C)` -> `0019xx0C`, the key pydicom's dictionaries use.
pub(crate) fn pydicom_key(pattern: &str) -> String {
    pattern
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | ','))
        .collect()
}

/// Python strings for the short texts many entries share (VMs, `Retired`, `Unknown`), each made
/// once per patch.
#[derive(Default)]
struct Strings<'py>(HashMap<String, Bound<'py, PyString>>);

impl<'py> Strings<'py> {
    fn text(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        if let Some(found) = self.0.get(s) {
            return found.clone();
        }
        let made = PyString::new(py, s);
        self.0.insert(s.to_owned(), made.clone());
        made
    }

    /// The VM as pydicom writes it (`1` where the dictionary has none).
    fn vm(&mut self, py: Python<'py>, v: &TagView<'_>) -> Bound<'py, PyString> {
        match v.vm() {
            "" => self.text(py, "1"),
            vm => self.text(py, vm),
        }
    }

    /// pydicom's `Retired` slot: `Retired` or empty.
    fn retired(&mut self, py: Python<'py>, v: &TagView<'_>) -> Bound<'py, PyString> {
        self.text(py, if v.retired() { "Retired" } else { "" })
    }
}

/// What `patch_pydicom` passes in: pydicom's `private_dictionaries`, the undo log, the sentinel
/// meaning "the key did not exist", the lower-cased placeholder names, and the mode.
pub(crate) struct Target<'py> {
    pub private: Bound<'py, PyDict>,
    pub undo: Bound<'py, PyList>,
    pub missing: Bound<'py, PyAny>,
    pub placeholders: HashSet<String>,
    pub overwrite: bool,
}

/// One patch in progress: the target, the strings made so far, what it wrote.
struct Patcher<'py> {
    t: Target<'py>,
    strings: Strings<'py>,
    /// Inner dicts this patch created (by address): their entries need no undo of their own.
    created: HashSet<usize>,
    written: usize,
}

/// Writes every private entry of `core` into `target.private` under each spelling of its
/// creator, then replaces pydicom's shadowing placeholders; returns the number of writes.
pub(crate) fn patch_private(
    py: Python<'_>,
    core: &dicom_map::Dict,
    t: Target<'_>,
) -> PyResult<usize> {
    let mut p = Patcher {
        t,
        strings: Strings::default(),
        created: HashSet::new(),
        written: 0,
    };
    let spellings = spellings(py, core);
    for v in core.entries() {
        let kind = v.kind();
        if !matches!(kind, Kind::Private | Kind::PrivateRepeater) {
            continue;
        }
        let Some(creator) = v.creator() else { continue };
        let key = pydicom_key(&v.pattern());
        // pydicom matches a repeating private group only as `ggxxxxEE`.
        if kind == Kind::PrivateRepeater && !is_ggxxxxee(&key) {
            continue;
        }
        let key = PyString::new(py, &key);
        let named = is_named(&v);
        let value = p.value(py, &v)?;
        let fallback;
        let names = match spellings.get(creator) {
            Some(names) => names.as_slice(),
            None => {
                fallback = [PyString::new(py, creator)];
                &fallback[..]
            }
        };
        for spelling in names {
            let entries = p.inner(py, spelling)?;
            p.write(&entries, &key, &value, named)?;
        }
    }
    p.replace_shadowing_placeholders(py, core)?;
    Ok(p.written)
}

/// Whether the dictionary has a real name for `v` (not one made up from its tag).
fn is_named(v: &TagView<'_>) -> bool {
    v.has_real_name() && !v.name().is_empty()
}

/// Whether a pydicom key is `ggxxxxEE` (a repeating private group pydicom can match).
fn is_ggxxxxee(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() == 8 && !b[..2].contains(&b'x') && &b[2..6] == b"xxxx" && !b[6..].contains(&b'x')
}

/// Each creator's spellings as Python strings, the canonical name first, without repeats.
fn spellings<'py>(
    py: Python<'py>,
    core: &'py dicom_map::Dict,
) -> HashMap<&'py str, Vec<Bound<'py, PyString>>> {
    let mut out = HashMap::new();
    for c in core.creators() {
        let name = c.name();
        let mut seen = vec![name];
        for s in c.spellings() {
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
        out.insert(name, seen.iter().map(|s| PyString::new(py, s)).collect());
    }
    out
}

impl<'py> Patcher<'py> {
    /// pydicom's private entry `(VR, VM, Name, Retired)` for `v`, named `Unknown` when the
    /// dictionary has no real name for it.
    fn value(&mut self, py: Python<'py>, v: &TagView<'_>) -> PyResult<Bound<'py, PyTuple>> {
        let s = &mut self.strings;
        let name = if is_named(v) {
            PyString::new(py, v.name())
        } else {
            s.text(py, "Unknown")
        };
        let vr = pydicom_vr(py, v.vr())?;
        PyTuple::new(
            py,
            [
                vr,
                s.vm(py, v).into_any(),
                name.into_any(),
                s.retired(py, v).into_any(),
            ],
        )
    }

    /// `private[spelling]`, created (and its creation logged) when missing.
    fn inner(
        &mut self,
        py: Python<'py>,
        spelling: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyDict>> {
        if let Some(found) = self.t.private.get_item(spelling)? {
            return Ok(found.cast_into::<PyDict>()?);
        }
        let made = PyDict::new(py);
        self.t
            .undo
            .append((&self.t.private, spelling, &self.t.missing))?;
        self.t.private.set_item(spelling, &made)?;
        self.created.insert(made.as_ptr() as usize);
        Ok(made)
    }

    /// `entries[key] = value` when the key is missing, or holds a placeholder that `value`
    /// replaces because it is `named` (fill), or holds anything else (override); logged unless
    /// `entries` is new.
    fn write(
        &mut self,
        entries: &Bound<'py, PyDict>,
        key: &Bound<'py, PyString>,
        value: &Bound<'py, PyTuple>,
        named: bool,
    ) -> PyResult<()> {
        let old = entries.get_item(key)?;
        if let Some(old) = &old {
            if old.eq(value)? || !(self.t.overwrite || named && self.is_placeholder(old)?) {
                return Ok(());
            }
        }
        self.set(entries, key, value, old)
    }

    /// `entries[key] = value`, logged with `old` unless `entries` was created by this patch.
    fn set(
        &mut self,
        entries: &Bound<'py, PyDict>,
        key: &Bound<'py, PyAny>,
        value: &Bound<'py, PyTuple>,
        old: Option<Bound<'py, PyAny>>,
    ) -> PyResult<()> {
        if !self.created.contains(&(entries.as_ptr() as usize)) {
            let old = old.unwrap_or_else(|| self.t.missing.clone());
            self.t.undo.append((entries, key, old))?;
        }
        entries.set_item(key, value)?;
        self.written += 1;
        Ok(())
    }

    /// Whether a pydicom entry `(VR, VM, Name, ...)` names nothing (`_pydicom._is_placeholder`).
    fn is_placeholder(&self, value: &Bound<'py, PyAny>) -> PyResult<bool> {
        if value.is_none() {
            return Ok(false);
        }
        let name = value.get_item(2)?.str()?;
        let name = name.to_cow()?;
        Ok(self.t.placeholders.contains(&name.trim().to_lowercase()))
    }

    /// Replaces pydicom's block-specific placeholders (`ggggBBEE` named `Unknown`) that
    /// `get_private_entry` would find before the named any-block entry, and placeholders under
    /// creator spellings the dictionary does not list but matches (ignoring case and spaces).
    fn replace_shadowing_placeholders(
        &mut self,
        py: Python<'py>,
        core: &dicom_map::Dict,
    ) -> PyResult<()> {
        let mut found: Vec<(Bound<'py, PyDict>, Bound<'py, PyAny>, Bound<'py, PyTuple>)> =
            Vec::new();
        for (creator, entries) in self.t.private.iter() {
            let (Ok(creator), Ok(entries)) = (
                creator.cast_into::<PyString>(),
                entries.cast_into::<PyDict>(),
            ) else {
                continue;
            };
            if self.created.contains(&(entries.as_ptr() as usize)) {
                continue; // only this patch's own entries
            }
            let creator = creator.to_cow()?;
            for (key, value) in entries.iter() {
                let Some((group, element)) = key
                    .cast::<PyString>()
                    .ok()
                    .and_then(|k| shadow_query(&k.to_cow().ok()?))
                else {
                    continue;
                };
                if !self.is_placeholder(&value)? {
                    continue;
                }
                let Some(v) = core.lookup(group, element, Some(&creator)) else {
                    continue;
                };
                if matches!(v.kind(), Kind::Private | Kind::PrivateRepeater) && is_named(&v) {
                    let named = self.value(py, &v)?;
                    found.push((entries.clone(), key, named));
                }
            }
        }
        for (entries, key, named) in found {
            let old = entries.get_item(&key)?;
            self.set(&entries, &key, &named, old)?;
        }
        Ok(())
    }
}

/// The `(group, element)` to ask the dictionary about for a pydicom key whose group and low
/// byte are given (`ggggBBEE`, or `ggggxxEE` asked as block `0x10`); `None` for other keys.
fn shadow_query(key: &str) -> Option<(u16, u16)> {
    let b = key.as_bytes();
    if b.len() != 8 || !key.is_ascii() {
        return None;
    }
    let hex = |s: &str| {
        u16::from_str_radix(s, 16)
            .ok()
            .filter(|_| s.bytes().all(|c| c.is_ascii_hexdigit()))
    };
    let group = hex(&key[..4])?;
    let low = hex(&key[6..])?;
    // Any block (`xx`): ask about the first one.
    let block = if key[4..6].contains('x') {
        0x10
    } else {
        hex(&key[4..6])?
    };
    Some((group, (block << 8) | low))
}

/// The public and repeater entries whose pydicom entry differs from the one in `public` or
/// `repeaters` (or is missing there): `("public", tag, entry)` or `("repeater", key, entry)`.
/// Most of the dictionary's 5,300 public entries equal pydicom's and are dropped here, so the
/// Python rules (keywords, masks) run only for the rest.
pub(crate) fn public_rows<'py>(
    py: Python<'py>,
    core: &dicom_map::Dict,
    public: &Bound<'py, PyDict>,
    repeaters: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyList>> {
    let mut s = Strings::default();
    let (public_kind, repeater_kind) = (PyString::new(py, "public"), PyString::new(py, "repeater"));
    let list = PyList::empty(py);
    for v in core.entries() {
        let (kind, key, into) = match v.kind() {
            Kind::Public => (&public_kind, v.tag().into_pyobject(py)?.into_any(), public),
            Kind::Repeater => (
                &repeater_kind,
                PyString::new(py, &pydicom_key(&v.pattern())).into_any(),
                repeaters,
            ),
            _ => continue,
        };
        let value = PyTuple::new(
            py,
            [
                vr_str(py, v.vr()),
                s.vm(py, &v),
                PyString::new(py, v.name()),
                s.retired(py, &v),
                PyString::new(py, &v.keyword()),
            ],
        )?;
        match into.get_item(&key)? {
            Some(old) if old.eq(&value)? => {}
            _ => list.append((kind, key, value))?,
        }
    }
    Ok(list)
}
