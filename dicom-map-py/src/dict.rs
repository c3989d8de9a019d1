//! The Python class `dicom_map.Dict`: an opened `.dmap` dictionary.
//!
//! # Ownership and threads
//!
//! The class is `frozen` (no `&mut self`), so PyO3 hands out shared references only and one
//! instance can serve many threads. The dictionary itself is an `Arc<dicom_map::Dict>` behind an
//! `RwLock<Option<..>>`: a method takes the read lock just long enough to clone the `Arc`, then
//! works on its own clone without any lock held (so building Python objects, which may run
//! arbitrary code through the garbage collector, never happens under the lock). `close()` takes
//! the write lock and drops the handle's `Arc`; the mapping is unmapped when the last in-flight
//! call finishes, never under a running lookup.
//!
//! The bundled dictionary (`Dict()` with no path) is the crate's `embedded` bytes, verified once
//! per process and shared by every handle; closing a handle on it only detaches that handle.
//!
//! # Caches and the interpreter lock
//!
//! Beside the dictionary, each opened file keeps the entry-dict templates of [`EntryCache`] and a
//! keyword -> tag dict, both Python objects touched only with the interpreter attached. Work that
//! needs no Python object and is long enough to gain from it runs detached from the interpreter,
//! so other Python threads run meanwhile: opening and verifying, `search` (a scan of every entry),
//! and `lookup_many` (a batch of lookups, used by `explain`). A single lookup is far shorter than
//! detaching and attaching again, so it stays attached.

use std::collections::HashSet;
use std::panic::catch_unwind;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

use crate::convert::{creator_dict, info_dict, tag_part, vr_str, EntryCache};
use crate::errors::{self, FormatError};
use crate::guard;
use crate::pydicom_patch;

type Core = dicom_map::Dict;

/// An opened dictionary and the Python-side caches that belong to it.
pub(crate) struct Opened {
    core: Core,
    entries: EntryCache,
    /// `keyword -> tag int or None`, filled by `tag_for_keyword` (at most [`KEYWORD_CACHE_CAP`]).
    keywords: PyOnceLock<Py<PyDict>>,
}

/// The most keywords `tag_for_keyword` remembers (hits and misses).
const KEYWORD_CACHE_CAP: usize = 65_536;

impl Opened {
    fn new(core: Core) -> Opened {
        let len = core.len();
        Opened {
            core,
            entries: EntryCache::new(len),
            keywords: PyOnceLock::new(),
        }
    }
}

impl std::ops::Deref for Opened {
    type Target = Core;
    fn deref(&self) -> &Core {
        &self.core
    }
}

/// The bundled dictionary, opened and verified once.
fn bundled() -> PyResult<Arc<Opened>> {
    static BUNDLED: OnceLock<Result<Arc<Opened>, String>> = OnceLock::new();
    // Not detached from the interpreter: a thread waiting in `get_or_init` while holding the
    // interpreter would deadlock with one that detached inside it. The check takes milliseconds.
    let result = BUNDLED.get_or_init(|| {
        let dict = catch_unwind(Core::embedded).map_err(|_| "not a valid .dmap file".to_owned())?;
        dict.verify().map_err(|e| e.to_string())?;
        Ok(Arc::new(Opened::new(dict)))
    });
    result
        .clone()
        .map_err(|msg| FormatError::new_err(format!("the bundled dictionary: {msg}")))
}

/// A DICOM data dictionary read from a `.dmap` file (see `_native.pyi` for the Python docs).
#[pyclass(frozen, module = "dicom_map", name = "Dict")]
pub struct PyDmap {
    inner: RwLock<Option<Arc<Opened>>>,
    /// The absolute path, or `None` for the bundled dictionary.
    path: Option<PathBuf>,
}

impl PyDmap {
    /// Runs `f` on the entry `(group, element, creator)` resolves to, behind the panic guard:
    /// the one path `lookup`, `vr` and `keyword` share.
    fn with_entry<'py, T>(
        &self,
        group: &Bound<'py, PyAny>,
        element: &Bound<'py, PyAny>,
        creator: Option<&str>,
        f: impl FnOnce(&Opened, &dicom_map::TagView<'_>) -> PyResult<T>,
    ) -> PyResult<Option<T>> {
        guard(|| {
            let (g, e) = tag_args(group, element)?;
            let core = self.core()?;
            core.lookup(g, e, creator).map(|v| f(&core, &v)).transpose()
        })
    }

    /// Runs `f` on the open dictionary behind the panic guard: the frame of every method.
    fn with_core<T>(&self, f: impl FnOnce(&Opened) -> PyResult<T>) -> PyResult<T> {
        guard(|| f(&*self.core()?))
    }

    /// The open dictionary, or `ValueError("dictionary is closed")`.
    fn core(&self) -> PyResult<Arc<Opened>> {
        let guard = self
            .inner
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.as_ref().cloned().ok_or_else(errors::closed)
    }
}

/// A list of entry dicts, `None` where a view is missing.
fn dict_list<'py, 'a>(
    py: Python<'py>,
    core: &Opened,
    views: impl IntoIterator<Item = Option<dicom_map::TagView<'a>>>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for v in views {
        match v {
            Some(v) => list.append(core.entries.dict(py, &v)?)?,
            None => list.append(py.None())?,
        }
    }
    Ok(list)
}

/// A list of creator dicts.
fn creator_list<'py, 'a>(
    py: Python<'py>,
    creators: impl IntoIterator<Item = dicom_map::Creator<'a>>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for c in creators {
        list.append(creator_dict(py, &c)?)?;
    }
    Ok(list)
}

/// Reads `(group, element)` from Python ints.
fn tag_args(group: &Bound<'_, PyAny>, element: &Bound<'_, PyAny>) -> PyResult<(u16, u16)> {
    Ok((tag_part(group, "group")?, tag_part(element, "element")?))
}

#[pymethods]
impl PyDmap {
    #[new]
    #[pyo3(signature = (path = None, *, verify = true, mmap = false))]
    fn new(py: Python<'_>, path: Option<PathBuf>, verify: bool, mmap: bool) -> PyResult<Self> {
        guard(|| {
            let Some(path) = path else {
                return Ok(PyDmap {
                    inner: RwLock::new(Some(bundled()?)),
                    path: None,
                });
            };
            let path = std::path::absolute(&path).unwrap_or(path);
            // Opening reads (or, on request, maps) the file and checks O(1) facts; verify()
            // reads all of it. Neither needs the interpreter.
            let opened = py.detach(|| {
                let dict = if mmap {
                    Core::open_mmap(&path)?
                } else {
                    Core::open(&path)?
                };
                if verify {
                    dict.verify()?;
                }
                Ok::<_, dicom_map::Error>(dict)
            });
            match opened {
                Ok(dict) => Ok(PyDmap {
                    inner: RwLock::new(Some(Arc::new(Opened::new(dict)))),
                    path: Some(path),
                }),
                Err(e) => Err(errors::to_py(e, Some(&path))),
            }
        })
    }

    /// The absolute path of the file, or `None` for the bundled dictionary.
    #[getter]
    fn path(&self) -> Option<&std::ffi::OsStr> {
        self.path.as_deref().map(|p| p.as_os_str())
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.inner
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .is_none()
    }

    /// The PS3.6 edition the dictionary was built from.
    #[getter]
    fn edition(&self) -> PyResult<String> {
        guard(|| Ok(self.core()?.edition().to_owned()))
    }

    #[pyo3(signature = (group, element, creator = None))]
    fn lookup<'py>(
        &self,
        py: Python<'py>,
        group: &Bound<'py, PyAny>,
        element: &Bound<'py, PyAny>,
        creator: Option<String>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.with_entry(group, element, creator.as_deref(), |o, v| {
            o.entries.dict(py, v)
        })
    }

    #[pyo3(signature = (group, element, creator = None))]
    fn vr<'py>(
        &self,
        py: Python<'py>,
        group: &Bound<'py, PyAny>,
        element: &Bound<'py, PyAny>,
        creator: Option<String>,
    ) -> PyResult<Option<Bound<'py, PyString>>> {
        self.with_entry(group, element, creator.as_deref(), |_, v| {
            Ok(vr_str(py, v.vr()))
        })
    }

    #[pyo3(signature = (group, element, creator = None))]
    fn keyword<'py>(
        &self,
        py: Python<'py>,
        group: &Bound<'py, PyAny>,
        element: &Bound<'py, PyAny>,
        creator: Option<String>,
    ) -> PyResult<Option<Bound<'py, PyString>>> {
        self.with_entry(group, element, creator.as_deref(), |_, v| {
            Ok(PyString::new(py, &v.keyword()))
        })
    }

    #[pyo3(signature = (text, creator = None))]
    fn lookup_text<'py>(
        &self,
        py: Python<'py>,
        text: String,
        creator: Option<String>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.with_core(|core| match core.lookup_text(&text, creator.as_deref()) {
            Ok(found) => found.map(|v| core.entries.dict(py, &v)).transpose(),
            Err(e) => Err(PyValueError::new_err(e.to_string())),
        })
    }

    #[pyo3(signature = (keyword, creator = None))]
    fn lookup_keyword<'py>(
        &self,
        py: Python<'py>,
        keyword: String,
        creator: Option<String>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.with_core(|core| {
            core.lookup_keyword(&keyword, creator.as_deref())
                .map(|v| core.entries.dict(py, &v))
                .transpose()
        })
    }

    /// Remembers each keyword's answer in a Python dict, so that asking again is one dict probe
    /// (the keyword's `str` already carries its hash).
    fn tag_for_keyword<'py>(
        &self,
        py: Python<'py>,
        keyword: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.with_core(|core| {
            let cache = core
                .keywords
                .get_or_init(py, || PyDict::new(py).unbind())
                .bind(py);
            if let Some(hit) = cache.get_item(keyword)? {
                return Ok(hit);
            }
            let text = keyword.to_cow()?;
            let found = core
                .lookup_keyword(&text, None)
                .map(|v| v.tag())
                .into_pyobject(py)?
                .into_any();
            if cache.len() < KEYWORD_CACHE_CAP {
                cache.set_item(keyword, &found)?;
            }
            Ok(found)
        })
    }

    /// The hits of the ranked search, found without the interpreter, then made into dicts.
    #[pyo3(signature = (text, limit = None))]
    fn search<'py>(
        &self,
        py: Python<'py>,
        text: String,
        limit: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.with_core(|core| {
            let limit = limit.unwrap_or(usize::MAX);
            let ids: Vec<u32> = py.detach(|| {
                core.search_ranked(&text)
                    .into_iter()
                    .take(limit)
                    .filter_map(|v| v.entry_id())
                    .collect()
            });
            dict_list(
                py,
                core,
                ids.into_iter().filter_map(|id| core.entry(id)).map(Some),
            )
        })
    }

    /// Looks up many `(group, element, creator)` queries at once, detached from the interpreter
    /// while the dictionary is searched; one entry dict or `None` per query, in order.
    fn lookup_many<'py>(
        &self,
        py: Python<'py>,
        queries: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(|| {
            let mut parsed: Vec<(u16, u16, Option<String>)> = Vec::new();
            for item in queries.try_iter()? {
                let item = item?;
                let (g, e, c): (Bound<'py, PyAny>, Bound<'py, PyAny>, Option<String>) =
                    item.extract()?;
                parsed.push((tag_part(&g, "group")?, tag_part(&e, "element")?, c));
            }
            let core = self.core()?;
            let found: Vec<Option<dicom_map::TagView<'_>>> = py.detach(|| {
                parsed
                    .iter()
                    .map(|(g, e, c)| core.lookup(*g, *e, c.as_deref()))
                    .collect()
            });
            dict_list(py, &core, found)
        })
    }

    /// The creators that define the private element `(group, element)`, by canonical name, in
    /// file order: what to offer a user who has the element but not its creator.
    fn creators_for(
        &self,
        py: Python<'_>,
        group: &Bound<'_, PyAny>,
        element: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<String>> {
        guard(|| {
            let (g, e) = tag_args(group, element)?;
            let core = self.core()?;
            Ok(py.detach(|| {
                core.creators_defining(g, e)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            }))
        })
    }

    /// For `patch_pydicom`: the public and repeater entries whose pydicom entry
    /// `(VR, VM, Name, Retired, Keyword)` differs from what `public` (pydicom's `DicomDictionary`)
    /// or `repeaters` (`RepeatersDictionary`) holds, or is missing there, as `("public", tag,
    /// entry)` or `("repeater", key, entry)`. The few that differ are left to Python's rules.
    fn _pydicom_public_rows<'py>(
        &self,
        py: Python<'py>,
        public: &Bound<'py, PyDict>,
        repeaters: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.with_core(|core| pydicom_patch::public_rows(py, core, public, repeaters))
    }

    /// For `patch_pydicom`: writes every private entry into `private` (pydicom's
    /// `private_dictionaries`) and replaces pydicom's shadowing placeholders, logging each write
    /// to `undo`; see `pydicom_patch`. Returns the number of entries written.
    fn _pydicom_patch_private<'py>(
        &self,
        py: Python<'py>,
        private: Bound<'py, PyDict>,
        undo: Bound<'py, PyList>,
        missing: Bound<'py, PyAny>,
        placeholders: HashSet<String>,
        overwrite: bool,
    ) -> PyResult<usize> {
        self.with_core(|core| {
            let target = pydicom_patch::Target {
                private,
                undo,
                missing,
                placeholders,
                overwrite,
            };
            pydicom_patch::patch_private(py, core, target)
        })
    }

    fn creators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.with_core(|core| creator_list(py, core.creators()))
    }

    fn creator<'py>(&self, py: Python<'py>, name: String) -> PyResult<Bound<'py, PyList>> {
        self.with_core(|core| creator_list(py, core.creator(&name)))
    }

    fn entries_for_creator<'py>(
        &self,
        py: Python<'py>,
        creator: String,
    ) -> PyResult<Bound<'py, PyList>> {
        self.with_core(|core| {
            let views = core.creator(&creator).into_iter().flat_map(|c| c.entries());
            dict_list(py, core, views.map(Some))
        })
    }

    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.with_core(|core| {
            let d = info_dict(py, &core.info())?;
            d.set_item("path", self.path())?;
            Ok(d)
        })
    }

    fn verify(&self, py: Python<'_>) -> PyResult<()> {
        self.with_core(|core| {
            py.detach(|| core.verify())
                .map_err(|e| errors::to_py(e, self.path.as_deref()))
        })
    }

    fn close(&self) {
        let mut guard = self.inner.write().unwrap_or_else(|p| p.into_inner());
        *guard = None;
    }

    fn __enter__(slf: Bound<'_, Self>) -> PyResult<Bound<'_, Self>> {
        slf.get().core()?;
        Ok(slf)
    }

    fn __exit__(
        &self,
        _exc_type: &Bound<'_, PyAny>,
        _exc_value: &Bound<'_, PyAny>,
        _traceback: &Bound<'_, PyAny>,
    ) -> bool {
        self.close();
        false
    }

    fn __len__(&self) -> PyResult<usize> {
        guard(|| Ok(self.core()?.len()))
    }

    fn __iter__(slf: Bound<'_, Self>) -> PyResult<EntryIter> {
        let end = guard(|| Ok(slf.get().core()?.len()))?;
        Ok(EntryIter {
            dict: slf.unbind(),
            next: 0,
            end: u32::try_from(end).unwrap_or(u32::MAX),
        })
    }

    /// Pickles by path: unpickling opens the same file again (`Dict()` for the bundled one).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let args = PyTuple::new(py, [slf.get().path()])?;
        Ok((slf.get_type(), args))
    }

    fn __repr__(&self) -> String {
        let what = match &self.path {
            Some(p) => format!("{:?}", p.display().to_string()),
            None => "bundled".to_owned(),
        };
        match self.core() {
            Ok(core) => format!(
                "<dicom_map.Dict {what}, edition {}, {} entries>",
                core.edition(),
                core.len()
            ),
            Err(_) => format!("<dicom_map.Dict {what}, closed>"),
        }
    }
}

/// Iterator over every entry of a [`PyDmap`], as entry dicts, in entry-id order. It holds the
/// `Dict`, not the mapping: after `close()` the next step raises `ValueError`.
#[pyclass(module = "dicom_map")]
pub struct EntryIter {
    dict: Py<PyDmap>,
    next: u32,
    end: u32,
}

#[pymethods]
impl EntryIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        guard(|| {
            let core = self.dict.get().core()?;
            while self.next < self.end {
                let id = self.next;
                self.next += 1;
                if let Some(v) = core.entry(id) {
                    return Ok(Some(crate::convert::entry_dict(py, &v)?));
                }
            }
            Ok(None)
        })
    }

    fn __length_hint__(&self) -> usize {
        (self.end - self.next) as usize
    }
}
