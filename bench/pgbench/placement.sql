-- pgbench: the SQL work of one order placement, with nothing else (no ORM, no estimates, outbox or change
-- log): the limit the service is compared with. One transaction, as StockLedger does it: insert the order,
-- lock the product's stock row, insert the line, then either allocate the unit (stock update + ALLOCATION
-- ledger row) or, with nothing available, queue it (stock update + WAITING backorder with a FIFO key drawn
-- under the lock). The rows are consistent with the engine's, so the invariants hold after it too.
-- Variables (pgbench -D): first_id, last_id: the product ids ordered from, uniformly at random.
\set product random(:first_id, :last_id)
BEGIN;
INSERT INTO customer_order (customer_email, shipping, created_at)
VALUES ('pgbench-' || :client_id || '@bench.example', 'SHIP_AVAILABLE', now()) RETURNING id AS order_id \gset
SELECT on_hand - allocated AS available FROM stock WHERE product_id = :product FOR UPDATE \gset
\if :available > 0
INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
VALUES (:order_id, :product, 1, 1, 1, 0, 0, 0) RETURNING id AS line_id \gset
UPDATE stock SET allocated = allocated + 1 WHERE product_id = :product;
INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, created_at)
VALUES (:product, 'ALLOCATION', 0, 1, :line_id, now());
\else
INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
VALUES (:order_id, :product, 1, 1, 0, 1, 0, 0) RETURNING id AS line_id \gset
UPDATE stock SET backordered = backordered + 1, queue_tickets = queue_tickets + 1 WHERE product_id = :product
RETURNING queue_tickets AS ticket \gset
INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, queue_ticket, quantity, allocated, shipped,
                       status, preorder, created_at, updated_at, eta, eta_source, promised_eta)
VALUES (:line_id, :order_id, :product, nextval('backorder_fifo_key_seq'), :ticket, 1, 0, 0, 'WAITING', false, now(),
        now(), CAST(timezone('UTC', now()) AS date) + 14, 'LEAD_TIME', CAST(timezone('UTC', now()) AS date) + 14);
\endif
COMMIT;
