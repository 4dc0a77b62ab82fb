-- Bulk-loads a waiting queue onto a product with nothing available, consistent with what the engine
-- writes when an order is backordered (StockLedger.reserve and BackorderEtas): one order per customer
-- with one line of 1 unit, all of it backordered; a WAITING backorder with a FIFO key from the engine's
-- sequence, its product's next queue ticket (stock.queue_tickets raised to match), and the estimate the
-- engine would give it (creation day + lead time, in the shop's zone, UTC,
-- which is also its promise); stock.backordered raised by the same count. Under the product's stock lock,
-- as every engine path. Not written: the BACKORDER_CREATED mails (outbox rows) and change-log entries, which
-- no invariant or later step reads; the outbox would otherwise start with n mails to send.
-- psql variables: sku, n
BEGIN;
SELECT s.product_id FROM stock s JOIN product p ON p.id = s.product_id WHERE p.sku = :'sku' FOR UPDATE OF s;

WITH target AS (
    SELECT p.id, CAST(timezone('UTC', now()) AS date) + p.lead_time_days AS eta, s.queue_tickets
    FROM product p JOIN stock s ON s.product_id = p.id WHERE p.sku = :'sku'
), orders AS (
    INSERT INTO customer_order (customer_email, shipping, created_at)
    SELECT 'queue-' || g || '@bench.example', 'SHIP_AVAILABLE', now() FROM generate_series(1, :n) AS g
    RETURNING id
), lines AS (
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    SELECT o.id, t.id, 1, 1, 0, 1, 0, 0 FROM orders o, target t
    RETURNING id, order_id, product_id
)
INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, queue_ticket, quantity, allocated, shipped,
                       status, preorder, created_at, updated_at, eta, eta_source, promised_eta)
SELECT l.id, l.order_id, l.product_id, nextval('backorder_fifo_key_seq'),
       t.queue_tickets + row_number() OVER (ORDER BY l.order_id), 1, 0, 0, 'WAITING', false, now(), now(),
       t.eta, 'LEAD_TIME', t.eta
FROM (SELECT * FROM lines ORDER BY order_id) l, target t;

UPDATE stock SET backordered = backordered + :n, queue_tickets = queue_tickets + :n
WHERE product_id = (SELECT id FROM product WHERE sku = :'sku');
COMMIT;
ANALYZE customer_order, order_line, backorder, stock;
