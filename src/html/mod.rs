//! Web pages to article text, with the way back to the page's bytes.
//!
//! Articles often arrive as saved web pages. [`html_to_text`] turns a page
//! into the text the claim extractor reads: the article's title, headings,
//! paragraphs, list items, table rows and quotations, one block per line
//! with a blank line between blocks, without scripts, styles, navigation,
//! banners, sidebars, cookie notices, comment sections, related links or
//! hidden elements; character references decoded (`&nbsp;` is U+00A0,
//! which the detector reads as white space: `41&nbsp;%` is a claim) and
//! inline tags joined without breaking words (`<b>62</b>%` reads `62%`).
//! Its [`SourceMap`] maps a byte span of that text back to the bytes of the
//! page it came from, when they are one contiguous range.
//!
//! It is pure: bytes in, text out; no file I/O, no threads. Tokenizing is
//! [html5gum]'s (a WHATWG-conformant tokenizer that reports how far it has
//! read, which is what ties each character to its bytes); the tree, the
//! furniture rules and the layout are here.
//!
//! ```
//! use claimscan::html_to_text;
//!
//! let page = b"<html><head><title>Survey</title><style>p{width:50%}</style></head>\
//!     <body><nav><a href=/>Home</a></nav><article><h1>Survey</h1>\
//!     <p><b>62</b>&#37; of marketers and 41&nbsp;% of CIOs agree.</p></article></body></html>";
//! let page_text = html_to_text(page).unwrap();
//! assert_eq!(page_text.text, "Survey\n\n62% of marketers and 41\u{a0}% of CIOs agree.");
//! assert_eq!(page_text.title.as_deref(), Some("Survey"));
//! let at = page_text.text.find("62%").unwrap();
//! let span = page_text.map.source_span(at..at + 3).unwrap();
//! assert_eq!(&page[span], b"62</b>&#37;");
//! ```
//!
//! [html5gum]: https://docs.rs/html5gum

mod decode;
mod furniture;
mod map;
mod render;
mod tree;

#[cfg(test)]
mod tests;

pub use decode::HtmlError;
pub use map::SourceMap;

/// A page's article text.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlText {
    /// The article's text: one block per line, blocks separated by a blank
    /// line, table cells by a tab.
    pub text: String,
    /// The page's `<title>`, white space collapsed (not part of `text`).
    pub title: Option<String>,
    /// Maps spans of `text` to bytes of the page.
    pub map: SourceMap,
    /// The encoding the page was read as (WHATWG name, e.g. `UTF-8`,
    /// `windows-1252`).
    pub encoding: &'static str,
    /// What was overruled or left out that a user should know: a charset
    /// declaration the bytes contradict, invalid bytes, a page whose text
    /// was all furniture.
    pub warnings: Vec<String>,
}

/// Reads the article of the page `source` (the bytes of an HTML file).
///
/// Fails only on binary input (a NUL byte outside UTF-16); malformed markup
/// is read as browsers read it, and a wrong or missing charset declaration
/// gives a warning (see [`HtmlText::warnings`]).
pub fn html_to_text(source: &[u8]) -> Result<HtmlText, HtmlError> {
    let decoded = decode::decode(source)?;
    let tree = tree::Tree::parse(&decoded.text);
    let rendered = render::render(&tree);
    let mut warnings = decoded.warnings;
    if let Some(what) = &tree.cut_off {
        warnings.push(format!(
            "the page ends inside {what}: nothing after its start is text, as in a browser \
             (is the file cut off?)"
        ));
    }
    if rendered.all_furniture {
        warnings.push("no article text: all the page's text was left out as furniture".to_string());
    } else if rendered.text.is_empty() {
        warnings.push("no article text: the page shows no text".to_string());
    }
    Ok(HtmlText {
        text: rendered.text,
        title: rendered.title,
        map: SourceMap::new(rendered.runs, rendered.hidden, decoded.offsets),
        encoding: decoded.encoding.name(),
        warnings,
    })
}

/// What a few bytes of a page read as on their own, for checking a claim's
/// source span against its text: the bytes decoded as `encoding` (a WHATWG
/// label; the page's [`HtmlText::encoding`]), tags, comments and doctypes
/// left out, character references decoded, each run of ASCII white space
/// one space, trimmed. `62</b>&#37;` reads `62%`; `41&nbsp;%` reads
/// `41\u{a0}%`.
///
/// Only the tokenizer is shared with [`html_to_text`]: no tree, no layout,
/// no source map, so it checks them from outside.
pub fn fragment_text(bytes: &[u8], encoding: &str) -> String {
    let encoding =
        encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    let (decoded, _) = encoding.decode_without_bom_handling(bytes);
    let mut text = Vec::new();
    for token in html5gum::Tokenizer::new(&*decoded) {
        match token {
            Ok(html5gum::Token::String(s)) => text.extend_from_slice(&s.value),
            Ok(_) => {}
            Err(never) => match never {},
        }
    }
    collapse_white_space(&String::from_utf8_lossy(&text))
}

/// `s` with each run of ASCII white space one space, trimmed (U+00A0 is
/// not white space here, as in a browser).
pub fn collapse_white_space(s: &str) -> String {
    s.split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `bytes` look like an HTML page, whatever the file's name: after
/// an optional byte order mark, white space and an XML declaration, they
/// open with a comment or with one of the tags the WHATWG's MIME sniffing
/// standard takes for HTML (`<!DOCTYPE HTML`, `<html`, `<head`, `<body`,
/// `<script`, `<title`, `<p`, `<div`, `<table`, `<h1`, `<b`, `<br`, `<a`,
/// `<font`, `<iframe`, `<style`) followed by white space or `>`.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    const TAGS: &[&[u8]] = &[
        b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1", b"<div", b"<font",
        b"<table", b"<a", b"<style", b"<title", b"<b", b"<body", b"<br", b"<p",
    ];
    let head = &bytes[..bytes.len().min(4096)];
    let text: std::borrow::Cow<[u8]> = match encoding_rs::Encoding::for_bom(head) {
        Some((enc, bom)) if enc != encoding_rs::UTF_8 => {
            enc.decode_without_bom_handling(&head[bom..]).0.into_owned().into_bytes().into()
        }
        Some((_, bom)) => head[bom..].into(),
        None => head.into(),
    };
    let skip_space = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let mut rest: &[u8] = &text[skip_space(&text)..];
    if rest.starts_with(b"<?xml") {
        match memchr::memmem::find(rest, b"?>") {
            Some(end) => rest = &rest[end + 2..],
            None => return false,
        }
        rest = &rest[skip_space(rest)..];
    }
    if rest.starts_with(b"<!--") {
        return true;
    }
    TAGS.iter().any(|tag| {
        rest.len() > tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && matches!(rest[tag.len()], b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'\x0c')
    })
}
