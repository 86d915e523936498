//! Bytes of a page to UTF-8, keeping the way back to the bytes.
//!
//! The policy, in order: a byte order mark decides (UTF-8, UTF-16LE/BE);
//! a NUL byte anywhere else means a binary file, refused; a `<meta
//! charset>` or `<meta http-equiv="content-type">` in the first 1024 bytes
//! names the encoding (as the WHATWG prescan does; a declared UTF-16 is read
//! as UTF-8 and `x-user-defined` as windows-1252). A declaration that the
//! bytes contradict is overruled with a warning: a legacy encoding declared
//! on valid UTF-8 that has multibyte characters is read as UTF-8; UTF-8
//! declared (or nothing declared) on invalid UTF-8 is read as UTF-8 with
//! U+FFFD for each bad sequence when the page has valid multibyte UTF-8
//! elsewhere, else as windows-1252 (what browsers fall back to for Western
//! pages).
//!
//! UTF-8 input is used in place; transcoded input keeps, for every byte of
//! its UTF-8 text, the offset of the source byte its character came from.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;
use std::fmt;

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlError {
    /// A NUL byte outside UTF-16: not a text file.
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
}

impl fmt::Display for HtmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HtmlError::Binary { offset } => write!(f, "binary file (NUL byte at offset {offset})"),
        }
    }
}

impl std::error::Error for HtmlError {}

/// A page as UTF-8 text, with the way back to its bytes.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The page's text.
    pub text: Cow<'a, str>,
    /// How `text` maps to the source.
    pub offsets: Offsets,
    /// The encoding the page was read as.
    pub encoding: &'static Encoding,
    /// What was overruled or replaced, for the user.
    pub warnings: Vec<String>,
}

/// From a byte offset of the decoded text to one of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Offsets {
    /// The text is the source from byte `base` on (after a UTF-8 BOM).
    Shifted { base: usize },
    /// `at[i]` is the source offset of the character that holds byte `i`
    /// of the text; `at[text.len()]` is the source length.
    Table { at: Vec<usize> },
}

impl Offsets {
    /// The source offset of text offset `i` (a character boundary).
    pub(crate) fn source(&self, i: usize) -> usize {
        match self {
            Offsets::Shifted { base } => base + i,
            Offsets::Table { at } => at[i.min(at.len() - 1)],
        }
    }
}

/// Bytes scanned for a charset declaration, as in the WHATWG prescan.
const PRESCAN: usize = 1024;

/// Decodes `bytes` to UTF-8 following the module's policy.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, HtmlError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        if enc == UTF_8 {
            return Ok(utf8(bytes, bom, enc, Vec::new()));
        }
        let (text, at) = transcode(&bytes[bom..], enc, bom);
        return Ok(Decoded {
            text: text.into(),
            offsets: Offsets::Table { at },
            encoding: enc,
            warnings: Vec::new(),
        });
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(HtmlError::Binary { offset });
    }
    let declared = prescan(&bytes[..bytes.len().min(PRESCAN)]);
    let valid = std::str::from_utf8(bytes);
    match (declared, valid) {
        (Some(enc), Ok(s)) if enc != UTF_8 => {
            if s.is_ascii() && enc.is_ascii_compatible() {
                return Ok(utf8(bytes, 0, enc, Vec::new()));
            }
            if !s.is_ascii() {
                let warning = format!(
                    "declares charset {} but is valid UTF-8 with multibyte characters: read as UTF-8",
                    enc.name()
                );
                return Ok(utf8(bytes, 0, UTF_8, vec![warning]));
            }
            let (text, at) = transcode(bytes, enc, 0);
            Ok(Decoded {
                text: text.into(),
                offsets: Offsets::Table { at },
                encoding: enc,
                warnings: Vec::new(),
            })
        }
        (_, Ok(_)) => Ok(utf8(bytes, 0, UTF_8, Vec::new())),
        (Some(enc), Err(_)) if enc != UTF_8 => {
            let (text, at) = transcode(bytes, enc, 0);
            Ok(Decoded {
                text: text.into(),
                offsets: Offsets::Table { at },
                encoding: enc,
                warnings: Vec::new(),
            })
        }
        (declared, Err(e)) => {
            let bad = e.valid_up_to();
            let said =
                if declared.is_some() { "declares UTF-8 but" } else { "declares no charset and" };
            let (enc, how) = if has_multibyte_utf8(bytes) {
                (UTF_8, "read as UTF-8 with U+FFFD for each bad sequence")
            } else {
                (WINDOWS_1252, "read as windows-1252")
            };
            let warning =
                format!("{said} is not valid UTF-8 (first bad byte at offset {bad}): {how}");
            let (text, at) = transcode(bytes, enc, 0);
            Ok(Decoded {
                text: text.into(),
                offsets: Offsets::Table { at },
                encoding: enc,
                warnings: vec![warning],
            })
        }
    }
}

/// `bytes` from `base` on, known to be UTF-8 (or ASCII), used in place.
fn utf8<'a>(
    bytes: &'a [u8],
    base: usize,
    enc: &'static Encoding,
    warnings: Vec<String>,
) -> Decoded<'a> {
    let text = match std::str::from_utf8(&bytes[base..]) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            // After a UTF-8 BOM the rest may still be invalid.
            let (text, at) = transcode(&bytes[base..], UTF_8, base);
            let bad =
                std::str::from_utf8(&bytes[base..]).map_err(|e| e.valid_up_to()).err().unwrap_or(0)
                    + base;
            let mut warnings = warnings;
            warnings.push(format!(
                "is not valid UTF-8 (first bad byte at offset {bad}): read with U+FFFD for each bad sequence"
            ));
            return Decoded {
                text: text.into(),
                offsets: Offsets::Table { at },
                encoding: UTF_8,
                warnings,
            };
        }
    };
    Decoded { text, offsets: Offsets::Shifted { base }, encoding: enc, warnings }
}

/// True when `bytes` hold at least one well-formed multibyte UTF-8 sequence.
fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                if !good.is_ascii() {
                    return true;
                }
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[skip.min(rest.len())..];
                if rest.is_empty() {
                    return false;
                }
            }
        }
    }
}

/// Decodes `bytes` (which start at source offset `base`) from `enc`,
/// returning the text and the source offset of each of its bytes.
fn transcode(bytes: &[u8], enc: &'static Encoding, base: usize) -> (String, Vec<usize>) {
    let mut at = Vec::with_capacity(bytes.len() + 1);
    if enc.is_single_byte() {
        // One byte, one character.
        let (text, _) = enc.decode_without_bom_handling(bytes);
        for (i, c) in text.chars().enumerate() {
            at.extend(std::iter::repeat_n(base + i, c.len_utf8()));
        }
        at.push(base + bytes.len());
        return (text.into_owned(), at);
    }
    // Byte by byte, so each character is known to end at the byte that
    // completed it and start after the one before it.
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut char_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let before = text.len();
        let last = i + 1 == bytes.len();
        text.reserve(decoder.max_utf8_buffer_length(1).unwrap_or(16) + 8);
        let _ = decoder.decode_to_string(&[b], &mut text, last);
        let produced = &text[before..];
        let count = produced.chars().count();
        for (k, c) in produced.chars().enumerate() {
            // A malformed sequence ended by an ASCII byte gives U+FFFD for
            // the sequence, then the ASCII character for this byte.
            let start = if k + 1 == count && k > 0 && b.is_ascii() && c.is_ascii() {
                i
            } else {
                char_start
            };
            at.extend(std::iter::repeat_n(base + start, c.len_utf8()));
        }
        if count > 0 {
            char_start = i + 1;
        }
    }
    at.push(base + bytes.len());
    debug_assert_eq!(at.len(), text.len() + 1);
    (text, at)
}

/// The encoding a `<meta>` in `head` declares, as the WHATWG prescan reads it.
pub(crate) fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &head[i..]) {
        i += lt;
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            match find(&rest[4..], b"-->") {
                Some(end) => i += 4 + end + 3,
                None => return None,
            }
            continue;
        }
        if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            let (attrs, len) = attributes(&rest[5..]);
            i += 5 + len;
            if let Some(enc) = meta_charset(&attrs) {
                return Some(enc);
            }
            continue;
        }
        if rest.len() > 1 && (rest[1].is_ascii_alphabetic() || rest[1] == b'/') {
            let (_, len) = attributes(&rest[1..]);
            i += 1 + len;
            continue;
        }
        i += 1;
    }
    None
}

/// The encoding a `<meta>` with these attributes declares.
fn meta_charset(attrs: &[Attribute]) -> Option<&'static Encoding> {
    let get = |name: &[u8]| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_slice());
    let label = if let Some(charset) = get(b"charset") {
        charset.to_vec()
    } else if get(b"http-equiv").is_some_and(|v| v.eq_ignore_ascii_case(b"content-type")) {
        charset_in_content(get(b"content")?)?
    } else {
        return None;
    };
    let enc = Encoding::for_label(trim(&label))?;
    Some(if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else if enc.name() == "x-user-defined" {
        WINDOWS_1252
    } else {
        enc
    })
}

/// The value after `charset=` in a content-type (`text/html; charset=utf-8`).
fn charset_in_content(content: &[u8]) -> Option<Vec<u8>> {
    let lower = content.to_ascii_lowercase();
    let at = find(&lower, b"charset")? + 7;
    let rest = &content[at..];
    let rest = &rest[rest.iter().take_while(|&&b| is_space(b)).count()..];
    let rest = rest.strip_prefix(b"=")?;
    let rest = &rest[rest.iter().take_while(|&&b| is_space(b)).count()..];
    let value: Vec<u8> = match rest.first() {
        Some(&q @ (b'"' | b'\'')) => rest[1..].iter().take_while(|&&b| b != q).copied().collect(),
        _ => rest.iter().take_while(|&&b| !is_space(b) && b != b';').copied().collect(),
    };
    (!value.is_empty()).then_some(value)
}

/// An attribute's name (lowercased) and value, as bytes.
type Attribute = (Vec<u8>, Vec<u8>);

/// Attributes of a tag whose name has been read, up to its `>`; returns
/// them and the bytes read.
fn attributes(s: &[u8]) -> (Vec<Attribute>, usize) {
    let mut attrs = Vec::new();
    let mut i =
        s.iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b':').count();
    loop {
        while i < s.len() && (is_space(s[i]) || s[i] == b'/') {
            i += 1;
        }
        if i >= s.len() {
            return (attrs, i);
        }
        if s[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < s.len() && !is_space(s[i]) && !matches!(s[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        while i < s.len() && is_space(s[i]) {
            i += 1;
        }
        let mut value = Vec::new();
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && is_space(s[i]) {
                i += 1;
            }
            match s.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr::memchr(q, &s[i + 1..]).map_or(s.len(), |e| i + 1 + e);
                    value = s[i + 1..end].to_vec();
                    i = (end + 1).min(s.len());
                }
                _ => {
                    let start = i;
                    while i < s.len() && !is_space(s[i]) && s[i] != b'>' {
                        i += 1;
                    }
                    value = s[start..i].to_vec();
                }
            }
        }
        if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s.iter().take_while(|&&b| is_space(b)).count();
    let end = s.len() - s[start..].iter().rev().take_while(|&&b| is_space(b)).count();
    &s[start..end]
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}
