//! The article's text from a page's tree, as a browser would lay it out.
//!
//! Three steps. Furniture is marked ([`super::furniture`]), with two rules
//! that need context: a `<header>` outside `<article>`/`<main>` (the site's
//! banner, not the article's headline) and a list or block that is mostly
//! links (menus, "related" lists, tag clouds). The content root is chosen:
//! the `<main>` (or `role=main`) with the most text, else the body; within
//! it, the `<article>` with the most text when it holds at least a third of
//! the root's text; on a page with neither, the block that holds the
//! paragraphs, scored as Readability scores its candidates (an old portal's
//! middle table cell), when it holds half the page's text. A headline
//! (`<h1>`) outside the root is put before it. Then the root is laid out:
//! each block (paragraph,
//! heading, list item, table row, quotation...) on its own line with a
//! blank line between blocks, so each is its own paragraph for the
//! segmenter, as in the one-paragraph-per-line articles of the corpora;
//! table cells of a row joined by a tab; a list item opened by its marker,
//! as a reader sees it (`• `, or `1. ` in an `<ol>`, counted from its
//! `start`), which is also what tells the extractor's list rules that the
//! lines are items; `<br>` a line break; runs of
//! white space inside a block one space (U+00A0 is not white space here,
//! as in a browser); inline elements joined without a break, so
//! `<b>62</b>%` reads `62%`.

use super::furniture::{self, CLASS_RULE};
use super::map::Run;
use super::tree::{Element, Kind, NodeId, ROOT, Tree};
use std::ops::Range;

/// A page's text and what is needed to map it back.
#[derive(Debug)]
pub(crate) struct Rendered {
    pub text: String,
    pub runs: Vec<Run>,
    /// Decoded-page ranges of text that was left out.
    pub hidden: Vec<Range<usize>>,
    pub title: Option<String>,
    /// True when text was read but all of it was furniture.
    pub all_furniture: bool,
}

/// Elements laid out as blocks: a line of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "plaintext"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
            | "xmp"
    )
}

/// Elements whose white space is kept, as in `<pre>`.
fn keeps_white_space(name: &str) -> bool {
    matches!(name, "pre" | "listing" | "plaintext" | "xmp")
}

/// Blocks that are left out when mostly links (two links or more, and
/// link text at least half their text).
fn may_be_link_list(name: &str) -> bool {
    matches!(
        name,
        "div" | "section" | "ul" | "ol" | "dl" | "table" | "tbody" | "tr" | "td" | "center"
    )
}

/// What the tree says about each node.
struct Facts {
    /// Why the node's text is left out (on the element a rule matched);
    /// read by the tests, which name the rule that fired.
    #[cfg_attr(not(test), allow(dead_code))]
    reason: Vec<Option<String>>,
    /// The node is inside a left-out element (or is one).
    gone: Vec<bool>,
    /// Non-white-space characters of kept text below the node.
    chars: Vec<usize>,
    /// Of which inside links.
    link_chars: Vec<usize>,
    /// Links below the node.
    links: Vec<usize>,
    /// An `<h1>` is below the node (or is it).
    h1_below: Vec<bool>,
}

fn is_h1(tree: &Tree, id: NodeId) -> bool {
    tree.name(id) == "h1"
}

/// Marks furniture and counts text.
fn facts(tree: &Tree) -> Facts {
    let n = tree.nodes.len();
    // Bottom-up (children have larger ids than their parents): which
    // elements hold the article, or an h1.
    let mut holds_content = vec![false; n];
    let mut h1_below = vec![false; n];
    for id in (1..n).rev() {
        if let Some(e) = tree.element(id) {
            holds_content[id] |= furniture::is_content_element(e) || is_h1(tree, id);
            h1_below[id] |= is_h1(tree, id);
        }
        let parent = tree.nodes[id].parent;
        holds_content[parent] |= holds_content[id];
        h1_below[parent] |= h1_below[id];
    }
    // Top-down: what is left out, and where the article's own elements are.
    let mut in_article = vec![false; n];
    let mut gone = vec![false; n];
    let mut reason: Vec<Option<String>> = vec![None; n];
    for id in 1..n {
        let parent = tree.nodes[id].parent;
        gone[id] = gone[parent];
        in_article[id] = in_article[parent];
        let Some(e) = tree.element(id) else { continue };
        let content = furniture::is_content_element(e) && !matches!(&*e.name, "html" | "body");
        in_article[id] |= content;
        if gone[id] {
            continue;
        }
        let why = if let Some(rule) = furniture::rule_for(e) {
            Some(match rule {
                "tag" => format!("tag: {}", e.name),
                "role" => format!(
                    "role: {}",
                    e.attr("role").unwrap_or_default().trim().to_ascii_lowercase()
                ),
                other => other.to_string(),
            })
        } else if &*e.name == "header" && !in_article[parent] {
            Some("header outside the article".to_string())
        } else if !furniture::is_content_element(e) && !holds_content[id] {
            furniture::furniture_word(e).map(|w| format!("{CLASS_RULE}: {w}"))
        } else {
            None
        };
        if why.is_some() {
            gone[id] = true;
            reason[id] = why;
        }
    }
    // Bottom-up again: text counts of what is kept.
    let mut chars = vec![0; n];
    let mut link_chars = vec![0; n];
    let mut links = vec![0; n];
    for id in (1..n).rev() {
        if gone[id] {
            continue;
        }
        match &tree.nodes[id].kind {
            Kind::Text(r) => {
                chars[id] =
                    tree.text[r.clone()].chars().filter(|c| !c.is_ascii_whitespace()).count()
            }
            Kind::Element(e) if &*e.name == "a" => {
                link_chars[id] = chars[id];
                links[id] += 1;
            }
            _ => {}
        }
        let parent = tree.nodes[id].parent;
        chars[parent] += chars[id];
        link_chars[parent] += link_chars[id];
        links[parent] += links[id];
    }
    Facts { reason, gone, chars, link_chars, links, h1_below }
}

/// Why element `id` of `tree` is left out, if it is (for tests).
#[cfg(test)]
pub(crate) fn reason_for(tree: &Tree, id: NodeId) -> Option<String> {
    let facts = facts(tree);
    let mut at = id;
    loop {
        if let Some(r) = &facts.reason[at] {
            return Some(r.clone());
        }
        if at == ROOT {
            break;
        }
        at = tree.nodes[at].parent;
    }
    if facts.gone[id] { Some("inside left-out element".into()) } else { None }
}

/// The node whose text is the article.
fn content_root(tree: &Tree, facts: &Facts) -> NodeId {
    let n = tree.nodes.len();
    let is = |id: NodeId, pred: &dyn Fn(&super::tree::Element) -> bool| {
        !facts.gone[id] && tree.element(id).is_some_and(pred)
    };
    let biggest = |ids: &mut dyn Iterator<Item = NodeId>| {
        ids.max_by_key(|&id| (facts.chars[id], std::cmp::Reverse(id)))
    };
    let mut root = (1..n).find(|&id| tree.name(id) == "body").unwrap_or(ROOT);
    let main = biggest(&mut (1..n).filter(|&id| {
        is(id, &|e| {
            &*e.name == "main" || e.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
        })
    }));
    if let Some(main) = main.filter(|&m| facts.chars[m] > 0) {
        root = main;
    }
    let article = biggest(&mut (1..n).filter(|&id| {
        is(id, &|e| {
            &*e.name == "article"
                || e.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("article"))
                || e.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articlebody"))
        }) && descends(tree, id, root)
    }));
    if let Some(article) =
        article.filter(|&a| facts.chars[a] > 0 && facts.chars[a] * 3 >= facts.chars[root])
    {
        return article;
    }
    let own_text = |id: NodeId| facts.chars[id] - facts.link_chars[id].min(facts.chars[id]);
    if main.is_none()
        && let Some(block) = densest_block(tree, facts, root)
            .filter(|&b| own_text(b) >= MIN_ARTICLE_CHARS && own_text(b) * 2 >= own_text(root))
    {
        return block;
    }
    root
}

/// Text outside links that the densest block of a page without `<main>` or
/// `<article>` must hold to be taken for the article, and at least half of
/// the page's: on smaller pages a table cell or a heading could pass for it.
const MIN_ARTICLE_CHARS: usize = 200;

/// Elements that can hold an article: not table or list structure, not a
/// paragraph, not inline.
fn may_hold_article(name: &str) -> bool {
    !is_paragraph(name)
        && !matches!(
            name,
            "tr" | "thead"
                | "tbody"
                | "tfoot"
                | "table"
                | "ul"
                | "ol"
                | "dl"
                | "a"
                | "b"
                | "i"
                | "em"
                | "strong"
                | "span"
                | "font"
                | "small"
                | "big"
                | "u"
                | "s"
                | "sub"
                | "sup"
                | "code"
        )
}

/// Paragraph-like blocks: their text scores the block that holds them.
fn is_paragraph(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "dd"
            | "dt"
            | "blockquote"
            | "pre"
            | "figcaption"
            | "caption"
            | "th"
    )
}

/// For a page without `<main>` or `<article>`: the block below `top` that
/// holds the article's paragraphs, scored as Readability scores its
/// candidates. Each piece of kept text scores the block that holds its
/// paragraph (or the block it stands in, for text outside paragraphs, as in
/// `<td>text<br>text</td>`) with its length, that block's parent with half
/// of it, and three more ancestors with a third, a sixth and a ninth; a
/// block's score is then scaled by the share of its text outside links.
fn densest_block(tree: &Tree, facts: &Facts, top: NodeId) -> Option<NodeId> {
    let n = tree.nodes.len();
    let mut score = vec![0.0f64; n];
    for id in 1..n {
        if facts.gone[id] || facts.chars[id] == 0 || !matches!(tree.nodes[id].kind, Kind::Text(_)) {
            continue;
        }
        let mut block = tree.nodes[id].parent;
        while block != ROOT
            && !is_block(tree.name(block))
            && !matches!(tree.name(block), "td" | "th")
        {
            block = tree.nodes[block].parent;
        }
        let mut at = if is_paragraph(tree.name(block)) { tree.nodes[block].parent } else { block };
        for level in 0..5 {
            if at == ROOT {
                break;
            }
            let weight = match level {
                0 => 1.0,
                1 => 0.5,
                _ => 1.0 / (3.0 * (level - 1) as f64),
            };
            score[at] += facts.chars[id] as f64 * weight;
            at = tree.nodes[at].parent;
        }
    }
    let scaled = |id: NodeId| {
        let chars = facts.chars[id].max(1) as f64;
        score[id] * (1.0 - facts.link_chars[id] as f64 / chars)
    };
    (1..n)
        .filter(|&id| {
            score[id] > 0.0
                && !facts.gone[id]
                && may_hold_article(tree.name(id))
                && descends(tree, id, top)
        })
        .max_by(|&a, &b| scaled(a).total_cmp(&scaled(b)).then(b.cmp(&a)))
}

/// True when `id` is `ancestor` or below it.
fn descends(tree: &Tree, mut id: NodeId, ancestor: NodeId) -> bool {
    loop {
        if id == ancestor {
            return true;
        }
        if id == ROOT {
            return false;
        }
        id = tree.nodes[id].parent;
    }
}

/// Lays out `tree`'s article.
pub(crate) fn render(tree: &Tree) -> Rendered {
    let facts = facts(tree);
    let root = content_root(tree, &facts);
    let mut out = Out::new(tree, &facts, root);
    // A headline above the article (outside it) is still its headline.
    if root != ROOT && tree.name(root) != "body" && !facts.h1_below[root] {
        let h1 = (1..tree.nodes.len())
            .find(|&id| is_h1(tree, id) && !facts.gone[id] && !descends(tree, id, root));
        if let Some(h1) = h1 {
            out.walk(h1);
        }
    }
    out.walk(root);
    let Out { text, runs, rendered, .. } = out;
    let mut hidden = Vec::new();
    let mut any_text = false;
    for (id, node) in tree.nodes.iter().enumerate() {
        let Kind::Text(r) = &node.kind else { continue };
        if rendered[id] || tree.text[r.clone()].bytes().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        any_text = any_text || !under_code_or_head(tree, id);
        hidden.extend(tree.pieces_of(r).iter().map(|p| p.src.clone()));
    }
    let title = (1..tree.nodes.len()).find(|&id| tree.name(id) == "title").and_then(|id| {
        let mut s = String::new();
        for c in tree.children(id) {
            if let Kind::Text(r) = &tree.nodes[c].kind {
                s.push_str(&tree.text[r.clone()]);
            }
        }
        let collapsed = s.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        (!collapsed.is_empty()).then_some(collapsed)
    });
    Rendered { all_furniture: text.is_empty() && any_text, text, runs, hidden, title }
}

/// True when text node `id` is inside a script, style or the head.
fn under_code_or_head(tree: &Tree, mut id: NodeId) -> bool {
    while id != ROOT {
        if matches!(tree.name(id), "script" | "style" | "head" | "title" | "template" | "noscript")
        {
            return true;
        }
        id = tree.nodes[id].parent;
    }
    false
}

/// The text being laid out, and what is pending between its pieces.
struct Out<'t> {
    tree: &'t Tree,
    facts: &'t Facts,
    root: NodeId,
    text: String,
    runs: Vec<Run>,
    /// Line breaks owed before the next text (at most 2: a blank line).
    pending_break: usize,
    /// A tab owed before the next text (a new cell of a row).
    pending_tab: bool,
    /// Collapsed white space owed before the next text, and its source.
    pending_space: Option<Range<usize>>,
    /// Depth of `<pre>` elements (white space kept).
    pre: usize,
    /// No text yet in the innermost `<pre>`: a line break opening it is
    /// not text (as the spec says).
    pre_start: bool,
    /// Cells seen in each open table row.
    rows: Vec<usize>,
    /// Open lists: `None` for a bulleted one, the next item's number for
    /// an `<ol>`.
    lists: Vec<Option<i64>>,
    /// The marker of a list item owed before its first text.
    pending_marker: Option<String>,
    /// Text nodes laid out.
    rendered: Vec<bool>,
}

impl<'t> Out<'t> {
    fn new(tree: &'t Tree, facts: &'t Facts, root: NodeId) -> Self {
        Out {
            tree,
            facts,
            root,
            text: String::new(),
            runs: Vec::new(),
            pending_break: 0,
            pending_tab: false,
            pending_space: None,
            pre: 0,
            pre_start: false,
            rows: Vec::new(),
            lists: Vec::new(),
            pending_marker: None,
            rendered: vec![false; tree.nodes.len()],
        }
    }

    /// Lays out `top` and what is below it (without recursion: pages nest
    /// deep), going down to first children and on to next siblings.
    fn walk(&mut self, top: NodeId) {
        let tree = self.tree;
        let mut id = top;
        loop {
            if self.visit(id) {
                match tree.nodes[id].first_child {
                    Some(child) => {
                        id = child;
                        continue;
                    }
                    None => self.leave(tree.name(id)),
                }
            }
            loop {
                if id == top {
                    return;
                }
                if let Some(next) = tree.nodes[id].next_sibling {
                    id = next;
                    break;
                }
                id = tree.nodes[id].parent;
                self.leave(tree.name(id));
            }
        }
    }

    /// Lays out a text node, or enters an element; true when the element
    /// was entered (its children are to be visited, then it is left).
    fn visit(&mut self, id: NodeId) -> bool {
        if self.facts.gone[id] {
            return false;
        }
        match &self.tree.nodes[id].kind {
            Kind::Text(r) => {
                self.rendered[id] = true;
                self.text_node(r.clone());
                false
            }
            Kind::Element(e) => {
                if id != self.root && may_be_link_list(&e.name) && self.link_dense(id) {
                    return false;
                }
                self.enter(e);
                true
            }
            Kind::Document => true,
        }
    }

    fn link_dense(&self, id: NodeId) -> bool {
        let f = self.facts;
        f.links[id] >= 2 && f.chars[id] > 0 && f.link_chars[id] * 2 >= f.chars[id]
    }

    fn enter(&mut self, e: &Element) {
        let name = &*e.name;
        match name {
            "br" => self.line_break(),
            "td" | "th" => {
                if let Some(cells) = self.rows.last_mut() {
                    if *cells > 0 && self.pending_break == 0 && !self.text.is_empty() {
                        self.pending_tab = true;
                        self.pending_space = None;
                    }
                    *cells += 1;
                }
            }
            _ => {}
        }
        if name == "tr" {
            self.rows.push(0);
        }
        match name {
            "ul" | "menu" | "dir" => self.lists.push(None),
            "ol" => {
                let start = e.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                self.lists.push(Some(start));
            }
            _ => {}
        }
        if is_block(name) {
            self.block_break();
        }
        if name == "li" {
            // What a reader sees before an item, and what the extractor reads
            // as one: "• " in a bulleted list (or outside any), "N. " in an
            // ordered one.
            self.pending_marker = Some(match self.lists.last_mut() {
                Some(Some(n)) => {
                    *n += 1;
                    format!("{}. ", *n - 1)
                }
                _ => "\u{2022} ".to_string(),
            });
        }
        if keeps_white_space(name) {
            self.pre += 1;
            self.pre_start = true;
        }
    }

    fn leave(&mut self, name: &str) {
        if name == "tr" {
            self.rows.pop();
        }
        if matches!(name, "ul" | "menu" | "dir" | "ol") {
            self.lists.pop();
        }
        if name == "li" {
            self.pending_marker = None;
        }
        if keeps_white_space(name) {
            self.pre = self.pre.saturating_sub(1);
        }
        if is_block(name) {
            self.block_break();
        }
    }

    fn block_break(&mut self) {
        if !self.text.is_empty() {
            self.pending_break = 2;
            self.pending_tab = false;
            self.pending_space = None;
        }
    }

    fn line_break(&mut self) {
        if !self.text.is_empty() {
            self.pending_break = (self.pending_break + 1).min(2);
            self.pending_tab = false;
            self.pending_space = None;
        }
    }

    /// Writes what is owed before the next text.
    fn flush(&mut self) {
        if self.text.is_empty() {
            self.pending_break = 0;
            self.pending_tab = false;
            self.pending_space = None;
        } else if self.pending_break > 0 {
            let breaks = "\n\n";
            self.push(&breaks[..self.pending_break], None, false);
        } else if self.pending_tab {
            self.push("\t", None, false);
        } else if let Some(src) = self.pending_space.take() {
            self.push(" ", Some(src), false);
        }
        self.pending_break = 0;
        self.pending_tab = false;
        self.pending_space = None;
        if let Some(marker) = self.pending_marker.take() {
            self.push(&marker, None, false);
        }
    }

    fn push(&mut self, s: &str, src: Option<Range<usize>>, exact: bool) {
        let start = self.text.len();
        self.text.push_str(s);
        let end = self.text.len();
        if let (Some(last), Some(src)) = (self.runs.last_mut(), &src)
            && exact
            && last.exact
            && last.text.end == start
            && let Some(last_src) = &mut last.src
            && last_src.end == src.start
        {
            last.text.end = end;
            last_src.end = src.end;
            return;
        }
        self.runs.push(Run { text: start..end, src, exact });
    }

    fn text_node(&mut self, mut range: Range<usize>) {
        let tree = self.tree;
        if self.pre > 0
            && std::mem::take(&mut self.pre_start)
            && tree.text[range.clone()].starts_with('\n')
        {
            range.start += 1;
        }
        for piece in tree.pieces_of(&range) {
            let from = piece.text.start.max(range.start);
            let to = piece.text.end.min(range.end);
            let s = &tree.text[from..to];
            if !piece.exact {
                if s.bytes().all(|b| b.is_ascii_whitespace()) && self.pre == 0 {
                    self.pending_space.get_or_insert(piece.src.clone());
                } else {
                    self.flush();
                    self.push(s, Some(piece.src.clone()), false);
                }
                continue;
            }
            let src_at = |i: usize| piece.src.start + (i - piece.text.start);
            let bytes = s.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let space = bytes[i].is_ascii_whitespace();
                let len =
                    bytes[i..].iter().take_while(|b| b.is_ascii_whitespace() == space).count();
                let (a, b) = (from + i, from + i + len);
                if space && self.pre == 0 {
                    self.pending_space.get_or_insert(src_at(a)..src_at(b));
                } else {
                    self.flush();
                    self.push(&tree.text[a..b], Some(src_at(a)..src_at(b)), true);
                }
                i += len;
            }
        }
    }
}
