// The catalogue pages of the availability scenario, found and checked through the API before any load.
//   node catalogue.mjs GRAPHQL_URL PREFIX PAGES PAGE_QUERY ORDERABLE_OUT
// Walks the catalogue from its start (`products(first: 100, after)`, anonymous, as a storefront would) to
// PREFIX-(20 × PAGES), and takes for each page of 20 (PREFIX-1 .. PREFIX-20, PREFIX-21 ..) the cursor it
// starts after: the one of the product before it, or null for the catalogue's first page. Then reads each
// page once with PAGE_QUERY (the measured document, with availability; variable $after), checks that it
// holds exactly its 20 products in order and that every page shows the same mix of statuses, and counts the
// statuses and the deliveries' sources. Writes the SKUs a shopper could order (availability.orderable) to
// ORDERABLE_OUT, one a line, for the quote scenario's carts. Prints a "CURSORS" line (JSON values, one per
// page) and a BENCH line; exits non-zero when a check fails.
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { postGraphQL, printFigures } from './stats.mjs';

const [url, prefix, pagesArg, pageQuery, orderableOut] = process.argv.slice(2);
const pages = Number(pagesArg);
const agent = new http.Agent({ keepAlive: true });
const fail = (message) => { console.error(`catalogue: ${message}`); process.exit(1); };

async function ask(query, variables) {
  const { status, body } = await postGraphQL(url, null, query, variables, agent);
  let json;
  try { json = JSON.parse(body); } catch { fail(`HTTP ${status}: ${body.slice(0, 300)}`); }
  if (status !== 200 || json.errors) fail(`HTTP ${status}: ${body.slice(0, 300)}`);
  return json.data;
}

// The cursor before each product, up to the last one of ours.
const last = `${prefix}-${20 * pages}`;
const cursorBefore = new Map();
let after = null;
for (;;) {
  const { products } = await ask(`query ($after: String) {
    products(first: 100, after: $after) { edges { cursor node { sku } } pageInfo { endCursor hasNextPage } } }`, { after });
  for (const edge of products.edges) {
    cursorBefore.set(edge.node.sku, after);
    after = edge.cursor;
  }
  if (cursorBefore.has(last) || !products.pageInfo.hasNextPage) break;
}

const cursors = [];
const statuses = {};
const sources = {};
const orderable = [];
let firstMix = null;
for (let page = 0; page < pages; page++) {
  const skus = Array.from({ length: 20 }, (_, i) => `${prefix}-${20 * page + i + 1}`);
  if (!cursorBefore.has(skus[0])) fail(`${skus[0]} is not in the catalogue`);
  const cursor = cursorBefore.get(skus[0]);
  const { products } = await ask(pageQuery, { after: cursor });
  const nodes = products.edges.map((edge) => edge.node);
  const shown = nodes.map((node) => node.sku).join(',');
  if (shown !== skus.join(',')) fail(`the page after ${JSON.stringify(cursor)} shows ${shown}, not ${skus.join(',')}`);
  const mix = nodes.map((node) => node.availability.status).join(',');
  firstMix ??= mix;
  if (mix !== firstMix) fail(`page ${page + 1} shows ${mix}, page 1 ${firstMix}`);
  for (const node of nodes) {
    statuses[node.availability.status] = (statuses[node.availability.status] ?? 0) + 1;
    for (const delivery of node.availability.deliveries) sources[delivery.source] = (sources[delivery.source] ?? 0) + 1;
    if (node.availability.status !== 'UNAVAILABLE') orderable.push(node.sku);
  }
  cursors.push(JSON.stringify(cursor));
}
agent.destroy();
writeFileSync(orderableOut, `${orderable.join('\n')}\n`);

const perPage = (counts) => Object.entries(counts).map(([k, v]) => `${k}:${v / pages}`).join(',');
console.log(`CURSORS ${cursors.join(' ')}`);
printFigures({ pages, products: 20 * pages, statuses_per_page: perPage(statuses), deliveries_per_page: perPage(sources),
  orderable_per_page: orderable.length / pages });
