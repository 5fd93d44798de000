"""The markup, style and script of the query page (``graph.serve.query_page`` fills them in).

Kept as Python strings rather than package data files, so the page cannot
go missing from an installed package. ``{name}`` in ``PAGE_TEMPLATE`` marks
where a part goes; the style and script are inserted whole, and their
SHA-256 hashes make the page's Content-Security-Policy.

The script posts the form to ``sparql`` (the endpoint beside the page) with
``fetch`` and shows the answer: SPARQL JSON results as a table, anything
else (CSV, TSV, XML, Turtle...) as text. Every value goes into the page
through ``textContent``, so nothing from the graph is ever read as markup.
"""

from __future__ import annotations

PAGE_TEMPLATE = """<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL 查询 · kg serve</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>SPARQL 查询 <span>Query the graph</span></h1>
<nav><a href="/">图谱 graph view</a> · <a href="/graph.ttl">graph.ttl</a> · <a href="/graph.trig">graph.trig</a>
· <a href="/graph.nq">graph.nq</a> · endpoint <code>/sparql</code></nav>
</header>
<main>
<form id="kg-form">
<label for="kg-example">Examples (queries/*.rq)</label>
<select id="kg-example" name="example">
<option value="">— pick an example —</option>
{options}
</select>
<label for="kg-query">Query <small>(prefixes schema: org: skos: prov: nif: rdfs: kg: kgr: … are predeclared;
Ctrl+Enter runs it)</small></label>
<textarea id="kg-query" name="query" rows="14" spellcheck="false" autocomplete="off">{default_query}</textarea>
<div class="kg-row">
<label for="kg-format">Results</label>
<select id="kg-format" name="format">
<option value="table" data-accept="application/sparql-results+json, text/turtle;q=0.9" data-render="table">table</option>
<option value="csv" data-accept="text/csv, text/turtle;q=0.9">CSV</option>
<option value="tsv" data-accept="text/tab-separated-values, text/turtle;q=0.9">TSV</option>
<option value="json" data-accept="application/sparql-results+json, application/ld+json;q=0.9">JSON (SPARQL results, JSON-LD)</option>
<option value="xml" data-accept="application/sparql-results+xml, application/rdf+xml;q=0.9">XML</option>
<option value="turtle" data-accept="text/turtle, application/sparql-results+json;q=0.9">Turtle (CONSTRUCT, DESCRIBE)</option>
<option value="nt" data-accept="application/n-triples, application/sparql-results+json;q=0.9">N-Triples (CONSTRUCT, DESCRIBE)</option>
</select>
<button id="kg-run" type="submit">Run 运行</button>
</div>
</form>
<p id="kg-status" role="status" aria-live="polite"></p>
<div id="kg-output"></div>
</main>
<script type="application/json" id="kg-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""

STYLE = """
:root { color-scheme: light; --ink: #1d2433; --line: #d5dae3; --soft: #f4f6fa; --accent: #2457c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; color: var(--ink); }
header { padding: 12px 20px; border-bottom: 1px solid var(--line); background: var(--soft); }
h1 { margin: 0; font-size: 20px; }
h1 span { font-weight: normal; color: #5b6475; font-size: 15px; margin-left: 8px; }
nav { font-size: 13px; margin-top: 4px; }
a { color: var(--accent); }
main { padding: 16px 20px; max-width: 1400px; }
form { display: grid; gap: 6px; }
label { font-weight: 600; font-size: 13px; }
label small { font-weight: normal; color: #5b6475; }
select, textarea, button { font: inherit; }
textarea { width: 100%; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 14px;
  padding: 8px; border: 1px solid var(--line); border-radius: 4px; }
.kg-row { display: flex; gap: 10px; align-items: center; margin-top: 4px; }
button { padding: 6px 18px; border: 0; border-radius: 4px; background: var(--accent); color: white; cursor: pointer; }
button:disabled { opacity: 0.6; cursor: progress; }
#kg-status { min-height: 1.5em; color: #5b6475; }
#kg-status.error { color: #b3261e; white-space: pre-wrap; }
#kg-output { overflow: auto; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; max-width: 40em; }
th { background: var(--soft); position: sticky; top: 0; }
td.iri { color: var(--accent); }
pre { background: var(--soft); padding: 10px; overflow: auto; white-space: pre-wrap; }
.kg-boolean { font-size: 20px; font-weight: 600; }
"""

SCRIPT = """
"use strict";
(() => {
  const byId = (id) => document.getElementById(id);
  const data = JSON.parse(byId("kg-data").textContent);
  const form = byId("kg-form");
  const text = byId("kg-query");
  const pick = byId("kg-example");
  const format = byId("kg-format");
  const run = byId("kg-run");
  const status = byId("kg-status");
  const output = byId("kg-output");

  pick.addEventListener("change", () => {
    const example = data.examples[Number(pick.value)];
    if (pick.value !== "" && example) text.value = example.query;
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // The longest namespace that starts the IRI gives its prefixed name, as kg query prints it.
  function compact(iri) {
    let best = null;
    for (const [prefix, namespace] of Object.entries(data.prefixes)) {
      if (iri.startsWith(namespace) && (best === null || namespace.length > data.prefixes[best].length)) best = prefix;
    }
    return best === null ? iri : best + ":" + iri.slice(data.prefixes[best].length);
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.textContent = compact(term.value);
      td.title = term.value;
      td.className = "iri";
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else if (term.type === "triple") {
      td.textContent = JSON.stringify(term.value);
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = compact(term.datatype);
    }
    return td;
  }

  function resultsTable(document_) {
    const names = document_.head.vars || [];
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const name of names) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of document_.results.bindings) {
      const row = body.insertRow();
      for (const name of names) row.appendChild(cell(binding[name]));
    }
    return table;
  }

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const choice = format.options[format.selectedIndex];
    output.replaceChildren();
    say("running…", false);
    run.disabled = true;
    const started = performance.now();
    try {
      const response = await fetch("sparql", {
        method: "POST",
        headers: { "Accept": choice.dataset.accept, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ query: text.value }),
      });
      const body = await response.text();
      if (!response.ok) {
        say(response.status + " " + response.statusText + ": " + body.trim(), true);
        return;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(2) + " s";
      const cut = response.headers.get("X-SPARQL-MaxRows");
      const limit = cut ? ", cut at " + cut + " rows" : "";
      const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      if (choice.dataset.render === "table" && type === "application/sparql-results+json") {
        const answer = JSON.parse(body);
        if ("boolean" in answer) {
          const p = document.createElement("p");
          p.className = "kg-boolean";
          p.textContent = String(answer.boolean);
          output.replaceChildren(p);
          say("ASK: " + answer.boolean + " (" + seconds + ")", false);
        } else {
          const rows = answer.results.bindings.length;
          output.replaceChildren(resultsTable(answer));
          say(rows + (rows === 1 ? " row" : " rows") + limit + " (" + seconds + ")", false);
        }
      } else {
        const pre = document.createElement("pre");
        pre.textContent = body;
        output.replaceChildren(pre);
        say(type + limit + " (" + seconds + ")", false);
      }
    } catch (error) {
      say("no answer from the endpoint: " + error, true);
    } finally {
      run.disabled = false;
    }
  });
  document.documentElement.dataset.kgReady = "true";
})();
"""
