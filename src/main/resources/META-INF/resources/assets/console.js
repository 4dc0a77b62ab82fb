// The staff console: one page, a view per address fragment (#/products, #/products/SKU, #/purchase-orders,
// #/insight, #/mails). Every figure comes from /graphql with the staff token pasted at sign-in; views that show
// stock or queues subscribe to their changes and update in place.

import { LiveConnection, ServiceError, request } from './graphql.js';
import {
    OPEN_ORDER, barChart, busy, choice, connectionStatus, day, dayRange, field, h, label, messageArea, moment,
    number, onSubmit, percent, show, since, table, today, units,
} from './ui.js';

const TOKEN = 'backorders.console.token';
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const signOut = document.getElementById('sign-out');
const indicator = document.getElementById('connection');

let token = sessionStorage.getItem(TOKEN);
let live = null;
let view = null;

/**
 * What the current view set up, undone when another view opens. A view's loads finish after it may have ended:
 * once it has, nothing it asks for happens (no drawing, no subscription, no timer).
 */
class View {
    constructor(title) {
        this.title = title;
        this.endings = [];
        this.ended = false;
        this.errors = h('div', { className: 'message error', role: 'alert' });
        document.title = `${title} · Backorders console`;
    }

    /** Shows the view's heading (its title: text, or an element a view updates) and content; focuses the heading. */
    show(...content) {
        if (this.ended) {
            return;
        }
        const heading = h('h1', { tabindex: '-1' }, this.title);
        show(main, heading, this.errors, content);
        heading.focus();
    }

    subscribe(document, variables, next) {
        if (!this.ended) {
            this.endings.push(live.subscribe(document, variables, { next, error: (error) => this.failed(error) }));
        }
    }

    /** Runs an action of the view, reporting its failure. */
    run(action) {
        return action().catch((error) => this.failed(error));
    }

    /** Runs `action` at most once per `wait` ms, however many events ask for it. */
    throttled(action, wait = 300) {
        let timer = null;
        this.endings.push(() => clearTimeout(timer));
        return () => {
            if (timer === null && !this.ended) {
                timer = setTimeout(() => {
                    timer = null;
                    this.run(action);
                }, wait);
            }
        };
    }

    /**
     * Reads what the view shows once more, a second after it subscribed: the service starts subscriptions
     * asynchronously, and a change committed between the view's first read and their start reaches neither.
     * After a reconnect, the same again (`reconnected`).
     */
    settle(load) {
        this.reload = load;
        this.later(load, 1000);
    }

    reconnected() {
        if (this.reload) {
            this.run(this.reload);
            this.later(this.reload, 1000);
        }
    }

    later(action, milliseconds) {
        if (!this.ended) {
            const timer = setTimeout(() => this.run(action), milliseconds);
            this.endings.push(() => clearTimeout(timer));
        }
    }

    every(action, milliseconds) {
        if (!this.ended) {
            const timer = setInterval(() => this.run(action), milliseconds);
            this.endings.push(() => clearInterval(timer));
        }
    }

    failed(error) {
        if (this.ended) {
            return;
        }
        if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') {
            leave(error.code === 'UNAUTHENTICATED' ? 'Your token expired: sign in again.' : error.message);
        } else {
            this.errors.textContent = error.message;
        }
    }

    end() {
        this.ended = true;
        this.endings.forEach((ending) => ending());
    }
}

function ask(document, variables) {
    return request(document, variables, token).catch((error) => {
        if (error instanceof ServiceError && error.code === 'UNAUTHENTICATED') {
            leave('Your token expired: sign in again.');
        }
        throw error;
    });
}

// ---- Sign-in ------------------------------------------------------------------------------------

function signInPage(reason, kind = 'error') {
    const area = messageArea();
    const form = onSubmit(h('form', {},
        h('label', { for: 'token' }, 'Staff token'),
        h('textarea', { id: 'token', name: 'token', required: true, autocomplete: 'off', spellcheck: 'false',
            'aria-describedby': 'token-help' }),
        h('p', { id: 'token-help', className: 'muted' },
            'A bearer token from the shop\'s identity provider with the staff role (a header line with it will do).'
            + ' It stays in this tab only.'),
        h('div', { className: 'actions' }, h('button', { type: 'submit' }, 'Sign in'))), area, async (data) => {
        // The token alone, also from a pasted header line such as {"Authorization": "Bearer ..."}.
        const text = String(data.get('token')).trim();
        const pasted = text.match(/[\w-]+\.[\w-]+\.[\w-]+/)?.[0] ?? text;
        try {
            await request('query ConsoleSignIn { notifications(first: 1) { edges { node { id } } } }', {}, pasted);
        } catch (error) {
            throw new Error(error.code === 'FORBIDDEN'
                ? 'This token is not a staff token: the console is for staff.'
                : error.code === 'UNAUTHENTICATED' ? 'This token is not valid or has expired.' : error.message);
        }
        token = pasted;
        sessionStorage.setItem(TOKEN, token);
        enter();
    });
    main.className = 'narrow';
    document.title = 'Sign in · Backorders console';
    show(main, h('h1', {}, 'Sign in to the console'), area, form);
    // Said once the area is in the page, so that screen readers announce it.
    area.say(reason, kind);
    form.querySelector('textarea').focus();
}

function enter() {
    nav.hidden = false;
    signOut.hidden = false;
    indicator.hidden = false;
    live = new LiveConnection({ token, onStatus: connectionStatus(indicator), onReconnect: () => view?.reconnected() });
    route();
}

function leave(reason, kind) {
    view?.end();
    view = null;
    live?.close();
    live = null;
    token = null;
    sessionStorage.removeItem(TOKEN);
    nav.hidden = true;
    signOut.hidden = true;
    indicator.hidden = true;
    signInPage(reason, kind);
}

// ---- Products -----------------------------------------------------------------------------------

const PRODUCT_ROW = `
    fragment ConsoleProductRow on Product {
        sku name backorderPolicy waitingBackorders
        stock { onHand allocated available }
        inbound { id quantity expectedAt firstConfirmedAt purchaseOrderLineId }
    }`;

const PRODUCT_COLUMNS = [
    ['Product', (product) => h('a', { id: `product-${product.sku}`, href: productAddress(product.sku) }, product.name)],
    ['SKU', (product) => product.sku],
    ['On hand', (product) => product.stock?.onHand ?? '—', true],
    ['Available', (product) => product.stock?.available ?? '—', true],
    ['Waiting units', (product) => product.waitingBackorders ?? '—', true],
    ['Next inbound', (product) => (product.inbound?.[0]
        ? `${product.inbound[0].quantity} on ${day(product.inbound[0].expectedAt)}` : '—')],
    ['Risk', (product) => (product.risk ? h('span', { className: 'tag bad' }, product.risk.orderBy <= today()
        ? 'At risk: order now' : `At risk: order by ${day(product.risk.orderBy)}`) : '')],
];

function productAddress(sku) {
    return `#/products/${encodeURIComponent(sku)}`;
}

async function productsPage(current) {
    const body = h('tbody', {});
    const more = h('div', { className: 'actions' });
    const find = h('form', { className: 'inline', role: 'search', 'aria-label': 'Open a product by SKU',
        onsubmit: (event) => {
            event.preventDefault();
            location.hash = productAddress(new FormData(find).get('sku').trim());
        } }, field('SKU', { id: 'find-sku', name: 'sku', required: true, autocomplete: 'off' }),
    h('button', { type: 'submit', className: 'secondary' }, 'Open product'));
    current.show(find, h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'stock' },
        h('table', {},
            h('caption', { id: 'stock' }, 'Stock, waiting units and the next delivery, as they change'),
            h('thead', {}, h('tr', {}, PRODUCT_COLUMNS.map(([heading, , numeric]) =>
                h('th', { scope: 'col', className: numeric ? 'number' : null }, heading)))),
            body)), more);
    const rows = new Map();
    const risks = new Map();
    const showRow = (product) => {
        let row = rows.get(product.sku);
        if (!row) {
            row = h('tr', { 'data-sku': product.sku });
            rows.set(product.sku, row);
            body.append(row);
            current.subscribe(`subscription ConsoleStock($sku: String!) {
                stockChanged(sku: $sku) { ...ConsoleProductRow }
            } ${PRODUCT_ROW}`, { sku: product.sku }, (changed) => {
                showRow(changed.stockChanged);
                flash(row);
            });
        }
        const shown = { ...product, risk: risks.get(product.sku) };
        show(row, PRODUCT_COLUMNS.map(([, cell, numeric]) => h('td', { className: numeric ? 'number' : null },
            cell(shown))));
    };
    const readPage = async (after) => {
        const data = await ask(`query ConsoleProducts($after: String) {
            products(first: 50, after: $after) {
                edges { node { ...ConsoleProductRow } } pageInfo { hasNextPage endCursor } }
        } ${PRODUCT_ROW}`, { after });
        const products = data.products.edges.map((edge) => edge.node);
        const risky = await ask(`query ConsoleRisks($skus: [String]) {
            atRiskProducts(skus: $skus, first: 100) { sku orderBy }
        }`, { skus: products.map((product) => product.sku) });
        products.forEach((product) => risks.delete(product.sku));
        risky.atRiskProducts.forEach((risk) => risks.set(risk.sku, risk));
        products.forEach(showRow);
        return data.products.pageInfo;
    };
    // Pages shown so far, by the cursor they start after: a reload reads them all again.
    const pages = [null];
    const load = async () => {
        let pageInfo = null;
        for (const after of pages) {
            pageInfo = await readPage(after);
        }
        show(more, pageInfo.hasNextPage ? h('button', { type: 'button', className: 'secondary', onclick: () => {
            pages.push(pageInfo.endCursor);
            current.run(load);
        } }, 'Show more products') : null);
    };
    await load();
    current.settle(load);
}

/** Marks a row that just changed (its animation restarts: reading offsetWidth makes the browser apply the removal). */
function flash(row) {
    row.classList.remove('changed');
    void row.offsetWidth;
    row.classList.add('changed');
}

// ---- One product: its stock, queue and inbound supply ---------------------------------------------

const QUEUE_ROW = `
    fragment ConsoleQueueRow on Backorder {
        id orderId queuePosition customerEmail quantity allocated createdAt preorder
        eta { date latest source consentDeadline }
    }`;

async function productPage(current, sku) {
    const figures = h('dl', { className: 'figures' });
    const area = messageArea();
    const inbound = h('div', {});
    const queue = h('div', {});
    const receive = onSubmit(h('form', { className: 'inline', 'aria-label': 'Receive stock' },
        field('Units arrived', { id: 'receive-stock', type: 'number', name: 'quantity', min: 1, required: true }),
        h('button', { type: 'submit' }, 'Receive stock')), area, async (data) => {
        const quantity = Number(data.get('quantity'));
        await ask(`mutation ConsoleReceiveStock($sku: String!, $quantity: Int!) {
            receiveStock(sku: $sku, quantity: $quantity) { sku }
        }`, { sku, quantity });
        receive.reset();
        return `${units(quantity)} received: waiting backorders were filled first come, first served.`;
    });
    const heading = h('span', {}, sku);

    const showProduct = (product) => {
        heading.textContent = `${product.name} (${product.sku})`;
        document.title = `${product.name} · Backorders console`;
        show(figures, [['On hand', product.stock.onHand], ['Allocated', product.stock.allocated],
            ['Available', product.stock.available], ['Waiting units', product.waitingBackorders]]
            .map(([name, value]) => h('div', {}, h('dt', {}, name), h('dd', {}, value))));
        show(inbound, table('Open deliveries, earliest first', [
            ['Expected', (shipment) => day(shipment.expectedAt)],
            ['First confirmed', (shipment) => day(shipment.firstConfirmedAt)],
            ['Units still expected', (shipment) => shipment.quantity, true],
            ['From', (shipment) => (shipment.purchaseOrderLineId ? 'Purchase order' : 'Recorded by hand')],
            ['Receive', (shipment) => receiveInbound(shipment, area)],
        ], product.inbound));
    };
    const loadQueue = async () => {
        const data = await ask(`query ConsoleQueue($sku: String!) {
            product(sku: $sku) { ...ConsoleProductRow }
            backorders(sku: $sku, status: WAITING, first: 100) {
                edges { node { ...ConsoleQueueRow } } pageInfo { hasNextPage } }
        } ${PRODUCT_ROW} ${QUEUE_ROW}`, { sku });
        if (!data.product) {
            throw new ServiceError(`No product has the SKU ${sku}.`, 'UNKNOWN_PRODUCT');
        }
        showProduct(data.product);
        const now = Date.now();
        show(queue, table(data.backorders.pageInfo.hasNextPage
            ? `The first 100 waiting backorders, first come first served (${data.product.waitingBackorders} units wait)`
            : 'Waiting backorders, first come first served', [
            ['Position', (backorder) => backorder.queuePosition, true],
            ['Customer', (backorder) => backorder.customerEmail],
            ['Units waiting', (backorder) => backorder.quantity - backorder.allocated, true],
            ['Waiting for', (backorder) => since(backorder.createdAt, now)],
            ['Estimate', (backorder) => (backorder.eta
                ? h('time', { datetime: backorder.eta.date }, dayRange(backorder.eta.date, backorder.eta.latest))
                : '—')],
            ['Consent', (backorder) => (backorder.eta?.consentDeadline
                ? h('span', { className: 'tag warn' }, `Asked, answer by ${moment(backorder.eta.consentDeadline)}`)
                : '')],
        ], data.backorders.edges.map((edge) => edge.node),
        { rowProps: (backorder) => ({ 'data-backorder': backorder.id }) }));
    };
    try {
        await loadQueue();
    } catch (error) {
        if (error.code !== 'UNKNOWN_PRODUCT') {
            throw error;
        }
        current.title = 'No such product';
        current.show(h('p', {}, `No product has the SKU ${sku}. `, h('a', { href: '#/products' }, 'All products')));
        return;
    }
    current.title = heading;
    current.show(h('p', {}, h('a', { href: '#/products' }, '← Products')), figures, area,
        h('h2', {}, 'Receive stock'), receive, h('h2', {}, 'Queue'), queue, h('h2', {}, 'Inbound supply'), inbound);
    current.subscribe(`subscription ConsoleProduct($sku: String!) {
        stockChanged(sku: $sku) { ...ConsoleProductRow }
    } ${PRODUCT_ROW}`, { sku }, (changed) => showProduct(changed.stockChanged));
    current.subscribe(`subscription ConsoleQueueChanged($sku: String!) {
        backorderChanged(sku: $sku) { type }
    }`, { sku }, current.throttled(loadQueue));
    current.settle(loadQueue);
}

function receiveInbound(shipment, area) {
    const named = `Receive the delivery of ${day(shipment.expectedAt)}`;
    return onSubmit(h('form', { className: 'inline', 'aria-label': named },
        field('Units', { id: `receive-${shipment.id}`, type: 'number', name: 'quantity', min: 1, max: shipment.quantity,
            value: shipment.quantity, required: true }),
        h('button', { type: 'submit', className: 'secondary' }, 'Receive')), area, async (data) => {
        const quantity = Number(data.get('quantity'));
        await ask(`mutation ConsoleReceiveInbound($id: ID!, $quantity: Int!) {
            receiveInbound(id: $id, quantity: $quantity) { id }
        }`, { id: shipment.id, quantity });
        return `${units(quantity)} of the delivery of ${day(shipment.expectedAt)} received.`;
    });
}

// ---- Purchase orders ----------------------------------------------------------------------------

async function allSuppliers() {
    return (await ask('query ConsoleSuppliers { suppliers(first: 100) { edges { node { id name } } } }'))
        .suppliers.edges.map((edge) => edge.node);
}

async function purchaseOrdersPage(current) {
    const filter = {};
    const area = messageArea();
    const list = h('div', {});
    const suppliers = await allSuppliers();
    const choose = (name, text, options) => choice(`filter-${name}`, text, [[null, 'All'], ...options], null,
        (value) => {
            filter[name] = value;
            current.run(load);
        });
    current.show(h('form', { className: 'inline', 'aria-label': 'Filter purchase orders' },
        choose('supplierId', 'Supplier', suppliers.map((supplier) => [supplier.id, supplier.name])),
        choose('status', 'Status', ['SENT', 'CONFIRMED', 'PARTLY_RECEIVED', 'RECEIVED', 'CANCELLED']
            .map((status) => [status, label(status)]))),
    area, list);
    const watched = new Set();
    const load = async () => {
        const data = await ask(`query ConsolePurchaseOrders($status: PurchaseOrderStatus, $supplierId: ID) {
            purchaseOrders(first: 50, status: $status, supplierId: $supplierId) { edges { node {
                id status createdAt answeredAt supplier { id name }
                lines { id sku productName quantity coming
                    deliveries { id quantity received expectedAt requestedAt firstConfirmedAt dateMoves status } }
            } } pageInfo { hasNextPage } }
        }`, { status: filter.status ?? null, supplierId: filter.supplierId ?? null });
        const orders = data.purchaseOrders.edges.map((edge) => edge.node);
        const bySupplier = new Map();
        for (const order of orders) {
            bySupplier.set(order.supplier.name, [...(bySupplier.get(order.supplier.name) ?? []), order]);
        }
        show(list, orders.length === 0 ? h('p', {}, 'No purchase orders.') : [
            data.purchaseOrders.pageInfo.hasNextPage
                ? h('p', { className: 'muted' },
                    'The 50 newest purchase orders: choose a supplier or a status for others.')
                : null,
            [...bySupplier].map(([supplier, ofIt]) => h('section', { 'aria-label': supplier }, h('h2', {}, supplier),
                ofIt.map((order) => purchaseOrder(order, area, () => current.run(load))))),
        ]);
        for (const sku of new Set(orders.flatMap((order) => order.lines.map((line) => line.sku)))) {
            if (!watched.has(sku)) {
                watched.add(sku);
                current.subscribe(`subscription ConsolePurchaseOrderSupply($sku: String!) {
                    stockChanged(sku: $sku) { sku }
                }`, { sku }, reload);
            }
        }
    };
    const reload = current.throttled(load, 500);
    await load();
    current.settle(load);
}

function purchaseOrder(order, area, reload) {
    const actions = h('div', { className: 'actions' });
    const callOff = `call-off-${order.id}`;
    const offer = () => show(actions, h('button', { id: callOff, type: 'button', className: 'secondary',
        onclick: confirmCancel }, `Call off purchase order ${order.id}`));
    const confirmCancel = () => {
        const keep = h('button', { type: 'button', className: 'secondary', onclick: () => {
            offer();
            document.getElementById(callOff).focus();
        } }, 'Keep it');
        show(actions, h('span', {}, 'Call off what is not delivered yet? The supplier is told by mail.'),
            h('button', { type: 'button', className: 'danger', onclick: (event) => busy(event.target, async () => {
                try {
                    await ask('mutation ConsoleCancelPurchaseOrder($id: ID!) { cancelPurchaseOrder(id: $id) { id } }',
                        { id: order.id });
                    area.say(`Purchase order ${order.id} called off.`, 'done');
                    area.focus();
                    reload();
                } catch (error) {
                    area.say(error.message, 'error');
                }
            }) }, 'Yes, call it off'), keep);
        keep.focus();
    };
    if (OPEN_ORDER.includes(order.status)) {
        offer();
    }
    const rows = order.lines.flatMap((line) => (line.deliveries.length ? line.deliveries : [null])
        .map((delivery, index) => ({ line, delivery, first: index === 0 })));
    return h('article', { 'data-purchase-order': order.id },
        h('h3', {}, `Purchase order ${order.id} `,
            h('span', { className: `tag ${statusTone(order.status)}` }, label(order.status))),
        h('p', { className: 'muted' }, `Sent ${moment(order.createdAt)}`,
            order.answeredAt ? ` · answered ${moment(order.answeredAt)}` : ' · not answered yet'),
        table(`Lines and deliveries of purchase order ${order.id}`, [
            ['Product', (row) => (row.first ? `${row.line.productName} (${row.line.sku})` : '')],
            ['Ordered', (row) => (row.first ? row.line.quantity : ''), true],
            ['Delivery', (row) => (row.delivery ? units(row.delivery.quantity) : 'none')],
            ['Asked for', (row) => day(row.delivery?.requestedAt)],
            ['First confirmed', (row) => day(row.delivery?.firstConfirmedAt)],
            ['Expected now', (row) => day(row.delivery?.expectedAt)],
            ['Moves', (row) => row.delivery?.dateMoves ?? '', true],
            ['Status', (row) => (row.delivery ? `${label(row.delivery.status)}${row.delivery.received
                ? `, ${row.delivery.received} arrived` : ''}` : '')],
        ], rows, { captionShown: false }), actions);
}

function statusTone(status) {
    return { CANCELLED: 'bad', SENT: 'warn', RECEIVED: 'good' }[status] ?? '';
}

// ---- Insight ------------------------------------------------------------------------------------

async function insightPage(current) {
    const area = messageArea();
    const body = h('div', {});
    const selected = new Set();
    let supplierId = null;
    const suppliers = await allSuppliers();
    current.show(h('form', { className: 'inline', 'aria-label': 'Filter insight' },
        choice('insight-supplier', 'Supplier to reorder from',
            [[null, 'All'], ...suppliers.map((supplier) => [supplier.id, supplier.name])], null, (value) => {
                supplierId = value;
                selected.clear();
                current.run(load);
            })), area, body);
    const load = async () => {
        const data = await ask(`query ConsoleInsight($from: Date!, $to: Date!, $supplierId: ID) {
            backorderAging(first: 10) { overall { backorders units buckets { label units } oldest { sku days } }
                products { sku name waiting { units backorders oldest { days } } } }
            fillRate(from: $from, to: $to, first: 10) {
                overall { unitFillRate lineFillRate orderedUnits backorderedUnits meanHoursToAllocation }
                products { sku name figures { unitFillRate orderedUnits backorderedUnits } } }
            atRiskProducts(first: 50, supplierId: $supplierId) {
                sku name available waitingUnits daysOfCover stockOutDate orderBy supplierName }
            reorderSuggestions(first: 50, supplierId: $supplierId) { sku name supplierId supplierName
                suggestedQuantity orderBy waitingUnits available openInbound dailyDemand leadTimeDays p90DelayDays }
            supplierPerformance(first: 20) { supplierId name onTimeFirstPromise onTimeCurrentPromise meanDelayDays
                dateMovesPerLine deliveriesArrived }
        }`, { from: today(-29), to: today(1), supplierId });
        // A ticked suggestion another member of staff has ordered meanwhile is no longer one.
        const suggested = new Set(data.reorderSuggestions.map((suggestion) => suggestion.sku));
        [...selected].filter((sku) => !suggested.has(sku)).forEach((sku) => selected.delete(sku));
        show(body, insight(data, area, selected, () => current.run(load)));
    };
    await load();
    // Its five reads cost about a second of database time at a shop's size (docs/benchmarks.md, insight): while
    // backorders change, at most every 30 seconds.
    current.subscribe('subscription ConsoleInsightChanged { backorderChanged { type } }', {},
        current.throttled(load, 30_000));
    current.settle(load);
}

/** The insight figures; `selected` holds the suggestions ticked, across reloads. */
function insight(data, area, selected, reload) {
    const aging = data.backorderAging;
    const fill = data.fillRate;
    const productLink = (row) => h('a', { href: productAddress(row.sku) }, row.name);
    const order = onSubmit(h('form', { 'aria-label': 'Order the selected suggestions' },
        table('Reorder suggestions: what to order now, and why', [
            ['Order', (row) => h('input', { type: 'checkbox', id: `order-${row.sku}`, value: row.sku,
                'aria-label': row.supplierId ? `Order ${row.name}` : `${row.name} has no supplier to order from`,
                disabled: !row.supplierId, checked: selected.has(row.sku),
                onchange: (event) => (event.target.checked ? selected.add(row.sku) : selected.delete(row.sku)) })],
            ['Product', productLink],
            ['Supplier', (row) => row.supplierName ?? 'none'],
            ['Suggested units', (row) => row.suggestedQuantity, true],
            ['Order by', (row) => day(row.orderBy)],
            ['Waiting', (row) => row.waitingUnits, true],
            ['Available', (row) => row.available, true],
            ['Coming', (row) => row.openInbound, true],
            ['Daily demand', (row) => number(row.dailyDemand, 2), true],
            ['Lead time', (row) => `${row.leadTimeDays} d${row.p90DelayDays
                ? ` (+${row.p90DelayDays} d late at p90)` : ''}`],
        ], data.reorderSuggestions),
        h('div', { className: 'actions' }, h('button', { id: 'create-orders', type: 'submit' },
            'Create purchase orders'))), area, async () => {
        if (selected.size === 0) {
            throw new Error('Select the suggestions to order first.');
        }
        const created = await ask(`mutation ConsoleOrderSuggestions($skus: [String!]!) {
            createPurchaseOrdersFromSuggestions(skus: $skus) { id supplier { name } }
        }`, { skus: [...selected] });
        selected.clear();
        reload();
        return `Sent ${created.createPurchaseOrdersFromSuggestions.map((made) =>
            `purchase order ${made.id} to ${made.supplier.name}`).join(', ')}. See Purchase orders.`;
    });
    return [
        h('dl', { className: 'figures' }, [
            ['Backorders waiting', aging.overall.backorders], ['Units waiting', aging.overall.units],
            ['Longest wait', aging.overall.oldest ? `${number(aging.overall.oldest.days)} d` : '—'],
            ['Unit fill rate, 30 days', percent(fill.overall.unitFillRate)],
            ['Lines filled at once', percent(fill.overall.lineFillRate)],
        ].map(([name, value]) => h('div', {}, h('dt', {}, name), h('dd', {}, value)))),
        h('h2', {}, 'Reorder'), order,
        h('h2', {}, 'At risk'),
        table('Products whose stock runs out before a refill ordered today could arrive', [
            ['Product', productLink],
            ['Supplier', (row) => row.supplierName ?? 'none'],
            ['Available', (row) => row.available, true],
            ['Waiting', (row) => row.waitingUnits, true],
            ['Days of cover', (row) => number(row.daysOfCover), true],
            ['Runs out', (row) => day(row.stockOutDate)],
            ['Order by', (row) => day(row.orderBy)],
        ], data.atRiskProducts),
        h('h2', {}, 'Charts'),
        h('div', { className: 'cards' },
            barChart('Units waiting, by how long they have waited',
                aging.overall.buckets.map((bucket) => ({ label: bucket.label, value: bucket.units }))),
            barChart('Waiting units, longest waits first',
                aging.products.map((product) => ({ label: product.name, value: product.waiting.units }))),
            barChart('Unit fill rate over 30 days, by product',
                fill.products.map((product) => ({ label: product.name, value: product.figures.unitFillRate })),
                { max: 1, format: percent }),
            barChart('Deliveries on the first confirmed day, by supplier',
                data.supplierPerformance.map((supplier) =>
                    ({ label: supplier.name, value: supplier.onTimeFirstPromise })),
                { max: 1, format: percent })),
    ];
}

// ---- Mails --------------------------------------------------------------------------------------

async function mailsPage(current) {
    const area = messageArea();
    const list = h('div', {});
    let status = 'FAILED';
    current.show(h('form', { className: 'inline', 'aria-label': 'Filter mails' },
        choice('mail-status', 'Status', [['FAILED', 'Failed'], ['PENDING', 'Waiting to be sent'], ['SENT', 'Sent'],
            [null, 'All']], status, (value) => {
            status = value;
            current.run(load);
        })), area, list);
    const retry = (mail) => h('button', { id: `retry-${mail.id}`, type: 'button', className: 'secondary',
        'aria-label': `Send the mail to ${mail.recipient} again`, onclick: (event) => busy(event.target, async () => {
            try {
                await ask('mutation ConsoleRetryMail($id: ID!) { retryNotification(id: $id) { id } }', { id: mail.id });
                area.say(`The mail to ${mail.recipient} will be sent again.`, 'done');
                await load();
            } catch (error) {
                area.say(error.message, 'error');
            }
        }) }, 'Send again');
    const load = async () => {
        const data = await ask(`query ConsoleMails($status: NotificationStatus) {
            notifications(first: 50, status: $status) { edges { node {
                id kind recipient status attempts lastError createdAt dueAt sentAt sku backorderId purchaseOrderId
            } } pageInfo { hasNextPage } }
        }`, { status });
        show(list, table(data.notifications.pageInfo.hasNextPage ? 'The 50 newest mails' : 'Mails, newest first', [
            ['Kind', (mail) => label(mail.kind)],
            ['To', (mail) => mail.recipient],
            ['About', (mail) => (mail.purchaseOrderId ? `purchase order ${mail.purchaseOrderId}`
                : `${mail.sku ?? ''}${mail.backorderId ? `, backorder ${mail.backorderId}` : ''}`)],
            ['Status', (mail) => label(mail.status)],
            ['Attempts', (mail) => mail.attempts, true],
            ['Last error', (mail) => mail.lastError ?? ''],
            ['When', (mail) => moment(mail.sentAt ?? mail.dueAt)],
            ['Action', (mail) => (mail.status === 'FAILED' ? retry(mail) : '')],
        ], data.notifications.edges.map((edge) => edge.node)));
    };
    await load();
    // Mail has no subscription of its own: the list is read again every 10 seconds while it is open.
    current.every(load, 10_000);
}

// ---- Navigation ---------------------------------------------------------------------------------

const ROUTES = [
    [/^#\/products\/(.+)$/, 'Product', (current, match) => productPage(current, decodeURIComponent(match[1])),
        '#/products'],
    [/^#\/purchase-orders$/, 'Purchase orders', purchaseOrdersPage, '#/purchase-orders'],
    [/^#\/insight$/, 'Insight', insightPage, '#/insight'],
    [/^#\/mails$/, 'Mails', mailsPage, '#/mails'],
    [/^/, 'Products', productsPage, '#/products'],
];

async function route() {
    if (!token) {
        signInPage();
        return;
    }
    view?.end();
    const [pattern, title, open, section] = ROUTES.find(([candidate]) => candidate.test(location.hash));
    const current = new View(title);
    view = current;
    main.className = '';
    for (const link of nav.querySelectorAll('a')) {
        if (link.getAttribute('href') === section) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
    try {
        await open(current, location.hash.match(pattern));
    } catch (error) {
        current.failed(error);
    }
}

signOut.addEventListener('click', () => leave('Signed out.', 'done'));
// Only the views' addresses: the skip link's #main moves the focus, not the view.
window.addEventListener('hashchange', () => (location.hash.startsWith('#/') || location.hash === '') && route());
if (token) {
    enter();
} else {
    signInPage();
}
