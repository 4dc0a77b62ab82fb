// The pages' one way to the service: GraphQL over HTTP for queries and mutations, and one graphql-transport-ws
// connection for the live updates, which says when it is lost and comes back by itself.

/** An error the service answered, with its stable code (docs/security.md lists them). */
export class ServiceError extends Error {
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}

const UNREACHABLE = 'The service cannot be reached. Check your connection and try again.';

/** The data of one GraphQL operation; throws the first error as a ServiceError. */
export async function request(document, variables, token) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' };
    if (token) {
        headers.Authorization = `Bearer ${token}`;
    }
    let response;
    try {
        response = await fetch('/graphql', {
            method: 'POST', headers, body: JSON.stringify({ query: document, variables: variables ?? {} }),
        });
    } catch {
        throw new ServiceError(UNREACHABLE, 'UNAVAILABLE');
    }
    const body = await response.json().catch(() => null);
    if (body === null) {
        throw new ServiceError(`The service answered ${response.status}. Try again in a moment.`, 'UNAVAILABLE');
    }
    if (body.errors?.length) {
        throw fromGraphQL(body.errors[0]);
    }
    return body.data;
}

function fromGraphQL(error) {
    return new ServiceError(error.message, error.extensions?.code ?? 'INTERNAL');
}

/** A ping this often keeps a quiet connection open through proxies that close idle ones (often after 60 s). */
const KEEP_ALIVE_MS = 25_000;

/**
 * One WebSocket for all of a page's subscriptions. When it drops it tells `onStatus`, waits (1 s, doubling to
 * 30 s, with jitter so that a restarted service is not hit by every page at once), reconnects, subscribes again
 * and calls `onReconnect`: a page reads what it shows again then, as events sent while it was away are gone.
 */
export class LiveConnection {
    constructor({ token, onStatus, onReconnect }) {
        this.token = token;
        this.onStatus = onStatus ?? (() => {});
        this.onReconnect = onReconnect ?? (() => {});
        this.subscriptions = new Map();
        this.nextId = 1;
        this.failures = 0;
        this.connected = false;
        this.wasConnected = false;
        this.connect();
    }

    /** Subscribes; returns the function that ends the subscription. */
    subscribe(document, variables, { next, error }) {
        const id = String(this.nextId++);
        this.subscriptions.set(id, { document, variables, next, error });
        if (this.connected) {
            this.sendSubscribe(id);
        }
        return () => {
            if (this.subscriptions.delete(id) && this.connected) {
                this.send({ id, type: 'complete' });
            }
        };
    }

    close() {
        this.closed = true;
        clearTimeout(this.retry);
        clearInterval(this.keepAlive);
        this.subscriptions.clear();
        this.socket?.close(1000);
    }

    connect() {
        const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
        const socket = new WebSocket(`${scheme}://${location.host}/graphql`, 'graphql-transport-ws');
        this.socket = socket;
        this.onStatus(this.wasConnected ? 'reconnecting' : 'connecting');
        socket.onopen = () => {
            socket.send(JSON.stringify({
                type: 'connection_init', payload: this.token ? { Authorization: `Bearer ${this.token}` } : {},
            }));
            clearInterval(this.keepAlive);
            this.keepAlive = setInterval(() => this.send({ type: 'ping' }), KEEP_ALIVE_MS);
        };
        socket.onmessage = (message) => this.receive(JSON.parse(message.data));
        socket.onclose = () => this.lost(socket);
    }

    receive(message) {
        switch (message.type) {
            case 'connection_ack': {
                const reconnected = this.wasConnected;
                this.connected = true;
                this.wasConnected = true;
                this.failures = 0;
                this.onStatus('live');
                for (const id of this.subscriptions.keys()) {
                    this.sendSubscribe(id);
                }
                if (reconnected) {
                    this.onReconnect();
                }
                break;
            }
            case 'ping':
                this.send({ type: 'pong' });
                break;
            case 'next':
                if (message.payload.errors?.length) {
                    this.send({ id: message.id, type: 'complete' });
                    this.end(message.id, fromGraphQL(message.payload.errors[0]));
                } else {
                    this.subscriptions.get(message.id)?.next(message.payload.data);
                }
                break;
            case 'error':
                this.end(message.id, fromGraphQL(message.payload[0] ?? { message: 'Subscription refused' }));
                break;
            case 'complete':
                this.subscriptions.delete(message.id);
                break;
            default:
                break;
        }
    }

    end(id, error) {
        const subscription = this.subscriptions.get(id);
        this.subscriptions.delete(id);
        subscription?.error?.(error);
    }

    lost(socket) {
        if (this.closed || socket !== this.socket) {
            return;
        }
        this.connected = false;
        clearInterval(this.keepAlive);
        const wait = Math.min(30_000, 1000 * 2 ** this.failures++) * (0.75 + Math.random() / 4);
        this.onStatus('offline', Math.round(wait / 1000));
        this.retry = setTimeout(() => this.connect(), wait);
    }

    sendSubscribe(id) {
        const { document, variables } = this.subscriptions.get(id);
        this.send({ id, type: 'subscribe', payload: { query: document, variables } });
    }

    send(message) {
        if (this.socket.readyState === WebSocket.OPEN) {
            this.socket.send(JSON.stringify(message));
        }
    }
}
