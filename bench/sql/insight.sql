-- A shop's history for the insight scenario, bulk-loaded as the engine would have left it: `suppliers`
-- suppliers (lead times of 3 to 30 days, each late on up to 40 % of its deliveries by up to 10 days),
-- `products` products each bought from one of them (so about products / suppliers each; some with a minimum
-- order quantity of 12 or packs of 6), `orders` orders spread over the last `days` days (1 to 3 lines of
-- distinct products, popular products ordered far more often: the n-th about n^-0.6 as often as the first; 1 to
-- 7 units, mostly few), and about 24 purchase orders per supplier over the same days (1 to 3 lines of its
-- products, one delivery each: received on time, late, short or declined, or still open).
-- Lines: older than 2 days shipped (12 % of them partly backordered at order time, filled 1 hour to 13 days
-- later, the backorder planned on a delivery of its product); of the last 2 days allocated; every tenth product
-- is short: its lines of the last 30 days all wait (WAITING backorders, nothing available).
-- Stock: an opening RECEIPT per product so that stock equals its ledger, and an ALLOCATION per allocated line.
-- Not written: mails, change-log rows, the receipts and shipments of the past (their sum is the opening receipt).
-- psql variables: prefix, products, suppliers, orders, days
BEGIN;

CREATE TEMP TABLE ins_supplier ON COMMIT DROP AS
SELECT n, nextval(pg_get_serial_sequence('supplier', 'id')) AS id, 3 + (n * 7) % 28 AS lead,
       (n % 5) * 0.1 AS late_share, 1 + n % 10 AS max_late
FROM generate_series(1, :suppliers) AS n;
INSERT INTO supplier (id, name, email, lead_time_days, created_at)
SELECT id, :'prefix' || ' supplier ' || n, 'orders-' || n || '@supplier.bench.example', lead, now() - interval '2 years'
FROM ins_supplier;

CREATE TEMP TABLE ins_product ON COMMIT DROP AS
SELECT p.n, nextval(pg_get_serial_sequence('product', 'id')) AS id, :'prefix' || '-' || p.n AS sku,
       s.n AS supplier_n, s.id AS supplier_id, s.lead, s.late_share, s.max_late, p.n % 10 = 0 AS short,
       (p.n - 1) / :suppliers AS rank_at_supplier
FROM generate_series(1, :products) AS p(n)
JOIN ins_supplier s ON s.n = 1 + (p.n - 1) % :suppliers;
INSERT INTO product (id, sku, name, price, backorder_policy, lead_time_days, created_at, supplier_id,
                     min_order_quantity, pack_multiple)
SELECT id, sku, 'Bench product ' || sku, 9.90 + n % 90, 'ALLOW', lead, now() - interval '2 years', supplier_id,
       CASE WHEN n % 4 = 0 THEN 12 ELSE 1 END, CASE WHEN n % 3 = 0 THEN 6 ELSE 1 END
FROM ins_product;

-- Purchase orders: the k-th of each supplier sent (k / 24) of the way back, for 1 to 3 of its products.
CREATE TEMP TABLE ins_purchase_order ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('purchase_order', 'id')) AS id, s.n AS supplier_n, s.id AS supplier_id, k,
       now() - :days * interval '1 day' * (k - random()) / 24 AS created_at, random() < 0.9 AS answered
FROM ins_supplier s, generate_series(1, 24) AS k;
INSERT INTO purchase_order (id, supplier_id, created_at, answered_at)
SELECT id, supplier_id, created_at, CASE WHEN answered THEN created_at + interval '1 day' END FROM ins_purchase_order;

CREATE TEMP TABLE ins_po_line ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('purchase_order_line', 'id')) AS id, po.id AS order_id, po.created_at,
       po.answered, i AS position, p.id AS product_id, po.supplier_id, p.lead, p.late_share, p.max_late, 20 + (p.n * 13) % 100 AS quantity
FROM ins_purchase_order po
CROSS JOIN LATERAL generate_series(1, 1 + (po.id % 3)::int) AS i
JOIN ins_product p ON p.supplier_n = po.supplier_n
                  AND p.rank_at_supplier = (po.k + i) % greatest(:products / :suppliers, 1);
INSERT INTO purchase_order_line (id, purchase_order_id, position, product_id, quantity)
SELECT id, order_id, position, product_id, quantity FROM ins_po_line;

-- One delivery per line: promised (first confirmed) on the day asked, unless never answered; late by up to
-- max_late days on late_share of them, most of those announced beforehand (the date moved); 8 % short, 3 %
-- declined; those not due before today still open.
CREATE TEMP TABLE ins_delivery ON COMMIT DROP AS
SELECT d.*, d.requested_at + d.late AS arrives
FROM (SELECT nextval(pg_get_serial_sequence('inbound_shipment', 'id')) AS id, l.id AS line_id, l.product_id, l.supplier_id,
             l.quantity, l.created_at, l.answered, CAST(l.created_at AS date) + l.lead AS requested_at,
             CASE WHEN r.late < l.late_share THEN 1 + floor(r.size * l.max_late)::int ELSE 0 END AS late,
             r.moved < 0.6 AS moved, r.outcome
      FROM ins_po_line l
      CROSS JOIN LATERAL (SELECT random() AS late, random() AS size, random() AS moved, random() AS outcome
                          WHERE l.id IS NOT NULL) r) d;
INSERT INTO inbound_shipment (id, product_id, quantity, expected_at, created_at, status, received,
                              purchase_order_line_id, supplier_id, requested_at, first_confirmed_at, date_moves,
                              received_on)
SELECT d.id, d.product_id,
       CASE WHEN d.arrives < CURRENT_DATE AND d.outcome >= 0.03 THEN 0 ELSE d.quantity END,
       CASE WHEN d.moved AND d.late > 0 THEN d.arrives ELSE d.requested_at END, d.created_at,
       CASE WHEN d.arrives >= CURRENT_DATE THEN 'OPEN' WHEN d.outcome < 0.03 THEN 'CANCELLED' ELSE 'RECEIVED' END,
       CASE WHEN d.arrives >= CURRENT_DATE OR d.outcome < 0.03 THEN 0
            WHEN d.outcome < 0.11 THEN ceil(d.quantity * 0.7) ELSE d.quantity END,
       d.line_id, d.supplier_id,
       d.requested_at, CASE WHEN d.answered THEN d.requested_at END,
       CASE WHEN d.moved AND d.late > 0 THEN 1 ELSE 0 END,
       CASE WHEN d.arrives < CURRENT_DATE AND d.outcome >= 0.03 THEN d.arrives END
FROM ins_delivery d;
CREATE INDEX ON ins_delivery (product_id, arrives);

CREATE TEMP TABLE ins_order ON COMMIT DROP AS
SELECT g, nextval(pg_get_serial_sequence('customer_order', 'id')) AS id,
       now() - :days * interval '1 day' * random() AS created_at
FROM generate_series(1, :orders) AS g;
INSERT INTO customer_order (id, customer_email, shipping, created_at)
SELECT id, 'customer-' || g % 20000 || '@bench.example', 'SHIP_AVAILABLE', created_at FROM ins_order;

CREATE TEMP TABLE ins_line ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('order_line', 'id')) AS id, x.*,
       row_number() OVER (PARTITION BY x.order_id ORDER BY x.product_id) AS position,
       CASE WHEN x.short AND x.created_at > now() - interval '30 days' THEN x.quantity
            WHEN x.created_at <= now() - interval '2 days' AND x.luck < 0.12 THEN 1 + floor(x.luck / 0.12 * x.quantity)::int
            ELSE 0 END AS backordered_at_once,
       CASE WHEN x.short AND x.created_at > now() - interval '30 days' THEN 'waiting'
            WHEN x.created_at > now() - interval '2 days' THEN 'allocated' ELSE 'shipped' END AS state
FROM (SELECT DISTINCT ON (o.id, p.id) o.id AS order_id, o.created_at, p.id AS product_id, p.short, p.lead,
             r.quantity, r.luck, r.wait
      FROM ins_order o
      CROSS JOIN LATERAL generate_series(1, CASE WHEN o.g % 10 < 6 THEN 1 WHEN o.g % 10 < 9 THEN 2 ELSE 3 END) AS k
      CROSS JOIN LATERAL (SELECT 1 + floor(:products * power(random(), 2.5))::int AS n,
                                 1 + floor(power(random(), 3) * 7)::int AS quantity, random() AS luck,
                                 random() AS wait
                          WHERE k > 0) r
      JOIN ins_product p ON p.n = r.n
      ORDER BY o.id, p.id) x;
INSERT INTO order_line (id, order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
SELECT id, order_id, product_id, position, quantity,
       CASE state WHEN 'allocated' THEN quantity ELSE 0 END, CASE state WHEN 'waiting' THEN quantity ELSE 0 END,
       CASE state WHEN 'shipped' THEN quantity ELSE 0 END, 0
FROM ins_line;

-- Backorders in FIFO order of creation; a product's filled ones come before its waiting ones (older), so its
-- queue head is the number filled.
CREATE TEMP TABLE ins_backorder ON COMMIT DROP AS
SELECT l.id AS line_id, l.order_id, l.product_id, l.created_at, l.backordered_at_once AS quantity, l.state, l.lead,
       (SELECT last_value FROM backorder_fifo_key_seq) + row_number() OVER (ORDER BY l.created_at, l.id) AS fifo_key,
       row_number() OVER (PARTITION BY l.product_id ORDER BY l.created_at, l.id) AS queue_ticket,
       CASE WHEN l.state = 'shipped'
            THEN least(l.created_at + interval '1 hour' * (1 + 311 * power(l.wait, 2)), now() - interval '1 hour') END
           AS allocated_at
FROM ins_line l WHERE l.backordered_at_once > 0;
SELECT setval('backorder_fifo_key_seq', (SELECT max(fifo_key) FROM ins_backorder));
INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, queue_ticket, quantity, allocated, shipped,
                       status, preorder, created_at, updated_at, eta, eta_source, promised_eta, allocated_at,
                       inbound_shipment_id)
SELECT b.line_id, b.order_id, b.product_id, b.fifo_key, b.queue_ticket, b.quantity,
       CASE WHEN b.state = 'waiting' THEN 0 ELSE b.quantity END, CASE WHEN b.state = 'waiting' THEN 0 ELSE b.quantity END,
       CASE WHEN b.state = 'waiting' THEN 'WAITING' ELSE 'FULFILLED' END, false, b.created_at,
       coalesce(b.allocated_at, b.created_at),
       CASE WHEN b.state = 'waiting' THEN CAST(b.created_at AS date) + b.lead END,
       CASE WHEN b.state = 'waiting' THEN 'LEAD_TIME' END,
       CASE WHEN b.state = 'waiting' THEN CAST(b.created_at AS date) + b.lead END, b.allocated_at,
       -- The delivery it was planned on: its product's first one to arrive after it was created.
       (SELECT i.id FROM ins_delivery i WHERE b.state = 'shipped' AND i.product_id = b.product_id
            AND i.arrives >= CAST(b.created_at AS date) AND i.arrives < CURRENT_DATE AND i.outcome >= 0.03
        ORDER BY i.arrives LIMIT 1)
FROM ins_backorder b;

INSERT INTO stock (product_id, on_hand, allocated, backordered, queue_tickets, queue_head)
SELECT p.id, CASE WHEN p.short THEN 0 ELSE coalesce(l.allocated, 0) + (p.n * 37) % 150 END, coalesce(l.allocated, 0),
       coalesce(l.waiting, 0), coalesce(b.tickets, 0), coalesce(b.filled, 0)
FROM ins_product p
LEFT JOIN (SELECT product_id, sum(quantity) FILTER (WHERE state = 'allocated') AS allocated,
                  sum(quantity) FILTER (WHERE state = 'waiting') AS waiting
           FROM ins_line GROUP BY product_id) l ON l.product_id = p.id
LEFT JOIN (SELECT product_id, count(*) AS tickets, count(*) FILTER (WHERE state <> 'waiting') AS filled
           FROM ins_backorder GROUP BY product_id) b ON b.product_id = p.id;
INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, reason, created_at)
SELECT s.product_id, 'RECEIPT', s.on_hand, 0, NULL, 'opening stock', now() - interval '1 year'
FROM stock s JOIN ins_product p ON p.id = s.product_id WHERE s.on_hand > 0
UNION ALL
SELECT product_id, 'ALLOCATION', 0, quantity, id, NULL, created_at FROM ins_line WHERE state = 'allocated';
COMMIT;
ANALYZE supplier, product, stock, customer_order, order_line, backorder, stock_movement, purchase_order,
        purchase_order_line, inbound_shipment;
