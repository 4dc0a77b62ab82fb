// The stampede: N customers order the last units of one product at the same moment.
//   node stampede.mjs GRAPHQL_URL STAFF_TOKEN SKU N
// Every request gets its own connection and all are sent at once (no client-side queueing), each an order
// of 1 unit for a different customer, placed by staff (staff are not rate limited; customers may place 30
// orders a minute). Prints a BENCH line: completed orders, failures, wall time, throughput, latencies, and
// how many orders took a unit at once and how many were backordered, from the responses.
import http from 'node:http';
import { percentile, printFigures, postGraphQL } from './stats.mjs';

const [url, token, sku, countArg] = process.argv.slice(2);
const count = Number(countArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const query = `mutation ($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id status lines { sku quantity allocated backordered } backorders { id status queuePosition } }
}`;

const started = performance.now();
const results = await Promise.all(Array.from({ length: count }, (_, i) => postGraphQL(url, token, query,
  { input: { customerEmail: `stampede-${i}@bench.example`, lines: [{ sku, quantity: 1 }] } }, agent)));
const wallSeconds = (performance.now() - started) / 1000;

let ok = 0, allocatedAtOnce = 0, backordered = 0;
const failures = {};
let firstError = 'none';
const failedMs = [];
for (const { status, body, ms } of results) {
  let order = null, code = status === 0 ? `NO_RESPONSE(${body})` : `HTTP_${status}`;
  try {
    const json = JSON.parse(body);
    order = json.data?.placeOrder ?? null;
    if (json.errors) code = json.errors[0]?.extensions?.code ?? 'GRAPHQL_ERROR';
  } catch { /* not JSON: counted under its HTTP status */ }
  if (status === 200 && order) {
    ok++;
    allocatedAtOnce += order.lines[0].allocated;
    backordered += order.lines[0].backordered;
  } else {
    failures[code] = (failures[code] ?? 0) + 1;
    if (firstError === 'none') firstError = body.slice(0, 200);
    failedMs.push(ms);
  }
}
if (Object.keys(failures).length) console.error('stampede failures:', JSON.stringify(failures));
agent.destroy();
const ms = results.map((r) => r.ms);
printFigures({
  orders: count, ok, failed: count - ok, wall_s: wallSeconds, rps: ok / wallSeconds,
  p50_ms: percentile(ms, 50), p99_ms: percentile(ms, 99), max_ms: Math.max(...ms),
  allocated_at_once: allocatedAtOnce, backordered,
  failures: Object.entries(failures).map(([k, v]) => `${k}:${v}`).join(',') || 'none',
  // When failures only come after a fixed wait, a timeout is the likely cause.
  failed_min_ms: failedMs.length ? Math.min(...failedMs) : 'none',
  first_error: firstError,
});
