(function () {
"use strict";
function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
function fmt(v) { return String(Math.round(v * 10) / 10); }
function signed(v) { var s = fmt(v); return v > 0 && s !== "0" ? "+" + s : s; }

// ---------- data: gzip and base64 in script elements (module doc of report.rs) ----------
function bytesOf(b64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
  var bin = atob(b64), out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
// Inflates a gzip member (RFC 1952 around RFC 1951) synchronously: the
// browser's DecompressionStream is asynchronous, and while a large page is
// still being read its steps wait behind the reading for hundreds of ms.
var inflateGzip = (function () {
  var LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
    131, 163, 195, 227, 258];
  var LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  // A canonical Huffman code as one lookup table indexed by the next `max`
  // bits (least significant first): symbol << 4 | code length.
  function table(lengths, from, count) {
    var max = 0, i, blCount = new Uint16Array(16), next = new Uint16Array(16);
    for (i = 0; i < count; i++) { blCount[lengths[from + i]]++; max = Math.max(max, lengths[from + i]); }
    blCount[0] = 0;
    for (var len = 1, code = 0; len <= max; len++) { code = (code + blCount[len - 1]) << 1; next[len] = code; }
    var t = new Int32Array(1 << max);
    for (i = 0; i < count; i++) {
      var L = lengths[from + i];
      if (!L) continue;
      for (var c = next[L]++, r = 0, k = 0; k < L; k++) { r = r << 1 | c & 1; c >>= 1; }
      for (var j = r; j < t.length; j += 1 << L) t[j] = i << 4 | L;
    }
    return { t: t, max: max, mask: (1 << max) - 1 };
  }
  var fixed = new Uint8Array(288 + 30);
  fixed.fill(8, 0, 144); fixed.fill(9, 144, 256); fixed.fill(7, 256, 280); fixed.fill(8, 280, 288);
  fixed.fill(5, 288);
  var FIXED_LIT = table(fixed, 0, 288), FIXED_DIST = table(fixed, 288, 30);
  return function (src) {
    if (src[0] !== 0x1f || src[1] !== 0x8b || src[2] !== 8) throw new Error("not gzip data");
    var n = src.length, flags = src[3], p = 10;
    if (flags & 4) p += 2 + (src[p] | src[p + 1] << 8);
    if (flags & 8) while (src[p++]);
    if (flags & 16) while (src[p++]);
    if (flags & 2) p += 2;
    var out = new Uint8Array((src[n - 4] | src[n - 3] << 8 | src[n - 2] << 16 | src[n - 1] << 24) >>> 0);
    var o = 0, buf = 0, cnt = 0;
    function need(nb) { while (cnt < nb) { buf |= (p < n ? src[p++] : 0) << cnt; cnt += 8; } }
    function bits(nb) { need(nb); var v = buf & ((1 << nb) - 1); buf >>>= nb; cnt -= nb; return v; }
    function decode(h) {
      need(h.max);
      var e = h.t[buf & h.mask], l = e & 15;
      if (!l) throw new Error("bad gzip data");
      buf >>>= l;
      cnt -= l;
      return e >> 4;
    }
    var last;
    do {
      last = bits(1);
      var type = bits(2), lit, dist, i;
      if (type === 0) {
        p -= cnt >> 3;
        buf = cnt = 0;
        var len = src[p] | src[p + 1] << 8;
        p += 4;
        out.set(src.subarray(p, p + len), o);
        o += len;
        p += len;
        continue;
      }
      if (type === 1) { lit = FIXED_LIT; dist = FIXED_DIST; }
      else if (type === 2) {
        var hlit = bits(5) + 257, hdist = bits(5) + 1, hclen = bits(4) + 4, cl = new Uint8Array(19);
        for (i = 0; i < hclen; i++) cl[ORDER[i]] = bits(3);
        var clt = table(cl, 0, 19), lens = new Uint8Array(hlit + hdist);
        for (i = 0; i < hlit + hdist;) {
          var sym = decode(clt);
          if (sym < 16) { lens[i++] = sym; continue; }
          var val = sym === 16 ? lens[i - 1] : 0;
          var rep = sym === 16 ? 3 + bits(2) : sym === 17 ? 3 + bits(3) : 11 + bits(7);
          while (rep--) lens[i++] = val;
        }
        lit = table(lens, 0, hlit);
        dist = table(lens, hlit, hdist);
      } else throw new Error("bad gzip block");
      for (;;) {
        var s = decode(lit);
        if (s < 256) { out[o++] = s; continue; }
        if (s === 256) break;
        s -= 257;
        var length = LBASE[s] + bits(LEXT[s]), ds = decode(dist), d = DBASE[ds] + bits(DEXT[ds]);
        for (var k = 0; k < length; k++, o++) out[o] = out[o - d];
      }
    } while (!last);
    if (o !== out.length) throw new Error("gzip data of the wrong length");
    return out;
  };
})();
function gunzip(b64) { return inflateGzip(bytesOf(b64)); }
// A large chunk, once the page is read: the browser's own decompression is
// faster (and nothing waits in front of it any more).
function gunzipLarge(b64) {
  if (b64.length < (4 << 20) || document.readyState === "loading" || !window.DecompressionStream)
    return Promise.resolve(gunzip(b64));
  var stream = new Blob([bytesOf(b64)]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer().then(function (buf) { return new Uint8Array(buf); });
}
var utf8 = new TextDecoder("utf-8");
// The chunks of text (but the first) follow this script, and the browser
// may still be reading them: chunk c is whole once the next one has begun,
// or the document is parsed.
var SELF = document.currentScript;
function parsedChunk(c) {
  return new Promise(function (resolve) {
    (function poll() {
      var e = $("z" + c);
      // The first chunk comes before this script: it is whole already.
      var before = e && SELF && SELF.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING;
      if (before || $("z" + (c + 1)) || document.readyState !== "loading") resolve(e);
      else setTimeout(poll, 15);
    })();
  });
}
var chunks = new Map(), texts = new Map();
function chunk(c) {
  if (!chunks.has(c)) chunks.set(c, parsedChunk(c).then(function (e) { return gunzipLarge(e.textContent); }));
  return chunks.get(c);
}
function loadText(i) {
  var a = arts[i];
  if (texts.has(i)) return Promise.resolve(texts.get(i));
  if (a.chunk === null) return Promise.resolve("");
  return chunk(a.chunk).then(function (bytes) {
    if (!texts.has(i)) texts.set(i, utf8.decode(bytes.subarray(a.bytes[0], a.bytes[1])));
    return texts.get(i);
  });
}

var HEAD = JSON.parse($("head").textContent), arts = [], claims = [], byId = new Map();
var indexed = null;
var ALL = {};
var state = { view: "overview", sets: {}, q: "", all: false, sort: "", claim: null, renderAll: false };

// ---------- state in the URL hash ----------
function hashParams() {
  var out = new Map();
  location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
    if (!kv) return;
    var k = kv.indexOf("=");
    if (k < 0) out.set(decodeURIComponent(kv), "");
    else out.set(decodeURIComponent(kv.slice(0, k)), decodeURIComponent(kv.slice(k + 1)));
  });
  return out;
}
function readHash() {
  var h = hashParams();
  Object.keys(ALL).forEach(function (k) {
    state.sets[k] = h.has(k) ? new Set(h.get(k).split(",").filter(Boolean)) : new Set(ALL[k]);
  });
  state.q = h.get("q") || "";
  state.all = h.get("all") === "1";
  state.sort = h.get("sort") || "";
  state.claim = h.get("claim") || null;
  state.renderAll = h.get("render") === "all";
  var v = h.get("view");
  state.view = v === "claims" || v === "articles" || v === "overview" ? v : state.claim ? "articles" : "overview";
}
function writeHash() {
  var parts = [];
  if (state.view !== "overview") parts.push("view=" + state.view);
  Object.keys(ALL).forEach(function (k) {
    var s = state.sets[k], all = ALL[k];
    if (s.size !== all.length || all.some(function (x) { return !s.has(x); }))
      parts.push(k + "=" + all.filter(function (x) { return s.has(x); }).map(encodeURIComponent).join(","));
  });
  if (state.q) parts.push("q=" + encodeURIComponent(state.q));
  if (state.all) parts.push("all=1");
  if (state.sort) parts.push("sort=" + encodeURIComponent(state.sort));
  if (state.claim) parts.push("claim=" + encodeURIComponent(state.claim));
  if (state.renderAll) parts.push("render=all");
  history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
}
function syncInputs() {
  document.querySelectorAll("#filters input[type=checkbox][name]").forEach(function (e) {
    e.checked = state.sets[e.name].has(e.value);
  });
  $("all").checked = state.all;
  $("q").value = state.q;
  document.querySelectorAll("#tabs a").forEach(function (a) {
    if (a.dataset.view === state.view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
}

// ---------- filters ----------
function haystack(c) {
  if (c.hay === undefined)
    c.hay = [c.text, c.subject ? c.subject.text : "", c.evidence, arts[c.article].path].join("\n").toLowerCase();
  return c.hay;
}
function isOn(c) {
  var s = state.sets;
  return s.population.has(c.population) && s.role.has(c.role) && s.bound.has(c.bound) &&
    s.status.has(c.status) && (!state.q || haystack(c).indexOf(state.q.toLowerCase()) >= 0);
}

// ---------- overview: gap table and chart ----------
function goTo(id) { state.claim = id; state.view = "articles"; writeHash(); route(); }
function buildOverview() {
  var tb = $("gap-table").tBodies[0];
  if (!HEAD.gaps.length) {
    var tr = el("tr"), td = el("td", "hint", "No statement of this dataset is made for both marketing and IT.");
    td.colSpan = 6;
    tr.appendChild(td);
    tb.appendChild(tr);
  }
  HEAD.gaps.forEach(function (g, n) {
    var tr = el("tr", "gap");
    tr.dataset.gap = n;
    tr.dataset.marketingId = g.marketing.id;
    tr.dataset.itId = g.it.id;
    tr.appendChild(el("td", "n " + (g.gap > 0 ? "pos" : g.gap < 0 ? "neg" : ""), signed(g.gap)));
    tr.appendChild(el("td", "n", fmt(g.marketing.value)));
    tr.appendChild(el("td", "n", fmt(g.it.value)));
    tr.appendChild(el("td", "subj", g.subject));
    var td = el("td", "where"), a = el("a", "", g.at);
    td.title = g.at;
    a.href = "#view=articles&claim=" + encodeURIComponent(g.first);
    td.appendChild(a);
    tr.appendChild(td);
    tr.appendChild(el("td", "rule", g.match));
    tr.addEventListener("click", function (ev) { ev.preventDefault(); goTo(g.first); });
    tb.appendChild(tr);
  });
  drawChart();
}
function drawChart() {
  var box = $("chart");
  if (!HEAD.gaps.length) { box.appendChild(el("p", "hint", "No gaps to draw.")); return; }
  var ROWH = 34, TOP = 22, LABEL = 250, W = 640, SCALE = (W - LABEL - 44) / 100;
  var H = TOP + HEAD.gaps.length * ROWH + 6;
  // The parser gives the element its namespace; children take it from there.
  box.innerHTML = '<svg id="gap-chart" role="img"></svg>';
  var svg = box.firstChild, NS = svg.namespaceURI;
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  svg.setAttribute("aria-label", "marketing and IT figures for each gap");
  function add(parent, tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  }
  [0, 25, 50, 75, 100].forEach(function (t) {
    var x = LABEL + t * SCALE;
    add(svg, "line", { x1: x, x2: x, y1: TOP - 4, y2: H, "class": "grid" });
    add(svg, "text", { x: x, y: TOP - 8, "class": "tick" }, t + "%");
  });
  HEAD.gaps.forEach(function (g, n) {
    var m = g.marketing, it = g.it, y = TOP + n * ROWH + 4;
    var grp = add(svg, "g", { "class": "pair", "data-gap": n, "data-marketing-id": m.id, "data-it-id": it.id });
    add(grp, "title", {}, g.subject + ": marketing " + fmt(m.value) + "%, IT " + fmt(it.value) + "% (" + signed(g.gap) + ")");
    var label = g.subject.length > 40 ? g.subject.slice(0, 39) + "\u2026" : g.subject;
    add(grp, "text", { x: LABEL - 8, y: y + 16, "class": "label" }, label);
    [[m, "m", 0], [it, "i", 13]].forEach(function (b) {
      var w = Math.max(0, Math.min(100, b[0].value)) * SCALE;
      add(grp, "rect", { x: LABEL, y: y + b[2], width: w, height: 12, "class": "bar " + b[1], "data-value": b[0].value });
      add(grp, "text", { x: LABEL + w + 4, y: y + b[2] + 10, "class": "val" }, fmt(b[0].value));
    });
    grp.addEventListener("click", function () { goTo(g.first); });
  });
}

// ---------- claims table: sortable, filtered, only the rows on screen ----------
var ROW = 28;
var COLUMNS = [
  ["article", "article:line", function (c) { return arts[c.article].path + ":" + c.line; }],
  ["text", "figure", function (c) { return c.text; }],
  ["value", "value", function (c) { return fmt(c.value); }],
  ["population", "population", function (c) { return c.population; }],
  ["role", "role", function (c) { return c.role; }],
  ["bound", "bound", function (c) { return c.bound; }],
  ["status", "status", function (c) { return c.status; }],
  ["subject", "subject", function (c) { return c.subject ? c.subject.text : ""; }],
  ["pair", "compared with", function (c) {
    if (c.pair === null) return "";
    var o = claims[c.pair];
    return o.text + " (" + o.population + "), " + c.pair_rule;
  }],
  ["evidence", "evidence", function (c) { return c.evidence; }]
];
var SORTS = {
  article: function (c) { return c.k; },
  value: function (c) { return c.value; },
  pair: function (c) { return c.pair === null ? 1 : 0; }
};
var filtered = [], drawn = [-1, -1], tableBuilt = false;
function sortKey(name) {
  return SORTS[name] || function (c) { var v = COLUMNS.find(function (col) { return col[0] === name; })[2](c); return v.toLowerCase(); };
}
function buildTable() {
  if (tableBuilt) return;
  tableBuilt = true;
  var head = $("chead");
  COLUMNS.forEach(function (col) {
    var b = el("button", "th", col[1]);
    b.type = "button";
    b.dataset.col = col[0];
    b.setAttribute("role", "columnheader");
    b.addEventListener("click", function () {
      state.sort = state.sort === col[0] ? "-" + col[0] : col[0];
      writeHash();
      refreshTable();
    });
    head.appendChild(b);
  });
  $("cscroll").addEventListener("scroll", function () { requestAnimationFrame(function () { drawRows(false); }); });
  window.addEventListener("resize", function () { drawRows(true); });
  // The claim under the pointer in the panel; a click opens it in its article.
  $("crows").addEventListener("mouseover", function (ev) {
    var row = ev.target.closest(".crow");
    if (row && $("panel").dataset.id !== row.dataset.id) fillPanel(byId.get(row.dataset.id));
  });
  $("crows").addEventListener("click", function (ev) {
    var row = ev.target.closest(".crow");
    if (!row) return;
    ev.preventDefault();
    goTo(row.dataset.id);
  });
}
function refreshTable() {
  buildTable();
  filtered = claims.filter(isOn);
  var name = state.sort.replace(/^-/, ""), desc = state.sort[0] === "-";
  if (name && (SORTS[name] || COLUMNS.some(function (c) { return c[0] === name; }))) {
    var key = sortKey(name), keys = new Map();
    filtered.forEach(function (c) { keys.set(c, key(c)); });
    filtered.sort(function (a, b) {
      var x = keys.get(a), y = keys.get(b), r = x < y ? -1 : x > y ? 1 : a.k - b.k;
      return desc ? -r : r;
    });
  }
  document.querySelectorAll("#chead .th").forEach(function (b) {
    var on = b.dataset.col === name;
    b.setAttribute("aria-sort", on ? (desc ? "descending" : "ascending") : "none");
  });
  $("cspacer").style.height = (state.renderAll ? 0 : filtered.length * ROW) + "px";
  drawRows(true);
}
function drawRows(force) {
  if (!tableBuilt) return;
  var sc = $("cscroll"), first = 0, last = filtered.length;
  if (!state.renderAll) {
    first = Math.max(0, Math.floor(sc.scrollTop / ROW) - 10);
    last = Math.min(filtered.length, first + Math.ceil((sc.clientHeight || 800) / ROW) + 20);
  }
  if (!force && first === drawn[0] && last === drawn[1]) return;
  drawn = [first, last];
  var box = $("crows"), frag = document.createDocumentFragment();
  box.style.transform = state.renderAll ? "" : "translateY(" + first * ROW + "px)";
  for (var k = first; k < last; k++) {
    var c = filtered[k], row = el("div", "crow p-" + c.population);
    row.dataset.id = c.id;
    row.setAttribute("role", "row");
    if (c.id === state.claim) row.classList.add("sel");
    COLUMNS.forEach(function (col, j) {
      var v = col[2](c), cell;
      if (j === 0) {
        cell = el("a", "td", v);
        cell.href = "#view=articles&claim=" + encodeURIComponent(c.id);
      } else {
        cell = el("span", "td c-" + col[0], v);
      }
      cell.setAttribute("role", "cell");
      cell.title = v;
      row.appendChild(cell);
    });
    frag.appendChild(row);
  }
  box.textContent = "";
  box.appendChild(frag);
}

// ---------- articles: sections, blocks rendered near the viewport ----------
var sections = null, views = [], artIO = null, blockIO = null;
var BLOCK = 6000;
function escapeHtml(t) {
  return t.replace(/[&<>"']/g, function (ch) { return "&#" + ch.charCodeAt(0) + ";"; });
}
// Every article has a section; only those shown get their heading and a
// text box (tens of thousands of hidden ones would cost their elements).
function buildSections() {
  if (sections) return;
  $("main").insertAdjacentHTML("beforeend", arts.map(function (a, i) {
    return '<section class="article" id="a' + i + '" data-i="' + i + '" hidden></section>';
  }).join(""));
  sections = Array.from($("main").querySelectorAll("section.article"));
  if (!state.renderAll) {
    var opts = { root: $("main"), rootMargin: "1500px 0px" };
    artIO = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (!en.isIntersecting) return;
        artIO.unobserve(en.target);
        openArticle(+en.target.parentNode.dataset.i);
      });
    }, opts);
    blockIO = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (!en.isIntersecting) return;
        blockIO.unobserve(en.target);
        renderBlock(+en.target.dataset.a, +en.target.dataset.b);
      });
    }, opts);
  }
  applyArticles();
}
function fillSection(i) {
  var sec = sections[i], a = arts[i];
  if (sec.firstChild) return;
  // About 95 characters a line, 1.5em each, until the text is read.
  var h = Math.max(1.5, (a.bytes[1] - a.bytes[0]) / 95 * 1.5).toFixed(1);
  sec.innerHTML = '<h2><span class="path">' + escapeHtml(a.path) + '</span> <span class="count"></span></h2>' +
    (a.error ? '<p class="error">cannot be shown: ' + escapeHtml(a.error) + "</p>" : "") +
    '<div class="text" style="min-height:' + h + 'em"></div>';
  if (artIO && !views[i]) artIO.observe(sec.lastChild);
}

// The claims of article i as marks and underlines, sorted, in UTF-16 offsets.
function spansOf(i) {
  var a = arts[i], marks = [], lines = [], unplaced = [];
  for (var k = a.claims[0]; k < a.claims[1]; k++) {
    var c = claims[k];
    if (!c.at) { unplaced.push(c); continue; }
    marks.push({ s: c.at[0], e: c.at[1], c: c });
    [["subj", c.subject], ["pp", c.phrase]].forEach(function (kp) {
      var p = kp[1];
      if (p && p.at && p.at[1] > p.at[0]) lines.push({ s: p.at[0], e: p.at[1], c: c, kind: kp[0] });
    });
  }
  marks.sort(function (x, y) { return x.s - y.s || y.e - x.e; });
  lines.sort(function (x, y) { return x.s - y.s || x.e - y.e; });
  return { marks: marks, lines: lines, unplaced: unplaced };
}
// Block boundaries: about every BLOCK characters, after a line break (else
// at a space), never inside a mark or an underline.
function cutPoints(text, sp) {
  var covered = sp.marks.concat(sp.lines).map(function (x) { return [x.s, x.e]; })
    .sort(function (x, y) { return x[0] - y[0]; });
  var merged = [];
  covered.forEach(function (iv) {
    var last = merged[merged.length - 1];
    if (last && iv[0] < last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  });
  var cuts = [0], pos = BLOCK, j = 0;
  while (pos < text.length) {
    var c = text.indexOf("\n", pos);
    if (c >= 0 && c - pos < 2000) c += 1;
    else { c = text.indexOf(" ", pos); if (c < 0) break; }
    while (j < merged.length && merged[j][1] <= c) j++;
    if (j < merged.length && merged[j][0] < c) { pos = merged[j][1]; continue; }
    if (c >= text.length) break;
    cuts.push(c);
    pos = c + BLOCK;
  }
  cuts.push(text.length);
  return cuts;
}
// Rows of text a stretch takes at about 95 characters a line.
function rows(text, s, e) {
  var n = 0, at = s;
  while (at < e) {
    var nl = text.indexOf("\n", at);
    if (nl < 0 || nl > e) nl = e;
    n += Math.max(1, Math.ceil((nl - at) / 95));
    at = nl + 1;
  }
  return n;
}
// Blocks in the document at once: a longer article shows a window of them
// (a browser cannot lay out a page of more than about 33 million pixels).
var WINDOW = 1000;
function openArticle(i) {
  if (views[i]) return views[i].ready;
  fillSection(i);
  var v = views[i] = { blocks: [], ready: null, win: [0, 0] };
  v.ready = loadText(i).then(function (text) {
    var sp = spansOf(i), cuts = cutPoints(text, sp);
    v.text = text;
    v.sp = sp;
    for (var b = 0; b + 1 < cuts.length; b++) {
      var blk = el("span", "blk"), s = cuts[b], e = cuts[b + 1];
      blk.dataset.a = i;
      blk.dataset.b = b;
      if (cuts.length > 2) blk.style.minHeight = rows(text, s, e) * 1.5 + "em";
      v.blocks.push({ s: s, e: e, el: blk, done: false });
    }
    showWindow(i, 0);
    sections[i].querySelector(".text").dataset.rendered = "1";
    applyArticle(i);
    return v;
  });
  return v.ready;
}
// Puts the blocks of article i around block `b` in the document (all of
// them when there are at most WINDOW, or with render=all).
function showWindow(i, b) {
  var v = views[i], n = v.blocks.length, box = sections[i].querySelector(".text");
  var w0 = state.renderAll ? 0 : Math.max(0, Math.min(b - (WINDOW >> 1), n - WINDOW));
  var w1 = state.renderAll ? n : Math.min(n, w0 + WINDOW);
  if (box.dataset.rendered && v.win[0] === w0 && v.win[1] === w1) return;
  v.win = [w0, w1];
  var kids = [];
  function more(label, to) {
    var btn = el("button", "more", label);
    btn.type = "button";
    btn.addEventListener("click", function () { showWindow(i, to); });
    kids.push(btn);
  }
  if (w0 > 0) more("\u2191 show the text before (" + plural(v.blocks[w0].s, "character", "characters") + ")", w0 - (WINDOW >> 1));
  for (var k = w0; k < w1; k++) kids.push(v.blocks[k].el);
  if (w1 < n) more("\u2193 show the text after (" + plural(v.text.length - v.blocks[w1].s, "character", "characters") + ")", w1 + (WINDOW >> 1) - 1);
  if (v.sp.unplaced.length) kids.push(unplacedList(v.sp.unplaced));
  box.style.minHeight = "";
  box.replaceChildren.apply(box, kids);
  for (k = w0; k < w1; k++) {
    var blk = v.blocks[k];
    if (blk.done) continue;
    if (state.renderAll || n === 1 || !blockIO) renderBlock(i, k);
    else blockIO.observe(blk.el);
  }
}
function unplacedList(list) {
  var ul = el("ul", "unplaced");
  list.forEach(function (c) {
    var li = el("li"), sp = el("span", "", c.text);
    setClaimAttrs(sp, c);
    sp.classList.add("unplaced");
    li.appendChild(document.createTextNode("not in the text: "));
    li.appendChild(sp);
    li.appendChild(document.createTextNode(" (" + c.status + (c.note ? ": " + c.note : "") + ")"));
    ul.appendChild(li);
  });
  return ul;
}
function claimTitle(c) {
  return c.text + " = " + fmt(c.value) + "% (" + c.bound + ", " + c.kind + "), " + c.population +
    ", " + c.role + "\n" + c.evidence + "\n" + c.id + " [" + c.status + "]";
}
function setClaimAttrs(e, c) {
  e.className = "claim p-" + c.population;
  e.dataset.id = c.id;
  e.dataset.population = c.population;
  e.dataset.role = c.role;
  e.dataset.status = c.status;
  e.dataset.value = c.value;
  e.dataset.bound = c.bound;
  if (c.pair !== null) e.dataset.pair = claims[c.pair].id;
  e.title = claimTitle(c);
}
// First index in `list` (sorted by .s) with .s >= at.
function lowerBound(list, at) {
  var lo = 0, hi = list.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid].s < at) lo = mid + 1; else hi = mid; }
  return lo;
}
function renderBlock(i, b) {
  var v = views[i], blk = v.blocks[b];
  if (blk.done) return;
  blk.done = true;
  var text = v.text, S = blk.s, E = blk.e;
  var marks = v.sp.marks.slice(lowerBound(v.sp.marks, S), lowerBound(v.sp.marks, E))
    .map(function (m) { return { s: m.s, e: m.e, c: m.c, kids: [] }; });
  var lines = v.sp.lines.slice(lowerBound(v.sp.lines, S), lowerBound(v.sp.lines, E));
  // Expressions form a tree: one inside another nests, one crossing another's end is clipped.
  var root = { s: S, e: E, kids: [] }, stack = [root];
  marks.forEach(function (mk) {
    while (stack.length > 1 && stack[stack.length - 1].e <= mk.s) stack.pop();
    var top = stack[stack.length - 1];
    if (mk.e > top.e) { mk.e = top.e; mk.clipped = true; }
    top.kids.push(mk);
    stack.push(mk);
  });
  // Underlines are split at every boundary of every underline.
  var cuts = Array.from(new Set(lines.reduce(function (acc, l) { acc.push(l.s, l.e); return acc; }, [])))
    .sort(function (x, y) { return x - y; });
  function emitText(s, e, parent) {
    if (s >= e) return;
    var pts = [s];
    cuts.forEach(function (p) { if (p > s && p < e) pts.push(p); });
    pts.push(e);
    for (var k = 0; k + 1 < pts.length; k++) {
      var a0 = pts[k], b0 = pts[k + 1], t = text.slice(a0, b0);
      var cov = lines.filter(function (l) { return l.s <= a0 && l.e >= b0; });
      if (!cov.length) { parent.appendChild(document.createTextNode(t)); continue; }
      var subj = cov.filter(function (l) { return l.kind === "subj"; });
      var pp = cov.filter(function (l) { return l.kind === "pp"; });
      var sp = el("span", "ul" + (subj.length ? " subj p-" + subj[0].c.population : "") +
        (subj.length > 1 ? " multi" : "") + (pp.length ? " pp" : ""), t);
      if (subj.length) sp.dataset.subj = subj.map(function (l) { return l.c.id; }).join(" ");
      if (pp.length) sp.dataset.pp = pp.map(function (l) { return l.c.id; }).join(" ");
      parent.appendChild(sp);
    }
  }
  function emitNode(node, parent) {
    var cur = node.s;
    node.kids.forEach(function (k) {
      emitText(cur, k.s, parent);
      var m = document.createElement("mark");
      setClaimAttrs(m, k.c);
      if (k.clipped) m.dataset.clipped = "1";
      emitNode(k, m);
      parent.appendChild(m);
      cur = k.e;
    });
    emitText(cur, node.e, parent);
  }
  var frag = document.createDocumentFragment();
  emitNode(root, frag);
  blk.el.textContent = "";
  blk.el.style.minHeight = "";
  blk.el.appendChild(frag);
  blk.el.dataset.rendered = "1";
  applyBlock(blk.el);
  markSelected(blk.el);
}

function anyOn(ids) {
  return ids.split(" ").some(function (id) { var c = byId.get(id); return c && isOn(c); });
}
function applyBlock(root) {
  root.querySelectorAll(".claim").forEach(function (e) {
    var on = isOn(byId.get(e.dataset.id));
    e.classList.toggle("off", !on);
    if (e.parentNode.tagName === "LI") e.parentNode.classList.toggle("off", !on);
  });
  root.querySelectorAll("span.ul").forEach(function (e) {
    if (e.dataset.subj) e.classList.toggle("nosubj", !anyOn(e.dataset.subj));
    if (e.dataset.pp) e.classList.toggle("nopp", !anyOn(e.dataset.pp));
  });
}
function applyArticle(i) { if (sections) applyBlock(sections[i].querySelector(".text")); }
function applyArticles() {
  if (!sections) return;
  var shownClaims = 0, shownArts = 0, q = state.q.toLowerCase();
  arts.forEach(function (a, i) {
    var n = 0;
    for (var k = a.claims[0]; k < a.claims[1]; k++) if (isOn(claims[k])) n++;
    var total = a.claims[1] - a.claims[0];
    var show = n > 0 || state.all && (!q || a.path.toLowerCase().indexOf(q) >= 0);
    if (state.claim && byId.has(state.claim) && byId.get(state.claim).article === i) show = true;
    sections[i].hidden = !show;
    if (!show && !state.renderAll) return;
    fillSection(i);
    sections[i].querySelector(".count").textContent = n === total
      ? plural(n, "claim", "claims") : n + " of " + plural(total, "claim", "claims") + " shown";
    if (show) { shownArts++; shownClaims += n; }
    if (views[i] && views[i].text !== undefined) applyArticle(i);
  });
  $("ashown").textContent = plural(shownClaims, "claim", "claims") + " shown in " + plural(shownArts, "article", "articles");
}
function applyFilters() {
  var n = claims.filter(isOn).length;
  $("shown").textContent = plural(n, "claim", "claims") + " of " + claims.length + " match the filters";
  if (tableBuilt) refreshTable();
  applyArticles();
}

// ---------- selection and the claim panel ----------
function markSelected(root) {
  root.querySelectorAll(".claim").forEach(function (e) {
    e.classList.toggle("sel", e.dataset.id === state.claim);
    var c = state.claim && byId.get(state.claim);
    e.classList.toggle("pairsel", !!c && c.pair !== null && claims[c.pair].id === e.dataset.id);
  });
  root.querySelectorAll("span.ul").forEach(function (e) {
    e.classList.toggle("selsubj", !!state.claim && (e.dataset.subj || "").split(" ").indexOf(state.claim) >= 0);
  });
}
function fillPanel(c) {
  var panel = $("panel");
  panel.textContent = "";
  var dl = el("dl");
  function row(k, v, node) {
    dl.appendChild(el("dt", "", k));
    var dd = el("dd", "", node ? undefined : v);
    if (node) dd.appendChild(node);
    dl.appendChild(dd);
  }
  row("claim", c.text);
  row("value", fmt(c.value) + "%");
  row("bound", c.bound);
  row("kind", c.kind);
  row("population", c.population);
  row("role", c.role + " (" + c.role_rule + ")");
  row("evidence", c.evidence);
  row("subject", c.subject ? c.subject.text : "(none)");
  row("population phrase", c.phrase ? c.phrase.text : "(none)");
  if (c.pair !== null) {
    var o = claims[c.pair], a = el("a", "pairlink", o.text + " (" + o.population + ")");
    a.href = "#view=articles&claim=" + encodeURIComponent(o.id);
    var span = el("span");
    span.appendChild(a);
    span.appendChild(document.createTextNode(", " + c.pair_rule));
    row("compared with", "", span);
  }
  row("status", c.status + (c.note ? ": " + c.note : ""));
  row("article", arts[c.article].path + ":" + c.line + ":" + c.column);
  row("id", c.id);
  panel.appendChild(dl);
  panel.dataset.id = c.id;
}
function showClaim(scroll) {
  var c = state.claim && byId.get(state.claim);
  if (!c) return Promise.resolve();
  if (scroll) delete document.body.dataset.shown;
  fillPanel(c);
  buildSections();
  sections[c.article].hidden = false;
  fillSection(c.article);
  return openArticle(c.article).then(function (v) {
    v.blocks.forEach(function (blk, b) {
      if (c.at && blk.s <= c.at[0] && c.at[0] < blk.e) {
        showWindow(c.article, b);
        renderBlock(c.article, b);
      }
    });
    document.querySelectorAll("#main .sel, #main .pairsel, #main .selsubj").forEach(function (e) {
      e.classList.remove("sel", "pairsel", "selsubj");
    });
    markSelected(sections[c.article]);
    var m = sections[c.article].querySelector(".claim.sel") || sections[c.article];
    if (!scroll) return;
    return settle(m).then(function () { document.body.dataset.shown = c.id; });
  });
}
// Scrolls `m` to the middle of the article view and renders what is near
// it first, again until nothing near changes: an estimated height replaced
// by the real one would move it.
function settle(m) {
  var main = $("main"), tries = 0;
  return new Promise(function (resolve) {
    function step() {
      m.scrollIntoView({ block: "center" });
      var box = main.getBoundingClientRect(), lo = box.top - 1500, hi = box.bottom + 1500, changed = 0;
      var near = function (e) { var r = e.getBoundingClientRect(); return r.bottom >= lo && r.top <= hi; };
      var pending = [];
      sections.forEach(function (sec, i) {
        if (sec.hidden || !near(sec)) return;
        if (!views[i]) changed++;
        pending.push(openArticle(i).then(function (v) {
          for (var j = v.win[0]; j < v.win[1]; j++) {
            if (!v.blocks[j].done && near(v.blocks[j].el)) { changed++; renderBlock(i, j); }
          }
        }));
      });
      Promise.all(pending).then(function () {
        requestAnimationFrame(function () {
          m.scrollIntoView({ block: "center" });
          if (changed === 0 || ++tries >= 8) resolve(); else step();
        });
      });
    }
    step();
  });
}

// ---------- views ----------
function route() {
  syncInputs();
  $("v-overview").hidden = state.view !== "overview";
  $("work").hidden = state.view === "overview";
  $("v-claims").hidden = state.view !== "claims";
  $("v-articles").hidden = state.view !== "articles";
  if (state.view === "overview" && !state.claim && !state.renderAll) return Promise.resolve();
  return indexed.then(function () {
    applyFilters();
    var done = [];
    if (state.view === "claims" || state.renderAll) refreshTable();
    if (state.view === "articles" || state.renderAll) {
      buildSections();
      // The first articles shown now, so the view is never blank; the rest as they come near.
      var first = sections.filter(function (sec) { return !sec.hidden; }).slice(0, 3);
      done.push(Promise.all(first.map(function (sec) { return openArticle(+sec.dataset.i); })));
    }
    if (state.renderAll) done.push(Promise.all(arts.map(function (a, i) { return openArticle(i); })));
    var c = state.claim && byId.get(state.claim);
    if (c && state.view === "articles") done.push(showClaim(true));
    else if (c) fillPanel(c);
    return Promise.all(done);
  });
}
function onFilter() {
  Object.keys(ALL).forEach(function (k) {
    state.sets[k] = new Set(Array.from(document.querySelectorAll("#filters input[name=" + k + "]:checked"),
      function (e) { return e.value; }));
  });
  state.all = $("all").checked;
  state.q = $("q").value;
  writeHash();
  indexed.then(applyFilters);
}
// The index by columns (report.rs) as one object per claim and per article.
function unpack(ix) {
  var S = ix.strings, C = ix.claims, A = ix.articles, n = C.id.length;
  arts = A.path.map(function (p, i) {
    return { path: p, error: A.error[i] || null, claims: [A.first[i], i + 1 < A.first.length ? A.first[i + 1] : n],
      chunk: A.chunk[i], bytes: A.bytes[i] };
  });
  claims = new Array(n);
  for (var k = 0; k < n; k++) {
    var c = claims[k] = {
      k: k, id: C.id[k], article: C.article[k], text: C.text[k], value: C.value[k],
      bound: S[C.bound[k]], kind: S[C.kind[k]], population: S[C.population[k]], role: S[C.role[k]],
      role_rule: S[C.role_rule[k]], evidence: S[C.evidence[k]], line: C.line[k], column: C.column[k],
      status: S[C.status[k]], note: C.note[k] || "", at: C.at[k],
      subject: C.subject[k] === null ? null : { text: C.subject[k], at: C.subject_at[k] },
      phrase: C.phrase[k] === null ? null : { text: C.phrase[k], at: C.phrase_at[k] },
      pair: C.pair[k], pair_rule: C.pair_rule[k] === null ? null : S[C.pair_rule[k]]
    };
    byId.set(c.id, c);
  }
}
var typing = 0;
ALL = { population: HEAD.populations, role: HEAD.roles, bound: HEAD.bounds, status: HEAD.statuses };
readHash();
buildOverview();
// The index is read in a task of its own, after the overview is drawn.
indexed = new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () {
  unpack(JSON.parse(utf8.decode(gunzip($("index").textContent))));
});
indexed.catch(function (e) {
  document.body.dataset.error = String(e);
  $("summary").textContent = "This report could not be read: " + e;
});
$("filters").addEventListener("change", onFilter);
$("q").addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(onFilter, 150); });
$("main").addEventListener("click", function (ev) {
  var t = ev.target.closest(".claim, span.ul[data-subj]");
  if (!t) return;
  state.claim = t.dataset.id || t.dataset.subj.split(" ")[0];
  writeHash();
  showClaim(false);
});
$("panel").addEventListener("click", function (ev) {
  var a = ev.target.closest("a.pairlink");
  if (!a) return;
  ev.preventDefault();
  goTo(decodeURIComponent(a.getAttribute("href").split("claim=")[1]));
});
window.addEventListener("hashchange", function () { readHash(); route(); });
// First render: the view asked for, drawn (the overview needs no index);
// ready: the index read and that view complete.
route().then(function () {
  var now = performance.now().toFixed(1);
  document.body.dataset.firstRender = now;
  return indexed.then(function () { document.body.dataset.ready = performance.now().toFixed(1); });
});
})();
