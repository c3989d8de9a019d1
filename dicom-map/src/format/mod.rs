//! The `.dmap` v1 binary format: everything that knows byte offsets lives here.
//!
//! - [`wire`]: little-endian, bounds-checked integer reads (the only place that indexes bytes);
//! - [`header`]: the 64-byte header and its checks;
//! - [`sections`]: the section table and the O(1) structural checks done on open;
//! - [`strings`]: the NUL-terminated string pool;
//! - [`creator_text`]: how creators are normalised and folded (`CSPL` and `CFLD`);
//! - [`records`]: typed access to each section's records;
//! - [`string_order`]: comparing pool strings by reference in linear total time (for verify),
//!   with [`suffix_array`] ranking every pool string when direct comparison would be too slow;
//! - [`verify`]: the full check behind [`Dict::verify`](crate::Dict::verify).
//!
//! The rest of the crate sees only [`records::Reader`] and never computes an offset itself.

pub(crate) mod creator_text;
pub(crate) mod header;
pub(crate) mod records;
pub(crate) mod sections;
pub(crate) mod string_order;
pub(crate) mod strings;
pub(crate) mod suffix_array;
pub(crate) mod verify;
pub(crate) mod wire;

pub use header::{FORMAT_VERSION, MAGIC};
pub use sections::{SectionId, SectionInfo};
pub use strings::INVALID_STRING;
