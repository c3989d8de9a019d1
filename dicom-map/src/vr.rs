//! Value representations: [`Vr`], and [`VrSet`], the set of VRs an entry allows.
//!
//! The numbering is the `.dmap` format's bit order (`vr_bits` in `TYPE`): bit *i* stands for
//! `Vr::ALL[i]`, and bit 63 for "no VR" (item and delimitation tags). An entry such as
//! `(0028,0106)` allows `US or SS`, so its type is a set, not one VR.

use std::fmt;
use std::str::FromStr;

macro_rules! vrs {
    ($($name:ident = $bit:literal: $doc:literal),* $(,)?) => {
        /// A DICOM value representation, numbered by its bit in the `.dmap` `vr_bits`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Vr {
            $(#[doc = $doc] $name = $bit,)*
        }

        impl Vr {
            /// Every VR, in bit order: `Vr::ALL[i]` is bit `i`.
            pub const ALL: [Vr; 34] = [$(Vr::$name),*];

            /// The two-letter code, e.g. `"OB"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Vr::$name => stringify!($name),)*
                }
            }
        }
    };
}

vrs! {
    AE = 0: "Application Entity", AS = 1: "Age String", AT = 2: "Attribute Tag",
    CS = 3: "Code String", DA = 4: "Date", DS = 5: "Decimal String", DT = 6: "Date Time",
    FD = 7: "Floating Point Double", FL = 8: "Floating Point Single", IS = 9: "Integer String",
    LO = 10: "Long String", LT = 11: "Long Text", OB = 12: "Other Byte",
    OD = 13: "Other Double", OF = 14: "Other Float", OL = 15: "Other Long",
    OV = 16: "Other 64-bit Very Long", OW = 17: "Other Word", PN = 18: "Person Name",
    SH = 19: "Short String", SL = 20: "Signed Long", SQ = 21: "Sequence of Items",
    SS = 22: "Signed Short", ST = 23: "Short Text", SV = 24: "Signed 64-bit Very Long",
    TM = 25: "Time", UC = 26: "Unlimited Characters", UI = 27: "Unique Identifier",
    UL = 28: "Unsigned Long", UN = 29: "Unknown", UR = 30: "Universal Resource Identifier",
    US = 31: "Unsigned Short", UT = 32: "Unlimited Text", UV = 33: "Unsigned 64-bit Very Long",
}

impl Vr {
    /// This VR's bit in `vr_bits`.
    pub const fn bit(self) -> u64 {
        1u64 << (self as u8)
    }

    /// The VR with bit number `bit`, if there is one.
    pub fn from_bit(bit: u32) -> Option<Vr> {
        Vr::ALL.get(bit as usize).copied()
    }
}

impl fmt::Display for Vr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not a two-letter VR code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVr(pub String);

impl fmt::Display for UnknownVr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown VR {:?}", self.0)
    }
}

impl std::error::Error for UnknownVr {}

impl FromStr for Vr {
    type Err = UnknownVr;

    /// Parses a two-letter code, case-insensitively.
    fn from_str(s: &str) -> Result<Vr, UnknownVr> {
        Vr::ALL
            .iter()
            .copied()
            .find(|vr| vr.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownVr(s.to_owned()))
    }
}

/// The VRs an entry allows: the `vr_bits` of its type.
///
/// ```
/// use dicom_map::{Vr, VrSet};
/// let set = VrSet::from_vrs([Vr::OW, Vr::OB]);
/// assert!(set.contains(Vr::OB));
/// assert_eq!(set.to_string(), "OB or OW");
/// assert_eq!(VrSet::from_vrs([Vr::SS, Vr::US]).to_string(), "US or SS");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct VrSet(u64);

impl VrSet {
    /// Bit 63: the entry has no VR (item and delimitation tags such as `(FFFE,E000)`).
    pub const NO_VR_BIT: u64 = 1 << 63;
    /// Every bit v1 defines: the 34 VRs and bit 63.
    pub const DEFINED_BITS: u64 = ((1u64 << Vr::ALL.len()) - 1) | Self::NO_VR_BIT;
    /// The empty set.
    pub const EMPTY: VrSet = VrSet(0);

    /// A set from raw `vr_bits` (undefined bits are kept, and ignored by iteration and display).
    pub const fn from_bits(bits: u64) -> VrSet {
        VrSet(bits)
    }

    /// A set of the given VRs.
    pub fn from_vrs(vrs: impl IntoIterator<Item = Vr>) -> VrSet {
        VrSet(vrs.into_iter().fold(0, |bits, vr| bits | vr.bit()))
    }

    /// The raw `vr_bits`.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// Whether `vr` is allowed.
    pub const fn contains(self, vr: Vr) -> bool {
        self.0 & vr.bit() != 0
    }

    /// Whether the entry has no VR (bit 63).
    pub const fn is_no_vr(self) -> bool {
        self.0 & Self::NO_VR_BIT != 0
    }

    /// Whether no VR and no "no VR" bit is set.
    pub const fn is_empty(self) -> bool {
        self.0 & Self::DEFINED_BITS == 0
    }

    /// Number of VRs in the set.
    pub const fn len(self) -> usize {
        (self.0 & ((1u64 << Vr::ALL.len()) - 1)).count_ones() as usize
    }

    /// The single VR when the set holds exactly one.
    pub fn single(self) -> Option<Vr> {
        let mut it = self.iter();
        match (it.next(), it.next()) {
            (Some(vr), None) => Some(vr),
            _ => None,
        }
    }

    /// The VRs in bit order (`AE` first).
    pub fn iter(self) -> impl Iterator<Item = Vr> {
        Vr::ALL.into_iter().filter(move |vr| self.contains(*vr))
    }

    /// The VRs in the order PS3.6 writes them: `US` and `SS` first (as in `US or SS or OW`),
    /// then the rest in bit order (as in `OB or OW`). This is the order of [`Display`](fmt::Display).
    pub fn iter_display(self) -> impl Iterator<Item = Vr> {
        let first = [Vr::US, Vr::SS]
            .into_iter()
            .filter(move |vr| self.contains(*vr));
        first.chain(self.iter().filter(|vr| !matches!(vr, Vr::US | Vr::SS)))
    }
}

impl FromIterator<Vr> for VrSet {
    fn from_iter<I: IntoIterator<Item = Vr>>(iter: I) -> VrSet {
        VrSet::from_vrs(iter)
    }
}

impl fmt::Display for VrSet {
    /// `OB or OW`; `NONE` for the "no VR" bit alone; empty for the empty set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for vr in self.iter_display() {
            if !first {
                f.write_str(" or ")?;
            }
            f.write_str(vr.as_str())?;
            first = false;
        }
        if first && self.is_no_vr() {
            f.write_str("NONE")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_order_matches_the_spec() {
        let spec = "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM \
                    UC UI UL UN UR US UT UV";
        let names: Vec<&str> = Vr::ALL.iter().map(|v| v.as_str()).collect();
        assert_eq!(names.join(" "), spec);
        for (i, vr) in Vr::ALL.iter().enumerate() {
            assert_eq!(*vr as usize, i);
            assert_eq!(Vr::from_bit(i as u32), Some(*vr));
        }
        assert_eq!(Vr::from_bit(34), None);
    }

    #[test]
    fn display_follows_ps3_6() {
        assert_eq!(
            VrSet::from_vrs([Vr::US, Vr::SS, Vr::OW]).to_string(),
            "US or SS or OW"
        );
        assert_eq!(VrSet::from_vrs([Vr::CS]).to_string(), "CS");
        assert_eq!(VrSet::from_bits(VrSet::NO_VR_BIT).to_string(), "NONE");
        assert_eq!(VrSet::EMPTY.to_string(), "");
        assert_eq!(VrSet::from_bits(1 << 40).to_string(), "");
    }

    #[test]
    fn set_operations() {
        let set: VrSet = [Vr::OB, Vr::OW].into_iter().collect();
        assert_eq!(set.len(), 2);
        assert_eq!(set.single(), None);
        assert_eq!(VrSet::from_vrs([Vr::LO]).single(), Some(Vr::LO));
        assert!(!set.is_empty());
        assert!(VrSet::from_bits(1 << 40).is_empty());
        assert_eq!("ow".parse::<Vr>(), Ok(Vr::OW));
        assert!("XX".parse::<Vr>().is_err());
    }
}
