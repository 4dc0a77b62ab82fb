-- The engine's invariants over the whole database, as "check|violations" rows; every count must be 0.
-- Same rules as the test suite's support.Invariants, written to stay linear in the size of the tables
-- (a queue of a million backorders is checked in seconds).
WITH ledger AS (
    SELECT product_id, sum(on_hand_delta) AS on_hand, sum(allocated_delta) AS allocated
    FROM stock_movement GROUP BY product_id
), lines AS (
    SELECT product_id, sum(allocated) AS allocated, sum(backordered) AS backordered
    FROM order_line GROUP BY product_id
), queue AS (
    SELECT product_id, sum(quantity - allocated) AS waiting, min(fifo_key) AS head
    FROM backorder WHERE status = 'WAITING' GROUP BY product_id
)
-- Nothing oversold: every stock row has 0 <= allocated <= on_hand (and no negative waiting units).
SELECT 'oversold', count(*) FROM stock WHERE allocated > on_hand OR allocated < 0 OR on_hand < 0 OR backordered < 0
UNION ALL
-- Stock equals the sums of its ledger.
SELECT 'stock_equals_ledger', count(*)
FROM stock s LEFT JOIN ledger m ON m.product_id = s.product_id
WHERE s.on_hand <> coalesce(m.on_hand, 0) OR s.allocated <> coalesce(m.allocated, 0)
UNION ALL
-- Allocated units are exactly the lines' allocated units; waiting units the lines' backordered units.
SELECT 'stock_equals_lines', count(*)
FROM stock s LEFT JOIN lines l ON l.product_id = s.product_id
WHERE s.allocated <> coalesce(l.allocated, 0) OR s.backordered <> coalesce(l.backordered, 0)
UNION ALL
-- Waiting units are what the queue holds.
SELECT 'stock_equals_queue', count(*)
FROM stock s LEFT JOIN queue q ON q.product_id = s.product_id
WHERE s.backordered <> coalesce(q.waiting, 0)
UNION ALL
-- Every unit of a line is in exactly one state.
SELECT 'line_units_add_up', count(*) FROM order_line WHERE allocated + backordered + shipped + cancelled <> quantity
UNION ALL
-- A backorder's waiting units are its line's.
SELECT 'backorder_matches_line', count(*)
FROM backorder b JOIN order_line l ON l.id = b.order_line_id
WHERE (b.status = 'WAITING' AND l.backordered <> b.quantity - b.allocated) OR (b.status <> 'WAITING' AND l.backordered <> 0)
UNION ALL
-- First come, first served: nothing behind the head of a product's queue (its earliest waiting backorder)
-- got units. The head itself may be partly filled.
SELECT 'fifo_held', count(*)
FROM backorder b JOIN queue q ON q.product_id = b.product_id
WHERE b.fifo_key > q.head AND b.status <> 'CANCELLED' AND b.allocated > 0
UNION ALL
-- The place in line the read model tells (from queue tickets, migration V4) is the place counted.
SELECT 'place_in_line_told', count(*)
FROM backorder_states s
JOIN (SELECT id, row_number() OVER (PARTITION BY product_id ORDER BY fifo_key) AS position
      FROM backorder WHERE status = 'WAITING') c ON c.id = s.id
WHERE s.queue_position <> c.position
UNION ALL
-- Nobody waits while units sit available, unless a pre-order holds them for its release date.
SELECT 'no_wait_while_available', count(*)
FROM stock s JOIN product p ON p.id = s.product_id
WHERE s.backordered > 0 AND s.on_hand > s.allocated AND NOT (p.backorder_policy = 'PREORDER' AND NOT p.released);
