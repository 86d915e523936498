
(function () {
"use strict";
var INDEX = JSON.parse(document.getElementById("index").textContent);
var arts = INDEX.articles, byId = new Map();
arts.forEach(function (a, i) { a.claims.forEach(function (c) { c.article = i; byId.set(c.id, c); }); });
// One section per article, built here rather than parsed: faster on large corpora.
var sections = arts.map(function (a, i) {
  var sec = document.createElement("section"), h2 = document.createElement("h2");
  var path = document.createElement("span"), count = document.createElement("span");
  sec.className = "article";
  sec.id = "a" + i;
  sec.dataset.i = i;
  path.className = "path";
  path.textContent = a.path;
  count.className = "count";
  h2.appendChild(path);
  h2.appendChild(document.createTextNode(" "));
  h2.appendChild(count);
  sec.appendChild(h2);
  if (a.error) {
    var err = document.createElement("p");
    err.className = "error";
    err.textContent = "cannot be shown: " + a.error;
    sec.appendChild(err);
  }
  var box = document.createElement("div");
  box.className = "text";
  if (a.height) box.style.minHeight = a.height + "em";
  sec.appendChild(box);
  return sec;
});
var rendered = arts.map(function () { return false; });
var state = { pops: new Set(INDEX.populations), statuses: new Set(INDEX.statuses), all: false, q: "" };
var selected = null;

function isOn(c) { return state.pops.has(c.population) && state.statuses.has(c.status); }

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
  function set(k, all) { return h.has(k) ? new Set(h.get(k).split(",").filter(Boolean)) : new Set(all); }
  state.pops = set("population", INDEX.populations);
  state.statuses = set("status", INDEX.statuses);
  state.all = h.get("all") === "1";
  state.q = h.get("q") || "";
  return h;
}
function writeHash() {
  var parts = [];
  function list(k, s, all) {
    if (s.size !== all.length || all.some(function (x) { return !s.has(x); }))
      parts.push(k + "=" + all.filter(function (x) { return s.has(x); }).map(encodeURIComponent).join(","));
  }
  list("population", state.pops, INDEX.populations);
  list("status", state.statuses, INDEX.statuses);
  if (state.all) parts.push("all=1");
  if (state.q) parts.push("q=" + encodeURIComponent(state.q));
  if (selected) parts.push("claim=" + encodeURIComponent(selected));
  history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
}
function syncInputs() {
  document.querySelectorAll("input[name=population]").forEach(function (el) { el.checked = state.pops.has(el.value); });
  document.querySelectorAll("input[name=status]").forEach(function (el) { el.checked = state.statuses.has(el.value); });
  document.getElementById("all").checked = state.all;
  document.getElementById("q").value = state.q;
}

// Code-point offset -> UTF-16 offset, for one text.
function cpMap(text) {
  var m = [], k = 0;
  for (var ch of text) { m.push(k); k += ch.length; }
  m.push(k);
  return m;
}

function claimTitle(c) {
  return c.text + " = " + c.value + "% (" + c.bound + ", " + c.kind + "), " + c.population +
    "\n" + c.evidence + "\n" + c.id + " [" + c.status + "]";
}
function setClaimAttrs(el, c) {
  el.className = "claim p-" + c.population;
  el.dataset.id = c.id;
  el.dataset.population = c.population;
  el.dataset.status = c.status;
  el.dataset.value = c.value;
  el.dataset.bound = c.bound;
  el.title = claimTitle(c);
}

function renderArticle(i) {
  if (rendered[i]) return;
  rendered[i] = true;
  var a = arts[i], box = sections[i].querySelector(".text");
  var src = document.getElementById("t" + i);
  var text = src ? JSON.parse(src.textContent) : "";
  var m = cpMap(text);
  var marks = [], lines = [], unplaced = [];
  a.claims.forEach(function (c) {
    if (!c.at) { unplaced.push(c); return; }
    marks.push({ s: m[c.at[0]], e: m[c.at[1]], c: c, kids: [] });
    [["subj", c.subject], ["pp", c.phrase]].forEach(function (kp) {
      var p = kp[1];
      if (p && p.at && p.at[1] > p.at[0]) lines.push({ s: m[p.at[0]], e: m[p.at[1]], c: c, kind: kp[0] });
    });
  });
  // Expressions form a tree: one inside another nests, one crossing another's end is clipped.
  marks.sort(function (x, y) { return x.s - y.s || y.e - x.e; });
  var root = { s: 0, e: text.length, kids: [] }, stack = [root];
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
      var sp = document.createElement("span");
      sp.className = "ul" + (subj.length ? " subj p-" + subj[0].c.population : "") +
        (subj.length > 1 ? " multi" : "") + (pp.length ? " pp" : "");
      if (subj.length) sp.dataset.subj = subj.map(function (l) { return l.c.id; }).join(" ");
      if (pp.length) sp.dataset.pp = pp.map(function (l) { return l.c.id; }).join(" ");
      sp.textContent = t;
      parent.appendChild(sp);
    }
  }
  function emitNode(node, parent) {
    var cur = node.s;
    node.kids.forEach(function (k) {
      emitText(cur, k.s, parent);
      var el = document.createElement("mark");
      setClaimAttrs(el, k.c);
      if (k.clipped) el.dataset.clipped = "1";
      emitNode(k, el);
      parent.appendChild(el);
      cur = k.e;
    });
    emitText(cur, node.e, parent);
  }
  var frag = document.createDocumentFragment();
  emitNode(root, frag);
  if (unplaced.length) {
    var ul = document.createElement("ul");
    ul.className = "unplaced";
    unplaced.forEach(function (c) {
      var li = document.createElement("li"), sp = document.createElement("span");
      setClaimAttrs(sp, c);
      sp.classList.add("unplaced");
      sp.textContent = c.text;
      li.appendChild(document.createTextNode("not in the text: "));
      li.appendChild(sp);
      li.appendChild(document.createTextNode(" (" + c.status + (c.note ? ": " + c.note : "") + ")"));
      ul.appendChild(li);
    });
    frag.appendChild(ul);
  }
  box.textContent = "";
  box.style.minHeight = "";
  box.appendChild(frag);
  box.dataset.rendered = "1";
  applyArticle(i);
}

function anyOn(ids) {
  return ids.split(" ").some(function (id) { var c = byId.get(id); return c && isOn(c); });
}
function applyArticle(i) {
  var sec = sections[i];
  sec.querySelectorAll(".claim").forEach(function (el) {
    var on = isOn(byId.get(el.dataset.id));
    el.classList.toggle("off", !on);
    if (el.parentNode.tagName === "LI") el.parentNode.classList.toggle("off", !on);
  });
  sec.querySelectorAll("span.ul").forEach(function (el) {
    if (el.dataset.subj) el.classList.toggle("nosubj", !anyOn(el.dataset.subj));
    if (el.dataset.pp) el.classList.toggle("nopp", !anyOn(el.dataset.pp));
  });
}
function applyAll() {
  var claims = 0, articles = 0;
  arts.forEach(function (a, i) {
    var n = a.claims.filter(isOn).length;
    var show = (state.all || n > 0) && (!state.q || a.path.toLowerCase().indexOf(state.q.toLowerCase()) >= 0);
    sections[i].hidden = !show;
    sections[i].querySelector(".count").textContent = n === a.claims.length
      ? n + (n === 1 ? " claim" : " claims") : n + " of " + a.claims.length + " claims shown";
    if (show) { articles++; claims += n; }
    if (rendered[i]) applyArticle(i);
  });
  document.getElementById("shown").textContent = claims + " claims shown in " + articles + " articles";
}

function select(id) {
  var c = byId.get(id);
  if (!c) return;
  selected = id;
  document.querySelectorAll(".sel").forEach(function (el) { el.classList.remove("sel"); });
  document.querySelectorAll(".selsubj").forEach(function (el) { el.classList.remove("selsubj"); });
  renderArticle(c.article);
  var sec = sections[c.article];
  sec.querySelectorAll(".claim").forEach(function (el) { if (el.dataset.id === id) el.classList.add("sel"); });
  sec.querySelectorAll("span.ul").forEach(function (el) {
    if ((el.dataset.subj || "").split(" ").indexOf(id) >= 0) el.classList.add("selsubj");
  });
  var panel = document.getElementById("panel");
  panel.textContent = "";
  var dl = document.createElement("dl");
  [["claim", c.text], ["value", c.value + "%"], ["bound", c.bound], ["kind", c.kind],
   ["population", c.population], ["evidence", c.evidence],
   ["subject", c.subject ? c.subject.text : "(none)"],
   ["population phrase", c.phrase ? c.phrase.text : "(none)"],
   ["status", c.status + (c.note ? ": " + c.note : "")],
   ["article", arts[c.article].path + ":" + c.line + ":" + c.column], ["id", c.id]
  ].forEach(function (kv) {
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = kv[0];
    dd.textContent = kv[1];
    dl.appendChild(dt);
    dl.appendChild(dd);
  });
  panel.appendChild(dl);
  panel.dataset.id = id;
}

function onFilter() {
  state.pops = new Set(Array.from(document.querySelectorAll("input[name=population]:checked"), function (el) { return el.value; }));
  state.statuses = new Set(Array.from(document.querySelectorAll("input[name=status]:checked"), function (el) { return el.value; }));
  state.all = document.getElementById("all").checked;
  state.q = document.getElementById("q").value;
  applyAll();
  writeHash();
}
document.getElementById("side").addEventListener("change", onFilter);
document.getElementById("q").addEventListener("input", onFilter);
document.getElementById("main").addEventListener("click", function (ev) {
  var el = ev.target.closest(".claim, span.ul[data-subj]");
  if (!el) return;
  select(el.dataset.id || el.dataset.subj.split(" ")[0]);
  writeHash();
});
window.addEventListener("hashchange", function () {
  var h = readHash();
  syncInputs();
  applyAll();
  if (h.get("claim")) select(h.get("claim"));
});

var h = readHash();
syncInputs();
applyAll();
var frag = document.createDocumentFragment();
sections.forEach(function (sec) { frag.appendChild(sec); });
document.getElementById("main").appendChild(frag);
if (h.get("render") === "all") {
  arts.forEach(function (a, i) { renderArticle(i); });
} else {
  // The first articles now, so the page is never blank; the rest as they come near.
  var first = 0;
  for (var i = 0; i < sections.length && first < 3; i++) {
    if (!sections[i].hidden) { renderArticle(i); first++; }
  }
  var io = new IntersectionObserver(function (entries) {
    entries.forEach(function (en) {
      if (!en.isIntersecting) return;
      var i = +en.target.parentNode.dataset.i;
      renderArticle(i);
      io.unobserve(en.target);
    });
  }, { root: document.getElementById("main"), rootMargin: "1500px 0px" });
  sections.forEach(function (s, i) { if (!rendered[i]) io.observe(s.querySelector(".text")); });
}
if (h.get("claim")) {
  select(h.get("claim"));
  var el = document.querySelector(".claim.sel");
  if (el) el.scrollIntoView({ block: "center" });
}
var ms = performance.now();
document.body.dataset.firstRender = ms.toFixed(1);
document.getElementById("timing").textContent = "first render " + ms.toFixed(0) + " ms after navigation start; " +
  rendered.filter(Boolean).length + " of " + arts.length + " articles rendered so far";
})();
