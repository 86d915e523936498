//! Reading the report page's data as the page does: its script elements,
//! and the gzip-and-base64 ones decoded. Shared by the tests that read pages.
#![allow(dead_code)]

use serde_json::Value;

/// Every `<script ...>` element: its start tag and its contents.
pub fn scripts(html: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let tag_end = at + rest[at..].find('>').unwrap() + 1;
        let close = tag_end + rest[tag_end..].find("</script>").expect("every script is closed");
        out.push((&rest[at..tag_end], &rest[tag_end..close]));
        rest = &rest[close + "</script>".len()..];
    }
    out
}

/// The document without the contents of its data scripts.
pub fn without_data(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script type=\"application/") {
        let tag_end = at + rest[at..].find('>').unwrap() + 1;
        let close = tag_end + rest[tag_end..].find("</script>").unwrap();
        out.push_str(&rest[..tag_end]);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// The contents of the script element with `id`.
pub fn script<'a>(html: &'a str, id: &str) -> &'a str {
    scripts(html)
        .into_iter()
        .find(|(tag, _)| tag.contains(&format!("id=\"{id}\"")))
        .unwrap_or_else(|| panic!("the page has a script {id}"))
        .1
}

/// Base64 (RFC 4648, padded) decoded, written apart from the crate's encoder.
pub fn unbase64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("{c} is not base64"),
    };
    let bytes = text.trim_end_matches('=').as_bytes();
    let mut out = Vec::new();
    let mut acc = 0u32;
    for (i, &c) in bytes.iter().enumerate() {
        acc = acc << 6 | u32::from(value(c));
        if i % 4 == 3 {
            out.extend([(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
        }
    }
    match bytes.len() % 4 {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend([(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => {}
    }
    out
}

/// A gzip-and-base64 script element's bytes, as the page's
/// `DecompressionStream("gzip")` reads them.
pub fn unpacked(html: &str, id: &str) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&unbase64(script(html, id))[..]).read_to_end(&mut out).unwrap();
    out
}

pub fn head(html: &str) -> Value {
    serde_json::from_str(script(html, "head")).expect("the head is JSON")
}

pub fn index(html: &str) -> Value {
    serde_json::from_slice(&unpacked(html, "index")).expect("the index is JSON")
}
