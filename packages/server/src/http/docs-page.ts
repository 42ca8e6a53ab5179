import { createHash } from 'node:crypto';

/** Renders the embedded OpenAPI document in the browser; plain DOM, no library, nothing fetched. */
const script = `
const spec = JSON.parse(document.getElementById('spec').textContent);
const el = (tag, attrs, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
};
const pretty = (value) => el('pre', {}, JSON.stringify(value, null, 2));
document.getElementById('title').textContent = spec.info.title + ' ' + spec.info.version;
document.getElementById('intro').textContent = spec.info.description;
const nav = document.getElementById('nav');
const main = document.getElementById('ops');
let n = 0;
for (const [path, methods] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(methods)) {
    const id = 'op' + n++;
    nav.append(el('a', { href: '#' + id }, el('span', { class: 'm ' + method }, method.toUpperCase()), ' ' + path));
    const section = el('section', { id }, el('h2', {}, el('span', { class: 'm ' + method }, method.toUpperCase()), ' ' + path), el('p', {}, op.summary));
    if (op.parameters && op.parameters.length) {
      const table = el('table', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'description')));
      for (const p of op.parameters) table.append(el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in), el('td', {}, p.description || '')));
      section.append(table);
    }
    if (op.requestBody) {
      section.append(el('h3', {}, 'Request body'), pretty(op.requestBody.content['application/json'].schema));
    }
    section.append(el('h3', {}, 'Responses'));
    for (const [status, response] of Object.entries(op.responses)) {
      const details = el('details', {}, el('summary', {}, status + ' — ' + response.description));
      if (response.content) details.append(pretty(response.content['application/json'].schema));
      section.append(details);
    }
    const url = location.origin + path.replace(/\\{(\\w+)\\}/g, ':$1');
    const curl = 'curl -X ' + method.toUpperCase() + " '" + url + "'" + (op.requestBody ? " -H 'Content-Type: application/json' -d '{}'" : '') + " -H 'Authorization: Bearer $WEFT_API_TOKEN'";
    section.append(el('h3', {}, 'Example'), el('pre', {}, curl));
    main.append(section);
  }
}
`;

const style = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; display: flex; color: #1d2330; }
nav { width: 320px; height: 100vh; overflow: auto; position: sticky; top: 0; background: #f4f5f8; padding: 16px; box-sizing: border-box; }
nav a { display: block; color: inherit; text-decoration: none; font-size: 13px; padding: 3px 0; }
main { flex: 1; padding: 24px 40px; max-width: 960px; }
section { border-top: 1px solid #dde; padding: 12px 0 20px; }
pre { background: #f4f5f8; padding: 10px; overflow: auto; font-size: 12px; }
table { border-collapse: collapse; } td, th { border: 1px solid #dde; padding: 4px 8px; text-align: left; font-size: 13px; }
.m { display: inline-block; min-width: 52px; font: bold 12px monospace; padding: 2px 4px; border-radius: 3px; color: #fff; text-align: center; }
.get { background: #2f7d4f; } .post { background: #2f5f9f; } .put { background: #9f6f2f; } .delete { background: #9f2f2f; }
`;

export interface DocsPage {
  html: string;
  /** The Content-Security-Policy that allows exactly the page's own inline script and style. */
  csp: string;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The API reference at `/docs`: the OpenAPI document embedded in a self-contained page. */
export function docsPage(spec: unknown): DocsPage {
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Weft API reference</title><style>${style}</style></head>
<body>
<nav id="nav"><strong>Weft API</strong><p><a href="/api/openapi.json">openapi.json</a></p></nav>
<main><h1 id="title"></h1><p id="intro"></p>
<p>WebSocket: <code>GET /api/ws</code>. Send <code>{"type":"subscribe","runId":"…","after":0}</code>; receive
<code>{"type":"subscribed"}</code>, then <code>{"type":"event","event":{…}}</code> in seq order.</p>
<div id="ops"></div></main>
<script type="application/json" id="spec">${json}</script>
<script>${script}</script>
</body></html>`;
  return {
    html,
    csp: `default-src 'none'; script-src ${sha256(script)}; style-src ${sha256(style)}; connect-src 'self'; img-src 'self'`,
  };
}
