// Fan-out: N WebSocket subscribers of one product's stock, then one restock; how long until each hears it.
//   node subscribers.mjs SERVICE_URL SKU N CUSTOMER_TOKEN STAFF_TOKEN SERVICE_PID [TIMEOUT_S]
// Speaks graphql-transport-ws itself (connection_init with the token, subscribe, next, ping/pong) over the
// npm `ws` client: one connection and one `stockChanged(sku)` subscription per subscriber, as a storefront
// page showing the product would. Once the service reports every subscription live and none still reading
// its starting state (readiness data), it sends receiveStock(sku, 1) and times, from the moment the mutation
// is sent, each subscriber's first event carrying the new stock. The service's CPU is read from /proc over
// the same window. Prints a BENCH line. The client shares the machine's cores with the service: with
// thousands of sockets, part of each delay is this process reading them one after another.
import http from 'node:http';
import WebSocket from 'ws';
import { cpuSeconds, percentile, postGraphQL, printFigures } from './stats.mjs';

const [serviceUrl, sku, countArg, customerToken, staffToken, pidArg, timeoutArg] = process.argv.slice(2);
const count = Number(countArg);
const servicePid = Number(pidArg);
const timeoutMs = Number(timeoutArg ?? 120) * 1000;
const wsUrl = `${serviceUrl.replace(/^http/, 'ws')}/graphql`;
const CONNECTING_AT_ONCE = 250;
const subscription = `subscription ($sku: String!) {
  stockChanged(sku: $sku) { sku stock { onHand allocated available } waitingBackorders }
}`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const errors = {};
const noteError = (what) => { errors[what] = (errors[what] ?? 0) + 1; };

async function liveCounts() {
  const response = await fetch(`${serviceUrl}/q/health/ready`);
  const health = await response.json();
  return health.checks.find((check) => check.data && 'subscriptions' in check.data).data;
}

/** Opens one subscriber; resolves once its subscribe message is sent (or it failed). */
function subscribe(subscriber) {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { perMessageDeflate: false });
    subscriber.socket = socket;
    socket.on('open', () => socket.send(JSON.stringify({
      type: 'connection_init', payload: { Authorization: `Bearer ${customerToken}` } })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: subscription, variables: { sku } } }));
        resolve();
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next') {
        subscriber.events.push({ at: performance.now(), stock: message.payload?.data?.stockChanged?.stock });
      } else if (message.type === 'error') {
        noteError(`error:${message.payload?.[0]?.extensions?.code ?? 'unknown'}`);
      } else if (message.type === 'complete') {
        subscriber.completed = true;
      }
    });
    socket.on('error', (error) => { noteError(`socket:${error.code ?? error.message}`); resolve(); });
    socket.on('close', () => { subscriber.closed = true; resolve(); });
  });
}

const baseline = (await liveCounts()).subscriptions;
const subscribers = Array.from({ length: count }, () => ({ events: [], closed: false, completed: false }));
const connectStarted = performance.now();
for (let i = 0; i < count; i += CONNECTING_AT_ONCE) {
  await Promise.all(subscribers.slice(i, i + CONNECTING_AT_ONCE).map(subscribe));
}
// Ready when the service counts them all and none is still reading its starting state.
let live;
const readyDeadline = performance.now() + timeoutMs;
do {
  live = await liveCounts();
  if (live.subscriptions - baseline >= count && live.starting === 0) break;
  await sleep(200);
} while (performance.now() < readyDeadline);
const connectSeconds = (performance.now() - connectStarted) / 1000;
const subscribed = live.subscriptions - baseline;

// The restock, timed from the moment it is sent.
const agent = new http.Agent({ keepAlive: true });
const cpuBefore = cpuSeconds(servicePid);
const sentAt = performance.now();
for (const s of subscribers) s.events = [];
const restock = await postGraphQL(`${serviceUrl}/graphql`, staffToken,
  'mutation ($sku: String!) { receiveStock(sku: $sku, quantity: 1) { stock { onHand } } }', { sku }, agent);
const mutationMs = restock.ms;
const onHand = JSON.parse(restock.body).data?.receiveStock?.stock?.onHand;
if (onHand === undefined) noteError('restock failed');

const heard = (s) => s.events.some((e) => e.stock?.onHand === onHand);
const deliveryDeadline = sentAt + timeoutMs;
while (performance.now() < deliveryDeadline && !subscribers.every((s) => heard(s) || s.closed)) await sleep(20);
const cpuAfter = cpuSeconds(servicePid);
const windowSeconds = (performance.now() - sentAt) / 1000;

const delays = subscribers.filter(heard).map((s) => s.events.find((e) => e.stock?.onHand === onHand).at - sentAt);
const staleOrOther = subscribers.filter((s) => s.events.length && !heard(s)).length;
const closedEarly = subscribers.filter((s) => s.closed).length;
// Leave as a well-behaved client does: complete the subscription and close with 1000, giving the service
// up to 10 s to close its side; only then drop what is left.
const closed = subscribers.map((s) => new Promise((resolve) => {
  if (!s.socket || s.socket.readyState !== WebSocket.OPEN) return resolve();
  s.socket.once('close', resolve);
  s.socket.send(JSON.stringify({ id: '1', type: 'complete' }));
  s.socket.close(1000);
}));
await Promise.race([Promise.all(closed), sleep(10000)]);
for (const s of subscribers) s.socket?.terminate();
agent.destroy();

printFigures({
  subscribers: count, subscribed, connect_s: connectSeconds, delivered: delays.length,
  missed: count - delays.length, wrong_state: staleOrOther, closed_early: closedEarly,
  mutation_ms: mutationMs, p50_ms: percentile(delays, 50), p99_ms: percentile(delays, 99),
  max_ms: delays.length ? Math.max(...delays) : null,
  delivery_cpu_s: cpuAfter - cpuBefore, delivery_cpu_pct: (100 * (cpuAfter - cpuBefore)) / windowSeconds,
  errors: Object.entries(errors).map(([k, v]) => `${k}:${v}`).join(',') || 'none',
});
process.exit(0);
