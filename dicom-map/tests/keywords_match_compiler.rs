//! The compiler and the reader derive the same generated keyword for every entry: the keyword
//! rule is part of the format (flag bit 2: readers derive what the compiler did not store), so
//! `data/tags.csv`, which the compiler writes beside `tags.dmap` from the same build, must give
//! every entry exactly the keyword `TagView::keyword` derives, generated or stored.

use std::collections::HashMap;

mod support;

/// Splits one CSV record (RFC 4180: fields quoted when they hold `,` or `"`, quotes doubled).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn every_keyword_of_tags_csv_is_the_readers() {
    let csv_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/tags.csv");
    let text = std::fs::read_to_string(csv_path).expect("data/tags.csv");
    let mut lines = text.lines();
    let header = fields(lines.next().expect("a header"));
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (g, e, c, k, gen) = (
        col("group"),
        col("element"),
        col("creator"),
        col("keyword"),
        col("keyword_generated"),
    );
    // (group text, element text, creator) -> (keyword, generated?)
    let mut compiler: HashMap<(String, String, String), (String, bool)> = HashMap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let f = fields(line);
        let key = (f[g].clone(), f[e].clone(), f[c].clone());
        let previous = compiler.insert(key.clone(), (f[k].clone(), f[gen] == "1"));
        assert!(previous.is_none(), "a key twice in tags.csv: {key:?}");
    }

    let dict = dicom_map::Dict::from_bytes(support::real_bytes()).unwrap();
    let mut generated = 0;
    for v in dict.entries() {
        let pattern = v.pattern();
        let (group, element) = pattern
            .trim_matches(|c| c == '(' || c == ')')
            .split_once(',')
            .unwrap();
        let key = (
            group.to_owned(),
            element.to_owned(),
            v.creator().unwrap_or("").to_owned(),
        );
        let (keyword, is_generated) = compiler
            .remove(&key)
            .unwrap_or_else(|| panic!("{key:?} is in tags.dmap but not in tags.csv"));
        assert_eq!(v.keyword(), keyword, "{key:?}");
        assert_eq!(v.keyword_generated(), is_generated, "{key:?}");
        generated += usize::from(is_generated);
    }
    assert!(
        compiler.is_empty(),
        "in tags.csv but not in tags.dmap: {:?}",
        compiler.keys().take(5).collect::<Vec<_>>()
    );
    // The bundled dictionary has thousands of generated keywords: the rule is really exercised.
    assert!(generated > 1000, "{generated}");
}
