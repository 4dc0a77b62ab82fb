-- After the stampede on one product (before any restock): did units go out in the order the orders were
-- accepted? Acceptance order is commit order: each placement holds the product's stock row lock from its
-- SELECT ... FOR UPDATE to its commit, so the commits of competing placements follow their lock order, and
-- track_commit_timestamp gives each order row's commit time. Prints one line of key=value figures:
--   lines, on_hand, allocated, waiting   the product's lines and stock
--   oversold                             units allocated beyond on hand
--   served_after_queue                   orders that took a unit at once but committed after an order that
--                                        was backordered (the queue was jumped)
--   fifo_not_commit_order                backorders whose FIFO key is lower than that of one committed before
-- psql variables: sku
WITH target AS (
    SELECT p.id, s.on_hand, s.allocated, s.backordered FROM product p JOIN stock s ON s.product_id = p.id
    WHERE p.sku = :'sku'
), placed AS (
    SELECT l.allocated AS took_at_once, b.fifo_key, pg_xact_commit_timestamp(o.xmin) AS committed_at
    FROM order_line l
    JOIN customer_order o ON o.id = l.order_id
    LEFT JOIN backorder b ON b.order_line_id = l.id
    WHERE l.product_id = (SELECT id FROM target)
), ordered AS (
    SELECT fifo_key, lag(fifo_key) OVER (ORDER BY committed_at, fifo_key) AS previous_key, committed_at,
           lag(committed_at) OVER (ORDER BY committed_at, fifo_key) AS previous_commit
    FROM placed WHERE fifo_key IS NOT NULL
)
SELECT format('lines=%s on_hand=%s allocated=%s waiting=%s oversold=%s served_after_queue=%s fifo_not_commit_order=%s',
    (SELECT count(*) FROM placed), t.on_hand, t.allocated, t.backordered, greatest(0, t.allocated - t.on_hand),
    (SELECT count(*) FROM placed WHERE took_at_once > 0
        AND committed_at > (SELECT min(committed_at) FROM placed WHERE fifo_key IS NOT NULL)),
    (SELECT count(*) FROM ordered WHERE previous_key > fifo_key AND previous_commit < committed_at))
FROM target t;
