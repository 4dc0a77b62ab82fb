// A customer's answer to a date question, from the link in their mail. Opening the page only reads what the
// link would do (mail scanners open links too); the change happens when the customer confirms.

import { request } from './graphql.js';
import { day, dayRange, h, messageArea, moment, onSubmit, show } from './ui.js';

const main = document.getElementById('main');
const token = new URLSearchParams(location.search).get('token');

const LINK_PROBLEMS = {
    LINK_INVALID: 'This link is not valid. Open it from your mail again, or reply to the mail.',
    LINK_EXPIRED: 'This link has expired: the question it answered is closed.',
    LINK_USED: 'This link has been used already: your answer was recorded.',
    INVALID_STATE: 'This question is closed: your backorder was answered, filled or cancelled since the mail.',
    NOT_FOUND: 'This backorder no longer exists.',
};

function problem(error) {
    return LINK_PROBLEMS[error.code] ?? error.message;
}

async function open() {
    if (!token) {
        show(main, h('h1', {}, 'This link is incomplete'), h('p', {}, 'Open it from your mail again.'));
        return;
    }
    let link;
    try {
        link = (await request(`query BackorderLinkPage($token: String!) {
            backorderLink(token: $token) { action eta expiresAt
                backorder { id productName quantity shipped status eta { date latest } } }
        }`, { token })).backorderLink;
    } catch (error) {
        show(main, h('h1', {}, 'We cannot use this link'), h('p', {}, problem(error)));
        return;
    }
    const { backorder } = link;
    const keep = link.action === 'ACCEPT_NEW_DATE';
    const area = messageArea();
    const confirm = onSubmit(h('form', {}, h('div', { className: 'actions' },
        h('button', { type: 'submit', className: keep ? null : 'danger' },
            keep ? 'Yes, keep my backorder' : 'Yes, cancel my backorder'))), area, async () => {
        const answered = (await request(`mutation RedeemBackorderLink($token: String!) {
            redeemBackorderLink(token: $token) { status eta { date latest } }
        }`, { token }).catch((error) => {
            throw new Error(problem(error));
        })).redeemBackorderLink;
        confirm.remove();
        area.focus();
        if (answered.status === 'CANCELLED') {
            return 'Done: your backorder is cancelled. The shop has been told.';
        }
        const expected = answered.eta ? `on ${dayRange(answered.eta.date, answered.eta.latest)}` : 'soon';
        return `Done: your backorder is kept. We expect it ${expected} and will mail you when it ships.`;
    });
    const latest = backorder.eta?.latest && backorder.eta.latest !== link.eta ? backorder.eta.latest : null;
    show(main,
        h('h1', {}, keep ? 'Keep your backorder for the new date?' : 'Cancel your backorder?'),
        h('p', {}, `${backorder.quantity - backorder.shipped} × ${backorder.productName}, backorder ${backorder.id}.`),
        keep
            ? h('p', {}, `It is now expected on ${day(link.eta)}`, latest ? ` (at the latest ${day(latest)})` : '',
                '. If you keep it, it stays in its place in the queue.')
            : h('p', {}, 'It leaves the queue and will not be sent. This cannot be undone.'),
        h('p', { className: 'muted' },
            `This link works until ${moment(link.expiresAt)}. Nothing changes until you confirm.`),
        confirm, area);
}

open();
