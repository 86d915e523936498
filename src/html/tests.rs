//! Unit tests of the HTML layer: tables of named cases, one runner each,
//! the case name in every failure message.

use super::tree::Tree;
use super::{html_to_text, looks_like_html};

/// Layout: what text a fragment of markup gives.
const LAYOUT: &[(&str, &str, &str)] = &[
    ("paragraphs are blocks with a blank line between", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
    ("an unclosed p is closed by the next p", "<p>One.<p>Two.", "One.\n\nTwo."),
    (
        "a heading is its own block",
        "<h2>Top Challenges</h2><p>Text.</p>",
        "Top Challenges\n\nText.",
    ),
    (
        "inline tags join without breaking words",
        "<p><b>62</b>% of <a href=x>marketers</a></p>",
        "62% of marketers",
    ),
    (
        "strong around a figure",
        "<p><strong>62%</strong> of <em>CMOs</em> agree</p>",
        "62% of CMOs agree",
    ),
    (
        "white space inside a block collapses",
        "<p>  many \n\t spaces\n here  </p>",
        "many spaces here",
    ),
    ("space between inline elements is kept once", "<p><i>a</i> <i> b</i></p>", "a b"),
    ("br is a line break", "<p>line one<br>line two</p>", "line one\nline two"),
    ("two br are a blank line", "<p>one<br><br>two</p>", "one\n\ntwo"),
    (
        "list items are blocks opened by a bullet",
        "<ul><li>first<li>second</ul>",
        "\u{2022} first\n\n\u{2022} second",
    ),
    ("ordered list items are numbered", "<ol><li>a</li><li>b</li></ol>", "1. a\n\n2. b"),
    ("an ordered list counts from its start", "<ol start=\"7\"><li>a<li>b</ol>", "7. a\n\n8. b"),
    (
        "a nested list has its own marker",
        "<ol><li>a<ul><li>b</ul><li>c</ol>",
        "1. a\n\n\u{2022} b\n\n2. c",
    ),
    ("an item's paragraph follows its marker", "<ul><li><p>a</p></li></ul>", "\u{2022} a"),
    ("an empty item writes no marker", "<ul><li></li><li>a</li></ul>", "\u{2022} a"),
    ("an item outside a list has a bullet", "<li>a", "\u{2022} a"),
    (
        "table cells of a row are joined by a tab",
        "<table><tr><td>CMOs<td>62%<tr><td>CIOs<td>41%</table>",
        "CMOs\t62%\n\nCIOs\t41%",
    ),
    (
        "th and td of a row",
        "<table><thead><tr><th>Group</th><th>Share</th></tr></thead><tbody><tr><td>IT</td><td>5%</td></tr></tbody></table>",
        "Group\tShare\n\nIT\t5%",
    ),
    (
        "blockquote is a block",
        "<p>He said:</p><blockquote>It works.</blockquote>",
        "He said:\n\nIt works.",
    ),
    ("nested blocks give one break", "<div><div><p>a</p></div></div><div><p>b</p></div>", "a\n\nb"),
    ("pre keeps its white space", "<pre>a  b\n  c</pre>", "a  b\n  c"),
    ("a line break opening a pre is not text", "<p>x</p><pre>\ncode\n</pre>", "x\n\ncode\n"),
    ("a page cut off inside a tag", "<p>Kept text <b class=", "Kept text"),
    ("an unclosed comment hides the rest", "<p>a</p><!-- b <p>c</p>", "a"),
    ("an unclosed script hides the rest", "<p>a</p><script>var x = 1; <p>c</p>", "a"),
    ("unclosed table rows and cells", "<table><tr><td>a<td>b<tr><td>c", "a\tb\n\nc"),
    ("unclosed div and list", "<div><ul><li>a<li>b", "\u{2022} a\n\n\u{2022} b"),
    ("a heading left open is closed by the next", "<h2>One<h2>Two</h2><p>x", "One\n\nTwo\n\nx"),
    ("end tags in upper case", "<P>a</P><P>b</P>", "a\n\nb"),
    (
        "named and numeric references are decoded",
        "<p>AT&amp;T &ldquo;up&rdquo; 20&#37; &#x41;</p>",
        "AT&T \u{201c}up\u{201d} 20% A",
    ),
    ("nbsp is U+00A0 and not collapsed", "<p>41&nbsp;%</p>", "41\u{a0}%"),
    ("a legacy reference without semicolon", "<p>&copy 2024 &amp co</p>", "\u{a9} 2024 & co"),
    ("CRLF line breaks are white space", "<p>a\r\nb</p>\r\n<p>c</p>", "a b\n\nc"),
    ("comments are left out", "<p>a<!-- 99% hidden -->b</p>", "ab"),
    ("stray end tags are ignored", "<p>a</span></div>b</p>", "ab"),
    ("mis-nested inline tags keep the text", "<p><b>a<i>b</b>c</i>d</p>", "abcd"),
    ("text outside any element is read", "plain words", "plain words"),
    ("an empty page is empty", "", ""),
    ("a stray end p makes no text", "</p><p>x</p>", "x"),
    (
        "script and style are left out",
        "<p>a</p><script>var w = '50%';</script><style>p{width:50%}</style><p>b</p>",
        "a\n\nb",
    ),
    (
        "a script holding a closing p tag",
        "<p>a</p><script>document.write('</p>20%')</script><p>b</p>",
        "a\n\nb",
    ),
    ("title is not in the text", "<title>Headline | Site</title><h1>Headline</h1>", "Headline"),
    ("img alt is not text", "<p>a<img alt=\"60% chart\" src=x>b</p>", "ab"),
    ("wbr joins", "<p>market<wbr>ing</p>", "marketing"),
];

#[test]
fn layout() {
    for (name, html, want) in LAYOUT {
        let got = html_to_text(html.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got.text, *want, "{name}");
    }
}

/// Furniture: what is left out, and the rule that left it out.
const FURNITURE: &[(&str, &str, &str)] = &[
    // (rule, markup around "GONE", expected reason)
    ("nav element", "<nav><a>GONE</a></nav>", "tag: nav"),
    ("aside element", "<aside>GONE</aside>", "tag: aside"),
    ("footer element", "<footer>GONE</footer>", "tag: footer"),
    ("form", "<form><label>GONE</label></form>", "tag: form"),
    ("noscript", "<noscript>GONE</noscript>", "tag: noscript"),
    ("template", "<template><p>GONE</p></template>", "tag: template"),
    ("page header", "<header><p>GONE</p></header>", "header outside the article"),
    ("hidden attribute", "<p hidden>GONE</p>", "hidden: attribute"),
    ("aria-hidden", "<div aria-hidden=\"true\">GONE</div>", "hidden: aria-hidden"),
    ("display none", "<div style=\"color:red; display: none\">GONE</div>", "hidden: inline style"),
    ("visibility hidden", "<span style=\"visibility:hidden\">GONE</span>", "hidden: inline style"),
    ("role navigation", "<div role=\"navigation\">GONE</div>", "role: navigation"),
    ("role complementary", "<div role=complementary>GONE</div>", "role: complementary"),
    ("cookie banner class", "<div class=\"cookie-banner\">GONE</div>", "class/id: cookie"),
    ("consent id", "<div id=\"gdpr_consent\">GONE</div>", "class/id: gdpr"),
    ("a compound id", "<div id=\"mostRead\">GONE</div>", "class/id: mostread"),
    ("camel case id", "<div id=\"cookieNotice\">GONE</div>", "class/id: cookie"),
    ("sidebar class", "<div class=\"col sidebar\">GONE</div>", "class/id: sidebar"),
    ("related links", "<section class=\"related-posts\">GONE</section>", "class/id: related"),
    ("comments", "<div id=\"comments\">GONE</div>", "class/id: comments"),
    ("share buttons", "<div class=\"share-buttons\">GONE</div>", "class/id: share"),
    ("newsletter", "<div class=\"newsletter-signup\">GONE</div>", "class/id: newsletter"),
    ("advert", "<div class=\"ad-slot\">GONE</div>", "class/id: ad-slot"),
    ("advert word", "<div class=\"top ad\">GONE</div>", "class/id: ad"),
    ("byline", "<p class=\"byline\">GONE</p>", "class/id: byline"),
    (
        "press boilerplate",
        "<div class=\"about-company boilerplate\">GONE</div>",
        "class/id: boilerplate",
    ),
    ("author box", "<div class=\"author-box\">GONE</div>", "class/id: author-box"),
    (
        "screen reader text",
        "<span class=\"screen-reader-text\">GONE</span>",
        "class/id: screen-reader-text",
    ),
];

#[test]
fn furniture_is_left_out_by_its_rule() {
    for (name, markup, want) in FURNITURE {
        let html =
            format!("<body><article><h1>Kept</h1><p>Kept text.</p></article>{markup}</body>");
        let tree = Tree::parse(&html);
        let gone = (0..tree.nodes.len())
            .find(|&id| matches!(&tree.nodes[id].kind, super::tree::Kind::Text(r) if &tree.text[r.clone()] == "GONE"))
            .unwrap_or_else(|| panic!("{name}: no GONE text node"));
        let reason = super::render::reason_for(&tree, gone);
        assert_eq!(reason.as_deref(), Some(*want), "{name}");
        let text = html_to_text(html.as_bytes()).unwrap().text;
        assert!(!text.contains("GONE"), "{name}: {text:?}");
        assert!(text.contains("Kept text."), "{name}: {text:?}");
    }
}

/// Elements that look like furniture by name but hold the article, and
/// blocks that are kept: not left out.
const KEPT: &[(&str, &str)] = &[
    (
        "a wrapper named for its sidebar holds the article",
        "<div class=\"content-sidebar-wrap\"><article><p>KEPT</p></article><div class=sidebar>x</div></div>",
    ),
    ("body classes do not count", "<body class=\"single comments-open\"><p>KEPT</p></body>"),
    (
        "a header inside the article",
        "<article><header><h1>KEPT</h1></header><p>Body.</p></article>",
    ),
    ("a paragraph of links is not a link list", "<p><a>KEPT</a> <a>and</a></p>"),
    ("a list with few links", "<ul><li>KEPT item one with words</li><li>two <a>link</a></li></ul>"),
    ("hidden false", "<div aria-hidden=\"false\">KEPT</div>"),
    ("a heading word is not the header tag", "<div class=\"entry-header\"><h1>KEPT</h1></div>"),
    ("advice is not an ad", "<div class=\"advice\">KEPT</div>"),
];

#[test]
fn content_is_kept() {
    for (name, html) in KEPT {
        let text = html_to_text(html.as_bytes()).unwrap().text;
        assert!(text.contains("KEPT"), "{name}: {text:?}");
    }
}

/// Choosing the article among the page's blocks.
#[test]
fn the_article_is_preferred_to_the_rest_of_the_page() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "article over body",
            "<body><div class=box>Teaser 10% off</div><article><p>The story, with its 62% claim and more words.</p></article></body>",
            "The story, with its 62% claim and more words.",
        ),
        (
            "main over body",
            "<body><div>Site strap 5%</div><main><p>Main text here.</p></main></body>",
            "Main text here.",
        ),
        (
            "the biggest article",
            "<main><article><p>Short teaser.</p></article><article><p>The long article body with many more words in it.</p></article></main>",
            "The long article body with many more words in it.",
        ),
        (
            "a small article is a teaser, not the content",
            "<body><p>A long page body without any article element, which is most of the text.</p><article>Teaser</article></body>",
            "A long page body without any article element, which is most of the text.\n\nTeaser",
        ),
        (
            "the headline above the article is kept",
            "<body><h1>Headline</h1><div class=meta>x</div><article><p>Body text of the story.</p></article></body>",
            "Headline\n\nBody text of the story.",
        ),
        (
            "without main or article: the cell that holds the paragraphs",
            "<body><table><tr><td class=left><a>One</a><br><a>Two</a><br><a>Three</a></td><td><p>First paragraph of the release, which a portal of the old kind lays out in the middle cell of a wide table.</p><p>Second paragraph, with more words: the survey asked 300 people, and the cell holds more text than the rest of the page put together.</p><p>A third paragraph closes the release.</p></td></tr></table><center>Copyright line of the site</center></body>",
            "First paragraph of the release, which a portal of the old kind lays out in the middle cell of a wide table.\n\nSecond paragraph, with more words: the survey asked 300 people, and the cell holds more text than the rest of the page put together.\n\nA third paragraph closes the release.",
        ),
        (
            "without main or article, a short page is read whole",
            "<body><table><tr><td><p>A short note.</p></td></tr></table><center>Site line</center></body>",
            "A short note.\n\nSite line",
        ),
        (
            "a list of links inside the article is left out",
            "<article><p>Body text of the story.</p><ul><li><a>Other story one</a></li><li><a>Other story two</a></li></ul></article>",
            "Body text of the story.",
        ),
    ];
    for (name, html, want) in cases {
        assert_eq!(html_to_text(html.as_bytes()).unwrap().text, *want, "{name}");
    }
}

/// Source spans: (name, page, text span to map, source bytes it maps to,
/// or None).
const SPANS: &[(&str, &str, &str, Option<&str>)] = &[
    ("plain text maps to itself", "<p>up 62% here</p>", "62%", Some("62%")),
    ("a figure split by a tag maps across it", "<p><b>62</b>% of them</p>", "62%", Some("62</b>%")),
    ("strong around the figure", "<p><strong>62%</strong> of</p>", "62%", Some("62%")),
    ("a numeric reference maps whole", "<p>20&#37; rise</p>", "20%", Some("20&#37;")),
    ("nbsp maps whole", "<p>41&nbsp;% rise</p>", "41\u{a0}%", Some("41&nbsp;%")),
    (
        "collapsed white space maps to all of it",
        "<p>45\n   per cent</p>",
        "45 per cent",
        Some("45\n   per cent"),
    ),
    ("across a block break: no", "<p>62</p><p>%</p>", "62\n\n%", None),
    ("across a cell tab: no", "<table><tr><td>62<td>%</table>", "62\t%", None),
    ("hidden text between: no", "<p>62<span hidden>00</span>%</p>", "62%", None),
    ("a script between: no", "<p>62<script>x=1</script>%</p>", "62%", None),
    ("a comment between is markup", "<p>62<!-- c -->%</p>", "62%", Some("62<!-- c -->%")),
    ("a reference at the start of a span maps whole", "<p>a&amp;b</p>", "&b", Some("&amp;b")),
    ("part of a word", "<p>marketing</p>", "market", Some("market")),
    ("CRLF inside a paragraph", "<p>41%\r\nof CIOs</p>", "41% of CIOs", Some("41%\r\nof CIOs")),
    ("after a CRLF", "<p>x\r\n62% of CIOs</p>", "62%", Some("62%")),
];

#[test]
fn source_spans() {
    for (name, html, span_text, want) in SPANS {
        let page = html_to_text(html.as_bytes()).unwrap();
        let at = page
            .text
            .find(span_text)
            .unwrap_or_else(|| panic!("{name}: {span_text:?} not in {:?}", page.text));
        let got = page.map.source_span(at..at + span_text.len()).map(|r| &html[r]);
        assert_eq!(got, *want, "{name}");
    }
}

#[test]
fn a_span_inside_a_reference_does_not_map() {
    let html = "<p>x&NotNestedGreaterGreater;y</p>"; // two characters from one reference
    let page = html_to_text(html.as_bytes()).unwrap();
    let at = page.text.find('x').unwrap() + 1;
    let first = page.text[at..].chars().next().unwrap().len_utf8();
    assert_eq!(page.map.source_span(at..at + first), None);
    assert!(page.map.source_span(0..page.text.len()).is_some());
    assert_eq!(page.map.source_span(0..0), None);
}

#[test]
fn a_list_marker_maps_to_no_source() {
    let html = "<ul><li>45% of CIOs</li></ul>";
    let page = html_to_text(html.as_bytes()).unwrap();
    let at = page.text.find("45%").unwrap();
    assert_eq!(page.map.source_span(0..at + 3), None, "marker and figure");
    assert_eq!(page.map.source_span(at..at + 3).map(|r| &html[r]), Some("45%"));
}

#[test]
fn every_exact_run_reads_as_its_source() {
    let html = "<html><body><h1>T&amp;t</h1><p>One <b>two</b>\r\n three&nbsp;4 &#37;</p><ul><li>x<li>y</ul></body></html>";
    let page = html_to_text(html.as_bytes()).unwrap();
    for run in page.map.runs() {
        if let (Some(src), true) = (&run.src, run.exact) {
            assert_eq!(&page.text[run.text.clone()], &html[src.clone()]);
        }
    }
}

/// Charsets: (name, bytes, expected text, encoding, a warning containing).
#[allow(clippy::type_complexity)]
const CHARSETS: &[(&str, &[u8], &str, &str, Option<&str>)] = &[
    ("UTF-8 without declaration", "<p>caf\u{e9} \u{2013} 5%</p>".as_bytes(), "caf\u{e9} \u{2013} 5%", "UTF-8", None),
    ("UTF-8 with a BOM", b"\xef\xbb\xbf<p>x</p>", "x", "UTF-8", None),
    ("meta charset latin-1", b"<meta charset=\"iso-8859-1\"><p>caf\xe9 50%</p>", "caf\u{e9} 50%", "windows-1252", None),
    (
        "http-equiv windows-1252",
        b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93quoted\x94</p>",
        "\u{201c}quoted\u{201d}",
        "windows-1252",
        None,
    ),
    (
        "declared latin-1 but valid UTF-8",
        "<meta charset=latin1><p>caf\u{e9}</p>".as_bytes(),
        "caf\u{e9}",
        "UTF-8",
        Some("declares charset windows-1252 but is valid UTF-8"),
    ),
    (
        "declared UTF-8 with an invalid byte",
        b"<meta charset=utf-8><p>caf\xc3\xa9 x\xff y</p>",
        "caf\u{e9} x\u{fffd} y",
        "UTF-8",
        Some("declares UTF-8 but is not valid UTF-8 (first bad byte at offset 30)"),
    ),
    (
        "undeclared latin-1",
        b"<p>caf\xe9</p>",
        "caf\u{e9}",
        "windows-1252",
        Some("declares no charset and is not valid UTF-8 (first bad byte at offset 6): read as windows-1252"),
    ),
    ("UTF-16LE with a BOM", b"\xff\xfe<\0p\0>\0h\0i\0", "hi", "UTF-16LE", None),
    ("a declared UTF-16 is read as UTF-8", b"<meta charset=utf-16><p>ok</p>", "ok", "UTF-8", None),
    ("ASCII under a legacy declaration", b"<meta charset=windows-1252><p>ok</p>", "ok", "windows-1252", None),
];

#[test]
fn charsets() {
    for (name, bytes, text, encoding, warning) in CHARSETS {
        let page = html_to_text(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(page.text, *text, "{name}");
        assert_eq!(page.encoding, *encoding, "{name}");
        match warning {
            Some(w) => {
                assert!(page.warnings.iter().any(|x| x.contains(w)), "{name}: {:?}", page.warnings)
            }
            None => assert!(page.warnings.is_empty(), "{name}: {:?}", page.warnings),
        }
    }
}

#[test]
fn transcoded_spans_point_into_the_source_bytes() {
    let bytes: &[u8] = b"<meta charset=windows-1252><p>\x93Caf\xe9\x94 <b>62</b>% of CIOs</p>";
    let page = html_to_text(bytes).unwrap();
    let at = page.text.find("Caf\u{e9}").unwrap();
    assert_eq!(
        page.map.source_span(at..at + "Caf\u{e9}".len()).map(|r| &bytes[r]),
        Some(&b"Caf\xe9"[..])
    );
    let at = page.text.find("62%").unwrap();
    assert_eq!(page.map.source_span(at..at + 3).map(|r| &bytes[r]), Some(&b"62</b>%"[..]));
    let utf16: Vec<u8> =
        "\u{feff}<p>a 5% b</p>".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let page = html_to_text(&utf16).unwrap();
    let at = page.text.find("5%").unwrap();
    assert_eq!(page.map.source_span(at..at + 2), Some(12..16));
}

#[test]
fn binary_input_is_refused() {
    let err = html_to_text(b"<html>\0\x01\x02").unwrap_err();
    assert_eq!(err.to_string(), "binary file (NUL byte at offset 6)");
}

#[test]
fn a_page_of_furniture_warns() {
    let page =
        html_to_text(b"<nav><a>Home</a> <a>News</a></nav><footer>(c) 2024</footer>").unwrap();
    assert_eq!(page.text, "");
    assert_eq!(
        page.warnings,
        vec!["no article text: all the page's text was left out as furniture".to_string()]
    );
}

/// Bad markup: (name, page, the text kept, a warning containing, if any).
/// Browsers recover from every one of these; a warning says so when text
/// may have been lost.
const BAD_MARKUP: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "unclosed p, li and div warn nothing",
        "<div><p>a 5% rise<ul><li>b",
        "a 5% rise\n\n\u{2022} b",
        None,
    ),
    ("unclosed inline tags warn nothing", "<p><b>62<i>%</p><p>next", "62%\n\nnext", None),
    ("stray end tags warn nothing", "</div></p><p>a</span>", "a", None),
    (
        "cut off inside a comment",
        "<p>a</p><!-- b <p>c</p>",
        "a",
        Some("the page ends inside a comment"),
    ),
    (
        "cut off inside a tag",
        "<p>Kept text <b class=",
        "Kept text",
        Some("the page ends inside a tag"),
    ),
    (
        "cut off inside a script",
        "<p>a</p><script>var x = 1; <p>c</p>",
        "a",
        Some("ends inside an unclosed <script>"),
    ),
    (
        "cut off inside a style",
        "<p>a</p><style>p { width: 50%",
        "a",
        Some("ends inside an unclosed <style>"),
    ),
    ("a closed comment at the end is fine", "<p>a</p><!-- b -->", "a", None),
    ("an abrupt empty comment at the end is fine", "<p>a</p><!-->", "a", None),
    ("a bogus comment at the end is fine", "<p>a</p><?php x ?>", "a", None),
    ("cut off inside a bogus comment", "<p>a</p><?php x", "a", Some("ends inside a comment")),
    ("an empty page", "", "", Some("no article text: the page shows no text")),
    ("a page of script only", "<script>x</script>", "", Some("the page shows no text")),
];

#[test]
fn bad_markup() {
    for (name, html, text, warning) in BAD_MARKUP {
        let page = html_to_text(html.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(page.text, *text, "{name}");
        match warning {
            None => assert!(page.warnings.is_empty(), "{name}: {:?}", page.warnings),
            Some(w) => assert!(
                page.warnings.len() == 1 && page.warnings[0].contains(w),
                "{name}: {:?}",
                page.warnings
            ),
        }
    }
}

#[test]
fn title() {
    let page = html_to_text(b"<head><title>\n  A  title\n</title></head><p>x</p>").unwrap();
    assert_eq!(page.title.as_deref(), Some("A title"));
    assert_eq!(html_to_text(b"<p>x</p>").unwrap().title, None);
}

const SNIFF: &[(&str, &[u8], bool)] = &[
    ("doctype", b"<!DOCTYPE html><p>x", true),
    ("html tag after white space", b"\n\n  <HTML lang=en>", true),
    ("a UTF-8 BOM then html", b"\xef\xbb\xbf<html>", true),
    ("a p tag", b"<p>Hello</p>", true),
    ("a comment first", b"<!-- saved page --><html>", true),
    (
        "an XML declaration then html",
        b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        true,
    ),
    ("UTF-16 html", b"\xff\xfe<\0h\0t\0m\0l\0>\0", true),
    ("plain text", b"Survey finds 62% of CMOs...", false),
    ("a word starting with b after <", b"<Beginning of text", false),
    ("a less-than in text", b"< 5% of firms", false),
    ("empty", b"", false),
    ("XML that is not html", b"<?xml version=\"1.0\"?><rss>", false),
];

#[test]
fn sniffing() {
    for (name, bytes, want) in SNIFF {
        assert_eq!(looks_like_html(bytes), *want, "{name}");
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let html = format!("{}<p>deep</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    assert_eq!(html_to_text(html.as_bytes()).unwrap().text, "deep");
    let html = "<b>".repeat(50_000) + "x";
    assert_eq!(html_to_text(html.as_bytes()).unwrap().text, "x");
}

#[test]
fn rule_lists_are_sorted_and_lowercase() {
    let tags = super::furniture::DROPPED_TAGS;
    assert!(tags.windows(2).all(|w| w[0] < w[1]), "DROPPED_TAGS must be sorted");
    for list in [
        super::furniture::FURNITURE_WORDS,
        super::furniture::FURNITURE_NAMES,
        super::furniture::DROPPED_ROLES,
    ] {
        assert!(list.iter().all(|w| *w == w.to_ascii_lowercase()), "{list:?}");
    }
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<super::HtmlText>();
    check::<super::SourceMap>();
    check::<super::HtmlError>();
}
