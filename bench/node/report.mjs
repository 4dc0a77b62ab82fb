// Turns the figures run.sh recorded (one JSON object per line) into the results: a JSON file and a
// Markdown page with one table per scenario, every service throughput as a ratio of the matching pgbench
// figure, the invariant checks, and issue 10's targets next to what was measured.
//   node report.mjs RESULTS.jsonl OUT.json OUT.md
import { readFileSync, writeFileSync } from 'node:fs';

const [input, jsonOut, mdOut] = process.argv.slice(2);
const records = readFileSync(input, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));

// Ratios to the limit: a record naming ref=pgbench/<case> is compared with that pgbench case's tps.
const pgbench = new Map(records.filter((r) => r.scenario === 'pgbench').map((r) => [`pgbench/${r.case}`, r.tps]));
for (const r of records) {
  if (r.ref && pgbench.has(r.ref) && typeof r.rps === 'number') r.ratio_to_pgbench = round(r.rps / pgbench.get(r.ref), 3);
}

const find = (scenario, name) => records.find((r) => r.scenario === scenario && r.case === name);
const environment = find('environment', 'run') ?? {};

// Resident memory under load: the highest peak of the scenarios that put the service under request load.
// The restock scenario is left out (one transaction holding a million backorders is not "under load";
// its peak is in its own row) and so is pgbench, which does not touch the service.
const LOAD_SCENARIOS = ['placement', 'hot', 'stampede', 'depth', 'subscribers', 'queries', 'catalogue', 'quote'];
function peakRss() {
  const peaks = records.filter((r) => r.scenario === 'memory' && LOAD_SCENARIOS.includes(r.case)).map((r) => r.rss_max_mb);
  return peaks.length ? Math.max(...peaks) : undefined;
}

// Issue 10's targets, each read off the records; n/a where this run did not measure that case.
const targets = [
  ['placeOrder at 32 clients: ≥ 0.5 × pgbench', () => find('placement', 'c32')?.ratio_to_pgbench, (v) => v >= 0.5, '×'],
  ['placeOrder at 32 clients: p99 ≤ 50 ms', () => find('placement', 'c32')?.p99_ms, (v) => v <= 50, 'ms'],
  ['one hot product, 8 clients: ≥ 0.5 × pgbench single row', () => find('hot', 'c8')?.ratio_to_pgbench, (v) => v >= 0.5, '×'],
  ['one hot product, 32 clients: ≥ 0.5 × pgbench single row', () => find('hot', 'c32')?.ratio_to_pgbench, (v) => v >= 0.5, '×'],
  ['placement on a deep queue ≥ 0.8 × empty queue (1 client)', () => find('depth', 'deep-c1')?.vs_empty, (v) => v >= 0.8, '×'],
  ['placement on a deep queue ≥ 0.8 × empty queue (8 clients)', () => find('depth', 'deep-c8')?.vs_empty, (v) => v >= 0.8, '×'],
  ['restock filling 100,000 ≤ 2 s', () => find('restock', 'n100000')?.seconds, (v) => v <= 2, 's'],
  ['restock filling 1,000,000 ≤ 12 × the 100,000 one', () => find('restock', 'n1000000')?.growth, (v) => v <= 12, '×'],
  ['10,000 subscribers: p99 delivery ≤ 200 ms', () => find('subscribers', 'n10000')?.p99_ms, (v) => v <= 200, 'ms'],
  ['start-up to ready on a migrated database ≤ 2 s', () => find('startup', 'migrated')?.seconds, (v) => v <= 2, 's'],
  ['RSS under load ≤ 400 MB (peak over the load scenarios, restock excluded)', () => peakRss(), (v) => v <= 400, 'MB'],
].map(([target, measure, met, unit]) => {
  const value = measure();
  return { target, measured: value ?? null, unit, met: typeof value === 'number' ? met(value) : null };
});

const checks = records.filter((r) => r.case === 'invariants' || r.scenario === 'checks');
const failedChecks = records.filter((r) => Object.entries(r).some(([k, v]) => (k === 'result' || k.startsWith('check')) && v === 'fail'));

writeFileSync(jsonOut, `${JSON.stringify({ environment, targets, records, failed_checks: failedChecks.length }, null, 2)}\n`);

// Markdown: a summary table of every case, then every figure per scenario, then the checks.
const cell = (v) => (v === undefined || v === null ? '' : String(v).replace(/\|/g, '\\|'));
function table(rows, skip = []) {
  const columns = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!skip.includes(key) && !columns.includes(key)) columns.push(key);
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${columns.map((c) => cell(row[c])).join(' | ')} |`)].join('\n');
}
const titles = {
  startup: 'Start-up to ready', placement: 'placeOrder, mixed in stock / backordered, 1,000 products',
  hot: 'placeOrder on one hot product (the launch: every order backordered)', pgbench: 'pgbench: the same SQL work (the limit)',
  stampede: 'Stampede: concurrent orders for the last units of one product', depth: 'placeOrder behind a deep queue vs an empty one',
  restock: 'Restock filling a waiting queue (receiveStock through the API)', subscribers: 'Live fan-out: subscribers of one product, one restock',
  queries: 'Queries', catalogue: 'Catalogue page of 20 products, without and with availability (issue 20)',
  quote: 'placeOrder with a quote token against plain placement, and the quote alone (issue 20)',
  insight: "Staff insight queries at a shop's size, one call at a time (issue 21)", memory: 'Resident memory',
};
// What a case comes to, in words, where throughput and latency do not say it all.
const failedChecksOf = (r) => Object.entries(r).filter(([k, v]) => k.startsWith('check_') && v === 'fail').map(([k]) => k.slice(6));
const hasChecks = (r) => Object.keys(r).some((k) => k.startsWith('check_'));
function outcome(r) {
  const parts = [];
  const errors = (r.socket_errors ?? 0) + (r.non2xx ?? 0) + (r.graphql_errors ?? 0) + (r.scenario === 'quote' ? r.failed ?? 0 : 0);
  if (errors) parts.push(`${errors} failed requests`);
  switch (r.scenario) {
    case 'startup': parts.push(`${r.seconds} s${r.runs_ms ? ` (runs: ${r.runs_ms} ms)` : ''}`); break;
    case 'memory': parts.push(`${r.rss_max_mb} MB`); break;
    case 'pgbench':
      if (r.case === 'mail-drain') { parts.push(`waited ${r.seconds} s for the outbox to send what was due, ${r.still_due} still due`); break; }
      parts.push(`avg ${r.latency_avg_ms} ms${r.failed ? `, ${r.failed} failed` : ''}`); break;
    case 'hot': parts.push(`${r.waiting_after} waiting after`); break;
    case 'depth':
      if (r.case === 'setup') parts.push(`${r.waiting} waiting, bulk-loaded in ${r.bulk_load_s} s`);
      if (r.vs_empty !== undefined) parts.push(`${r.vs_empty} × empty queue (${r.waiting_before} waiting)`);
      break;
    case 'restock':
      if (r.mails_per_s !== undefined) { parts.push(`outbox sends ${r.mails_per_s} mails/s, ${r.pending} still to send`); break; }
      parts.push(`${r.seconds} s for ${r.waiting}${r.growth !== '' ? `, ${r.growth}× the time for ${r.size_factor}× the queue` : ''}`);
      if (r.error && r.error !== 'none') parts.push(`error: ${r.error}`); break;
    case 'stampede':
      if (r.orders !== undefined) parts.push(`${r.ok}/${r.orders} placed, ${r.allocated_at_once} got units at once${r.failures !== 'none' ? `, failures ${r.failures}` : ''}`);
      if (r.oversold !== undefined) parts.push(`oversold ${r.oversold}, allocated ${r.allocated} of ${r.on_hand}`);
      if (r.restocked !== undefined) parts.push(`restocked ${r.restocked} of ${r.waiting_before} waiting`);
      break;
    case 'subscribers': parts.push(`${r.delivered}/${r.subscribers} delivered, mutation ${r.mutation_ms} ms, CPU ${r.delivery_cpu_pct}% while delivering`); break;
    case 'queries': if (r.queue_length !== undefined) parts.push(`queue of ${r.queue_length}`); break;
    case 'catalogue': case 'quote':
      if (r.case === 'setup') parts.push(`${r.products} products, ${r.waiting} units waiting, bulk-loaded in ${r.bulk_load_s} s`);
      if (r.case === 'page-mix') parts.push(`per page: ${r.statuses_per_page}; deliveries ${r.deliveries_per_page}`);
      if (r.vs_plain !== undefined) parts.push(`${r.vs_plain} × plain`);
      if (r.service_cpu_ms_per_op !== undefined) parts.push(`CPU per request: service ${r.service_cpu_ms_per_op} ms, PostgreSQL ${r.pg_cpu_ms_per_op} ms`);
      if (r.quote_p99_ms !== undefined) parts.push(`p99 of its quote ${r.quote_p99_ms} ms, of its placement ${r.place_p99_ms} ms`);
      if (r.quote_changed) parts.push(`${r.quote_changed} QUOTE_CHANGED`);
      if (r.failures && r.failures !== 'none') parts.push(`failures ${r.failures}`);
      break;
    case 'insight':
      if (r.case === 'setup') parts.push(`bulk-loaded in ${r.bulk_load_s} s`);
      if (r.case === 'data-sizes') parts.push(`${r.orders} orders (${r.order_lines} lines), ${r.products} products, ${r.suppliers} suppliers, ${r.backorders} backorders (${r.waiting_backorders} waiting), ${r.purchase_orders} purchase orders, ${r.deliveries} deliveries (${r.received_deliveries} received)`);
      if (r.median_ms !== undefined) parts.push(`median ${r.median_ms} ms, p95 ${r.p95_ms} ms of ${r.calls} calls`);
      if (r.duration_ms !== undefined) parts.push(`${r.duration_ms} ms (EXPLAIN ANALYZE) ${r.statement}: ${r.top}; scans over 1,000 rows: ${r.big_scans}`);
      break;
    default: break;
  }
  if (hasChecks(r)) parts.push(failedChecksOf(r).length ? `FAILED: ${failedChecksOf(r).join(', ')}` : 'checks pass');
  return parts.join('; ');
}
const summary = records.filter((r) => !['environment', 'checks'].includes(r.scenario) && r.case !== 'invariants').map((r) => ({
  scenario: r.scenario, case: r.case, 'throughput /s': r.rps ?? r.tps ?? '', 'p50 ms': r.p50_ms ?? '', 'p99 ms': r.p99_ms ?? '',
  '× pgbench': r.ratio_to_pgbench ?? '', outcome: outcome(r), 'service CPU %': r.service_cpu_pct ?? '',
  'PostgreSQL CPU %': r.pg_cpu_pct ?? '', 'machine CPU %': r.machine_cpu_pct ?? '', 'RSS MB': r.rss_max_mb ?? '',
}));

// Issue 20: what availability and the quote cost, per client count, next to the plain request of the same run.
const perf = (r) => (r && typeof r.rps === 'number' ? `${r.rps} (${r.p99_ms} ms)` : '');
const levels = [...new Set(records.filter((r) => ['catalogue', 'quote'].includes(r.scenario) && /-c\d+$/.test(r.case))
  .map((r) => Number(r.case.replace(/.*-c/, ''))))].sort((a, b) => a - b);
const issue20 = levels.map((c) => {
  const at = (scenario, name) => find(scenario, `${name}-c${c}`);
  return {
    clients: c, 'catalogue page /s (p99)': perf(at('catalogue', 'plain')),
    'with availability': perf(at('catalogue', 'availability')), 'availability ×': at('catalogue', 'availability')?.vs_plain ?? '',
    'placeOrder /s (p99)': perf(at('quote', 'plain')), 'with a ready token': perf(at('quote', 'token')),
    'token ×': at('quote', 'token')?.vs_plain ?? '', 'checkout: quote + placeOrder': perf(at('quote', 'checkout')),
    'checkout ×': at('quote', 'checkout')?.vs_plain ?? '', 'quote of 3 lines /s (p99)': perf(at('quote', 'cart3')),
    QUOTE_CHANGED: ['token', 'checkout'].map((m) => at('quote', m)?.quote_changed).filter((v) => v !== undefined).join(' / '),
  };
});

const lines = [`# Benchmark results ${environment.started ?? ''}`, ''];
lines.push(table([environment], ['scenario', 'case']), '');
lines.push('## Issue 10 targets', '', table(targets.map((t) => ({
  target: t.target, measured: t.measured === null ? 'n/a (not measured at this size)' : `${t.measured} ${t.unit}`,
  met: t.met === null ? '' : t.met ? 'yes' : 'NO',
}))), '');
if (issue20.length) {
  lines.push('## Issue 20: availability and the quote, next to the plain requests', '',
    'Requests (pages, orders, quotes) per second, p99 in brackets; each × is the ratio to the plain request at the same level (page without availability, placeOrder without a token). A checkout is two requests (quote, then placeOrder with its token), counted as one order from the first send to the last answer. QUOTE_CHANGED: with a ready token / at checkout.', '',
    table(issue20), '');
}
lines.push('## Summary', '', 'CPU in % of one core (200 = both cores); machine CPU counts every process (load generators, and anything else running on the machine); throughput counts successful requests only.', '',
  table(summary), '');
lines.push('## Checks (invariants after each scenario, scenario-specific checks)', '',
  checks.length ? table(checks) : 'none recorded', '',
  failedChecks.length ? `**${failedChecks.length} check(s) FAILED.**` : 'Every check passed.', '');
lines.push('## Every figure, by scenario', '');
for (const scenario of [...new Set(records.map((r) => r.scenario))].filter((s) => !['environment', 'checks'].includes(s))) {
  const rows = records.filter((r) => r.scenario === scenario && r.case !== 'invariants');
  if (rows.length) lines.push(`### ${titles[scenario] ?? scenario}`, '', table(rows, ['scenario']), '');
}
writeFileSync(mdOut, lines.join('\n'));
console.log(lines.join('\n'));

function round(v, digits) { const f = 10 ** digits; return Math.round(v * f) / f; }
