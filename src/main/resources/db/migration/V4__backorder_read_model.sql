-- Places in line without counting the queue. Each backorder draws the next ticket of its product's
-- queue when it joins (stock.queue_tickets, under the stock lock); stock.queue_head is a ticket every
-- backorder up to which has left the queue (the last one a fill completed). Fills complete backorders
-- strictly in ticket order, so the only backorders gone from between the head and a waiting one are
-- cancelled ones:
--     place = queue_ticket - queue_head - (cancelled backorders with a ticket between the two)
-- which costs two index probes and a count of recent cancellations, however long the queue.
ALTER TABLE stock
    ADD COLUMN queue_tickets bigint NOT NULL DEFAULT 0,
    ADD COLUMN queue_head    bigint NOT NULL DEFAULT 0;
ALTER TABLE backorder ADD COLUMN queue_ticket bigint;

UPDATE backorder b SET queue_ticket = t.ticket
FROM (SELECT id, row_number() OVER (PARTITION BY product_id ORDER BY fifo_key) AS ticket FROM backorder) t
WHERE b.id = t.id;
UPDATE stock s SET
    queue_tickets = coalesce((SELECT max(queue_ticket) FROM backorder b WHERE b.product_id = s.product_id), 0),
    queue_head = coalesce((SELECT min(queue_ticket) - 1 FROM backorder b
                           WHERE b.product_id = s.product_id AND b.status = 'WAITING'),
                          (SELECT max(queue_ticket) FROM backorder b WHERE b.product_id = s.product_id), 0);

ALTER TABLE backorder ALTER COLUMN queue_ticket SET NOT NULL,
    ADD CONSTRAINT backorder_queue_ticket_unique UNIQUE (product_id, queue_ticket);
CREATE INDEX backorder_cancelled_ticket_idx ON backorder (product_id, queue_ticket) WHERE status = 'CANCELLED';

-- One definition of a backorder as readers see it, place in line included: queries read its rows, and
-- change-log entries and outbox mails carry its rows as JSON (to_jsonb), so all three tell the same.
-- STABLE: called inside a larger statement, it reads that statement's snapshot.
CREATE FUNCTION backorder_states(ids bigint[])
RETURNS TABLE (
    id                  bigint,
    order_id            bigint,
    product_id          bigint,
    sku                 varchar,
    product_name        varchar,
    customer_email      varchar,
    fifo_key            bigint,
    quantity            integer,
    allocated           integer,
    shipped             integer,
    status              varchar,
    preorder            boolean,
    created_at          timestamptz,
    -- 1-based among the product's WAITING backorders in FIFO order; null unless WAITING.
    queue_position      bigint,
    -- The estimate: null unless WAITING.
    eta                 date,
    eta_source          varchar,
    inbound_shipment_id bigint,
    promised_eta        date,
    consent_deadline    timestamptz
)
LANGUAGE sql STABLE
AS $$
    SELECT b.id, b.order_id, b.product_id, p.sku, p.name, o.customer_email, b.fifo_key, b.quantity, b.allocated,
           b.shipped, b.status, b.preorder, b.created_at,
           CASE WHEN b.status = 'WAITING' THEN b.queue_ticket - s.queue_head - (
               SELECT count(*) FROM backorder c
               WHERE c.product_id = b.product_id AND c.status = 'CANCELLED'
                 AND c.queue_ticket > s.queue_head AND c.queue_ticket < b.queue_ticket) END,
           CASE WHEN b.status = 'WAITING' THEN b.eta END,
           CASE WHEN b.status = 'WAITING' THEN b.eta_source END,
           CASE WHEN b.status = 'WAITING' THEN b.inbound_shipment_id END,
           CASE WHEN b.status = 'WAITING' THEN b.promised_eta END,
           CASE WHEN b.status = 'WAITING' THEN b.consent_deadline END
    FROM backorder b
    JOIN product p ON p.id = b.product_id
    JOIN stock s ON s.product_id = b.product_id
    JOIN customer_order o ON o.id = b.order_id
    WHERE b.id = ANY(ids)
$$;

-- Mails queued before this version carry a subset of the snapshot under other names: they get the
-- read model's rows, keeping what they told as of their transaction.
UPDATE notification n
SET payload = jsonb_strip_nulls(to_jsonb(s) || jsonb_build_object(
        'quantity', n.payload -> 'quantity', 'shipped', n.payload -> 'shipped',
        'preorder', n.payload -> 'preorder', 'queue_position', n.payload -> 'queuePosition',
        'eta', n.payload -> 'eta', 'eta_source', n.payload -> 'etaSource',
        'promised_eta', n.payload -> 'promised', 'consent_deadline', n.payload -> 'consentDeadline',
        'previous_eta', n.payload -> 'previousEta'))
FROM backorder_states(ARRAY(SELECT backorder_id FROM notification WHERE payload ? 'backorderId')) s
WHERE s.id = n.backorder_id AND n.payload ? 'backorderId';

UPDATE notification
SET payload = jsonb_build_object('sku', payload -> 'sku', 'product_name', payload -> 'productName')
WHERE backorder_id IS NULL AND payload ? 'productName';
