// Small helpers shared by the load clients.
import http from 'node:http';
import { readFileSync } from 'node:fs';

/** The p-th percentile (nearest rank) of numbers, or null for none. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Prints the figures as one "BENCH key=value ..." line, the form run.sh records. */
export function printFigures(figures) {
  // Values are single words: run.sh splits the line on spaces.
  const fmt = (v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v).replace(/\s+/g, '_'));
  console.log(`BENCH ${Object.entries(figures).map(([k, v]) => `${k}=${fmt(v)}`).join(' ')}`);
}

/** CPU seconds (user + system) a process has used so far, from /proc; null if it is gone. */
export function cpuSeconds(pid) {
  try {
    // Fields after the command name: state is [0], utime [11], stime [12], in USER_HZ (100 on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch { return null; }
}

/** POSTs a GraphQL request with the given agent; resolves to { status, body, ms }. */
export function postGraphQL(url, token, query, variables, agent) {
  const body = JSON.stringify({ query, variables });
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(url, {
      method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
        ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (d) => { text += d; });
      response.on('end', () => resolve({ status: response.statusCode, body: text, ms: performance.now() - started }));
    });
    request.on('error', (error) => resolve({ status: 0, body: String(error.message), ms: performance.now() - started }));
    request.end(body);
  });
}
