//! A test-only writer of `.dmap` v1 files, written from DEVELOPMENT.md alone.
//!
//! It lets unit and integration tests build small targeted dictionaries (a handful of entries per
//! rule) and doubles as a second implementation of the spec to cross-check the Python writer. It
//! depends only on `std` and `crc32fast` so that the library's unit tests can include it too.
//!
//! ```ignore
//! let mut b = Builder::new();
//! b.public(0x0008_0005, "SpecificCharacterSet", "CS", "1-n");
//! b.creator("SIEMENS MR HEADER", "Siemens", &["SIEMENS MR HEADER "]);
//! b.private(0x0019, "SIEMENS MR HEADER", 0x0C, 0, "NumberOfImagesInMosaic", "US", "1");
//! b.private(0x0019, "SIEMENS MR HEADER", 0x0D, 0, "", "US", "1").name("Slice count").generated(false);
//! let bytes = b.build();
//! ```

use std::collections::BTreeMap;

/// The VR codes in `vr_bits` order.
pub const VRS: [&str; 34] = [
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
    "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US",
    "UT", "UV",
];

/// `"US or SS"` → bits; `"NONE"` → bit 63; `""` → 0.
pub fn vr_bits(text: &str) -> u64 {
    text.split(" or ")
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s == "NONE" {
                1u64 << 63
            } else {
                1u64 << VRS
                    .iter()
                    .position(|v| *v == s)
                    .unwrap_or_else(|| panic!("unknown VR {s}"))
            }
        })
        .fold(0, |a, b| a | b)
}

/// The key of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Public(u32),
    Repeater {
        mask: u32,
        value: u32,
    },
    Private {
        group: u16,
        group_mask: u16,
        creator: String,
        element: u8,
        block: u8,
    },
}

/// One source item of an entry: `(source id, document, page)`.
pub type Item = (String, String, u16);

/// A competing type of a conflicting entry.
#[derive(Clone, Debug)]
pub struct Cand {
    pub vr: String,
    pub vm: String,
    pub items: Vec<Item>,
    pub chosen: bool,
}

/// One entry to write.
#[derive(Clone, Debug)]
pub struct Entry {
    pub key: Option<Key>,
    pub name: String,
    pub keyword: String,
    pub description: String,
    pub vr: String,
    pub vm: String,
    pub retired: bool,
    pub keyword_generated: bool,
    pub keyword_suffixed: bool,
    pub no_real_name: bool,
    pub confidence: u8,
    pub items: Vec<Item>,
    pub candidates: Vec<Cand>,
}

impl Entry {
    fn new(key: Option<Key>, keyword: &str, vr: &str, vm: &str) -> Entry {
        Entry {
            key,
            name: name_from_keyword(keyword),
            keyword: keyword.to_owned(),
            description: String::new(),
            vr: vr.to_owned(),
            vm: vm.to_owned(),
            retired: false,
            keyword_generated: false,
            keyword_suffixed: false,
            no_real_name: false,
            confidence: 100,
            items: vec![("test".to_owned(), "test.txt".to_owned(), 0)],
            candidates: Vec::new(),
        }
    }

    /// Sets the sources.
    pub fn sources(&mut self, items: &[(&str, &str, u16)]) -> &mut Entry {
        self.items = items
            .iter()
            .map(|(s, d, p)| (s.to_string(), d.to_string(), *p))
            .collect();
        self
    }

    /// Marks the entry retired.
    pub fn retired(&mut self) -> &mut Entry {
        self.retired = true;
        self
    }

    /// Sets the name.
    pub fn name(&mut self, name: &str) -> &mut Entry {
        self.name = name.to_owned();
        self
    }

    /// Sets the description.
    pub fn description(&mut self, text: &str) -> &mut Entry {
        self.description = text.to_owned();
        self
    }

    /// Adds a conflict candidate (the entry gets the conflict flag).
    pub fn candidate(&mut self, vr: &str, vm: &str, sources: &[&str], chosen: bool) -> &mut Entry {
        self.candidates.push(Cand {
            vr: vr.to_owned(),
            vm: vm.to_owned(),
            items: sources
                .iter()
                .map(|s| (s.to_string(), format!("{s}.txt"), 0))
                .collect(),
            chosen,
        });
        self
    }

    /// Marks the keyword generated (not stored; readers derive it), with the tag suffix or not.
    pub fn generated(&mut self, suffixed: bool) -> &mut Entry {
        self.keyword = String::new();
        self.keyword_generated = true;
        self.keyword_suffixed = suffixed;
        self
    }

    /// Sets the confidence.
    pub fn confidence(&mut self, c: u8) -> &mut Entry {
        self.confidence = c;
        self
    }
}

/// `SpecificCharacterSet` → `Specific Character Set`.
fn name_from_keyword(keyword: &str) -> String {
    let mut out = String::new();
    for (i, c) in keyword.chars().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A source of the file.
#[derive(Clone, Debug)]
pub struct SourceDef {
    pub id: String,
    pub title: String,
    pub weight: u16,
    pub copy: bool,
}

/// A creator: canonical name, vendor, alias spellings.
#[derive(Clone, Debug)]
pub struct CreatorDef {
    pub name: String,
    pub vendor: String,
    pub aliases: Vec<String>,
}

/// Builds a `.dmap` v1 file.
#[derive(Clone, Debug)]
pub struct Builder {
    pub entries: Vec<Entry>,
    /// `SYNT[0]`, `SYNT[1]`.
    pub synthetic: Vec<Entry>,
    pub creators: Vec<CreatorDef>,
    pub sources: Vec<SourceDef>,
    pub meta: BTreeMap<String, String>,
    pub edition: String,
    /// Extra bytes appended to every record (as a later minor revision might), zero-filled.
    pub record_pad: usize,
    /// Unknown sections to add: `(id, record size, bytes)`.
    pub extra_sections: Vec<([u8; 4], u32, Vec<u8>)>,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new()
    }
}

/// Normalises a creator as the spec says.
pub fn normalise(s: &str) -> &str {
    s.trim_matches(|c| c == ' ' || c == '\0')
}

/// Folds a normalised creator as the spec says.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Builder {
    /// An empty dictionary with the two synthetic entries and one source `test`.
    pub fn new() -> Builder {
        let mut meta = BTreeMap::new();
        meta.insert("edition".to_owned(), "2025b".to_owned());
        meta.insert("generator".to_owned(), "dicom-map test builder".to_owned());
        meta.insert("sources".to_owned(), "test".to_owned());
        meta.insert("build".to_owned(), "0".to_owned());
        Builder {
            entries: Vec::new(),
            synthetic: vec![
                Entry::new(None, "GroupLength", "UL", "1"),
                Entry::new(None, "PrivateCreator", "LO", "1"),
            ],
            creators: Vec::new(),
            sources: vec![SourceDef {
                id: "test".to_owned(),
                title: "Test".to_owned(),
                weight: 1,
                copy: false,
            }],
            meta,
            edition: "2025b".to_owned(),
            record_pad: 0,
            extra_sections: Vec::new(),
        }
    }

    fn push(&mut self, e: Entry) -> &mut Entry {
        self.entries.push(e);
        self.entries.last_mut().unwrap()
    }

    /// Adds a source.
    pub fn source(&mut self, id: &str, weight: u16, copy: bool) -> &mut Builder {
        self.sources.push(SourceDef {
            id: id.to_owned(),
            title: format!("Title of {id}"),
            weight,
            copy,
        });
        self
    }

    /// Adds a public entry.
    pub fn public(&mut self, tag: u32, keyword: &str, vr: &str, vm: &str) -> &mut Entry {
        self.push(Entry::new(Some(Key::Public(tag)), keyword, vr, vm))
    }

    /// Adds a repeater entry.
    pub fn repeater(
        &mut self,
        mask: u32,
        value: u32,
        keyword: &str,
        vr: &str,
        vm: &str,
    ) -> &mut Entry {
        self.push(Entry::new(
            Some(Key::Repeater { mask, value }),
            keyword,
            vr,
            vm,
        ))
    }

    /// Adds a private entry of one group (`PRIV`). The creator must be added with `creator`.
    #[allow(clippy::too_many_arguments)]
    pub fn private(
        &mut self,
        group: u16,
        creator: &str,
        element: u8,
        block: u8,
        keyword: &str,
        vr: &str,
        vm: &str,
    ) -> &mut Entry {
        let key = Key::Private {
            group,
            group_mask: 0xFFFF,
            creator: creator.to_owned(),
            element,
            block,
        };
        self.push(Entry::new(Some(key), keyword, vr, vm))
    }

    /// Adds a private entry of a repeating group (`PRPT`).
    #[allow(clippy::too_many_arguments)]
    pub fn private_repeater(
        &mut self,
        group: u16,
        group_mask: u16,
        creator: &str,
        element: u8,
        block: u8,
        keyword: &str,
        vr: &str,
        vm: &str,
    ) -> &mut Entry {
        let key = Key::Private {
            group,
            group_mask,
            creator: creator.to_owned(),
            element,
            block,
        };
        self.push(Entry::new(Some(key), keyword, vr, vm))
    }

    /// Adds a creator with its vendor and alias spellings.
    pub fn creator(&mut self, name: &str, vendor: &str, aliases: &[&str]) -> &mut Builder {
        self.creators.push(CreatorDef {
            name: name.to_owned(),
            vendor: vendor.to_owned(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        });
        self
    }

    fn creator_id(&self, name: &str) -> u16 {
        self.creators
            .iter()
            .position(|c| c.name == name)
            .unwrap_or_else(|| panic!("creator {name} not added")) as u16
    }

    /// Writes the file.
    pub fn build(&self) -> Vec<u8> {
        let mut pool = Pool::default();
        pool.add("");
        let mut types: Vec<(u64, u32)> = Vec::new();
        let mut type_of = |pool: &mut Pool, vr: &str, vm: &str| -> u16 {
            let t = (vr_bits(vr), pool.add(vm));
            match types.iter().position(|x| *x == t) {
                Some(i) => i as u16,
                None => {
                    types.push(t);
                    (types.len() - 1) as u16
                }
            }
        };
        let mut provs: Vec<(u32, u32, u32)> = Vec::new();
        let mut items: Vec<(u16, u16, u32)> = Vec::new();
        let sources = &self.sources;
        let mut prov_of = |pool: &mut Pool, its: &[Item]| -> u32 {
            let first = items.len() as u32;
            let mut ids: Vec<&str> = Vec::new();
            for (src, doc, page) in its {
                let s = sources
                    .iter()
                    .position(|x| &x.id == src)
                    .unwrap_or_else(|| panic!("source {src}"));
                items.push((s as u16, *page, pool.add(doc)));
                if !ids.contains(&src.as_str()) {
                    ids.push(src);
                }
            }
            provs.push((first, its.len() as u32, pool.add(&ids.join(";"))));
            (provs.len() - 1) as u32
        };

        // Sort entries into their tables.
        let mut publ: Vec<&Entry> = Vec::new();
        let mut rptr: Vec<&Entry> = Vec::new();
        let mut privs: Vec<&Entry> = Vec::new();
        let mut prpt: Vec<&Entry> = Vec::new();
        for e in &self.entries {
            match &e.key {
                Some(Key::Public(_)) => publ.push(e),
                Some(Key::Repeater { .. }) => rptr.push(e),
                Some(Key::Private {
                    group_mask: 0xFFFF, ..
                }) => privs.push(e),
                Some(Key::Private { .. }) => prpt.push(e),
                None => panic!("entry without key"),
            }
        }
        let pkey = |e: &Entry| match &e.key {
            Some(Key::Private {
                group,
                group_mask,
                creator,
                element,
                block,
            }) => (
                *group,
                *group_mask,
                self.creator_id(creator),
                *element,
                *block,
            ),
            _ => unreachable!(),
        };
        publ.sort_by_key(|e| match e.key {
            Some(Key::Public(t)) => t,
            _ => unreachable!(),
        });
        rptr.sort_by_key(|e| match e.key {
            Some(Key::Repeater { mask, value }) => (std::cmp::Reverse(mask.count_ones()), value),
            _ => unreachable!(),
        });
        privs.sort_by_key(|e| {
            let (g, _, c, el, b) = pkey(e);
            (g, c, el, b)
        });
        prpt.sort_by_key(|e| {
            let (g, m, c, el, b) = pkey(e);
            (c, el, b, g, m)
        });

        let pad = self.record_pad;
        let mut payload = |pool: &mut Pool, out: &mut Vec<u8>, e: &Entry| {
            let flags = u16::from(e.retired)
                | u16::from(!e.candidates.is_empty()) << 1
                | u16::from(e.keyword_generated) << 2
                | u16::from(e.no_real_name) << 3
                | u16::from(e.keyword_suffixed) << 4
                | u16::from(!e.description.is_empty()) << 5
                | u16::from(e.confidence) << 8;
            out.extend(pool.add(&e.name).to_le_bytes());
            let keyword = if e.keyword_generated {
                ""
            } else {
                e.keyword.as_str()
            };
            out.extend(pool.add(keyword).to_le_bytes());
            out.extend(prov_of(pool, &e.items).to_le_bytes());
            out.extend(type_of(pool, &e.vr, &e.vm).to_le_bytes());
            out.extend(flags.to_le_bytes());
            out.extend(std::iter::repeat_n(0u8, pad));
        };
        let mut sec_publ = Vec::new();
        for e in &publ {
            if let Some(Key::Public(t)) = e.key {
                sec_publ.extend(t.to_le_bytes());
            }
            payload(&mut pool, &mut sec_publ, e);
        }
        let mut sec_rptr = Vec::new();
        for e in &rptr {
            if let Some(Key::Repeater { mask, value }) = e.key {
                sec_rptr.extend(mask.to_le_bytes());
                sec_rptr.extend(value.to_le_bytes());
            }
            payload(&mut pool, &mut sec_rptr, e);
        }
        let mut sec_priv = Vec::new();
        let mut sec_prpt = Vec::new();
        for (list, out) in [(&privs, &mut sec_priv), (&prpt, &mut sec_prpt)] {
            for e in list.iter() {
                let (g, m, c, el, b) = pkey(e);
                out.extend(g.to_le_bytes());
                out.extend(m.to_le_bytes());
                out.extend(c.to_le_bytes());
                out.push(el);
                out.push(b);
                payload(&mut pool, out, e);
            }
        }
        let mut sec_synt = Vec::new();
        for e in &self.synthetic {
            payload(&mut pool, &mut sec_synt, e);
        }

        // Candidates, keyed by entry id.
        let ordered: Vec<&Entry> = publ
            .iter()
            .chain(&rptr)
            .chain(&privs)
            .chain(&prpt)
            .copied()
            .collect();
        let mut cands: Vec<(u32, u32, u16, u16)> = Vec::new();
        for (id, e) in ordered.iter().enumerate() {
            for c in &e.candidates {
                let t = type_of(&mut pool, &c.vr, &c.vm);
                let p = prov_of(&mut pool, &c.items);
                cands.push((id as u32, p, t, u16::from(c.chosen)));
            }
        }
        cands.sort_by_key(|c| (c.0, c.2));
        let mut sec_cand = Vec::new();
        for (e, p, t, f) in &cands {
            sec_cand.extend(e.to_le_bytes());
            sec_cand.extend(p.to_le_bytes());
            sec_cand.extend(t.to_le_bytes());
            sec_cand.extend(f.to_le_bytes());
            sec_cand.extend(std::iter::repeat_n(0u8, pad));
        }

        let mut sec_desc = Vec::new();
        for (id, e) in ordered.iter().enumerate() {
            if !e.description.is_empty() {
                sec_desc.extend((id as u32).to_le_bytes());
                sec_desc.extend(pool.add(&e.description).to_le_bytes());
                sec_desc.extend(std::iter::repeat_n(0u8, pad));
            }
        }
        let mut kw: Vec<(&str, u32)> = ordered
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.keyword.is_empty() && !e.keyword_generated)
            .map(|(i, e)| (e.keyword.as_str(), i as u32))
            .collect();
        kw.sort();
        let mut sec_kwix = Vec::new();
        for (_, id) in &kw {
            sec_kwix.extend(id.to_le_bytes());
            sec_kwix.extend(std::iter::repeat_n(0u8, pad));
        }

        // Creators and spellings.
        let mut sec_crtr = Vec::new();
        let mut spellings: BTreeMap<Vec<u8>, u32> = BTreeMap::new();
        let mut folded: Vec<(String, u32)> = Vec::new();
        for (id, c) in self.creators.iter().enumerate() {
            sec_crtr.extend(pool.add(&c.name).to_le_bytes());
            sec_crtr.extend(pool.add(&c.vendor).to_le_bytes());
            sec_crtr.extend(std::iter::repeat_n(0u8, pad));
            for s in std::iter::once(&c.name).chain(&c.aliases) {
                spellings.insert(s.as_bytes().to_vec(), id as u32);
                let f = (fold(normalise(s)), id as u32);
                if !folded.contains(&f) {
                    folded.push(f);
                }
            }
        }
        folded.sort_by(|a, b| (a.0.as_bytes(), a.1).cmp(&(b.0.as_bytes(), b.1)));
        let mut sec_cspl = Vec::new();
        for (s, id) in &spellings {
            sec_cspl.extend(pool.add(std::str::from_utf8(s).unwrap()).to_le_bytes());
            sec_cspl.extend(id.to_le_bytes());
            sec_cspl.extend(std::iter::repeat_n(0u8, pad));
        }
        let mut sec_cfld = Vec::new();
        for (s, id) in &folded {
            sec_cfld.extend(pool.add(s).to_le_bytes());
            sec_cfld.extend(id.to_le_bytes());
            sec_cfld.extend(std::iter::repeat_n(0u8, pad));
        }

        let mut sec_srcs = Vec::new();
        for s in &self.sources {
            for text in [
                &s.id,
                &s.title,
                &"1.0".to_owned(),
                &format!("https://example.org/{}", s.id),
                &"MIT".to_owned(),
            ] {
                sec_srcs.extend(pool.add(text).to_le_bytes());
            }
            sec_srcs.extend(s.weight.to_le_bytes());
            sec_srcs.extend(u16::from(s.copy).to_le_bytes());
            sec_srcs.extend(std::iter::repeat_n(0u8, pad));
        }
        let mut sec_meta = Vec::new();
        for (k, v) in &self.meta {
            sec_meta.extend(pool.add(k).to_le_bytes());
            sec_meta.extend(pool.add(v).to_le_bytes());
            sec_meta.extend(std::iter::repeat_n(0u8, pad));
        }
        // Types, provenance and items last: payloads above add to them.
        let mut sec_type = Vec::new();
        for (bits, vm) in &types {
            sec_type.extend(bits.to_le_bytes());
            sec_type.extend(vm.to_le_bytes());
            sec_type.extend(0u32.to_le_bytes());
            sec_type.extend(std::iter::repeat_n(0u8, pad));
        }
        let mut sec_prov = Vec::new();
        for (first, count, summary) in &provs {
            sec_prov.extend(first.to_le_bytes());
            sec_prov.extend(count.to_le_bytes());
            sec_prov.extend(summary.to_le_bytes());
            sec_prov.extend(std::iter::repeat_n(0u8, pad));
        }
        let mut sec_pitm = Vec::new();
        for (s, page, doc) in &items {
            sec_pitm.extend(s.to_le_bytes());
            sec_pitm.extend(page.to_le_bytes());
            sec_pitm.extend(doc.to_le_bytes());
            sec_pitm.extend(std::iter::repeat_n(0u8, pad));
        }

        let p = pad as u32;
        let mut sections: Vec<([u8; 4], u32, Vec<u8>)> = vec![
            (*b"STRS", 1, pool.bytes.clone()),
            (*b"PUBL", 20 + p, sec_publ),
            (*b"RPTR", 24 + p, sec_rptr),
            (*b"PRIV", 24 + p, sec_priv),
            (*b"PRPT", 24 + p, sec_prpt),
            (*b"SYNT", 16 + p, sec_synt),
            (*b"CRTR", 8 + p, sec_crtr),
            (*b"CSPL", 8 + p, sec_cspl),
            (*b"CFLD", 8 + p, sec_cfld),
            (*b"TYPE", 16 + p, sec_type),
            (*b"PROV", 12 + p, sec_prov),
            (*b"PITM", 8 + p, sec_pitm),
            (*b"SRCS", 24 + p, sec_srcs),
            (*b"CAND", 12 + p, sec_cand),
            (*b"KWIX", 4 + p, sec_kwix),
            (*b"META", 8 + p, sec_meta),
            (*b"DESC", 8 + p, sec_desc),
        ];
        sections.extend(self.extra_sections.iter().cloned());
        assemble(
            &sections,
            &self.edition,
            [
                publ.len() as u32,
                rptr.len() as u32,
                (privs.len() + prpt.len()) as u32,
                self.creators.len() as u32,
            ],
        )
    }
}

/// Lays out header, table and 8-aligned sections, and fills in both CRCs.
pub fn assemble(sections: &[([u8; 4], u32, Vec<u8>)], edition: &str, counts: [u32; 4]) -> Vec<u8> {
    let table_end = 64 + 24 * sections.len();
    let mut out = vec![0u8; table_end];
    let mut table = Vec::new();
    for (id, rs, bytes) in sections {
        while out.len() % 8 != 0 {
            out.push(0);
        }
        table.push((*id, *rs, out.len() as u64, bytes.len() as u64));
        out.extend(bytes);
    }
    for (i, (id, rs, off, len)) in table.iter().enumerate() {
        let at = 64 + 24 * i;
        out[at..at + 4].copy_from_slice(id);
        out[at + 4..at + 8].copy_from_slice(&rs.to_le_bytes());
        out[at + 8..at + 16].copy_from_slice(&off.to_le_bytes());
        out[at + 16..at + 24].copy_from_slice(&len.to_le_bytes());
    }
    let has_private = u32::from(counts[2] > 0);
    let mut h = Vec::with_capacity(64);
    h.extend(b"\x89DMAP\r\n\x1a");
    h.extend(0x0102_0304u32.to_le_bytes());
    h.extend(1u32.to_le_bytes());
    h.extend(has_private.to_le_bytes());
    h.extend((sections.len() as u32).to_le_bytes());
    h.extend((out.len() as u64).to_le_bytes());
    h.extend(crc32fast::hash(&out[64..]).to_le_bytes());
    for c in counts {
        h.extend(c.to_le_bytes());
    }
    let mut ed = [0u8; 8];
    ed[..edition.len()].copy_from_slice(edition.as_bytes());
    h.extend(ed);
    let crc = crc32fast::hash(&h);
    h.extend(crc.to_le_bytes());
    out[..64].copy_from_slice(&h);
    out
}

/// Rewrites both CRCs after a test edited bytes on purpose (to reach the checks behind them).
pub fn fix_crcs(bytes: &mut [u8]) {
    let body = crc32fast::hash(&bytes[64..]);
    bytes[32..36].copy_from_slice(&body.to_le_bytes());
    let head = crc32fast::hash(&bytes[..60]);
    bytes[60..64].copy_from_slice(&head.to_le_bytes());
}

/// Rewrites only the header CRC.
pub fn fix_header_crc(bytes: &mut [u8]) {
    let head = crc32fast::hash(&bytes[..60]);
    bytes[60..64].copy_from_slice(&head.to_le_bytes());
}

/// One section-table row of a file: `(index, id, record_size, offset, length)`.
pub fn table(bytes: &[u8]) -> Vec<(usize, [u8; 4], u32, u64, u64)> {
    let n = u32::from_le_bytes(bytes[20..24].try_into().unwrap()) as usize;
    (0..n)
        .map(|i| {
            let at = 64 + 24 * i;
            (
                i,
                bytes[at..at + 4].try_into().unwrap(),
                u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()),
                u64::from_le_bytes(bytes[at + 8..at + 16].try_into().unwrap()),
                u64::from_le_bytes(bytes[at + 16..at + 24].try_into().unwrap()),
            )
        })
        .collect()
}

/// The table row of section `id`.
pub fn find_section(bytes: &[u8], id: &[u8; 4]) -> (usize, [u8; 4], u32, u64, u64) {
    *table(bytes)
        .iter()
        .find(|t| &t.1 == id)
        .unwrap_or_else(|| panic!("no section {:?}", id))
}

/// The string pool being written: every distinct string once, after a leading `0x00`.
#[derive(Default)]
struct Pool {
    bytes: Vec<u8>,
    offsets: BTreeMap<String, u32>,
}

impl Pool {
    fn add(&mut self, s: &str) -> u32 {
        if self.bytes.is_empty() {
            self.bytes.push(0);
        }
        if s.is_empty() {
            return 0;
        }
        if let Some(&o) = self.offsets.get(s) {
            return o;
        }
        let o = self.bytes.len() as u32;
        self.bytes.extend(s.as_bytes());
        self.bytes.push(0);
        self.offsets.insert(s.to_owned(), o);
        o
    }
}
