// The insight scenario's timings: each staff query of issue 21's insight through GraphQL, one after another
// (as a back-office page asks them), CALLS times each after WARMUP unmeasured calls.
//   node insight.mjs GRAPHQL_URL STAFF_TOKEN CALLS WARMUP
// Prints one BENCH line per query (median and p95 of the calls, in ms, and what the answer held) and exits
// non-zero if any call fails.
import http from 'node:http';
import { percentile, postGraphQL } from './stats.mjs';

const [url, token, callsArg, warmupArg] = process.argv.slice(2);
const calls = Number(callsArg);
const warmup = Number(warmupArg);
const agent = new http.Agent({ keepAlive: true });
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

const queries = {
  backorderAging: {
    query: `{ backorderAging(first: 20) { overall { backorders units buckets { backorders units } oldest { days } }
      products { sku waiting { backorders units buckets { backorders units } oldest { days } } } moreProducts } }`,
    held: (d) => `waiting_backorders=${d.backorderAging.overall.backorders} products_listed=${d.backorderAging.products.length}`,
  },
  fillRate30d: {
    query: `{ fillRate(from: "${day(-30)}", to: "${day(1)}", first: 20) { overall { lines unitFillRate
      meanHoursToAllocation p90HoursToAllocation backordersWaiting } products { sku figures { lines unitFillRate } } } }`,
    held: (d) => `lines=${d.fillRate.overall.lines} unit_fill_rate=${d.fillRate.overall.unitFillRate}`,
  },
  fillRate1d: {
    query: `{ fillRate(from: "${day(-1)}", to: "${day(0)}", first: 20) { overall { lines unitFillRate } products { sku } } }`,
    held: (d) => `lines=${d.fillRate.overall.lines}`,
  },
  fillRate180d: {
    query: `{ fillRate(from: "${day(-181)}", to: "${day(1)}", first: 20) { overall { lines unitFillRate
      meanHoursToAllocation p90HoursToAllocation } products { sku } } }`,
    held: (d) => `lines=${d.fillRate.overall.lines}`,
  },
  atRiskProducts: {
    query: `{ atRiskProducts(first: 100) { sku daysOfCover stockOutDate orderBy p90DelayDays confirmedInbound } }`,
    held: (d) => `listed=${d.atRiskProducts.length}`,
  },
  reorderSuggestions: {
    query: `{ reorderSuggestions(first: 100) { sku need suggestedQuantity orderBy safetyDays } }`,
    held: (d) => `listed=${d.reorderSuggestions.length}`,
  },
  supplierPerformance: {
    query: `{ supplierPerformance(first: 100) { supplierId onTimeFirstPromise onTimeCurrentPromise meanDelayDays
      worstDelayDays dateMovesPerLine shortShippedShare customerDaysOfDelay } }`,
    held: (d) => `listed=${d.supplierPerformance.length}`,
  },
  supplierPerformance90d: {
    query: `{ supplierPerformance(from: "${day(-90)}", first: 100) { supplierId onTimeFirstPromise customerDaysOfDelay } }`,
    held: (d) => `listed=${d.supplierPerformance.length}`,
  },
};

for (const [name, { query, held }] of Object.entries(queries)) {
  const times = [];
  let answer;
  for (let i = 0; i < warmup + calls; i++) {
    const { status, body, ms } = await postGraphQL(url, token, query, {}, agent);
    const json = status === 200 ? JSON.parse(body) : null;
    if (!json || json.errors) {
      console.error(`insight: ${name} failed: HTTP ${status}: ${body.slice(0, 400)}`);
      process.exit(1);
    }
    if (i >= warmup) times.push(ms);
    answer = json.data;
  }
  console.log(`BENCH query=${name} calls=${calls} median_ms=${percentile(times, 50).toFixed(1)} `
    + `p95_ms=${percentile(times, 95).toFixed(1)} max_ms=${Math.max(...times).toFixed(1)} ${held(answer)}`);
}
agent.destroy();
