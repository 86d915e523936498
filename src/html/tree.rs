//! A small document tree built from html5gum's tokens, with the source
//! position of every piece of text.
//!
//! html5gum is a WHATWG tokenizer: it decodes character references and
//! normalises line breaks, and tells its emitter how far it has read
//! (`move_position`). The emitter here records, for every string it is
//! given, the source bytes it was read from, so a character of the page's
//! text can be traced to its bytes. Tokenizing is the spec's; building the
//! tree is a simplified version of the spec's tree construction that is
//! enough for reading text: implied end tags (`<p>` closed by a block,
//! `<li>` by the next `<li>`, cells and rows by the next cell or row), void
//! elements, end tags matched within the spec's scopes and stray end tags
//! ignored. There is no adoption agency and no foster parenting: a
//! mis-nested `<b><i></b></i>` closes both at `</b>`, which changes nothing
//! in the text.

use html5gum::{Emitter, Error, State, Tokenizer, naive_next_state};
use std::borrow::Cow;
use std::convert::Infallible;
use std::ops::Range;

/// Index of a node in [`Tree::nodes`].
pub(crate) type NodeId = usize;

/// The document root.
pub(crate) const ROOT: NodeId = 0;

/// A node: the document root, an element or a run of text. Children are
/// linked (first, last, next sibling): no allocation per node.
#[derive(Debug)]
pub(crate) struct Node {
    pub parent: NodeId,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    pub kind: Kind,
}

impl Node {
    fn new(parent: NodeId, kind: Kind) -> Self {
        Node { parent, first_child: None, last_child: None, next_sibling: None, kind }
    }
}

/// What a node is.
#[derive(Debug)]
pub(crate) enum Kind {
    Document,
    Element(Element),
    /// Byte range of [`Tree::text`].
    Text(Range<usize>),
}

/// An element: its name (ASCII lowercase) and the attributes that decide
/// whether its text is kept.
#[derive(Debug, Default)]
pub(crate) struct Element {
    /// Known names are not allocated.
    pub name: Cow<'static, str>,
    pub attrs: Vec<(&'static str, Box<str>)>,
}

impl Element {
    /// The value of attribute `name`, if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| &**v)
    }
}

/// Attributes kept on elements; the others are dropped while tokenizing.
const KEPT_ATTRIBUTES: &[&str] =
    &["id", "class", "role", "hidden", "aria-hidden", "style", "type", "itemprop", "start"];

/// Tag names given a static string instead of an allocation: every name
/// the rules read, and the common inline ones.
const KNOWN_TAGS: &[&str] = &[
    "a", "abbr", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont",
    "bdi", "bdo", "bgsound", "big", "blockquote", "body", "br", "button", "canvas", "caption",
    "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn",
    "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "keygen", "label",
    "legend", "li", "link", "listing", "main", "map", "mark", "marquee", "math", "menu", "meta",
    "meter", "nav", "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup",
    "option", "output", "p", "param", "path", "picture", "plaintext", "pre", "progress", "q", "rp",
    "rt", "ruby", "s", "samp", "script", "search", "section", "select", "small", "source", "span",
    "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td",
    "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u",
    "ul", "var", "video", "wbr", "xmp",
];

/// `name` (ASCII lowercase) as a static string when it is a known tag.
fn intern(name: &[u8]) -> Option<&'static str> {
    KNOWN_TAGS.binary_search_by(|t| t.as_bytes().cmp(name)).ok().map(|i| KNOWN_TAGS[i])
}

/// A piece of the tree's text and where it was read from (bytes of the
/// tokenized input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Byte range in [`Tree::text`].
    pub text: Range<usize>,
    /// Byte range in the tokenized input.
    pub src: Range<usize>,
    /// True when the text is the source bytes themselves (same length,
    /// byte for byte); false for a character reference, a normalised line
    /// break or anything else the tokenizer rewrote, which maps as a whole.
    pub exact: bool,
}

/// The tree of a document.
#[derive(Debug)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    /// The text of every text node, in document order.
    pub text: String,
    /// Pieces of `text`, in order, covering it without gaps.
    pub pieces: Vec<Piece>,
    /// What the page ends inside when it is cut off there (`a comment`,
    /// `a tag`, `an unclosed <script>`): what follows its start is not
    /// text, as in a browser.
    pub cut_off: Option<String>,
}

impl Tree {
    /// Tokenizes `input` (UTF-8) and builds its tree.
    pub(crate) fn parse(input: &str) -> Tree {
        let mut builder = Builder::new(input.as_bytes());
        let emitter = Recorder::new(&mut builder);
        match Tokenizer::new_with_emitter(input.as_bytes(), emitter).finish() {
            Ok(()) => {}
            Err(never) => match never {},
        }
        builder.finish()
    }

    /// The element of node `id`, if it is one.
    pub(crate) fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id].kind {
            Kind::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The name of node `id` if it is an element, else "".
    pub(crate) fn name(&self, id: NodeId) -> &str {
        self.element(id).map_or("", |e| &e.name)
    }

    /// The children of node `id`, in order.
    pub(crate) fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].first_child, |&c| self.nodes[c].next_sibling)
    }

    /// The pieces that make up `range` of [`Tree::text`] (a text node's range).
    pub(crate) fn pieces_of(&self, range: &Range<usize>) -> &[Piece] {
        let first = self.pieces.partition_point(|p| p.text.end <= range.start);
        let last = self.pieces.partition_point(|p| p.text.start < range.end);
        &self.pieces[first..last.max(first)]
    }
}

/// Elements that have no end tag and no content.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "basefont"
            | "bgsound"
            | "frame"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Start tags that close an open `<p>` (the spec's list, "in body").
fn closes_p(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "center"
                | "details"
                | "dialog"
                | "dir"
                | "div"
                | "dl"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "header"
                | "hgroup"
                | "main"
                | "menu"
                | "nav"
                | "ol"
                | "p"
                | "search"
                | "section"
                | "summary"
                | "ul"
                | "pre"
                | "listing"
                | "form"
                | "plaintext"
                | "table"
                | "hr"
                | "xmp"
                | "li"
                | "dd"
                | "dt"
        )
}

/// The spec's "special" elements: an end tag that does not match stops at
/// them (a stray `</span>` cannot close a `<td>` or a `<div>`).
fn is_special(name: &str) -> bool {
    closes_p(name)
        || matches!(
            name,
            "applet"
                | "area"
                | "base"
                | "body"
                | "br"
                | "button"
                | "caption"
                | "col"
                | "colgroup"
                | "embed"
                | "frameset"
                | "head"
                | "html"
                | "iframe"
                | "img"
                | "input"
                | "link"
                | "marquee"
                | "meta"
                | "noembed"
                | "noframes"
                | "noscript"
                | "object"
                | "script"
                | "select"
                | "style"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
                | "wbr"
        )
}

/// Boundaries of the spec's default scope (plus the table ones, which also
/// bound table scope, list item scope and button scope here).
fn bounds_scope(name: &str) -> bool {
    matches!(
        name,
        "applet"
            | "caption"
            | "html"
            | "table"
            | "td"
            | "th"
            | "marquee"
            | "object"
            | "template"
            | "svg"
            | "math"
    )
}

/// Open elements kept at most, as in Chromium's parser: an element opened
/// deeper is made a sibling of the innermost one. Bounds the cost of the
/// scope searches on pathological pages (100,000 nested `<div>`s).
const MAX_DEPTH: usize = 512;

/// Builds the tree as the tokenizer reports tokens.
struct Builder<'i> {
    input: &'i [u8],
    nodes: Vec<Node>,
    /// Open elements, innermost last; `ROOT` at the bottom.
    open: Vec<NodeId>,
    text: Vec<u8>,
    pieces: Vec<Piece>,
    /// The input ended inside a comment or a tag.
    cut_off: Option<&'static str>,
}

impl<'i> Builder<'i> {
    fn new(input: &'i [u8]) -> Self {
        Builder {
            input,
            nodes: vec![Node::new(ROOT, Kind::Document)],
            open: vec![ROOT],
            text: Vec::new(),
            pieces: Vec::new(),
            cut_off: None,
        }
    }

    fn current(&self) -> NodeId {
        *self.open.last().unwrap_or(&ROOT)
    }

    fn name(&self, id: NodeId) -> &str {
        match &self.nodes[id].kind {
            Kind::Element(e) => &e.name,
            _ => "",
        }
    }

    fn append(&mut self, kind: Kind) -> NodeId {
        let parent = self.current();
        let id = self.nodes.len();
        self.nodes.push(Node::new(parent, kind));
        match self.nodes[parent].last_child.replace(id) {
            Some(last) => self.nodes[last].next_sibling = Some(id),
            None => self.nodes[parent].first_child = Some(id),
        }
        id
    }

    /// Position in `open` of the innermost open element that `hit` accepts,
    /// searching down to the first scope boundary (`bounded`) or the bottom.
    fn find_open(
        &self,
        hit: impl Fn(&str) -> bool,
        bounded: impl Fn(&str) -> bool,
    ) -> Option<usize> {
        for (i, &id) in self.open.iter().enumerate().rev() {
            let name = self.name(id);
            if hit(name) {
                return Some(i);
            }
            if bounded(name) {
                return None;
            }
        }
        None
    }

    /// Closes the innermost open element that `hit` accepts, if one is open
    /// within the scope `bounded` draws.
    fn close(&mut self, hit: impl Fn(&str) -> bool, bounded: impl Fn(&str) -> bool) {
        if let Some(i) = self.find_open(hit, bounded) {
            self.open.truncate(i.max(1));
        }
    }

    fn start_tag(&mut self, element: Element) {
        let name = &*element.name;
        if matches!(name, "html" | "body" | "head")
            && self.open.iter().any(|&id| self.name(id) == name)
        {
            return; // a second <body> adds nothing
        }
        if closes_p(name) {
            self.close(|n| n == "p", |n| bounds_scope(n) || n == "button");
        }
        match name {
            "li" => self.close(|n| n == "li", |n| bounds_scope(n) || matches!(n, "ul" | "ol")),
            "dd" | "dt" => {
                self.close(|n| matches!(n, "dd" | "dt"), |n| bounds_scope(n) || n == "dl")
            }
            "td" | "th" => self.close(|n| matches!(n, "td" | "th"), |n| n == "table"),
            "tr" => self.close(|n| matches!(n, "tr" | "td" | "th"), |n| n == "table"),
            "tbody" | "thead" | "tfoot" => self.close(
                |n| matches!(n, "tbody" | "thead" | "tfoot" | "tr" | "td" | "th"),
                |n| n == "table",
            ),
            "option" | "optgroup" => self.close(|n| n == "option", |n| n == "select"),
            "a" => self.close(|n| n == "a", bounds_scope),
            // A heading closes a heading left open right before it.
            _ if is_heading(name) && is_heading(self.name(self.current())) => {
                self.open.pop();
            }
            _ => {}
        }
        let void = is_void(name);
        if !void && self.open.len() >= MAX_DEPTH {
            self.open.pop();
        }
        let id = self.append(Kind::Element(element));
        if !void {
            self.open.push(id);
        }
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "br" => {
                self.start_tag(Element { name: Cow::Borrowed("br"), attrs: Vec::new() });
            }
            // Content after </body> or </html> still belongs to the body.
            "body" | "html" => {}
            "p" => self.close(|n| n == "p", |n| bounds_scope(n) || n == "button"),
            "li" => self.close(|n| n == "li", |n| bounds_scope(n) || matches!(n, "ul" | "ol")),
            _ if is_heading(name) => self.close(is_heading, bounds_scope),
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "table" | "caption" => {
                self.close(|n| n == name, |n| n == "table" && name != "table")
            }
            _ if is_special(name) || is_formatting(name) => self.close(|n| n == name, bounds_scope),
            // Any other end tag closes the innermost element of its name,
            // unless a special element is open above it.
            _ => self.close(|n| n == name, is_special),
        }
    }

    /// Records text `bytes` read from `src` of the input.
    fn text(&mut self, bytes: &[u8], src: Range<usize>) {
        if bytes.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.extend_from_slice(bytes);
        let end = self.text.len();
        let source = self.input.get(src.clone()).unwrap_or_default();
        // The tokenizer reports how far it has read when it emits: a
        // string usually is the source bytes just read, but may be preceded
        // by bytes it skipped (the LF of a CRLF, an ignored `</>`), or be
        // emitted before the bytes that ended it were consumed.
        let (src, exact) = if source == bytes {
            (src, true)
        } else if source.ends_with(bytes) {
            (src.end - bytes.len()..src.end, true)
        } else if source.starts_with(bytes) {
            (src.start..src.start + bytes.len(), true)
        } else {
            (src, false)
        };
        if let Some(last) = self.pieces.last_mut()
            && exact
            && last.exact
            && last.text.end == start
            && last.src.end == src.start
        {
            last.text.end = end;
            last.src.end = src.end;
            self.extend_text_node(start, end);
            return;
        }
        self.pieces.push(Piece { text: start..end, src, exact });
        self.extend_text_node(start, end);
    }

    /// Appends `start..end` of the text to the current node's last child
    /// when it is the text right before, else as a new text node.
    fn extend_text_node(&mut self, start: usize, end: usize) {
        let parent = self.current();
        if let Some(last) = self.nodes[parent].last_child
            && let Kind::Text(r) = &mut self.nodes[last].kind
            && r.end == start
        {
            r.end = end;
            return;
        }
        self.append(Kind::Text(start..end));
    }

    fn finish(self) -> Tree {
        // An element whose content is raw text, still open at the end,
        // took the rest of the page.
        let raw_text = self.open.iter().rev().find(|&&id| {
            matches!(
                self.name(id),
                "script"
                    | "style"
                    | "textarea"
                    | "title"
                    | "xmp"
                    | "iframe"
                    | "noembed"
                    | "noframes"
            )
        });
        let cut_off = match (self.cut_off, raw_text) {
            (Some(what), _) => Some(what.to_string()),
            (None, Some(&id)) => Some(format!("an unclosed <{}>", self.name(id))),
            (None, None) => None,
        };
        let text = match String::from_utf8(self.text) {
            Ok(s) => s,
            // The input is UTF-8 and the tokenizer splits it at ASCII bytes
            // only, so this does not happen; if it did, keep the lengths.
            Err(e) => e
                .into_bytes()
                .iter()
                .map(|&b| if b < 0x80 { b as char } else { '\u{1a}' })
                .collect(),
        };
        Tree { nodes: self.nodes, text, pieces: self.pieces, cut_off }
    }
}

/// Formatting elements: their end tag closes them within the default scope.
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// The html5gum emitter: keeps the read position, collects the current tag
/// and hands tokens to the [`Builder`].
struct Recorder<'b, 'i> {
    builder: &'b mut Builder<'i>,
    /// How far the tokenizer has read.
    pos: usize,
    /// Where the text not yet reported starts.
    text_start: usize,
    tag: Element,
    tag_name: Vec<u8>,
    tag_is_end: bool,
    attr_name: Vec<u8>,
    attr_value: Vec<u8>,
    in_attr: bool,
    last_start_tag: Vec<u8>,
    /// A tag was begun and not yet emitted.
    tag_pending: bool,
    /// The comment being read opened with `<!--` (not a bogus one).
    comment_regular: bool,
}

impl<'b, 'i> Recorder<'b, 'i> {
    fn new(builder: &'b mut Builder<'i>) -> Self {
        Recorder {
            builder,
            pos: 0,
            text_start: 0,
            tag: Element::default(),
            tag_name: Vec::new(),
            tag_is_end: false,
            attr_name: Vec::new(),
            attr_value: Vec::new(),
            in_attr: false,
            last_start_tag: Vec::new(),
            tag_pending: false,
            comment_regular: false,
        }
    }

    fn flush_attribute(&mut self) {
        if !self.in_attr {
            return;
        }
        self.in_attr = false;
        let kept =
            KEPT_ATTRIBUTES.iter().find(|k| k.as_bytes().eq_ignore_ascii_case(&self.attr_name));
        if let Some(&name) = kept
            && !self.tag.attrs.iter().any(|(n, _)| *n == name)
        {
            let value = String::from_utf8_lossy(&self.attr_value).into_owned();
            self.tag.attrs.push((name, value.into()));
        }
        self.attr_name.clear();
        self.attr_value.clear();
    }

    fn new_tag(&mut self, is_end: bool) {
        self.tag_pending = true;
        self.tag = Element::default();
        self.tag_name.clear();
        self.tag_is_end = is_end;
        self.in_attr = false;
        self.attr_name.clear();
        self.attr_value.clear();
    }
}

impl Emitter for Recorder<'_, '_> {
    type Token = Infallible;

    fn move_position(&mut self, offset: isize) {
        self.pos = self.pos.saturating_add_signed(offset);
    }

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag.extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        if self.tag_pending {
            self.builder.cut_off = Some("a tag");
        }
    }

    fn emit_error(&mut self, _error: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn emit_string(&mut self, s: &[u8]) {
        // Text after a begun tag: it was not one (`</p>` inside a script).
        self.tag_pending = false;
        let src = self.text_start.min(self.pos)..self.pos;
        self.builder.text(s, src);
        self.text_start = self.pos;
    }

    fn init_start_tag(&mut self) {
        self.new_tag(false);
    }

    fn init_end_tag(&mut self) {
        self.new_tag(true);
    }

    fn init_comment(&mut self) {
        // Called right after `<!--` for a comment, after `<?`, `<!x` or
        // `</ ` for a bogus one (which ends at the first `>`).
        self.comment_regular = self.builder.input[..self.pos].ends_with(b"<!--");
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.tag_pending = false;
        self.flush_attribute();
        self.text_start = self.pos;
        let mut tag = std::mem::take(&mut self.tag);
        self.tag_name.make_ascii_lowercase();
        tag.name = match intern(&self.tag_name) {
            Some(known) => Cow::Borrowed(known),
            None => Cow::Owned(String::from_utf8_lossy(&self.tag_name).into_owned()),
        };
        if self.tag_is_end {
            self.builder.end_tag(&tag.name);
            return None;
        }
        self.last_start_tag.clear();
        self.last_start_tag.extend_from_slice(tag.name.as_bytes());
        let next = naive_next_state(tag.name.as_bytes());
        self.builder.start_tag(tag);
        next
    }

    fn emit_current_comment(&mut self) {
        // A comment emitted at the end of the input without its closing
        // `-->` (a bogus one: `>`) was cut off there.
        let input = self.builder.input;
        let closed = if self.comment_regular {
            input.ends_with(b"-->") || input.ends_with(b"--!>")
        } else {
            input.ends_with(b">")
        };
        if self.pos >= input.len() && !closed {
            self.builder.cut_off = Some("a comment");
        }
        self.text_start = self.pos;
    }

    fn emit_current_doctype(&mut self) {
        self.text_start = self.pos;
    }

    fn set_self_closing(&mut self) {}

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag_name.extend_from_slice(s);
    }

    fn push_comment(&mut self, _s: &[u8]) {}

    fn push_doctype_name(&mut self, _s: &[u8]) {}

    fn init_doctype(&mut self) {}

    fn init_attribute(&mut self) {
        self.flush_attribute();
        self.in_attr = true;
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.attr_value.extend_from_slice(s);
    }

    fn set_doctype_public_identifier(&mut self, _value: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _value: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.tag_is_end
            && !self.last_start_tag.is_empty()
            && self.tag_name.eq_ignore_ascii_case(&self.last_start_tag)
    }
}
