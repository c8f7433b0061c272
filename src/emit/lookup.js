// The lookup page's script: search the entries orgc embedded, and show the
// answers orgc computed. It never routes anything itself.
//
// Data (see src/emit/lookup.rs): `entries[i] = [kind, label, answer]`; an
// answer is `[[role, handler, …], limit, [file, line, text, …]]`, where
// handler and text index `strings`, role indexes `roles`, file indexes
// `files`; `dispatch[e][c]` is the answer for event `events[e]` raised in
// community `communities[c]` (both indices into `entries`).
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("orgc-data").textContent);
  var U = D.ui, S = D.strings, E = D.entries;
  var LIMIT = 50;
  var SEP = D.lang === "zh" ? "、" : ", ";
  var input = document.getElementById("q");
  var form = document.getElementById("search-form");
  var status = document.getElementById("status");
  var list = document.getElementById("results");
  var detail = document.getElementById("detail");

  var ROLE = {};
  D.roles.forEach(function (r, i) { ROLE[r[0]] = i; });
  var KIND = {};
  D.kinds.forEach(function (k, i) { KIND[k[0]] = i; });
  function kindLabel(k) { return D.kinds[k][1]; }
  var eventAt = {}, communityAt = {};
  D.events.forEach(function (entry, e) { eventAt[entry] = e; });
  D.communities.forEach(function (entry, c) { communityAt[entry] = c; });

  // ---- the search index: every label, normalised (NFKC, lower case, single
  // spaces), in one string, so that one indexOf scans all of them
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }
  var keys = new Array(E.length);
  var starts = new Array(E.length);
  var parts = [];
  var at = 0;
  for (var i = 0; i < E.length; i++) {
    keys[i] = norm(E[i][1]);
    starts[i] = at + 1;
    parts.push("\u0001", keys[i]);
    at += 1 + keys[i].length;
  }
  var big = parts.join("") + "\u0001";
  function entryAt(pos) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // 0: a whole word of the label; 1: the start of one; 2: anywhere
  function quality(key, q) {
    if (key === q) return 0;
    var words = key.split(" ");
    if (words.indexOf(q) >= 0) return 0;
    for (var w = 0; w < words.length; w++) if (words[w].indexOf(q) === 0) return 1;
    return 2;
  }

  function search(text) {
    var q = norm(text);
    if (!q) return [];
    var terms = q.split(" ");
    var longest = terms.reduce(function (a, b) { return b.length > a.length ? b : a; });
    var hits = [];
    var pos = big.indexOf(longest);
    while (pos !== -1) {
      var i = entryAt(pos);
      var k = keys[i];
      var all = true;
      for (var t = 0; t < terms.length; t++) if (k.indexOf(terms[t]) < 0) { all = false; break; }
      if (all) hits.push({ i: i, q: k.indexOf(q) >= 0 ? quality(k, q) : 2 });
      pos = big.indexOf(longest, starts[i] + k.length);
    }
    // the best match first, then by kind, then as the tables sort (by id, code or name)
    hits.sort(function (a, b) { return a.q - b.q || E[a.i][0] - E[b.i][0] || a.i - b.i; });
    // an event kind and a place, in two or more words: the dispatch rows
    if (terms.length > 1) {
      var dk = dispatchKeys();
      for (var d = 0; d < dk.length; d++) {
        var ok = true;
        for (var u = 0; u < terms.length; u++) if (dk[d].indexOf(terms[u]) < 0) { ok = false; break; }
        if (ok) hits.push({ e: Math.floor(d / D.communities.length), c: d % D.communities.length, q: 3 });
      }
    }
    return hits;
  }
  var dkeys = null;
  function dispatchKeys() {
    if (!dkeys) {
      dkeys = [];
      D.events.forEach(function (ev) {
        D.communities.forEach(function (co) { dkeys.push(keys[ev] + " " + keys[co]); });
      });
    }
    return dkeys;
  }

  // ---- building the page
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }
  // a reason's `names` in bold
  function rich(text) {
    var f = document.createDocumentFragment();
    String(text).split("`").forEach(function (part, j) {
      if (part) f.appendChild(j % 2 ? el("b", null, part) : document.createTextNode(part));
    });
    return f;
  }
  function fragmentFor(query) {
    return "#q=" + encodeURIComponent(query);
  }
  // a handler: a link that searches its first part (the department, the community …)
  function nameLink(name) {
    var a = el("a", null, name);
    a.href = fragmentFor(name.split(".")[0]);
    return a;
  }
  function handlers(p) {
    var out = [];
    for (var j = 0; j < p[0].length; j += 2) out.push({ role: p[0][j], name: S[p[0][j + 1]] });
    return out;
  }
  function withRole(p, names) {
    return handlers(p).filter(function (h) { return names.indexOf(D.roles[h.role][0]) >= 0; })
      .map(function (h) { return h.name; });
  }
  function summary(p) {
    return handlers(p).slice(0, 3).map(function (h) { return h.name; }).join(" · ");
  }

  // who handles it, the time limit or tier, `extra` (a picker, a table), the reasons
  function card(kindText, label, p, limitHead, extra) {
    var c = el("article", "card");
    c.appendChild(el("p", "kind", kindText));
    c.appendChild(el("h2", null, label));
    var hs = handlers(p);
    if (hs.length) {
      c.appendChild(el("h3", null, U.handled_by));
      var dl = el("dl", "who"), dd = null;
      hs.forEach(function (h, j) {
        if (j === 0 || hs[j - 1].role !== h.role) {
          dl.appendChild(el("dt", null, D.roles[h.role][1]));
          dd = el("dd");
          dl.appendChild(dd);
        } else {
          dd.appendChild(document.createTextNode(SEP));
        }
        // a module or group is not searched on its own: plain text
        var key = D.roles[h.role][0];
        dd.appendChild(key === "Module" || key === "Group" ? el("span", null, h.name) : nameLink(h.name));
      });
      c.appendChild(dl);
    }
    if (p[1] !== null && p[1] !== undefined) {
      var l = el("p", "limit");
      l.appendChild(el("span", "limit-head", limitHead));
      l.appendChild(document.createTextNode(S[p[1]]));
      c.appendChild(l);
    }
    if (extra) c.appendChild(extra);
    var r = p[2];
    if (r.length) {
      c.appendChild(el("h3", null, U.because));
      var ol = el("ol", "chain");
      for (var j = 0; j < r.length; j += 3) {
        var li = el("li");
        li.appendChild(el("span", "at", D.files[r[j]] + ":" + r[j + 1]));
        li.appendChild(rich(S[r[j + 2]]));
        ol.appendChild(li);
      }
      c.appendChild(ol);
    }
    return c;
  }

  function dispatchCard(e, c, sub) {
    var p = D.dispatch[e][c];
    var label = E[D.events[e]][1] + " @ " + E[D.communities[c]][1];
    var k = card(kindLabel(KIND.dispatch), label, p, U.tier);
    if (sub) k.classList.add("sub");
    return k;
  }
  function showDispatch(box, e, c, scroll) {
    box.replaceChildren(dispatchCard(e, c, true));
    history.replaceState(null, "", fragmentFor(E[D.events[e]][1] + " " + E[D.communities[c]][1].split(" ")[0]));
    if (scroll) box.scrollIntoView({ block: "nearest" });
  }
  function sentBy(p) {
    return withRole(p, ["Team", "Direct"]).join(SEP);
  }
  function rowsTable(heads) {
    var t = el("table", "rows");
    var tr = el("tr");
    heads.forEach(function (h) { var th = el("th", null, h); th.scope = "col"; tr.appendChild(th); });
    var thead = el("thead");
    thead.appendChild(tr);
    t.appendChild(thead);
    t.appendChild(el("tbody"));
    return t;
  }

  // an event kind: pick the community, or read the rows of every community;
  // `c0`, if given, is picked already (and shown above, by the caller)
  function eventExtra(c0, e) {
    var wrap = el("div");
    var pick = el("div", "pick");
    var lab = el("label", null, U.pick);
    lab.htmlFor = "pick";
    var sel = el("select");
    sel.id = "pick";
    var none = el("option", null, U.choose);
    none.value = "";
    sel.appendChild(none);
    D.communities.forEach(function (entry, c) {
      var o = el("option", null, E[entry][1]);
      o.value = String(c);
      sel.appendChild(o);
    });
    pick.appendChild(lab);
    pick.appendChild(sel);
    wrap.appendChild(pick);
    var box = el("div");
    box.style.marginTop = "14px";
    wrap.appendChild(box);
    sel.addEventListener("change", function () {
      if (sel.value === "") box.replaceChildren();
      else showDispatch(box, e, Number(sel.value), false);
    });
    var det = el("details");
    det.appendChild(el("summary", null, U.all_communities));
    var scroll = el("div", "scroll");
    det.appendChild(scroll);
    wrap.appendChild(det);
    // the table of every community is built when it is opened
    det.addEventListener("toggle", function () {
      if (det.open && !scroll.firstChild) scroll.appendChild(everyCommunity(e, sel, box));
    });
    if (c0 !== undefined) sel.value = String(c0);
    return wrap;
  }
  function everyCommunity(e, sel, box) {
    var t = rowsTable([U.community, U.team, U.enforcement, U.tier]);
    D.communities.forEach(function (entry, c) {
      var p = D.dispatch[e][c];
      var tr = el("tr");
      var td = el("td");
      var b = el("button", "link", E[entry][1]);
      b.type = "button";
      b.addEventListener("click", function () { sel.value = String(c); showDispatch(box, e, c, true); });
      td.appendChild(b);
      tr.appendChild(td);
      tr.appendChild(el("td", null, sentBy(p)));
      tr.appendChild(el("td", null, withRole(p, ["EnforcementTeam"]).join(SEP)));
      tr.appendChild(el("td", null, p[1] === null ? "" : S[p[1]]));
      t.tBodies[0].appendChild(tr);
    });
    return t;
  }

  // a community: the team sent for every event kind there
  function communityExtra(c) {
    var wrap = el("div");
    var box = el("div");
    wrap.appendChild(el("h3", null, U.community_events));
    var t = rowsTable([U.event, U.team, U.tier]);
    D.events.forEach(function (entry, e) {
      var p = D.dispatch[e][c];
      var tr = el("tr");
      var td = el("td");
      var b = el("button", "link", E[entry][1]);
      b.type = "button";
      b.addEventListener("click", function () { showDispatch(box, e, c, true); });
      td.appendChild(b);
      tr.appendChild(td);
      tr.appendChild(el("td", null, sentBy(p)));
      tr.appendChild(el("td", null, p[1] === null ? "" : S[p[1]]));
      t.tBodies[0].appendChild(tr);
    });
    wrap.appendChild(box);
    wrap.appendChild(t);
    return wrap;
  }

  function show(hit) {
    var nodes = [];
    if (hit.i === undefined) {
      // the dispatch asked for, then its event kind, for the other communities
      nodes.push(dispatchCard(hit.e, hit.c, false));
      nodes.push(card(kindLabel(KIND.event), E[D.events[hit.e]][1], E[D.events[hit.e]][2], U.tier,
        eventExtra(hit.c, hit.e)));
    } else {
      var entry = E[hit.i];
      var extra = null;
      if (eventAt[hit.i] !== undefined) extra = eventExtra(undefined, eventAt[hit.i]);
      if (communityAt[hit.i] !== undefined) extra = communityExtra(communityAt[hit.i]);
      nodes.push(card(kindLabel(entry[0]), entry[1], entry[2],
        entry[0] === KIND.item ? U.time_limit : U.tier, extra));
    }
    detail.replaceChildren.apply(detail, nodes);
  }

  // ---- the results list
  var hits = [], active = -1;
  function highlighted(label, q) {
    var f = document.createDocumentFragment();
    var n = norm(label);
    var terms = q ? q.split(" ") : [];
    var longest = terms.reduce(function (a, b) { return b.length > a.length ? b : a; }, "");
    var at = longest ? n.indexOf(longest) : -1;
    // positions carry over only when normalising kept the length
    if (at < 0 || n.length !== label.length) {
      f.appendChild(document.createTextNode(label));
      return f;
    }
    f.appendChild(document.createTextNode(label.slice(0, at)));
    f.appendChild(el("mark", null, label.slice(at, at + longest.length)));
    f.appendChild(document.createTextNode(label.slice(at + longest.length)));
    return f;
  }
  // `scroll`: nothing when a search opens its first result, "list" when the
  // arrow keys move (keep the result in view), "detail" for a click or a tap
  // (on a phone, bring the answer into view below the list)
  function select(j, scroll) {
    if (j < 0 || j >= Math.min(hits.length, LIMIT)) return;
    if (active >= 0 && list.children[active]) list.children[active].setAttribute("aria-selected", "false");
    active = j;
    var li = list.children[j];
    li.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", li.id);
    if (scroll !== undefined) li.scrollIntoView({ block: "nearest" });
    show(hits[j]);
    if (scroll === "detail" && window.matchMedia("(max-width: 760px)").matches) detail.scrollIntoView({ block: "start" });
  }
  var lastRun = null;
  function run(text) {
    var q = norm(text);
    lastRun = q;
    hits = search(text);
    active = -1;
    list.replaceChildren();
    var shown = Math.min(hits.length, LIMIT);
    for (var j = 0; j < shown; j++) {
      var h = hits[j];
      var li = el("li");
      li.id = "r" + j;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var kind, label, p;
      if (h.i === undefined) {
        kind = KIND.dispatch;
        label = E[D.events[h.e]][1] + " @ " + E[D.communities[h.c]][1];
        p = D.dispatch[h.e][h.c];
      } else {
        kind = E[h.i][0];
        label = E[h.i][1];
        p = E[h.i][2];
      }
      li.appendChild(el("span", "badge", kindLabel(kind)));
      var lab = el("span", "res-label");
      lab.appendChild(highlighted(label, q));
      li.appendChild(lab);
      var sub = h.i === undefined ? sentBy(p) : summary(p);
      if (sub) li.appendChild(el("span", "res-sub", sub));
      (function (j) {
        li.addEventListener("click", function () { select(j, "detail"); });
      })(j);
      list.appendChild(li);
    }
    input.setAttribute("aria-expanded", shown ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    if (!q) {
      status.textContent = "";
      detail.replaceChildren();
    } else if (!hits.length) {
      status.textContent = U.none;
      detail.replaceChildren(el("p", "empty", U.none));
    } else {
      status.textContent = hits.length > LIMIT
        ? U.shown.replace("{shown}", String(LIMIT)).replace("{total}", String(hits.length))
        : U.found.replace("{total}", String(hits.length));
      select(0);
    }
  }

  // ---- typing, keys, the URL fragment (#q=TEXT)
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      history.replaceState(null, "", input.value ? fragmentFor(input.value) : location.pathname);
      run(input.value);
    }, 120);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); select(Math.min(active + 1, Math.min(hits.length, LIMIT) - 1), "list"); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); select(Math.max(active - 1, 0), "list"); }
    else if (ev.key === "Enter") {
      ev.preventDefault();
      clearTimeout(timer);
      if (norm(input.value) !== lastRun) run(input.value);
      if (hits.length) detail.focus();
    } else if (ev.key === "Escape") { input.value = ""; run(""); }
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  function fromHash() {
    var m = /(?:^#|&)q=([^&]*)/.exec(location.hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return m[1]; }
  }
  function openHash() {
    var q = fromHash();
    if (q === null) return;
    input.value = q;
    run(q);
  }
  window.addEventListener("hashchange", openHash);
  openHash();
  if (!location.hash) input.focus();
})();
