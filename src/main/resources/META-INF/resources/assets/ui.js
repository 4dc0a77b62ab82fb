// Small pieces the pages share: elements from data (text is always text, never markup), the shop's date and
// number formats, the connection indicator, messages, and bar charts in plain SVG.

/** An element: props are attributes, `on…` listeners; children are nodes or text (null and false skipped). */
export function h(tag, props, ...children) {
    return fill(document.createElement(tag), props, children);
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, props, ...children) {
    return fill(document.createElementNS(SVG, tag), props, children);
}

function fill(element, props, children) {
    for (const [name, value] of Object.entries(props ?? {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            element.addEventListener(name.slice(2).toLowerCase(), value);
        } else {
            element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
        }
    }
    element.append(...children.flat(Infinity)
        .filter((child) => child !== null && child !== undefined && child !== false)
        .map((child) => (child instanceof Node ? child : String(child))));
    return element;
}

/** Replaces what an element shows; a field or link that had the focus (found by its id) keeps it. */
export function show(element, ...children) {
    const focused = element.contains(document.activeElement) ? document.activeElement.id : '';
    element.replaceChildren();
    fill(element, {}, children);
    if (focused) {
        document.getElementById(focused)?.focus();
    }
    return element;
}

/** A labelled choice that calls `choose` with the chosen value (null for the first, "all", option). */
export function choice(id, labelText, options, selected, choose) {
    return h('div', {}, h('label', { for: id }, labelText),
        h('select', { id, onchange: (event) => choose(event.target.value || null) },
            options.map(([value, text]) => h('option', { value: value ?? '', selected: value === selected }, text))));
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MOMENT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** A calendar day (YYYY-MM-DD) as people read it; '—' for none. */
export function day(date) {
    return date ? DAY.format(new Date(`${date}T00:00:00Z`)) : '—';
}

/** A day and the latest it may become: "12 May 2026 – 19 May 2026". */
export function dayRange(date, latest) {
    return latest && latest !== date ? `${day(date)} – ${day(latest)}` : day(date);
}

export function moment(instant) {
    return instant ? MOMENT.format(new Date(instant)) : '—';
}

/** How long since an instant, in the largest two units: "3 d 4 h", "12 min". */
export function since(instant, now = Date.now()) {
    const minutes = Math.max(0, Math.floor((now - new Date(instant).getTime()) / 60_000));
    if (minutes < 60) {
        return `${minutes} min`;
    }
    const hours = Math.floor(minutes / 60);
    return hours < 24 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function percent(share) {
    return share === null || share === undefined ? '—' : `${Math.round(share * 1000) / 10} %`;
}

export function number(value, digits = 1) {
    return value === null || value === undefined ? '—' : String(Math.round(value * 10 ** digits) / 10 ** digits);
}

/**
 * The shop's calendar day, offset by some days, as YYYY-MM-DD: the day the service checks dates against (its
 * time zone, not the browser's), which the page carries in its `shop-today` meta element.
 */
export function today(offsetDays = 0) {
    const date = new Date(`${document.querySelector('meta[name="shop-today"]').content}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + offsetDays);
    return date.toISOString().slice(0, 10);
}

/** A count of units as people say it: "1 unit", "3 units". */
export function units(count) {
    return `${count} unit${count === 1 ? '' : 's'}`;
}

/** A status or kind as people read it: PARTLY_RECEIVED → "partly received". */
export function label(constant) {
    return constant.replaceAll('_', ' ').toLowerCase();
}

/** Purchase order statuses a supplier may still answer, and staff call off. */
export const OPEN_ORDER = ['SENT', 'CONFIRMED', 'PARTLY_RECEIVED'];

/** A message region that screen readers announce; `say` replaces what it says. Focusable, to move to it. */
export function messageArea() {
    const area = h('div', { className: 'message', role: 'status', tabindex: '-1' });
    area.say = (text, kind) => {
        area.className = `message${kind ? ` ${kind}` : ''}`;
        area.textContent = text ?? '';
    };
    return area;
}

/** What the connection indicator says for each state of a LiveConnection. */
export function connectionStatus(element) {
    return (state, seconds) => {
        element.className = `connection ${state === 'live' ? 'live' : state === 'offline' ? 'offline' : ''}`;
        element.textContent = {
            connecting: 'Connecting…',
            reconnecting: 'Reconnecting…',
            live: 'Live',
            offline: `Connection lost: reconnecting in ${seconds} s`,
        }[state];
    };
}

/** A form's submit: runs `action` with the button disabled, and reports its outcome in `area`. */
export function onSubmit(form, area, action) {
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const buttons = form.querySelectorAll('button');
        buttons.forEach((button) => { button.disabled = true; });
        try {
            const done = await action(new FormData(form));
            if (done) {
                area.say(done, 'done');
            }
        } catch (error) {
            area.say(error.message, 'error');
        } finally {
            buttons.forEach((button) => { button.disabled = false; });
        }
    });
    return form;
}

/** A labelled field; `props.id` names it (a view redrawn live finds its focused field again by that id). */
export function field(labelText, props) {
    return h('div', {}, h('label', { for: props.id }, labelText), h('input', props));
}

/** Runs a button's action with the button disabled, so that a second click does not act twice. */
export async function busy(button, action) {
    button.disabled = true;
    try {
        return await action();
    } finally {
        button.disabled = false;
    }
}

/**
 * A table of rows; `columns` are [heading, cell(row), number?]. The caption names it for screen readers; shown
 * only where no heading above says the same.
 */
export function table(caption, columns, rows, { rowProps = () => ({}), captionShown = true } = {}) {
    const id = `table-${Math.random().toString(36).slice(2, 8)}`;
    // A wide table scrolls in its own box, which the keyboard reaches too.
    return h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': id },
        h('table', {},
            h('caption', { id, className: captionShown ? null : 'visually-hidden' }, caption),
            h('thead', {}, h('tr', {}, columns.map(([heading, , numeric]) =>
                h('th', { scope: 'col', className: numeric ? 'number' : null }, heading)))),
            h('tbody', {}, rows.length === 0
                ? h('tr', {}, h('td', { colspan: columns.length, className: 'muted' }, 'None.'))
                : rows.map((row) => h('tr', rowProps(row), columns.map(([, cell, numeric]) =>
                    h('td', { className: numeric ? 'number' : null }, cell(row))))))));
}

/**
 * A horizontal bar chart in SVG, with its figures as text beside each bar; described for screen readers by
 * its caption and the same figures as a list.
 */
export function barChart(caption, bars, { max, format = String } = {}) {
    if (bars.length === 0) {
        return h('figure', {}, h('figcaption', {}, caption), h('p', { className: 'muted' }, 'Nothing to show yet.'));
    }
    const top = max ?? Math.max(1, ...bars.map((bar) => bar.value ?? 0));
    const rowHeight = 26;
    const labelWidth = 150;
    const width = 520;
    const barWidth = width - labelWidth - 70;
    const id = `chart-${Math.random().toString(36).slice(2, 8)}`;
    return h('figure', {},
        h('figcaption', { id }, caption),
        svg('svg', {
            className: 'chart', viewBox: `0 0 ${width} ${Math.max(1, bars.length) * rowHeight}`,
            role: 'img', 'aria-labelledby': id,
        }, bars.map((bar, index) => {
            const y = index * rowHeight;
            const length = Math.max(0, Math.round(((bar.value ?? 0) / top) * barWidth));
            return svg('g', {},
                svg('text', { x: 0, y: y + 17 }, truncate(bar.label, 22)),
                svg('rect', { className: 'track', x: labelWidth, y: y + 5, width: barWidth, height: 16 }),
                svg('rect', { className: 'bar', x: labelWidth, y: y + 5, width: length, height: 16 }),
                svg('text', { x: labelWidth + barWidth + 8, y: y + 17 }, format(bar.value)));
        })),
        h('ul', { className: 'visually-hidden' },
            bars.map((bar) => h('li', {}, `${bar.label}: ${format(bar.value)}`))));
}

function truncate(text, length) {
    return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
