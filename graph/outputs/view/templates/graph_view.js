/* graph.html behaviour: legend and filters, search, neighbourhood highlight, side panel.
 *
 * Everything shown comes from the JSON in #kg-data and is written with
 * textContent or as plain-text vis-network titles (rendered with innerText),
 * never as HTML, so article text cannot inject markup or script.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var options = JSON.parse(document.getElementById("kg-options").textContent);

  var DIM_NODE = { background: "#eceff1", border: "#d5dbe0", highlight: { background: "#eceff1", border: "#d5dbe0" } };
  var DIM_EDGE = { color: "#e3e7eb", highlight: "#e3e7eb", hover: "#e3e7eb", opacity: 0.6 };
  var DIM_FONT_COLOR = "#b8c0c8";
  var MAX_SEARCH_RESULTS = 20;
  // Texts longer than this (UTF-16 units) show their start and a button for
  // the rest: the browser takes seconds to lay out a 100,000-character name
  // or an article with no sentence breaks. Buttons show a shorter form.
  var PANEL_TEXT_MAX = 2000;
  var BUTTON_TEXT_MAX = 80;

  var typeByKey = index(data.types, "key");
  var predicateNames = data.predicates;
  var shownTypes = new Set(data.types.map(function (t) { return t.key; }));
  var shownRelations = new Set(data.relations.map(function (r) { return r.key; }));

  // What a dimmed node or edge goes back to: vis-network merges font options,
  // so the label colour and stroke must be restored explicitly.
  var nodeFont = { color: options.nodes.font.color, strokeWidth: options.nodes.font.strokeWidth };
  var edgeFont = { color: options.edges.font.color, strokeWidth: options.edges.font.strokeWidth };
  var baseNode = {};
  data.nodes.forEach(function (n) { baseNode[n.id] = { color: n.color, font: nodeFont }; });
  var baseEdge = {};
  data.edges.forEach(function (e) { baseEdge[e.id] = { color: e.color, font: edgeFont }; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return shownTypes.has(n.kgType); },
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      return shownRelations.has(e.kgRelation) && isShown(e.from) && isShown(e.to);
    },
  });

  function isShown(id) {
    var entity = data.entities[id];
    return entity !== undefined && shownTypes.has(entity.type);
  }

  function index(list, key) {
    var out = {};
    list.forEach(function (item) { out[item[key]] = item; });
    return out;
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

  var status = document.getElementById("kg-status");
  var panel = document.getElementById("kg-panel");
  var container = document.getElementById("kg-network");

  /* ---- the network ---- */
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network;
  window.kgData = { nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView };

  var settled = !data.physics;
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
      nodes.update(Object.keys(positions).map(function (id) {
        return { id: id, x: positions[id].x, y: positions[id].y };
      }));
      settled = true;
      showCounts();
      network.redraw();
    });
  } else {
    showCounts();
  }
  network.on("afterDrawing", function () {
    if (settled && !window.__kgReady) {
      window.__kgReady = true;
      window.__kgReadyAt = performance.now();
    }
  });

  function showCounts() {
    status.textContent = nodeView.length + " 个实体 · " + edgeView.length + " 条关系" +
      (data.omitted ? " · 另有 " + data.omitted + " 个提及较少的实体未画出（完整图谱见 graph.ttl）" : "");
  }

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
    nodeView.refresh();
    edgeView.refresh();
    if (settled) showCounts();
  }

  function showType(typeKey) {
    if (shownTypes.has(typeKey)) return;
    shownTypes.add(typeKey);
    var box = document.querySelector('#kg-types input[data-type="' + CSS.escape(typeKey) + '"]');
    if (box) box.checked = true;
    refreshViews();
  }

  /* ---- neighbourhood highlight ---- */
  var highlighted = null;

  function highlight(id) {
    var keepNodes = new Set([id].concat(network.getConnectedNodes(id)));
    var keepEdges = new Set(network.getConnectedEdges(id));
    nodes.update(nodes.getIds().map(function (nid) {
      if (keepNodes.has(nid)) return { id: nid, color: baseNode[nid].color, font: baseNode[nid].font };
      return { id: nid, color: DIM_NODE, font: { color: DIM_FONT_COLOR, strokeWidth: nodeFont.strokeWidth } };
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
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    showEntity(id);
  }
  window.kgSelect = selectEntity;

  network.on("click", function (params) {
    if (params.nodes.length > 0) {
      highlight(params.nodes[0]);
      showEntity(params.nodes[0]);
    } else if (params.edges.length > 0) {
      clearHighlight();
      showEdge(params.edges[0]);
    } else {
      clearHighlight();
      showOverview();
    }
  });

  /* ---- side panel ---- */
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

  function sourceLine(fact) {
    var article = data.articles[fact.article];
    var parts = [article.title];
    if (article.publisher) parts.push(article.publisher);
    if (article.date) parts.push(article.date);
    var text = "—— " + parts.join(" · ");
    text += " · " + data.terms.confidence + " " + fact.confidence.toFixed(2);
    return textBlock("div", text, "kg-source");
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

  function showEntity(id) {
    var entity = data.entities[id];
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

    var facts = entity.facts.map(function (i) { return data.facts[i]; });
    var quotes = facts.filter(function (f) { return f.predicate === "quotation"; });
    var relations = facts.filter(function (f) { return f.predicate !== "quotation"; });
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
    clear(panel);
    var title = el("h2");
    title.appendChild(entityButton(edge.from));
    title.appendChild(el("span", " → "));
    title.appendChild(entityButton(edge.to));
    panel.appendChild(title);
    var relation = data.relations.find(function (r) { return r.key === edge.kgRelation; });
    panel.appendChild(textBlock("p", (relation ? relation.zh + " · " + relation.en : edge.kgRelation) +
      (edge.label && edge.label !== (relation && relation.zh) ? " · " + edge.label : ""), "kg-type"));
    var facts = data.edgeFacts[edgeId].map(function (i) { return data.facts[i]; });
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
    clear(panel);
    panel.appendChild(el("h2", document.title));
    panel.appendChild(el("p", data.nodes.length + " 个实体 · " + data.edges.length + " 条关系 · " +
      data.articles.length + " 篇文章", "kg-type"));
    panel.appendChild(el("p", "点击节点查看类型、别名和事实（附原句与出处）；点击连线查看来源句子与置信度。用左侧复选框按类型或关系筛选，用上方搜索框按任一名称（简体或繁體）查找。", "kg-empty"));
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
})();
