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
    WITH last_wanted AS MATERIALIZED (
        -- Per product, the furthest back of the wanted waiting backorders: the queue is counted up to
        -- there, once for all of them, along backorder_queue_idx.
        SELECT product_id, max(fifo_key) AS fifo_key FROM backorder
        WHERE id = ANY(ids) AND status = 'WAITING'
        GROUP BY product_id
    ), queue AS (
        SELECT w.id, row_number() OVER (PARTITION BY w.product_id ORDER BY w.fifo_key) AS position
        FROM last_wanted l
        JOIN backorder w ON w.product_id = l.product_id AND w.status = 'WAITING' AND w.fifo_key <= l.fifo_key
    )
    SELECT b.id, b.order_id, b.product_id, p.sku, p.name, o.customer_email, b.fifo_key, b.quantity, b.allocated,
           b.shipped, b.status, b.preorder, b.created_at, q.position,
           CASE WHEN b.status = 'WAITING' THEN b.eta END,
           CASE WHEN b.status = 'WAITING' THEN b.eta_source END,
           CASE WHEN b.status = 'WAITING' THEN b.inbound_shipment_id END,
           CASE WHEN b.status = 'WAITING' THEN b.promised_eta END,
           CASE WHEN b.status = 'WAITING' THEN b.consent_deadline END
    FROM backorder b
    JOIN product p ON p.id = b.product_id
    JOIN customer_order o ON o.id = b.order_id
    LEFT JOIN queue q ON q.id = b.id
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
