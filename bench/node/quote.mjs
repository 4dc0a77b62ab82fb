// The quote scenario's load: CLIENTS shoppers in a closed loop for SECONDS, each starting its next order (or
// quote) as soon as the last one is answered, as wrk's connections do. One mode per run:
//   plain     placeOrder of 1 unit of a random product: the placement scenario's request
//   checkout  a storefront's checkout: quote of that line, then placeOrder with the quote's token (2 requests)
//   token     placeOrder with a token quoted for the product before the run: the cost of checking a token
//   quote     quote of a cart of 3 distinct random products, nothing placed
//   node quote.mjs MODE GRAPHQL_URL TOKEN SKU_FILE CLIENTS SECONDS
// Orders are placed by staff (TOKEN) for a random one of 10,000 customers, as in the placement scenario.
// SKU_FILE lists the products, one a line. Prints a BENCH line: ops completed within SECONDS (orders placed,
// or quotes), their throughput and latency (send of the first request to the answer of the last), per request
// for checkout, QUOTE_CHANGED refusals, any other failure by code, and orders that got less than quoted
// (fewer units now or a later date than the quote said, which the service must refuse instead). Exits 2 when
// the service has no quote API (a validation error), at the first such answer.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { percentile, postGraphQL, printFigures } from './stats.mjs';

const [mode, url, token, skuFile, clientsArg, secondsArg] = process.argv.slice(2);
const MODES = ['plain', 'checkout', 'token', 'quote'];
if (!MODES.includes(mode)) { console.error(`quote.mjs: mode must be one of ${MODES.join(', ')}`); process.exit(1); }
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
const skus = readFileSync(skuFile, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
const CART_LINES = 3;
const REQUEST_TIMEOUT_MS = 60_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

const QUOTE = `query ($lines: [OrderLineInput!]!) {
  quote(lines: $lines) { token expiresAt lines { sku status allocated backordered eta } } }`;
const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) {
  id status lines { sku quantity allocated backordered } backorders { id status queuePosition eta { date } } } }`;

const random = (n) => Math.floor(Math.random() * n);
const customer = () => `c${random(10000) + 1}@bench.example`;

/** One request, its answer parsed: { ms, data, code } with code null when it succeeded. */
async function send(query, variables) {
  let timer;
  const { status, body, ms } = await Promise.race([
    postGraphQL(url, token, query, variables, agent),
    new Promise((resolve) => { timer = setTimeout(resolve, REQUEST_TIMEOUT_MS, { status: 0, body: 'timeout', ms: REQUEST_TIMEOUT_MS }); }),
  ]).finally(() => clearTimeout(timer));
  let json = null;
  try { json = JSON.parse(body); } catch { /* not JSON: counted under its HTTP status */ }
  const error = json?.errors?.[0];
  if (error && (error.extensions?.classification === 'ValidationError' || /undefined|not defined/i.test(error.message ?? ''))) {
    console.error(`quote.mjs: the service does not know this API (issue 20's quote and quoteToken): ${error.message}`);
    process.exit(2);
  }
  const code = error ? (error.extensions?.code ?? 'GRAPHQL_ERROR')
    : status !== 200 || !json?.data ? (status === 0 ? `NO_RESPONSE(${body})` : `HTTP_${status}`) : null;
  return { ms, data: json?.data, code, error, body };
}

const quoteOf = (lines) => send(QUOTE, { lines });
const place = (sku, quoteToken) => send(PLACE, { input: { customerEmail: customer(), lines: [{ sku, quantity: 1 }],
  ...(quoteToken ? { quoteToken } : {}) } });

/** Whether the order got less than its quoted line promised: fewer units now, or a later date. */
function worseThanQuoted(order, quoted) {
  const line = order.lines[0];
  if (line.allocated < quoted.allocated) return true;
  const eta = order.backorders[0]?.eta?.date ?? null;
  return line.backordered > 0 && (quoted.eta === null || eta === null || eta > quoted.eta);
}

// Figures.
const opMs = [], quoteMs = [], placeMs = [];
const failures = {};
let ok = 0, quoteChanged = 0, quoteChangedWithQuote = 0, worse = 0, firstError = 'none';
const noteFailure = (result) => {
  failures[result.code] = (failures[result.code] ?? 0) + 1;
  if (firstError === 'none') firstError = result.body.slice(0, 200);
};

// A placement's answer: an order, QUOTE_CHANGED (with the fresh quote, as the contract says), or a failure.
function settle(result, quoted, started, counted) {
  if (!counted) return;
  if (result.code === 'QUOTE_CHANGED') {
    quoteChanged++;
    if (result.error.extensions?.quote?.token) quoteChangedWithQuote++;
  } else if (result.code) {
    noteFailure(result);
  } else {
    ok++;
    opMs.push(performance.now() - started);
    if (quoted && worseThanQuoted(result.data.placeOrder, quoted)) worse++;
  }
}

// Ready tokens: one quote per product before the clock starts, eight at a time.
const ready = new Map();
let setupSeconds = 0;
if (mode === 'token') {
  const setupStarted = performance.now();
  for (let i = 0; i < skus.length; i += 8) {
    await Promise.all(skus.slice(i, i + 8).map(async (sku) => {
      const result = await quoteOf([{ sku, quantity: 1 }]);
      if (result.code) {
        console.error(`quote.mjs: quoting ${sku} before the run failed: ${result.body.slice(0, 300)}`);
        process.exit(1);
      }
      ready.set(sku, { token: result.data.quote.token, line: result.data.quote.lines[0] });
    }));
  }
  setupSeconds = (performance.now() - setupStarted) / 1000;
}

/** One shopper's next op; counted only if it ends before the deadline. */
async function op(deadline) {
  const started = performance.now();
  const sku = skus[random(skus.length)];
  const inTime = () => performance.now() <= deadline;
  switch (mode) {
    case 'plain': {
      const result = await place(sku, null);
      settle(result, null, started, inTime());
      break;
    }
    case 'token': {
      const { token: quoteToken, line } = ready.get(sku);
      const result = await place(sku, quoteToken);
      settle(result, line, started, inTime());
      break;
    }
    case 'checkout': {
      const quoted = await quoteOf([{ sku, quantity: 1 }]);
      if (quoted.code) {
        if (inTime()) noteFailure(quoted);
        break;
      }
      const placed = await place(sku, quoted.data.quote.token);
      if (inTime()) {
        quoteMs.push(quoted.ms);
        placeMs.push(placed.ms);
      }
      settle(placed, quoted.data.quote.lines[0], started, inTime());
      break;
    }
    case 'quote': {
      const cart = new Set();
      while (cart.size < Math.min(CART_LINES, skus.length)) cart.add(skus[random(skus.length)]);
      const result = await quoteOf([...cart].map((s) => ({ sku: s, quantity: 1 })));
      if (!inTime()) break;
      if (result.code) {
        noteFailure(result);
      } else if (result.data.quote.lines.length !== cart.size || !result.data.quote.token) {
        noteFailure({ code: 'INCOMPLETE_QUOTE', body: JSON.stringify(result.data) });
      } else {
        ok++;
        opMs.push(performance.now() - started);
      }
      break;
    }
    default: break;
  }
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
const deadline = started + seconds * 1000;
await Promise.all(Array.from({ length: clients }, async () => {
  while (performance.now() < deadline) await op(deadline);
}));
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
agent.destroy();

const failed = Object.values(failures).reduce((a, b) => a + b, 0);
if (failed) console.error('quote.mjs failures:', JSON.stringify(failures));
printFigures({
  mode, clients, ops: ok, duration_s: seconds, rps: ok / seconds,
  p50_ms: percentile(opMs, 50), p90_ms: percentile(opMs, 90), p99_ms: percentile(opMs, 99),
  max_ms: opMs.length ? Math.max(...opMs) : null,
  ...(mode === 'checkout' ? { quote_p99_ms: percentile(quoteMs, 99), place_p99_ms: percentile(placeMs, 99) } : {}),
  ...(mode === 'token' ? { tokens_made: ready.size, token_setup_s: setupSeconds } : {}),
  quote_changed: quoteChanged, quote_changed_with_fresh_quote: quoteChangedWithQuote, worse_than_quoted: worse,
  failed, failures: Object.entries(failures).map(([k, v]) => `${k}:${v}`).join(',') || 'none',
  first_error: firstError,
  // The load generator's own share of the machine: one Node process, at most one core.
  client_cpu_pct: (100 * (cpu.user + cpu.system)) / 1e6 / wall,
});
