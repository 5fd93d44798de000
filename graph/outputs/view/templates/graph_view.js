/* graph.html behaviour: legend and filters, date range, co-mention edges, search,
 * neighbourhood highlight, tooltip, side panel and the opening view.
 *
 * Everything shown comes from the JSON in #kg-data and is written with
 * textContent (the tooltip too: vis-network's own popup is not used), never
 * as HTML, so article text cannot inject markup or script.
 *
 * API: window.kgView, used by the page's own controls and by tests (ids are entity ids).
 *   ready()                 true once the layout is final and the opening view is drawn
 *   idle()                  true when no camera animation is running
 *   select(id)              what a search hit does: show its type, select, highlight, focus, panel
 *   clickNode(id), clickEdge(edgeId), clickBackground()
 *                           what a click on the canvas there does (false when not drawn)
 *   focus(id)               camera on the node (scale at least 1.1), at once
 *   showTooltip(id)         the node's tooltip next to it, at once; false when it is not drawn
 *   hideTooltip()           hide the tooltip
 *   tooltipText()           the text of the shown tooltip, or null
 *   resetView()             back to the opening view: the entities with an edge, framed,
 *                           zoomed in until the most mentioned ones' labels are readable
 *   labelPx(id)             the node label's font size on screen (CSS pixels)
 *   inView(id)              whether the node's centre is inside the drawing area
 *   setHideUnconnected(on)  hide the entities that no drawn edge touches
 *   setCoMentions(n)        dashed edges between entities named together in at least n
 *                           articles (of the date range); 0 removes them
 *   setDateRange(from, to, withUndated)
 *                           keep only the articles dated from..to (ISO dates, null: open end),
 *                           and the undated ones when withUndated: facts, edges, co-mentions and
 *                           entities of other articles are not drawn, nor listed in the panel
 *   shownNodes(), shownEdges()
 *                           ids drawn now (a co-mention edge is "c<a>-<b>", a and b node indexes)
 * window.kgNetwork (the vis.Network), window.kgData and window.kgSelect stay for older scripts.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var options = JSON.parse(document.getElementById("kg-options").textContent);

  var DIM_NODE = { background: "#eceff1", border: "#d5dbe0", highlight: { background: "#eceff1", border: "#d5dbe0" } };
  var DIM_EDGE = { color: "#e3e7eb", highlight: "#e3e7eb", hover: "#e3e7eb", opacity: 0.6 };
  var DIM_FONT_COLOR = "#b8c0c8";
  var CO_MENTION = "coMention";  // kgRelation of a co-mention edge
  var CO_COLOUR = { color: "#9aa5b1", highlight: "#59636e", hover: "#59636e", opacity: 0.8 };
  var MAX_SEARCH_RESULTS = 20;
  // Texts longer than this (UTF-16 units) show their start and a button for
  // the rest: the browser takes seconds to lay out a 100,000-character name
  // or an article with no sentence breaks. Buttons show a shorter form.
  var PANEL_TEXT_MAX = 2000;
  var BUTTON_TEXT_MAX = 80;
  var TOOLTIP_DELAY_MS = 150;
  var TOOLTIP_ARTICLES = 3;  // article titles a co-mention edge's tooltip lists
  // The opening view: this many of the most mentioned entities get readable labels;
  // small graphs are not blown up beyond MAX_OPENING_SCALE.
  var READABLE_TOP = 5;
  var MAX_OPENING_SCALE = 1.5;
  // Entities without an edge, in a physics layout: a block below the rest.
  var BLOCK_STEP_X = 130, BLOCK_STEP_Y = 90, BLOCK_GAP = 160;

  var typeByKey = index(data.types, "key");
  var predicateNames = data.predicates;
  var shownTypes = new Set(data.types.map(function (t) { return t.key; }));
  var shownRelations = new Set(data.relations.map(function (r) { return r.key; }));

  var status = document.getElementById("kg-status");
  var panel = document.getElementById("kg-panel");
  var container = document.getElementById("kg-network");
  var tooltip = document.getElementById("kg-tooltip");
  var unconnectedCount = document.getElementById("kg-unconnected-count");

  /* ---- what is shown: filters, date range, co-mentions ---- */
  var hideUnconnected = false;
  var coMin = 0;  // 0: no co-mention edges
  var dateFrom = null, dateTo = null, withUndated = true;
  var inRange = null;  // null: every article; else one boolean per article
  var pinned = null;  // the entity last selected by search or link: drawn whatever the filters
  var highlighted = null;  // the entity whose neighbourhood is highlighted
  var shownNodeIds = new Set();
  var shownEdgeIds = new Set();
  var connected = new Set();  // entities that a drawn edge touches
  var coEdges = {};  // id → count of the co-mention edges in the DataSet

  function articleShown(i) { return inRange === null || inRange[i]; }
  function factShown(f) { return inRange === null || inRange[data.facts[f].article]; }

  function computeRange() {
    if (dateFrom === null && dateTo === null && withUndated) {
      inRange = null;
      return;
    }
    inRange = data.articles.map(function (a) {
      if (!a.date) return withUndated;
      return (dateFrom === null || a.date >= dateFrom) && (dateTo === null || a.date <= dateTo);
    });
  }

  function index(list, key) {
    var out = {};
    list.forEach(function (item) { out[item[key]] = item; });
    return out;
  }

  // What a dimmed node or edge goes back to: vis-network merges font options,
  // so the label colour, stroke and size must be restored explicitly.
  var nodeFont = { color: options.nodes.font.color, strokeWidth: options.nodes.font.strokeWidth };
  var edgeFont = { color: options.edges.font.color, strokeWidth: options.edges.font.strokeWidth };
  var baseNode = {};
  data.nodes.forEach(function (n) {
    baseNode[n.id] = { color: n.color, font: Object.assign({}, nodeFont, n.font) };
  });
  var baseEdge = {};
  data.edges.forEach(function (e) { baseEdge[e.id] = { color: e.color, font: edgeFont }; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  function fontSize(id) {
    var node = nodes.get(id);
    return node && node.font && node.font.size ? node.font.size : options.nodes.font.size;
  }

  function coMentionEdge(pairIndex, count) {
    var pair = data.coMentions.pairs[pairIndex];
    return {
      id: "c" + pair[0] + "-" + pair[1],
      from: data.nodes[pair[0]].id,
      to: data.nodes[pair[1]].id,
      kgRelation: CO_MENTION,
      kgPair: pairIndex,
      kgCount: count,
      color: CO_COLOUR,
      dashes: [5, 5],
      width: Math.min(6, 1 + Math.log2(count)),
      arrows: { to: { enabled: false } },
      smooth: false,
      physics: false,
    };
  }

  // Decide what is drawn; returns what brings the co-mention edges of the DataSet up to date.
  function computeShown() {
    var candidate = new Set();
    data.nodes.forEach(function (n) {
      var entity = data.entities[n.id];
      if (!shownTypes.has(entity.type)) return;
      if (n.id === pinned || inRange === null || entity.in.some(articleShown) || entity.facts.some(factShown)) {
        candidate.add(n.id);
      }
    });
    var wanted = new Set();
    connected = new Set();
    function link(from, to, id) {
      wanted.add(id);
      connected.add(from);
      connected.add(to);
    }
    data.edges.forEach(function (e) {
      if (!shownRelations.has(e.kgRelation) || !candidate.has(e.from) || !candidate.has(e.to)) return;
      if (inRange !== null && !data.edgeFacts[e.id].some(factShown)) return;
      link(e.from, e.to, e.id);
    });
    var keep = {}, added = [], changed = [];
    if (coMin > 0) {
      data.coMentions.pairs.forEach(function (pair, i) {
        var from = data.nodes[pair[0]].id, to = data.nodes[pair[1]].id;
        if (!candidate.has(from) || !candidate.has(to)) return;
        var count = inRange === null ? pair[2].length : pair[2].filter(articleShown).length;
        if (count < coMin) return;
        var edge = coMentionEdge(i, count);
        keep[edge.id] = count;
        if (!(edge.id in coEdges)) added.push(edge);
        else if (coEdges[edge.id] !== count) changed.push(edge);
        link(from, to, edge.id);
      });
    }
    shownNodeIds = new Set();
    var unconnected = 0;
    candidate.forEach(function (id) {
      if (!connected.has(id)) unconnected += 1;
      if (!hideUnconnected || connected.has(id) || id === pinned) shownNodeIds.add(id);
    });
    unconnectedCount.textContent = String(unconnected);
    shownEdgeIds = wanted;
    var removed = Object.keys(coEdges).filter(function (id) { return !(id in keep); });
    coEdges = keep;
    // The co-mention edges of the DataSet change once the nodes are in place (refreshViews).
    return function () {
      if (removed.length) {
        edges.remove(removed);
        removed.forEach(function (id) { delete baseEdge[id]; });
      }
      added.concat(changed).forEach(function (e) { baseEdge[e.id] = { color: e.color, font: edgeFont }; });
      if (added.length) edges.add(added);
      if (changed.length) edges.update(changed);
    };
  }

  /* ---- small DOM helpers: text only ---- */
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function cut(text, limit) {
    var end = limit - 1;
    // Never split a surrogate pair: the half would show as a replacement character.
    var code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1;
    return text.slice(0, end) + "…";
  }
  function short(text, limit) {
    text = String(text);
    return text.length > limit ? cut(text, limit) : text;
  }
  // A block of text for the panel: the whole text, or its start and a button that shows the rest.
  function textBlock(tag, text, className) {
    text = text === undefined || text === null ? "" : String(text);
    if (text.length <= PANEL_TEXT_MAX) return el(tag, text, className);
    var node = el(tag, null, className);
    var shown = el("span", cut(text, PANEL_TEXT_MAX), "kg-cut");
    var more = el("button", "显示全部（" + text.length + " 字）", "kg-more");
    more.type = "button";
    more.addEventListener("click", function () {
      shown.textContent = text;
      node.removeChild(more);
    });
    node.appendChild(shown);
    node.appendChild(more);
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /* ---- the network ---- */
  computeRange();
  computeShown();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shownNodeIds.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shownEdgeIds.has(e.id); } });
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network;
  window.kgData = { nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView };

  var settled = !data.physics;
  var ready = false;
  var animating = false;
  if (data.physics) {
    status.textContent = "正在布局…";
    network.on("stabilizationProgress", function (p) {
      status.textContent = "正在布局 " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      // Freeze the layout: physics off, and the settled positions kept in the
      // data so nodes hidden by a filter come back where they were.
      network.setOptions({ physics: { enabled: false } });
      var positions = network.getPositions();
      setOutUnlinked(positions);
      nodes.update(Object.keys(positions).map(function (id) {
        return { id: id, x: positions[id].x, y: positions[id].y };
      }));
      settled = true;
      openingView();
      showCounts();
      network.redraw();
    });
  } else {
    openingView();
    showCounts();
  }
  network.on("afterDrawing", function () {
    if (settled && !ready) {
      ready = true;
      window.__kgReady = true;
      window.__kgReadyAt = performance.now();
    }
  });
  network.on("animationFinished", function () { animating = false; });

  // Entities that took no part in the physics (no edge) go in rows below the
  // rest, the most mentioned first, instead of floating among the others.
  function setOutUnlinked(positions) {
    var unlinked = [], minX = Infinity, maxX = -Infinity, maxY = -Infinity;
    data.nodes.forEach(function (n) {
      if (n.physics === false) {
        unlinked.push(n.id);
      } else if (positions[n.id]) {
        minX = Math.min(minX, positions[n.id].x);
        maxX = Math.max(maxX, positions[n.id].x);
        maxY = Math.max(maxY, positions[n.id].y);
      }
    });
    if (unlinked.length === 0) return;
    if (minX === Infinity) { minX = 0; maxX = 0; maxY = -BLOCK_GAP; }
    unlinked.sort(byMentions);
    var width = Math.max(maxX - minX, Math.sqrt(unlinked.length) * BLOCK_STEP_X);
    var columns = Math.max(1, Math.floor(width / BLOCK_STEP_X) + 1);
    var left = (minX + maxX) / 2 - ((Math.min(columns, unlinked.length) - 1) * BLOCK_STEP_X) / 2;
    unlinked.forEach(function (id, i) {
      positions[id] = { x: left + (i % columns) * BLOCK_STEP_X, y: maxY + BLOCK_GAP + Math.floor(i / columns) * BLOCK_STEP_Y };
    });
  }

  function byMentions(a, b) {
    var d = data.entities[b].articles - data.entities[a].articles;
    return d || (a < b ? -1 : a > b ? 1 : 0);
  }

  /* ---- camera ---- */
  function inView(id) {
    var position = network.getPositions([id])[id];
    if (!position) return false;
    var p = network.canvasToDOM(position);
    return p.x >= 0 && p.y >= 0 && p.x <= container.clientWidth && p.y <= container.clientHeight;
  }

  function labelPx(id) {
    return network.getScale() * fontSize(id);
  }

  // Frame the drawn entities that have an edge (all drawn ones when none has),
  // then zoom in, if needed, until the most mentioned ones' labels are readable.
  function openingView() {
    var ids = nodeView.getIds();
    if (ids.length === 0) return;
    var linked = ids.filter(function (id) { return connected.has(id); });
    var frame = linked.length > 0 ? linked : ids;
    network.fit({ nodes: frame, maxZoomLevel: MAX_OPENING_SCALE, animation: false });
    var top = frame.slice().sort(byMentions).slice(0, READABLE_TOP);
    var smallest = Math.min.apply(null, top.map(fontSize));
    var needed = (data.readablePx / smallest) * 1.001;
    if (network.getScale() < needed) {
      network.moveTo({ position: network.getViewPosition(), scale: needed, animation: false });
      if (!inView(top[0])) {
        network.moveTo({ position: network.getPositions([top[0]])[top[0]], scale: needed, animation: false });
      }
    }
  }

  function focusOn(id, animate) {
    if (animate) animating = true;
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.1),
      animation: animate ? { duration: 400 } : false,
    });
  }

  document.getElementById("kg-reset").addEventListener("click", function () { resetView(); });
  function resetView() {
    hideTooltip();
    openingView();
  }

  function showCounts() {
    var relations = 0, co = 0;
    shownEdgeIds.forEach(function (id) { if (id in coEdges) co += 1; else relations += 1; });
    status.textContent = shownNodeIds.size + " 个实体 · " + relations + " 条关系" +
      (coMin > 0 ? " · " + co + " 条共同出现连线" : "") +
      (data.omitted ? " · 另有 " + data.omitted + " 个提及较少的实体未画出（完整图谱见 graph.ttl）" : "");
  }

  /* ---- tooltip: the page's own, plain text ---- */
  var tipTimer = null;

  function placeTooltip(text, x, y) {
    tooltip.textContent = text;
    tooltip.hidden = false;
    var width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    var left = x + 14, top = y + 14;
    if (left + width > container.clientWidth) left = Math.max(0, x - 14 - width);
    if (top + height > container.clientHeight) top = Math.max(0, y - 14 - height);
    tooltip.style.left = left + "px";
    tooltip.style.top = top + "px";
  }

  function showTooltip(id) {
    var node = nodes.get(id);
    if (!node || !shownNodeIds.has(id)) return false;
    clearTimeout(tipTimer);
    var p = network.canvasToDOM(network.getPositions([id])[id]);
    placeTooltip(node.tip, p.x, p.y);
    return true;
  }

  function hideTooltip() {
    clearTimeout(tipTimer);
    tipTimer = null;
    tooltip.hidden = true;
  }

  function tooltipLater(text, params) {
    clearTimeout(tipTimer);
    var at = params.pointer && params.pointer.DOM ? params.pointer.DOM : { x: 0, y: 0 };
    tipTimer = setTimeout(function () { placeTooltip(text, at.x, at.y); }, TOOLTIP_DELAY_MS);
  }

  function edgeTip(id) {
    var edge = edges.get(id);
    if (!edge) return "";
    if (edge.kgRelation !== CO_MENTION) return edge.tip;
    var pair = data.coMentions.pairs[edge.kgPair];
    var articles = pair[2].filter(articleShown);
    var lines = [short(entityLabel(edge.from), 200) + " — " + short(entityLabel(edge.to), 200) +
      "：共同出现于 " + articles.length + " 篇文章"];
    articles.slice(0, TOOLTIP_ARTICLES).forEach(function (i) { lines.push("—— " + articleLine(i)); });
    if (articles.length > TOOLTIP_ARTICLES) lines.push("……另有 " + (articles.length - TOOLTIP_ARTICLES) + " 篇（点击连线查看）");
    return lines.join("\n");
  }

  network.on("hoverNode", function (params) {
    var node = nodes.get(params.node);
    if (node) tooltipLater(node.tip, params);
  });
  network.on("hoverEdge", function (params) { tooltipLater(edgeTip(params.edge), params); });
  ["blurNode", "blurEdge", "dragStart", "zoom", "click"].forEach(function (name) { network.on(name, hideTooltip); });
  container.addEventListener("mouseleave", hideTooltip);

  /* ---- legend and filters ---- */
  function buildFilter(fieldsetId, items, shown, attribute, lineSwatch) {
    var fieldset = document.getElementById(fieldsetId);
    items.forEach(function (item) {
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.setAttribute(attribute, item.key);
      box.addEventListener("change", function () {
        if (box.checked) shown.add(item.key); else shown.delete(item.key);
        refreshViews();
      });
      var swatch = el("span", null, lineSwatch ? "kg-swatch kg-swatch-line" : "kg-swatch");
      swatch.style.background = item.color;
      label.appendChild(box);
      label.appendChild(swatch);
      var name = el("span", null, "kg-name");
      name.appendChild(el("span", item.zh));
      name.appendChild(el("span", item.en, "kg-en"));
      label.appendChild(name);
      label.appendChild(el("span", item.count, "kg-count"));
      fieldset.appendChild(label);
    });
  }
  buildFilter("kg-types", data.types, shownTypes, "data-type", false);
  buildFilter("kg-relations", data.relations, shownRelations, "data-relation", true);

  function refreshViews() {
    var updateCoMentionEdges = computeShown();
    nodeView.refresh();
    updateCoMentionEdges();
    edgeView.refresh();
    if (highlighted !== null) highlight(highlighted);
    if (settled) showCounts();
  }

  function showType(typeKey) {
    if (shownTypes.has(typeKey)) return;
    shownTypes.add(typeKey);
    var box = document.querySelector('#kg-types input[data-type="' + CSS.escape(typeKey) + '"]');
    if (box) box.checked = true;
  }

  /* ---- display: unconnected entities and co-mention edges ---- */
  var hideBox = document.getElementById("kg-hide-unconnected");
  hideBox.addEventListener("change", function () { setHideUnconnected(hideBox.checked); });
  function setHideUnconnected(on) {
    hideUnconnected = Boolean(on);
    hideBox.checked = hideUnconnected;
    refreshViews();
  }

  var coBox = document.getElementById("kg-comention-on");
  var coSlider = document.getElementById("kg-comention-min");
  var coText = document.getElementById("kg-comention-text");
  var coPairs = data.coMentions.pairs;
  var coMax = coPairs.reduce(function (m, p) { return Math.max(m, p[2].length); }, 0);
  if (coPairs.length === 0) {
    document.getElementById("kg-comention-box").hidden = true;
  } else {
    coSlider.min = String(data.coMentions.min);
    coSlider.max = String(coMax);
    coSlider.value = String(Math.min(coMax, Math.max(data.coMentions.min, 2)));
  }
  function showCoText() {
    coText.textContent = "至少在 " + coSlider.value + " 篇文章中同时出现";
  }
  showCoText();
  coBox.addEventListener("change", function () { setCoMentions(coBox.checked ? Number(coSlider.value) : 0); });
  coSlider.addEventListener("input", function () { setCoMentions(Number(coSlider.value)); });
  function setCoMentions(n) {
    n = Math.max(0, Math.floor(Number(n) || 0));
    coMin = n;
    coBox.checked = n > 0;
    coSlider.disabled = n === 0;
    if (n > 0) coSlider.value = String(n);
    showCoText();
    refreshViews();
  }

  /* ---- dates ---- */
  var dateFromSlider = document.getElementById("kg-date-from");
  var dateToSlider = document.getElementById("kg-date-to");
  var undatedBox = document.getElementById("kg-date-undated");
  var dateText = document.getElementById("kg-date-text");
  var undatedCount = data.articles.filter(function (a) { return !a.date; }).length;
  document.getElementById("kg-undated-count").textContent = String(undatedCount);
  if (data.dates.length === 0) {
    document.getElementById("kg-dates").hidden = true;
  } else {
    dateFromSlider.max = dateToSlider.max = String(data.dates.length - 1);
    dateFromSlider.value = "0";
    dateToSlider.value = String(data.dates.length - 1);
  }
  function showDateText() {
    var first = dateFrom === null ? data.dates[0] : dateFrom;
    var last = dateTo === null ? data.dates[data.dates.length - 1] : dateTo;
    var count = data.articles.filter(function (a, i) { return articleShown(i); }).length;
    dateText.textContent = first + " — " + last + "（" + count + " 篇文章）";
  }
  if (data.dates.length > 0) showDateText();
  function onDateSlider(moved) {
    var from = Number(dateFromSlider.value), to = Number(dateToSlider.value);
    if (from > to) {
      if (moved === dateFromSlider) dateToSlider.value = String(from); else dateFromSlider.value = String(to);
      from = Number(dateFromSlider.value);
      to = Number(dateToSlider.value);
    }
    setDateRange(from === 0 ? null : data.dates[from], to === data.dates.length - 1 ? null : data.dates[to],
      undatedBox.checked);
  }
  dateFromSlider.addEventListener("input", function () { onDateSlider(dateFromSlider); });
  dateToSlider.addEventListener("input", function () { onDateSlider(dateToSlider); });
  undatedBox.addEventListener("change", function () { setDateRange(dateFrom, dateTo, undatedBox.checked); });

  function setDateRange(from, to, undated) {
    dateFrom = from || null;
    dateTo = to || null;
    withUndated = undated === undefined ? true : Boolean(undated);
    undatedBox.checked = withUndated;
    if (data.dates.length > 0) {
      // The sliders show the dated articles' dates that the range keeps.
      var first = data.dates.findIndex(function (d) { return dateFrom === null || d >= dateFrom; });
      var last = -1;
      data.dates.forEach(function (d, i) { if (dateTo === null || d <= dateTo) last = i; });
      dateFromSlider.value = String(first < 0 ? data.dates.length - 1 : first);
      dateToSlider.value = String(last < 0 ? 0 : last);
    }
    computeRange();
    refreshViews();
    if (data.dates.length > 0) showDateText();
    redrawPanel();
  }

  /* ---- neighbourhood highlight ---- */
  function highlight(id) {
    var keepNodes = new Set([id].concat(network.getConnectedNodes(id)));
    var keepEdges = new Set(network.getConnectedEdges(id));
    nodes.update(nodes.getIds().map(function (nid) {
      if (keepNodes.has(nid)) return { id: nid, color: baseNode[nid].color, font: baseNode[nid].font };
      return { id: nid, color: DIM_NODE, font: { color: DIM_FONT_COLOR, strokeWidth: nodeFont.strokeWidth, size: baseNode[nid].font.size } };
    }));
    edges.update(edges.getIds().map(function (eid) {
      if (keepEdges.has(eid)) return { id: eid, color: baseEdge[eid].color, font: baseEdge[eid].font };
      return { id: eid, color: DIM_EDGE, font: { color: DIM_FONT_COLOR, strokeWidth: 0 } };
    }));
    highlighted = id;
  }

  function clearHighlight() {
    if (highlighted === null) return;
    nodes.update(nodes.getIds().map(function (nid) {
      return { id: nid, color: baseNode[nid].color, font: baseNode[nid].font };
    }));
    edges.update(edges.getIds().map(function (eid) {
      return { id: eid, color: baseEdge[eid].color, font: baseEdge[eid].font };
    }));
    highlighted = null;
  }

  function selectEntity(id) {
    var entity = data.entities[id];
    if (!entity) return;
    showType(entity.type);
    pinned = id;
    refreshViews();
    network.selectNodes([id]);
    highlight(id);
    focusOn(id, true);
    showEntity(id);
  }
  window.kgSelect = selectEntity;

  // What a click on the canvas does: on a node, on an edge, on the background.
  function clickNode(id) {
    highlight(id);
    showEntity(id);
  }
  function clickEdge(id) {
    clearHighlight();
    showEdge(id);
  }
  function clickBackground() {
    clearHighlight();
    if (pinned !== null) {
      pinned = null;
      refreshViews();
    }
    showOverview();
  }
  network.on("click", function (params) {
    if (params.nodes.length > 0) clickNode(params.nodes[0]);
    else if (params.edges.length > 0) clickEdge(params.edges[0]);
    else clickBackground();
  });

  /* ---- side panel ---- */
  var panelShows = null;  // what to redraw when the date range changes: [kind, id]

  function redrawPanel() {
    if (panelShows === null) return;
    if (panelShows[0] === "entity") showEntity(panelShows[1]);
    else if (panelShows[0] === "edge" && edges.get(panelShows[1])) showEdge(panelShows[1]);
    else showOverview();
  }

  function typeText(typeKey) {
    var t = typeByKey[typeKey];
    return t ? t.zh + " · " + t.en : typeKey;
  }
  function predicateText(key) {
    var p = predicateNames[key];
    return p ? p.zh : key;
  }
  function roleText(fact) {
    if (!fact.role) return null;
    return fact.former ? data.terms.former + fact.role : fact.role;
  }
  function entityLabel(id) {
    var entity = data.entities[id];
    return entity ? entity.label : id;
  }

  function entityButton(id) {
    if (!data.entities[id]) return el("span", id);
    var button = el("button", short(entityLabel(id), BUTTON_TEXT_MAX), "kg-link");
    button.type = "button";
    button.addEventListener("click", function () { selectEntity(id); });
    return button;
  }

  // An article as one line: its title (headline, else first line), publisher and date.
  function articleLine(i) {
    var article = data.articles[i];
    var parts = [article.title];
    if (article.publisher) parts.push(article.publisher);
    if (article.date) parts.push(article.date);
    return parts.join(" · ");
  }

  function articleBlock(i, extra) {
    var block = textBlock("div", "—— " + articleLine(i) + (extra || ""), "kg-source");
    block.title = data.articles[i].source;  // a property: plain text
    return block;
  }

  function sourceLine(fact) {
    return articleBlock(fact.article, " · " + data.terms.confidence + " " + fact.confidence.toFixed(2));
  }

  function factItem(fact, perspective) {
    var item = el("li", null, "kg-fact");
    var head = el("div", null, "kg-fact-head");
    if (fact.predicate === "quotation") {
      item.appendChild(textBlock("div", "“" + fact.text + "”", "kg-quote"));
    } else {
      // Read the fact from the side of the entity whose panel this is.
      var role = roleText(fact);
      var relation = predicateText(fact.predicate) + (role ? "：" + role : "");
      if (perspective === fact.subject) {
        head.appendChild(textBlock("span", relation + " → "));
        head.appendChild(entityButton(fact.object));
      } else if (perspective === fact.object) {
        head.appendChild(entityButton(fact.subject));
        head.appendChild(textBlock("span", " → " + relation));
      } else {
        head.appendChild(entityButton(fact.subject));
        head.appendChild(textBlock("span", " → " + relation + " → "));
        head.appendChild(entityButton(fact.object));
      }
      item.appendChild(head);
    }
    item.appendChild(textBlock("blockquote", fact.sentence));
    item.appendChild(sourceLine(fact));
    return item;
  }

  function rangeNote() {
    if (inRange === null) return null;
    var first = dateFrom === null ? "最早" : dateFrom;
    var last = dateTo === null ? "最新" : dateTo;
    return el("p", "只列出 " + first + " 至 " + last + (withUndated ? "（及无日期）" : "") + " 的文章中的事实", "kg-empty kg-range-note");
  }

  // A person's roles: each role in an organization once, with the dates of the articles that report it.
  function rolesList(id, relations) {
    var groups = {}, order = [];
    relations.forEach(function (f) {
      if (f.predicate !== "membership" || f.subject !== id) return;
      var key = JSON.stringify([f.role || "", f.former, f.object]);
      if (!(key in groups)) {
        groups[key] = { fact: f, dates: new Set(), undated: false };
        order.push(key);
      }
      var date = data.articles[f.article].date;
      if (date) groups[key].dates.add(date); else groups[key].undated = true;
    });
    var rows = order.map(function (key) {
      var g = groups[key];
      return { fact: g.fact, dates: Array.from(g.dates).sort(), undated: g.undated };
    });
    rows.sort(function (a, b) {
      var x = a.dates.length ? a.dates[0] : "\uffff", y = b.dates.length ? b.dates[0] : "\uffff";
      return x < y ? -1 : x > y ? 1 : 0;
    });
    var list = el("ul", null, "kg-roles");
    rows.forEach(function (row) {
      var li = el("li", null, "kg-role");
      li.appendChild(textBlock("span", roleText(row.fact) || predicateText(row.fact.predicate), "kg-role-name"));
      li.appendChild(el("span", " · "));
      li.appendChild(entityButton(row.fact.object));
      var when = row.dates.slice();
      if (row.undated) when.push("日期不详");
      li.appendChild(el("span", "（" + when.join("、") + "）", "kg-dates"));
      list.appendChild(li);
    });
    return { count: rows.length, list: list };
  }

  function showEntity(id) {
    var entity = data.entities[id];
    panelShows = ["entity", id];
    clear(panel);
    panel.appendChild(textBlock("h2", entity.label));
    panel.appendChild(el("p", typeText(entity.type) + " · " + data.terms.articleCount + " " + entity.articles, "kg-type"));

    panel.appendChild(el("h3", data.terms.alias));
    if (entity.traditional) panel.appendChild(textBlock("p", "繁體：" + entity.traditional, "kg-traditional"));
    if (entity.aliases.length === 0 && !entity.traditional) {
      panel.appendChild(el("p", "无", "kg-empty"));
    } else {
      var aliases = el("ul", null, "kg-aliases");
      entity.aliases.forEach(function (alias) {
        var li = textBlock("li", alias[0]);
        li.appendChild(textBlock("span", alias[1], "kg-reason"));
        aliases.appendChild(li);
      });
      panel.appendChild(aliases);
    }

    var note = rangeNote();
    if (note) panel.appendChild(note);
    var facts = entity.facts.filter(factShown).map(function (i) { return data.facts[i]; });
    var quotes = facts.filter(function (f) { return f.predicate === "quotation"; });
    var relations = facts.filter(function (f) { return f.predicate !== "quotation"; });
    if (entity.type === "Person") {
      var roles = rolesList(id, relations);
      if (roles.count > 0) {
        panel.appendChild(el("h3", data.terms.role + "（" + roles.count + "）"));
        panel.appendChild(roles.list);
      }
    }
    panel.appendChild(el("h3", "事实（" + relations.length + "）"));
    if (relations.length === 0) {
      panel.appendChild(el("p", "无", "kg-empty"));
    } else {
      var factList = el("ul", null, "kg-facts");
      relations.forEach(function (f) { factList.appendChild(factItem(f, id)); });
      panel.appendChild(factList);
    }
    if (quotes.length > 0) {
      panel.appendChild(el("h3", predicateText("quotation") + "（" + quotes.length + "）"));
      var quoteList = el("ul", null, "kg-quotes");
      quotes.forEach(function (f) { quoteList.appendChild(factItem(f, id)); });
      panel.appendChild(quoteList);
    }
  }

  function showEdge(edgeId) {
    var edge = edges.get(edgeId);
    panelShows = ["edge", edgeId];
    clear(panel);
    var title = el("h2");
    title.appendChild(entityButton(edge.from));
    title.appendChild(el("span", edge.kgRelation === CO_MENTION ? " — " : " → "));
    title.appendChild(entityButton(edge.to));
    panel.appendChild(title);
    if (edge.kgRelation === CO_MENTION) {
      var articles = data.coMentions.pairs[edge.kgPair][2].filter(articleShown);
      panel.appendChild(el("p", "共同出现于 " + articles.length + " 篇文章", "kg-type"));
      var articleList = el("ul", null, "kg-facts");
      articles.forEach(function (i) {
        var item = el("li", null, "kg-fact");
        item.appendChild(articleBlock(i));
        articleList.appendChild(item);
      });
      panel.appendChild(articleList);
      return;
    }
    var relation = data.relations.find(function (r) { return r.key === edge.kgRelation; });
    panel.appendChild(textBlock("p", (relation ? relation.zh + " · " + relation.en : edge.kgRelation) +
      (edge.label && edge.label !== (relation && relation.zh) ? " · " + edge.label : ""), "kg-type"));
    var note = rangeNote();
    if (note) panel.appendChild(note);
    var facts = data.edgeFacts[edgeId].filter(factShown).map(function (i) { return data.facts[i]; });
    panel.appendChild(el("h3", "来源（" + facts.length + "）"));
    var list = el("ul", null, "kg-facts");
    facts.forEach(function (f) {
      var item = el("li", null, "kg-fact");
      item.appendChild(textBlock("blockquote", f.sentence));
      item.appendChild(sourceLine(f));
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  function showOverview() {
    panelShows = null;
    clear(panel);
    panel.appendChild(el("h2", document.title));
    panel.appendChild(el("p", data.nodes.length + " 个实体 · " + data.edges.length + " 条关系 · " +
      data.articles.length + " 篇文章", "kg-type"));
    panel.appendChild(el("p", "点击节点查看类型、别名、职务和事实（附原句与出处）；点击连线查看来源句子与置信度。" +
      "用左侧复选框按类型或关系筛选、隐藏无连线的实体、连上共同出现的实体，用日期滑块只看一段时间的文章；" +
      "用上方搜索框按任一名称（简体或繁體）查找；“重置视图”回到打开时的视图。", "kg-empty"));
  }
  showOverview();

  /* ---- search ---- */
  var searchBox = document.getElementById("kg-search");
  var resultList = document.getElementById("kg-search-results");

  function findEntities(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    data.search.forEach(function (row) {
      var rank = 3;
      row[1].forEach(function (key) {
        if (key === q) rank = 0;
        else if (rank > 1 && key.indexOf(q) === 0) rank = 1;
        else if (rank > 2 && key.indexOf(q) > 0) rank = 2;
      });
      if (rank < 3) hits.push({ id: row[0], rank: rank, label: entityLabel(row[0]) });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.label.length - b.label.length ||
        (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return hits.slice(0, MAX_SEARCH_RESULTS).map(function (h) { return h.id; });
  }

  function pick(id) {
    resultList.hidden = true;
    selectEntity(id);
  }

  function showResults(ids) {
    clear(resultList);
    ids.forEach(function (id) {
      var li = el("li");
      var button = el("button", short(entityLabel(id), BUTTON_TEXT_MAX));
      button.type = "button";
      button.appendChild(el("span", typeText(data.entities[id].type), "kg-hint"));
      button.addEventListener("click", function () { pick(id); });
      li.appendChild(button);
      resultList.appendChild(li);
    });
    if (ids.length === 0 && searchBox.value.trim()) {
      resultList.appendChild(el("li", "没有找到", "kg-hint"));
    }
    resultList.hidden = resultList.childNodes.length === 0;
  }

  searchBox.addEventListener("input", function () { showResults(findEntities(searchBox.value)); });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var ids = findEntities(searchBox.value);
      if (ids.length > 0) pick(ids[0]);
    } else if (event.key === "Escape") {
      resultList.hidden = true;
    }
  });
  document.addEventListener("click", function (event) {
    if (!document.getElementById("kg-search-box").contains(event.target)) resultList.hidden = true;
  });

  /* ---- the API ---- */
  window.kgView = {
    ready: function () { return ready; },
    idle: function () { return !animating; },
    select: selectEntity,
    clickNode: function (id) {
      if (!shownNodeIds.has(id)) return false;
      network.selectNodes([id]);
      clickNode(id);
      return true;
    },
    clickEdge: function (id) {
      if (!shownEdgeIds.has(id)) return false;
      network.selectEdges([id]);
      clickEdge(id);
      return true;
    },
    clickBackground: function () {
      network.unselectAll();
      clickBackground();
    },
    focus: function (id) {
      if (!shownNodeIds.has(id)) return false;
      focusOn(id, false);
      return true;
    },
    showTooltip: showTooltip,
    hideTooltip: hideTooltip,
    tooltipText: function () { return tooltip.hidden ? null : tooltip.textContent; },
    resetView: resetView,
    labelPx: labelPx,
    inView: inView,
    setHideUnconnected: setHideUnconnected,
    setCoMentions: setCoMentions,
    setDateRange: setDateRange,
    shownNodes: function () { return nodeView.getIds(); },
    shownEdges: function () { return edgeView.getIds(); },
  };
})();
