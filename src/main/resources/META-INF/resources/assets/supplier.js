// A supplier's purchase order, from the link in the shop's mail: the supplier confirms, splits or moves the
// delivery days, ships fewer or declines a line, and sends the answer. Opening the page changes nothing.

import { request } from './graphql.js';
import { OPEN_ORDER, day, h, label, messageArea, moment, onSubmit, show, today, units } from './ui.js';

const main = document.getElementById('main');
const token = new URLSearchParams(location.search).get('token');

const ORDER = `
    fragment SupplierPurchaseOrder on PurchaseOrder {
        id status createdAt answeredAt supplier { name }
        lines { id position sku productName quantity
            deliveries { id quantity received expectedAt requestedAt firstConfirmedAt status } }
    }`;

const LINK_PROBLEMS = {
    LINK_INVALID: 'This link is not valid. Open it from the shop\'s mail again.',
    LINK_EXPIRED: 'This link has expired. Ask the shop for a new one.',
    NOT_FOUND: 'This purchase order no longer exists.',
};

async function open() {
    if (!token) {
        show(main, h('h1', {}, 'This link is incomplete'), h('p', {}, 'Open it from the shop\'s mail again.'));
        return;
    }
    try {
        const data = await request(`query SupplierPurchaseOrderPage($token: String!) {
            purchaseOrderLink(token: $token) { ...SupplierPurchaseOrder }
        } ${ORDER}`, { token });
        render(data.purchaseOrderLink, messageArea());
    } catch (error) {
        show(main, h('h1', {}, 'We cannot open this purchase order'),
            h('p', {}, LINK_PROBLEMS[error.code] ?? error.message));
    }
}

function render(order, area) {
    document.title = `Purchase order ${order.id}`;
    const answerable = OPEN_ORDER.includes(order.status);
    const lines = order.lines.map((line) => lineEditor(line, answerable));
    const open = lines.filter((line) => line.open);
    const form = onSubmit(h('form', { 'aria-label': `Answer purchase order ${order.id}` },
        lines.map((line) => line.element),
        open.length
            ? h('div', { className: 'actions' }, h('button', { type: 'submit' }, 'Send these dates to the shop'))
            : null), area, async () => {
        // The lines the supplier changed; none changed is a confirmation of them all.
        const changed = open.filter((line) => line.changed());
        const answered = await request(`mutation AnswerPurchaseOrder($token: String!,
                $lines: [PurchaseOrderAnswerLineInput!]!) {
            answerPurchaseOrder(token: $token, lines: $lines) { ...SupplierPurchaseOrder }
        } ${ORDER}`, { token, lines: (changed.length ? changed : open).map((line) => line.answer()) });
        render(answered.answerPurchaseOrder, area);
        area.focus();
        return 'Thank you: the shop has your dates, and its customers see them now.';
    });
    show(main,
        h('h1', { tabindex: '-1' }, `Purchase order ${order.id} for ${order.supplier.name}`),
        h('p', {}, `Sent ${moment(order.createdAt)}. `, order.answeredAt
            ? `You last answered ${moment(order.answeredAt)}.` : 'Not answered yet.'),
        answerable
            ? h('p', {}, 'For each line, give the days you will deliver: confirm the day asked for, move it, split a'
                + ' line into several deliveries, ship fewer units, or remove every delivery to decline the line.')
            : h('p', {}, `This purchase order is ${label(order.status)}: there is nothing to answer.`),
        area, form);
}

/** One line's deliveries as fields; `answer` reads them back as the line's answer, `changed` says if it differs. */
function lineEditor(line, answerable) {
    const arrived = line.deliveries.reduce((sum, delivery) => sum + delivery.received, 0);
    const left = line.quantity - arrived;
    const open = answerable && left > 0;
    const rows = h('div', {});
    const total = h('p', { className: 'muted', 'aria-live': 'polite' });
    let changed = false;
    const count = () => {
        const planned = [...rows.querySelectorAll('input[name="quantity"]')]
            .reduce((sum, input) => sum + Number(input.value || 0), 0);
        total.textContent = planned > left
            ? `${units(planned)} planned: more than the ${left} still to come.`
            : `${planned} of the ${units(left)} still to come planned${planned === 0 ? ': the line is declined' : ''}.`;
    };
    const add = h('button', { type: 'button', className: 'secondary', onclick: () => {
        changed = true;
        addRow(null).querySelector('input').focus();
    } }, `Add a delivery for line ${line.position}`);
    const addRow = (delivery) => {
        const suffix = delivery ? delivery.id : `new-${line.id}-${rows.children.length}`;
        // A day already past is kept as it was until the supplier gives a new one; new days start today.
        const overdue = delivery && delivery.expectedAt < today();
        const row = h('div', { className: 'delivery', 'data-delivery': delivery?.id ?? '' },
            h('div', {}, h('label', { for: `units-${suffix}` }, 'Units'),
                h('input', { id: `units-${suffix}`, name: 'quantity', type: 'number', min: 1, max: left, required: true,
                    value: delivery ? delivery.quantity : '' })),
            h('div', {}, h('label', { for: `day-${suffix}` }, 'Delivered on'),
                h('input', { id: `day-${suffix}`, name: 'expectedAt', type: 'date', required: true,
                    min: overdue ? null : today(), value: delivery?.expectedAt ?? '',
                    'aria-describedby': overdue ? `overdue-${suffix}` : null })),
            overdue ? h('p', { id: `overdue-${suffix}`, className: 'tag warn' }, 'Overdue: give a new day') : null,
            h('button', { type: 'button', className: 'secondary',
                'aria-label': `Remove the delivery${delivery ? ` of ${day(delivery.expectedAt)}` : ''} for line ${
                    line.position}`,
                onclick: () => {
                    changed = true;
                    row.remove();
                    count();
                    add.focus();
                } }, 'Remove this delivery'));
        row.addEventListener('input', () => {
            changed = true;
            count();
        });
        rows.append(row);
        count();
        return row;
    };
    const pending = line.deliveries.filter((delivery) => delivery.status === 'OPEN');
    const asked = pending.find((delivery) => delivery.requestedAt)?.requestedAt;
    const element = h('fieldset', {},
        h('legend', {}, `Line ${line.position}: ${line.quantity} × ${line.productName} (${line.sku})`),
        line.deliveries.filter((delivery) => delivery.received > 0).map((delivery) =>
            h('p', {}, `${units(delivery.received)} arrived from the delivery of ${day(delivery.expectedAt)}.`)),
        asked ? h('p', { className: 'muted' }, `The shop asked for ${day(asked)}.`) : null,
        open ? [rows, total, add] : null,
        left === 0 ? h('p', {}, 'All units have arrived.') : null);
    if (open) {
        pending.forEach(addRow);
        count();
    }
    return {
        open,
        element,
        changed: () => changed,
        answer: () => ({
            lineId: line.id,
            deliveries: [...rows.querySelectorAll('.delivery')].map((row) => ({
                id: row.dataset.delivery || null,
                quantity: Number(row.querySelector('input[name="quantity"]').value),
                expectedAt: row.querySelector('input[name="expectedAt"]').value,
            })),
        }),
    };
}

open();
