-- A catalogue as a shop's looks, for the availability scenario: `pages` pages of 20 products, every page
-- with the same mix, slot by slot (below), so that any page costs what the first does. A product page's
-- availability depends on the product's policy, stock, queue and announced supply, so each of those
-- cases is here in about the share a shop has: 8 in stock (3 of them with few units or under DENY),
-- 3 refused (2 DENY out of stock, 1 ALLOW_LIMITED at its cap), 7 backordered (by the lead time with no
-- queue, behind one or behind a long one; by the next or the second inbound shipment; queued past the
-- announced supply), 2 pre-orders (one with stock held for its release date).
-- Rows as the engine writes them (see products.sql and queue.sql): product and stock, a RECEIPT movement
-- for initial stock, open inbound shipments, and per waiting unit an order of 1 unit with its line and a
-- WAITING backorder (FIFO key from the engine's sequence, queue ticket, the estimate EtaPlan gives it:
-- the shipment covering its place in line, else creation day + lead time; a pre-order's release date),
-- stock.backordered and queue_tickets to match. Not written: mails and change-log rows (see queue.sql).
-- psql variables:
--   prefix       SKUs are prefix-1 .. prefix-(20 * pages), created in that order (consecutive ids)
--   pages        pages of 20
--   deep_queue   units waiting on slot 12 of each page (the long queue)
BEGIN;
-- slot: its place on a page (1-20); queue: units waiting, one backorder each; release_in: days to a
-- pre-order's release.
CREATE TEMP TABLE catalogue_slot (slot int PRIMARY KEY, policy varchar, on_hand int, queue int,
                                  backorder_limit int, release_in int, what text) ON COMMIT DROP;
INSERT INTO catalogue_slot VALUES
    (1,  'ALLOW',         100, 0,            NULL, NULL, 'in stock'),
    (2,  'ALLOW',         100, 0,            NULL, NULL, 'in stock'),
    (3,  'ALLOW',           3, 0,            NULL, NULL, 'last units'),
    (4,  'ALLOW',         100, 0,            NULL, NULL, 'in stock, restock announced'),
    (5,  'DENY',          100, 0,            NULL, NULL, 'in stock, never backordered'),
    (6,  'DENY',            2, 0,            NULL, NULL, 'last units, never backordered'),
    (7,  'ALLOW_LIMITED', 100, 0,            50,   NULL, 'in stock, capped backorders'),
    (8,  'ALLOW',         100, 0,            NULL, NULL, 'in stock'),
    (9,  'DENY',            0, 0,            NULL, NULL, 'out of stock'),
    (10, 'DENY',            0, 0,            NULL, NULL, 'out of stock, restock announced'),
    (11, 'ALLOW',           0, 12,           NULL, NULL, 'queue, lead time'),
    (12, 'ALLOW',           0, :deep_queue,  NULL, NULL, 'long queue, lead time'),
    (13, 'ALLOW',           0, 0,            NULL, NULL, 'nobody waiting, lead time'),
    (14, 'ALLOW',           0, 8,            NULL, NULL, 'queue, covered by the next shipment'),
    (15, 'ALLOW',           0, 25,           NULL, NULL, 'queue, covered by the second shipment'),
    (16, 'ALLOW',           0, 30,           NULL, NULL, 'queue past the announced shipment, lead time'),
    (17, 'ALLOW_LIMITED',   0, 20,           20,   NULL, 'cap reached'),
    (18, 'ALLOW_LIMITED',   0, 5,            50,   NULL, 'queue under the cap, shipment announced'),
    (19, 'PREORDER',        0, 15,           NULL, 21,   'pre-order'),
    (20, 'PREORDER',      200, 60,           NULL, 30,   'pre-order, stock held for the release');
-- Open inbound shipments per slot: units, days from today.
CREATE TEMP TABLE catalogue_inbound (slot int, quantity int, in_days int) ON COMMIT DROP;
INSERT INTO catalogue_inbound VALUES (4, 50, 10), (10, 30, 7), (14, 20, 6), (15, 10, 4), (15, 30, 11), (16, 10, 5),
                                     (18, 20, 9);

CREATE TEMP TABLE new_product ON COMMIT DROP AS
SELECT n, :'prefix' || '-' || n AS sku, s.*
FROM generate_series(1, 20 * :pages) AS n
JOIN catalogue_slot s ON s.slot = (n - 1) % 20 + 1;

WITH created AS (
    INSERT INTO product (sku, name, price, backorder_policy, backorder_limit, release_date, lead_time_days, created_at)
    SELECT sku, 'Bench product ' || sku || ': ' || what, 19.90 + slot, policy, backorder_limit,
           CAST(timezone('UTC', now()) AS date) + release_in, 14, now()
    FROM new_product ORDER BY n
    RETURNING id, sku
)
INSERT INTO stock (product_id, on_hand, allocated, backordered, queue_tickets)
SELECT c.id, np.on_hand, 0, np.queue, np.queue FROM created c JOIN new_product np USING (sku);

INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, reason, created_at)
SELECT p.id, 'RECEIPT', np.on_hand, 0, 'initial stock', now()
FROM new_product np JOIN product p USING (sku)
WHERE np.on_hand > 0;

INSERT INTO inbound_shipment (product_id, quantity, expected_at, created_at)
SELECT p.id, i.quantity, CAST(timezone('UTC', now()) AS date) + i.in_days, now()
FROM new_product np JOIN product p USING (sku) JOIN catalogue_inbound i USING (slot)
ORDER BY p.id, i.in_days;

-- The queues: one order of 1 unit per waiting unit, its place in line (1 = head) in `place`.
CREATE TEMP TABLE waiting ON COMMIT DROP AS
SELECT p.id AS product_id, p.policy = 'PREORDER' AS preorder, p.release_date, p.lead_time_days, g AS place
FROM (SELECT pr.id, pr.backorder_policy AS policy, pr.release_date, pr.lead_time_days, np.queue
      FROM new_product np JOIN product pr USING (sku) WHERE np.queue > 0) p,
     generate_series(1, p.queue) AS g;

WITH orders AS (
    INSERT INTO customer_order (customer_email, shipping, created_at)
    SELECT 'catalogue-' || w.product_id || '-' || w.place || '@bench.example', 'SHIP_AVAILABLE', now()
    FROM waiting w ORDER BY w.product_id, w.place
    RETURNING id, customer_email
)
INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
SELECT o.id, w.product_id, 1, 1, 0, 1, 0, 0
FROM orders o JOIN waiting w ON o.customer_email = 'catalogue-' || w.product_id || '-' || w.place || '@bench.example';

-- Where each open shipment's units fall along its product's queue: places (covers_from, covers_to].
CREATE TEMP TABLE coverage ON COMMIT DROP AS
SELECT id, product_id, expected_at,
       sum(quantity) OVER (PARTITION BY product_id ORDER BY expected_at, id) - quantity AS covers_from,
       sum(quantity) OVER (PARTITION BY product_id ORDER BY expected_at, id) AS covers_to
FROM inbound_shipment
WHERE status = 'OPEN' AND product_id IN (SELECT product_id FROM waiting);

-- FIFO keys drawn in place order (from the ordered subquery): places in line are counted along them.
INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, queue_ticket, quantity, allocated, shipped,
                       status, preorder, created_at, updated_at, eta, eta_source, inbound_shipment_id, promised_eta)
SELECT line_id, order_id, product_id, nextval('backorder_fifo_key_seq'), place, 1, 0, 0, 'WAITING', preorder,
       now(), now(), eta, source, shipment, eta
FROM (
    SELECT l.id AS line_id, l.order_id, w.product_id, w.place, w.preorder,
           CASE WHEN w.preorder THEN w.release_date
                WHEN c.id IS NOT NULL THEN c.expected_at
                ELSE CAST(timezone('UTC', now()) AS date) + w.lead_time_days END AS eta,
           CASE WHEN w.preorder THEN 'RELEASE_DATE'
                WHEN c.id IS NOT NULL THEN 'INBOUND_SHIPMENT'
                ELSE 'LEAD_TIME' END AS source,
           CASE WHEN w.preorder THEN NULL ELSE c.id END AS shipment
    FROM waiting w
    JOIN customer_order o ON o.customer_email = 'catalogue-' || w.product_id || '-' || w.place || '@bench.example'
    JOIN order_line l ON l.order_id = o.id
    LEFT JOIN coverage c ON c.product_id = w.product_id AND w.place > c.covers_from AND w.place <= c.covers_to
    ORDER BY w.product_id, w.place
) queued;
COMMIT;
ANALYZE product, stock, inbound_shipment, customer_order, order_line, backorder;
