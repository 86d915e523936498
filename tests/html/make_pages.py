#!/usr/bin/env python3
"""Wraps plain-text articles in realistic web-page markup, for tests/html.rs.

    make_pages.py OUT SET=DIR[:N] [SET=DIR[:N] ...]

For every article of each DIR (the *.txt files, sorted; with :N, N of them
spread evenly over the sorted list) writes three pages, one of each kind:

  news   a news site: cookie banner, header with navigation, breadcrumbs,
         share buttons, inline advert and "related" box, a sidebar of
         "most read" stories, footer; inline <script> (JSON with markup in
         strings, `width:50%`) and <style> with percentages; JSON-LD.
  blog   a WordPress-like blog: skip link, masthead, entry meta, category and
         tag links, author box, post navigation, a comments section with
         figures of its own and a reply form, a tag cloud and recent posts.
  press  an old press-release portal: windows-1252, upper-case tags, a
         layout table with a link column, unclosed <P> and <LI>, the title
         in <FONT>, a dateline, the "About" boilerplate and media contact,
         related releases, a promo column, a copyright line.

The article's text goes in as a browser would show it: the first line is
the headline (<h1>, or <FONT> on the portal), short unpunctuated lines are
subheadings, lines of a paragraph group are joined by <br>, bullet lines are
list items (the text then reads `• ` before each, the marker html_to_text
writes for an item) or, on the news site, rows of a one-column table
whose cells keep the bullet (`&bull; `), as such tables do; on the portal two paragraphs may sit in a layout table. Figures are marked up as sites do (`<b>62</b>%`, `<strong>62%</strong>
of <a>marketers</a>`, `62&#37;`, `62&percnt;`, `62&nbsp;%`, spans), special
characters as references (`&amp;`, `&rsquo;`, `&ldquo;`, `&nbsp;`), source
lines wrap inside paragraphs, and comments and hidden spans stand between
sentences.

Writes OUT/SET/KIND/NAME.html and OUT/pages.json, a list of one object per
page: `page` (path), `article` (the source text's path), `set`, `kind`,
`encoding`, `blocks` (the lines the page's article text should have, in
order, list items with their `• ` marker) and `furniture` (every string of page furniture that must not be in
it). Deterministic: the same articles give the same bytes. Standard library
only.
"""

import html
import json
import os
import random
import re
import sys
import zlib

BULLET = re.compile(r"^\s*(?:[\u2022\u00b7*\-\u2013]|\d+[.)])\s+(.*)$")
FIGURE = re.compile(r"(\d+(?:[.,]\d+)?)%(?: of ([A-Za-z]+))?")
HEADING_END = tuple(".!?:;,\"\u201d\u2019)]")


def parse_article(text):
    """The article as blocks: (kind, lines), kind in h1, h2, p, ul."""
    groups, cur = [], []
    for line in text.split("\n"):
        if line.strip():
            cur.append(line)
        elif cur:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    blocks = []
    for gi, group in enumerate(groups):
        if gi == 0 and len(group) == 1:
            blocks.append(("h1", [group[0].strip()]))
            continue
        if len(group) == 1 and looks_like_heading(group[0]):
            blocks.append(("h2", [group[0].strip()]))
            continue
        para, items = [], []
        for line in group:
            m = BULLET.match(line)
            if m and m.group(1).strip():
                if para:
                    blocks.append(("p", para))
                    para = []
                items.append(m.group(1).strip())
            else:
                if items:
                    blocks.append(("ul", items))
                    items = []
                para.append(line.strip())
        if para:
            blocks.append(("p", para))
        if items:
            blocks.append(("ul", items))
    return blocks


def looks_like_heading(line):
    s = line.strip()
    return len(s) <= 80 and len(s.split()) <= 12 and not s.endswith(HEADING_END) and not BULLET.match(line)


class Page:
    """Builds one page; records the furniture strings it inserts."""

    def __init__(self, rng, kind):
        self.rng = rng
        self.kind = kind
        self.furniture = []
        self.lines = []  # the lines its article text should have

    def f(self, text):
        """Furniture text, escaped for the page, recorded."""
        self.furniture.append(text)
        return esc_plain(text)

    def inline(self, text):
        """A line of article text as marked-up HTML that reads as `text`."""
        rng = self.rng
        out = []
        last = 0
        for m in FIGURE.finditer(text):
            out.append(self.words(text[last : m.start()]))
            num, word = m.group(1), m.group(2)
            choice = rng.randrange(8)
            if choice == 0:
                fig = f"<b>{num}</b>%"
            elif choice == 1:
                fig = f"<strong>{num}%</strong>"
            elif choice == 2:
                fig = f"{num}&#37;"
            elif choice == 3:
                fig = f"{num}&nbsp;%"
            elif choice == 4:
                fig = f'<span class="stat-num">{num}</span><span class="stat-unit">%</span>'
            elif choice == 5:
                fig = f"{num}&percnt;"
            else:
                fig = f"{num}%"
            if word:
                if rng.random() < 0.5:
                    fig += f' of <a href="/topics/{word.lower()}">{word}</a>'
                else:
                    fig += f" of {word}"
            out.append(fig)
            last = m.end()
        out.append(self.words(text[last:]))
        return "".join(out)

    def words(self, text):
        """Plain text with references, wrapped source lines, emphasis, and
        comments or hidden spans between sentences."""
        rng = self.rng
        out = []
        for i, piece in enumerate(re.split(r"( )", text)):
            if piece == " ":
                r = rng.random()
                before = out[-1] if out else ""
                if before.endswith((".", "!", "?")) and r < 0.08:
                    if rng.random() < 0.5:
                        out.append(" <!-- ad slot: 45% fill rate --> ")
                    else:
                        out.append(" <span class=\"visually-hidden\">" + self.f("Advertisement continues below for 20% of readers") + "</span>")
                elif r < 0.04:
                    out.append("\n        ")
                else:
                    out.append(" ")
                continue
            e = esc(piece, rng, self.kind)
            if piece.isalpha() and len(piece) > 3 and rng.random() < 0.03:
                tag = rng.choice(["em", "i", "a href=\"/glossary\"", "span class=\"hl\""])
                e = f"<{tag}>{e}</{tag.split()[0]}>"
            out.append(e)
        return "".join(out)


REFS = {
    "&": ["&amp;", "&#38;", "&amp;"],
    "<": ["&lt;"],
    ">": ["&gt;"],
    '"': ['"', "&quot;", "&#34;"],
    "\u201c": ["\u201c", "&ldquo;", "&#8220;"],
    "\u201d": ["\u201d", "&rdquo;", "&#x201D;"],
    "\u2018": ["\u2018", "&lsquo;"],
    "\u2019": ["\u2019", "&rsquo;", "&#8217;"],
    "\u2014": ["\u2014", "&mdash;"],
    "\u2013": ["\u2013", "&ndash;"],
    "\u00a0": ["&nbsp;", "&#160;"],
    "\u00a3": ["\u00a3", "&pound;"],
    "\u00e9": ["\u00e9", "&eacute;"],
    "\u2026": ["\u2026", "&hellip;"],
}


def esc(text, rng, kind):
    """Escapes `text`, writing some characters as references."""
    out = []
    for c in text:
        options = REFS.get(c)
        if options is None:
            out.append(c)
        elif c in "&<>\u00a0":
            out.append(rng.choice(options))
        elif kind == "press":
            out.append(c if c != '"' else "&quot;")  # the portal's encoding writes them
        else:
            out.append(rng.choice(options))
    return "".join(out)


def esc_plain(text):
    return html.escape(text, quote=False)


def body_blocks(page, blocks, upper=False, tables=False):
    """The article's blocks as HTML (upper-case tags, unclosed P and LI on
    the portal; with `tables`, some lists as one-column data tables)."""
    rng = page.rng
    parts = []
    for kind, lines in blocks:
        if kind == "h1":
            page.lines.extend(lines)
            continue
        if kind == "ul":
            as_table = not upper and tables and rng.random() < 0.5
            page.lines.extend("\u2022 " + x for x in lines)
        else:
            page.lines.extend(lines)
        if kind == "h2":
            if upper:
                parts.append(f"<P><B>{page.inline(lines[0])}</B></P>")
            else:
                parts.append(f"<h2>{page.inline(lines[0])}</h2>")
        elif kind == "ul":
            if upper:
                parts.append("<UL>\n" + "\n".join(f"<LI>{page.inline(x)}" for x in lines) + "\n</UL>")
            elif as_table:
                rows = "\n".join(f"  <tr><td>&bull; {page.inline(x)}</td></tr>" for x in lines)
                parts.append(f'<table class="key-findings">\n<tbody>\n{rows}\n</tbody>\n</table>')
            else:
                parts.append("<ul>\n" + "\n".join(f"  <li>{page.inline(x)}</li>" for x in lines) + "\n</ul>")
        else:
            inner = "<br>\n".join(page.inline(x) for x in lines)
            if upper:
                parts.append(f"<P>{inner}")
            elif len(lines) == 1 and lines[0].startswith(("\u201c", '"')) and rng.random() < 0.5:
                parts.append(f"<blockquote><p>{inner}</p></blockquote>")
            else:
                parts.append(f"<p>{inner}</p>")
    return parts


def title_of(blocks, fallback):
    for kind, lines in blocks:
        if kind == "h1":
            return lines[0]
    return fallback


def news_page(page, blocks, name):
    rng = page.rng
    title = title_of(blocks, name)
    f = page.f
    body = body_blocks(page, blocks, tables=True)
    # An inline advert and a related box between paragraphs.
    if len(body) > 2:
        body.insert(2, '<div class="ad-slot ad-inline"><span class="ad-label">' + f("Advertisement: save 30% on business software") + "</span></div>")
    if len(body) > 4:
        body.insert(
            4,
            '<aside class="inline-related"><h3>' + f("Related coverage") + "</h3><ul>"
            '<li><a href="/a1">' + f("Budget squeeze hits 40% of IT teams") + "</a></li>"
            '<li><a href="/a2">' + f("Why 3 in 10 marketing chiefs plan to leave") + "</a></li></ul></aside>",
        )
    h1 = f"<h1 class=\"headline\">{page.inline(title)}</h1>" if blocks and blocks[0][0] == "h1" else ""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "description": "Survey: 45% of CIOs </p> agree"})
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc_plain(title)} | The Daily Ledger</title>
<link rel="stylesheet" href="/static/site.css">
<style>
  .hero {{ width: 50%; }} .col-3 {{ flex: 0 0 33.3%; }}
  /* 75% of readers use mobile */
  @media (max-width: 600px) {{ .sidebar {{ display: none; }} }}
</style>
<script>
  window.dataLayer = window.dataLayer || [];
  dataLayer.push({{"page": "article", "share": "62%", "teaser": "<p>90% of CIOs</p>"}});
  if (a < b && c > d) {{ document.write("</div>"); }}
</script>
<script type="application/ld+json">{ld}</script>
</head>
<body class="article-page">
<div id="cookie-banner" class="cookie-consent" role="dialog">
  <p>{f("We use cookies to personalise 98% of your experience and to analyse our traffic.")}</p>
  <button type="button">Accept all</button> <button type="button">Manage settings</button>
</div>
<header class="site-header">
  <div class="logo"><a href="/">{f("The Daily Ledger")}</a></div>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="/">Home</a></li><li><a href="/business">{f("Business desk")}</a></li>
      <li><a href="/tech">{f("Technology desk")}</a></li><li><a href="/markets">{f("Markets up 2%")}</a></li>
    </ul>
  </nav>
  <form class="search" action="/search"><input type="search" name="q" placeholder="Search"></form>
</header>
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/business">{f("Business news")}</a> &rsaquo; <span>{f("Technology and marketing")}</span></div>
<main id="main-content">
  <article class="story">
    {h1}
    <div class="byline">{f("By Staff Reporter, updated 10:42 GMT")}</div>
    <div class="share-tools">
      <a href="#" class="share-twitter">{f("Share on X")}</a> <a href="#" class="share-linkedin">{f("Share on LinkedIn")}</a>
      <span class="share-count">{f("1.2k shares, 35% via email")}</span>
    </div>
    <div class="story-body">
{chr(10).join("      " + b for b in body)}
    </div>
    <div class="tags">{f("Topics:")} <a href="/t/marketing">{f("CMO agenda")}</a> <a href="/t/it">{f("CIO agenda")}</a></div>
  </article>
  <aside class="sidebar">
    <section class="most-read">
      <h2>{f("Most read")}</h2>
      <ol>
        <li><a href="/s1">{f("Shares slump 12% as chip maker warns")}</a></li>
        <li><a href="/s2">{f("Half of CIOs expect budget cuts, poll finds")}</a></li>
        <li><a href="/s3">{f("Marketing spend to rise 8% next year")}</a></li>
      </ol>
    </section>
    <div class="newsletter-box"><p>{f("Join 3 in 10 marketers who read our morning briefing.")}</p><form><input type="email"><button>Sign up</button></form></div>
  </aside>
</main>
<footer class="site-footer">
  <p>{f("Copyright 2024 The Daily Ledger Ltd. 100% independent journalism.")}</p>
  <ul><li><a href="/about">{f("About us")}</a></li><li><a href="/privacy">{f("Privacy policy")}</a></li></ul>
</footer>
<noscript><img src="/pixel.gif" alt="">{f("Enable JavaScript to see 100% of this site.")}</noscript>
<script>var tracker = {{ rate: "20%" }}; /* </p><p>fake</p> */</script>
</body>
</html>
"""


def blog_page(page, blocks, name):
    title = title_of(blocks, name)
    f = page.f
    body = body_blocks(page, blocks)
    h1 = f'<h1 class="entry-title">{page.inline(title)}</h1>' if blocks and blocks[0][0] == "h1" else ""
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>{esc_plain(title)} &ndash; Marketing Tech Musings</title>
<style id="wp-custom-css">.entry-content {{ max-width: 80%; }} .wp-block-image {{ width: 100%; }}</style>
<script>var wpData = {{"ajaxurl": "/wp-admin/admin-ajax.php", "ratio": "16:9 at 100%"}};</script>
</head>
<body class="post-template-default single single-post postid-4821 single-format-standard comments-open">
<a class="skip-link screen-reader-text" href="#content">{f("Skip to content")}</a>
<div id="page" class="site">
  <header id="masthead" class="site-header" role="banner">
    <div class="site-branding">
      <p class="site-title"><a href="/" rel="home">{f("Marketing Tech Musings")}</a></p>
      <p class="site-description">{f("Notes on the other 99% of martech")}</p>
    </div>
    <nav id="site-navigation" class="main-navigation">
      <button class="menu-toggle" aria-controls="primary-menu">Menu</button>
      <ul id="primary-menu" class="menu">
        <li class="menu-item"><a href="/about/">{f("About this blog")}</a></li>
        <li class="menu-item"><a href="/archive/">{f("Archive of posts")}</a></li>
      </ul>
    </nav>
  </header>
  <div id="content" class="site-content">
    <div id="primary" class="content-area">
      <main id="main" class="site-main">
        <article id="post-4821" class="post-4821 post type-post status-publish format-standard hentry category-marketing tag-cio">
          <header class="entry-header">
            {h1}
            <div class="entry-meta"><span class="posted-on">{f("Posted on March 3, 2021")}</span> <span class="byline">{f("by Jane Blogger")}</span></div>
          </header>
          <div class="entry-content">
{chr(10).join("            " + b for b in body)}
          </div>
          <footer class="entry-footer">
            <span class="cat-links">{f("Posted in")} <a href="/c/marketing/">{f("Marketing operations")}</a></span>
            <span class="tags-links">{f("Tagged")} <a href="/t/cio/">CIO</a>, <a href="/t/cmo/">CMO</a></span>
          </footer>
        </article>
        <div class="author-box">
          <h3>{f("About the author")}</h3>
          <p>{f("Jane has spent 15 years in marketing operations and writes about 50% of the posts here.")}</p>
        </div>
        <nav class="navigation post-navigation" aria-label="Posts">
          <div class="nav-links"><div class="nav-previous"><a href="/prev/">{f("Previous post: 70% of CIOs say data is a mess")}</a></div></div>
        </nav>
        <div id="comments" class="comments-area">
          <h2 class="comments-title">{f("3 thoughts on this post")}</h2>
          <ol class="comment-list">
            <li id="comment-1" class="comment even thread-even depth-1">
              <article class="comment-body">
                <footer class="comment-meta"><b class="fn">{f("Mark T.")}</b> <time>{f("March 4, 2021 at 9:12 am")}</time></footer>
                <div class="comment-content"><p>{f("Great post! At my company 80% of marketers never talk to IT.")}</p></div>
              </article>
            </li>
            <li id="comment-2" class="comment odd alt depth-1">
              <article class="comment-body">
                <div class="comment-content"><p>{f("Our CIO says only 1 in 4 requests from marketing is urgent.")}</p></div>
              </article>
            </li>
          </ol>
          <div id="respond" class="comment-respond">
            <h3 id="reply-title" class="comment-reply-title">{f("Leave a Reply to this post")}</h3>
            <form action="/wp-comments-post.php" method="post" id="commentform"><p><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p><p class="form-submit"><input type="submit" value="Post Comment"></p></form>
          </div>
        </div>
      </main>
    </div>
    <aside id="secondary" class="widget-area">
      <section class="widget widget_tag_cloud"><h2 class="widget-title">{f("Tag cloud")}</h2>
        <div class="tagcloud"><a href="/t/a" style="font-size: 22pt;">{f("analytics stack (14)")}</a> <a href="/t/b" style="font-size: 8pt;">{f("brand safety (3)")}</a> <a href="/t/c">{f("customer data platforms (9)")}</a></div>
      </section>
      <section class="widget widget_recent_entries"><h2 class="widget-title">{f("Recent Posts")}</h2>
        <ul><li><a href="/r1/">{f("Why 60% of CMOs distrust their dashboards")}</a></li><li><a href="/r2/">{f("The 5% budget rule for IT and marketing")}</a></li></ul>
      </section>
    </aside>
  </div>
  <footer id="colophon" class="site-footer">
    <div class="site-info">{f("Proudly powered by WordPress, which runs 43% of the web")}</div>
  </footer>
</div>
<script src="/wp-includes/js/comment-reply.min.js"></script>
<script>document.querySelectorAll('.menu-toggle').forEach(function (b) {{ b.style.width = "50%"; }});</script>
</body>
</html>
"""


def press_page(page, blocks, name):
    rng = page.rng
    title = title_of(blocks, name)
    f = page.f
    body = body_blocks(page, blocks, upper=True)
    # Two paragraphs in a one-cell-per-row layout table.
    if len(body) > 3 and rng.random() < 0.5:
        body[1:3] = ["<TABLE BORDER=0 CELLPADDING=2>" + "".join(f"<TR><TD>{b}</TD></TR>" for b in body[1:3]) + "</TABLE>"]
    headline = f'<FONT SIZE="+2" FACE="Arial"><B>{page.inline(title)}</B></FONT><BR><BR>' if blocks and blocks[0][0] == "h1" else ""
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
<HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252">
<TITLE>{esc_plain(title)} - Acme Wire</TITLE>
<SCRIPT LANGUAGE="JavaScript">
<!--
function popup(u) {{ window.open(u, "w", "width=50%,height=80%"); }}
//-->
</SCRIPT>
</HEAD>
<BODY BGCOLOR="#FFFFFF" TOPMARGIN=0>
<TABLE WIDTH="100%" BORDER=0 CELLPADDING=0 CELLSPACING=0>
<TR><TD COLSPAN=3><IMG SRC="/img/logo.gif" ALT="Acme Wire"> <A HREF="/">{f("Acme Wire home")}</A> | <A HREF="/releases">{f("All news releases")}</A> | <A HREF="/contact">{f("Contact us")}</A> | <A HREF="/login">{f("Member login")}</A></TD></TR>
<TR>
<TD WIDTH="18%" VALIGN="top" CLASS="leftcol"><B>{f("Browse by industry")}</B><BR>
<A HREF="/i/tech">{f("Technology releases")}</A><BR><A HREF="/i/mkt">{f("Marketing releases")}</A><BR><A HREF="/i/fin">{f("Financial releases")}</A><BR><A HREF="/i/health">{f("Health releases")}</A></TD>
<TD WIDTH="62%" VALIGN="top">
<DIV CLASS="dateline">{f("NEW YORK, March 3, 2015 /Acme Wire/ --")}</DIV>
{headline}
{chr(10).join(body)}
<DIV CLASS="boilerplate">
<P><B>{f("About Acme Research")}</B><BR>
{f("Acme Research is a market intelligence firm whose panels reach 75% of Fortune 500 marketing and IT buyers.")}
<P><B>{f("Media contact:")}</B><BR>{f("Jane Doe, +1 555 0100, press@acme.example")}
</DIV>
<P CLASS="related-releases"><B>{f("Related releases")}</B><BR>
<A HREF="/r/1">{f("Acme survey: 55% of CIOs plan to hire in 2015")}</A><BR>
<A HREF="/r/2">{f("Two thirds of CMOs lack data skills, Acme finds")}</A>
</TD>
<TD WIDTH="20%" VALIGN="top" CLASS="rightcol"><DIV CLASS="promo">{f("Distribute your release to 90% of newsrooms")}</DIV></TD>
</TR>
</TABLE>
<CENTER><FONT SIZE="-1"><A HREF="/terms">{f("Terms of use")}</A> | <A HREF="/privacy">{f("Privacy")}</A><BR>{f("Copyright 2015 Acme Wire. All rights reserved.")}</FONT></CENTER>
</BODY>
</HTML>
"""


KINDS = [("news", news_page, "utf-8"), ("blog", blog_page, "utf-8"), ("press", press_page, "windows-1252")]


def pick(files, n):
    """n files spread evenly over the sorted list."""
    if n is None or n >= len(files):
        return files
    return [files[i * len(files) // n] for i in range(n)]


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    out = argv[1]
    pages = []
    for spec in argv[2:]:
        set_name, _, where = spec.partition("=")
        path, n = where, None
        m = re.match(r"^(.*):(\d+)$", where)
        if m:
            path, n = m.group(1), int(m.group(2))
        files = pick(sorted(x for x in os.listdir(path) if x.endswith(".txt")), n)
        for name in files:
            article = os.path.join(path, name)
            with open(article, encoding="utf-8") as fh:
                text = fh.read()
            blocks = parse_article(text)
            for kind, make, encoding in KINDS:
                rng = random.Random(zlib.crc32(f"{set_name}/{kind}/{name}".encode()))
                page = Page(rng, kind)
                markup = make(page, blocks, os.path.splitext(name)[0])
                folder = os.path.join(out, set_name, kind)
                os.makedirs(folder, exist_ok=True)
                page_path = os.path.join(folder, os.path.splitext(name)[0] + ".html")
                data = markup.encode(encoding, errors="xmlcharrefreplace")
                with open(page_path, "wb") as fh:
                    fh.write(data)
                pages.append(
                    {
                        "page": os.path.abspath(page_path),
                        "article": os.path.abspath(article),
                        "set": set_name,
                        "kind": kind,
                        "encoding": encoding,
                        "blocks": page.lines,
                        "furniture": sorted(set(page.furniture)),
                    }
                )
    with open(os.path.join(out, "pages.json"), "w", encoding="utf-8") as fh:
        json.dump(pages, fh, ensure_ascii=False, indent=1)
    print(f"{len(pages)} pages in {out}")


if __name__ == "__main__":
    main(sys.argv)
