//! Page furniture: the elements whose text is not the article's.
//!
//! Each rule is a named value; the name is what a test (or a user asking
//! why a paragraph is missing) sees. The rules read the element alone; the
//! renderer adds the two that need context (a `<header>` outside the
//! article, a block that is mostly links) and never applies the class/id
//! rule to an element that holds the article.

use super::tree::Element;

/// A rule that leaves an element's text out.
pub(crate) struct Rule {
    /// What a reader sees, e.g. `class/id: cookie`.
    pub name: &'static str,
    /// True when the rule leaves `element` out.
    pub applies: fn(&Element) -> bool,
}

/// Elements never read as text: code, styling, metadata, embedded objects,
/// forms and the landmarks that are not the article. `<title>` is read
/// separately, as the page's title. Sorted (searched by bisection).
pub(crate) const DROPPED_TAGS: &[&str] = &[
    "applet", "aside", "audio", "button", "canvas", "datalist", "dialog", "embed", "footer",
    "form", "frameset", "head", "iframe", "input", "label", "map", "math", "menu", "nav",
    "noembed", "noframes", "noscript", "object", "script", "select", "style", "svg", "template",
    "textarea", "title", "video",
];

/// ARIA roles of landmarks and widgets that are not the article.
pub(crate) const DROPPED_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
    "menu", "menubar", "toolbar", "form", "tablist",
];

/// Words of class and id names that mark furniture. A class or id is split
/// at `-`, `_` and lower-to-upper case changes (`share-bar`, `cookie_notice`,
/// `cookieNotice`), and any word in this list marks the element; so does the
/// whole name with `-` and `_` removed (`mostRead`, `most_read`).
pub(crate) const FURNITURE_WORDS: &[&str] = &[
    "nav", "navbar", "topnav", "subnav", "sidenav", "leftnav", "navigation", "menu", "menubar",
    "breadcrumb", "breadcrumbs", "footer", "sidebar", "widget", "widgets", "cookie", "cookies",
    "consent", "gdpr", "related", "recommended", "recommendations", "popular", "trending",
    "mostread", "comment", "comments", "disqus", "respond", "share", "sharing", "sharebar",
    "social", "subscribe", "subscription", "newsletter", "signup", "advert", "advertisement",
    "advertising", "ad", "ads", "adslot", "sponsor", "sponsored", "promo", "promoted", "tags",
    "tagcloud", "masthead", "pagination", "pager", "popup", "modal", "login", "search", "skip",
    "outbrain", "taboola", "byline", "dateline", "meta", "timestamp", "credit", "credits",
    "boilerplate", "contact",
];

/// Whole class or id names that mark furniture although none of their
/// words alone does.
pub(crate) const FURNITURE_NAMES: &[&str] = &[
    "site-header", "global-header", "topbar", "top-bar", "author-box", "author-bio",
    "about-author", "author-info", "authorbox", "most-read", "tag-cloud", "sr-only",
    "screen-reader-text", "visually-hidden", "visuallyhidden", "hidden", "d-none", "hide",
    "invisible",
];

/// The rules, in the order they are tried.
pub(crate) const RULES: &[Rule] = &[
    Rule { name: "hidden: attribute", applies: |e| e.attr("hidden").is_some() },
    Rule {
        name: "hidden: aria-hidden",
        applies: |e| e.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")),
    },
    Rule { name: "hidden: inline style", applies: |e| e.attr("style").is_some_and(hides) },
    Rule { name: "tag", applies: |e| DROPPED_TAGS.binary_search(&&*e.name).is_ok() },
    Rule {
        name: "role",
        applies: |e| {
            e.attr("role").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|r| DROPPED_ROLES.contains(&r.to_ascii_lowercase().as_str()))
            })
        },
    },
];

/// The class/id rule, tried after [`RULES`] on elements that may be furniture.
pub(crate) const CLASS_RULE: &str = "class/id";

/// True when an inline style hides the element.
fn hides(style: &str) -> bool {
    let squeezed: String = style
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    squeezed
        .split(';')
        .any(|decl| decl.starts_with("display:none") || decl.starts_with("visibility:hidden"))
}

/// The first rule of [`RULES`] that leaves `element` out.
pub(crate) fn rule_for(element: &Element) -> Option<&'static str> {
    RULES.iter().find(|r| (r.applies)(element)).map(|r| r.name)
}

/// True for elements that may hold the article itself, which the class/id
/// rule never leaves out.
pub(crate) fn is_content_element(element: &Element) -> bool {
    matches!(&*element.name, "html" | "body" | "main" | "article")
        || element
            .attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("main") || r.eq_ignore_ascii_case("article"))
        || element.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articlebody"))
}

/// The word or name of `element`'s class or id that marks it as furniture.
pub(crate) fn furniture_word(element: &Element) -> Option<String> {
    let names = element.attr("class").into_iter().chain(element.attr("id"));
    for name in names.flat_map(str::split_ascii_whitespace) {
        if FURNITURE_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
            || FURNITURE_WORDS.iter().any(|w| equals_joined(w, name))
        {
            return Some(name.to_ascii_lowercase());
        }
        if let Some(word) =
            words(name).find(|w| FURNITURE_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)))
        {
            return Some(word.to_ascii_lowercase());
        }
    }
    None
}

/// True when `name` without its `-` and `_` is `word` (ignoring ASCII case).
fn equals_joined(word: &str, name: &str) -> bool {
    let mut rest = name.bytes().filter(|b| !matches!(b, b'-' | b'_'));
    word.bytes().all(|w| rest.next().is_some_and(|b| b.to_ascii_lowercase() == w))
        && rest.next().is_none()
}

/// The words of a class or id name: split at `-`, `_`, `:`, `.` and where
/// a lowercase letter or digit is followed by an uppercase letter.
fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(['-', '_', ':', '.']).flat_map(|part| {
        let mut rest = part;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            let b = rest.as_bytes();
            let mut i = 1;
            while i < b.len()
                && !(b[i].is_ascii_uppercase()
                    && (b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit()))
            {
                i += 1;
            }
            let (word, after) = rest.split_at(i);
            rest = after;
            Some(word)
        })
    })
}
