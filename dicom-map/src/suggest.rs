//! Suggestions for a private element asked for without its creator.
//!
//! A private element `(0029,1010)` means nothing without the creator that reserved block `10` of
//! group `0029`, and a user with an anonymised file, or one who copied only the tag, does not have
//! it. [`Dict::creators_defining`] lists the creators under which the element has an entry, so a
//! front end can say "give one of these" instead of only "not found".

use crate::{Dict, Kind};

impl<S: AsRef<[u8]>> Dict<S> {
    /// The canonical names of the private creators that define `(group, element)`, in creator
    /// order: those for which [`Dict::lookup`] with that creator finds a private entry. `element`
    /// is as found in a file (`0x1010`) or the low byte (`0x0010` is a creator element, so use the
    /// full element). Empty for a public or reserved group.
    pub fn creators_defining(&self, group: u16, element: u16) -> Vec<&str> {
        if group & 1 == 0 || group <= 0x0007 || group == 0xFFFF {
            return Vec::new();
        }
        let mut names: Vec<&str> = Vec::new();
        for c in self.creators() {
            let name = c.name();
            let hit = self
                .lookup(group, element, Some(name))
                .is_some_and(|v| matches!(v.kind(), Kind::Private | Kind::PrivateRepeater));
            if hit && !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}
