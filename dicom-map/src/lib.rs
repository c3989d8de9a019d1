//! Read the `.dmap` DICOM data dictionary and look tags up: public, repeating-group and private
//! tags, with the provenance of every entry.
//!
//! A `.dmap` file is the compiled form of many source dictionaries (the DICOM standard, pydicom,
//! GDCM, DCMTK, dicom3tools, vendor conformance statements). Its format is specified in
//! `DEVELOPMENT.md`; this crate is its reference reader.
//!
//! # Opening a dictionary
//!
//! ```no_run
//! use dicom_map::Dict;
//!
//! // Read a file into memory (constant-time checks on the bytes).
//! let dict = Dict::open("dicom-map/tags.dmap")?;
//! // Optionally check everything (checksum, references, sort orders).
//! dict.verify()?;
//! # Ok::<(), dicom_map::Error>(())
//! ```
//!
//! [`Dict::open_mmap`] memory-maps the file instead of copying it, at a risk its docs describe
//! (a file truncated while mapped kills the process with `SIGBUS`). [`Dict::from_bytes`] takes
//! any `AsRef<[u8]>`, and with the `embedded` feature
//! `dicom_map::embedded()` returns the dictionary compiled into the crate. Opening never panics:
//! a file that is not a valid `.dmap` gives a typed [`Error`].
//!
//! # Looking up
//!
//! ```no_run
//! # let dict = dicom_map::Dict::open("dicom-map/tags.dmap")?;
//! use dicom_map::{Kind, Vr};
//!
//! let v = dict.lookup(0x0008, 0x0005, None).unwrap();
//! assert_eq!(v.keyword(), "SpecificCharacterSet");
//! assert_eq!(v.vr().single(), Some(Vr::CS));
//!
//! // Repeating groups resolve to their pattern.
//! let v = dict.lookup(0x6002, 0x3000, None).unwrap();
//! assert_eq!((v.kind(), v.pattern().as_str()), (Kind::Repeater, "(60xx,3000)"));
//!
//! // Private tags need the creator that reserved the block: (0019,0010) = "SIEMENS MR HEADER"
//! // makes (0019,100C) the creator's element xx0C.
//! let v = dict.lookup(0x0019, 0x100C, Some("SIEMENS MR HEADER")).unwrap();
//! assert_eq!(v.pattern(), "(0019,xx0C)");
//! for source in v.sources() {
//!     println!("{} {} p.{}", source.id, source.document, source.page);
//! }
//! # Ok::<(), dicom_map::Error>(())
//! ```
//!
//! The rules are those of [`Dict::lookup`]. Tags can also be given as text ([`parse_tag`],
//! [`Dict::lookup_text`]), found by keyword ([`Dict::lookup_keyword`], [`Dict::entries_for_keyword`]) or searched
//! ([`Dict::search`]); [`Dict::creators`] and [`Dict::creator`] list the private creators.
//!
//! # Features
//!
//! - `embedded`: bundle `dicom-map/tags.dmap` ([`Dict::embedded`], [`embedded()`]);
//! - `cli`: the `dicom-lookup` command-line tool.
#![deny(missing_docs)]
// The memory map (module `mmap`) is the one place allowed `unsafe`; `forbid` could not be lifted
// there, so the crate denies it and that module alone allows it.
#![deny(unsafe_code)]

mod dict;
#[cfg(feature = "embedded")]
mod embedded;
mod error;
mod file;
mod format;
mod index;
mod info;
mod keywords;
mod lookup;
mod mmap;
mod pattern;
mod rank;
mod search;
mod string_refs;
mod suggest;
mod tag;
mod view;
mod vr;

#[cfg(test)]
#[path = "../tests/support/builder.rs"]
#[allow(dead_code)]
pub(crate) mod builder;
#[cfg(test)]
#[path = "../tests/support/worst_case.rs"]
#[allow(dead_code)]
pub(crate) mod worst_case;

pub use dict::{Dict, Storage};
#[cfg(feature = "embedded")]
pub use embedded::embedded;
pub use error::{Checksum, Error, Result, StringProblem};
pub use file::MAX_READ_LEN;
pub use format::creator_text::{fold_creator, normalise_creator};
pub use format::{SectionId, SectionInfo, FORMAT_VERSION, INVALID_STRING, MAGIC};
pub use info::{Info, Source};
pub use keywords::derive_keyword;
pub use lookup::creators::Creator;
pub use string_refs::StringRefs;
pub use tag::{parse_group_element, parse_tag, TagParseError, TagText};
pub use view::{Candidate, Candidates, CreatorMatch, Kind, SourceRef, Sources, TagView};
pub use vr::{UnknownVr, Vr, VrSet};
