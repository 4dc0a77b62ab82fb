-- Demo catalog for dev mode only: %dev.quarkus.flyway.locations adds db/demo, so Flyway applies this
-- repeatable migration after the versioned ones. It replays a short history as the engine (AllocationRule)
-- would have recorded it, and does nothing once the demo products exist.
DO $$
DECLARE
    kb       bigint;  -- KB-ERGO-01     ALLOW, in stock; one order shipped, two ready to ship
    mouse    bigint;  -- MS-VERT-02     DENY, in stock; one order ready to ship
    lamp     bigint;  -- LAMP-LED-04    ALLOW, in stock; never ordered
    hub      bigint;  -- HUB-USBC-07    DENY, sold out and shipped; supply expected
    arm      bigint;  -- MON-ARM-27     ALLOW, out of stock; 3 customers wait, the first partly filled
    chair    bigint;  -- CHAIR-MESH-05  ALLOW_LIMITED (cap 10), all allocated; 4 units wait, one order cancelled
    webcam   bigint;  -- WEBCAM-4K-01   PREORDER released a week ago; pre-orders filled, one shipped
    headset  bigint;  -- HEADSET-NC-03  PREORDER releasing in 30 days; 2 pre-orders wait, early stock held
    o        bigint;
    line     bigint;
    line2    bigint;
    fay_line bigint;
    gus_line bigint;
    ada_line bigint;
    hal      bigint;
    hal_line bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM product WHERE sku IN ('KB-ERGO-01', 'MS-VERT-02', 'LAMP-LED-04', 'HUB-USBC-07',
            'MON-ARM-27', 'CHAIR-MESH-05', 'WEBCAM-4K-01', 'HEADSET-NC-03')) THEN
        RAISE NOTICE 'Demo data already loaded; nothing to do';
        RETURN;
    END IF;

    -- The catalog, initial stock booked as receipts.
    INSERT INTO product (sku, name, price, backorder_policy, lead_time_days, created_at)
    VALUES ('KB-ERGO-01', 'Ergonomic keyboard', 89.00, 'ALLOW', 7, now() - interval '30 days')
    RETURNING id INTO kb;
    INSERT INTO product (sku, name, price, backorder_policy, lead_time_days, created_at)
    VALUES ('MS-VERT-02', 'Vertical mouse', 49.90, 'DENY', 5, now() - interval '29 days')
    RETURNING id INTO mouse;
    INSERT INTO product (sku, name, price, backorder_policy, lead_time_days, created_at)
    VALUES ('LAMP-LED-04', 'LED desk lamp', 34.50, 'ALLOW', 10, now() - interval '28 days')
    RETURNING id INTO lamp;
    INSERT INTO product (sku, name, price, backorder_policy, lead_time_days, created_at)
    VALUES ('HUB-USBC-07', 'USB-C docking hub', 129.00, 'DENY', 21, now() - interval '27 days')
    RETURNING id INTO hub;
    INSERT INTO product (sku, name, price, backorder_policy, lead_time_days, created_at)
    VALUES ('MON-ARM-27', 'Dual monitor arm', 74.00, 'ALLOW', 14, now() - interval '26 days')
    RETURNING id INTO arm;
    INSERT INTO product (sku, name, price, backorder_policy, backorder_limit, lead_time_days, created_at)
    VALUES ('CHAIR-MESH-05', 'Mesh office chair', 349.00, 'ALLOW_LIMITED', 10, 30, now() - interval '25 days')
    RETURNING id INTO chair;
    INSERT INTO product (sku, name, price, backorder_policy, release_date, released, lead_time_days, created_at)
    VALUES ('WEBCAM-4K-01', '4K webcam', 119.00, 'PREORDER', current_date - 7, true, 20, now() - interval '24 days')
    RETURNING id INTO webcam;
    INSERT INTO product (sku, name, price, backorder_policy, release_date, lead_time_days, created_at)
    VALUES ('HEADSET-NC-03', 'Noise-cancelling headset', 199.00, 'PREORDER', current_date + 30, 25,
            now() - interval '21 days')
    RETURNING id INTO headset;

    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, reason, created_at)
    VALUES (kb, 'RECEIPT', 40, 0, 'initial stock', now() - interval '30 days'),
           (mouse, 'RECEIPT', 25, 0, 'initial stock', now() - interval '29 days'),
           (lamp, 'RECEIPT', 15, 0, 'initial stock', now() - interval '28 days'),
           (hub, 'RECEIPT', 10, 0, 'initial stock', now() - interval '27 days'),
           (arm, 'RECEIPT', 5, 0, 'initial stock', now() - interval '26 days'),
           (chair, 'RECEIPT', 6, 0, 'initial stock', now() - interval '25 days');

    -- The history, oldest event first, so FIFO keys and ledger ids follow time. Orders, lines and
    -- backorders are written in their final state; the ledger gets a row per event.

    -- 20 days ago: fay pre-orders 2 webcams (filled on the release date, shipped the day after).
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('fay@example.com', 'SHIP_AVAILABLE', now() - interval '20 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, webcam, 1, 2, 0, 0, 2, 0) RETURNING id INTO fay_line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (fay_line, o, webcam, nextval('backorder_fifo_key_seq'), 2, 2, 2, 'FULFILLED', true,
            now() - interval '20 days', now() - interval '6 days 6 hours');

    -- 18 days ago: gus pre-orders 1 webcam (filled on the release date, ready to ship).
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('gus@example.com', 'SHIP_AVAILABLE', now() - interval '18 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, webcam, 1, 1, 1, 0, 0, 0) RETURNING id INTO gus_line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (gus_line, o, webcam, nextval('backorder_fifo_key_seq'), 1, 1, 0, 'ALLOCATED', true,
            now() - interval '18 days', now() - interval '7 days');

    -- 16 days ago: ivy buys 4 hubs and 2 keyboards from stock, shipped complete the next day.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('ivy@example.com', 'SHIP_COMPLETE', now() - interval '16 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, hub, 1, 4, 0, 0, 4, 0) RETURNING id INTO line;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, kb, 2, 2, 0, 0, 2, 0) RETURNING id INTO line2;
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, created_at)
    VALUES (hub, 'ALLOCATION', 0, 4, line, now() - interval '16 days'),
           (kb, 'ALLOCATION', 0, 2, line2, now() - interval '16 days'),
           (hub, 'SHIPMENT', -4, -4, line, now() - interval '15 days'),
           (kb, 'SHIPMENT', -2, -2, line2, now() - interval '15 days');

    -- 14 days ago: jon takes all 5 monitor arms, shipped the next day; the arm is out of stock.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('jon@example.com', 'SHIP_AVAILABLE', now() - interval '14 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, arm, 1, 5, 0, 0, 5, 0) RETURNING id INTO line;
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, created_at)
    VALUES (arm, 'ALLOCATION', 0, 5, line, now() - interval '14 days'),
           (arm, 'SHIPMENT', -5, -5, line, now() - interval '13 days');

    -- 12 days ago: kim takes the last 6 hubs, shipped the next day; the hub is sold out.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('kim@example.com', 'SHIP_AVAILABLE', now() - interval '12 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, hub, 1, 6, 0, 0, 6, 0) RETURNING id INTO line;
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, created_at)
    VALUES (hub, 'ALLOCATION', 0, 6, line, now() - interval '12 days'),
           (hub, 'SHIPMENT', -6, -6, line, now() - interval '11 days');

    -- 9 days ago 10 webcams arrive and are held for the release date; on it (7 days ago) the pre-orders
    -- are filled in FIFO order, and fay's order ships the day after.
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, reason, created_at)
    VALUES (webcam, 'RECEIPT', 10, 0, NULL, 'receipt', now() - interval '9 days'),
           (webcam, 'ALLOCATION', 0, 2, fay_line, NULL, now() - interval '7 days'),
           (webcam, 'ALLOCATION', 0, 1, gus_line, NULL, now() - interval '7 days'),
           (webcam, 'SHIPMENT', -2, -2, fay_line, NULL, now() - interval '6 days 6 hours');

    -- 6 days ago: ada orders 2 monitor arms and a keyboard, shipped complete. The keyboard is allocated;
    -- the arms wait, first in the queue (2 days ago one arm arrived and went to her).
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('ada@example.com', 'SHIP_COMPLETE', now() - interval '6 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, arm, 1, 2, 1, 1, 0, 0) RETURNING id INTO ada_line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (ada_line, o, arm, nextval('backorder_fifo_key_seq'), 2, 1, 0, 'WAITING', false,
            now() - interval '6 days', now() - interval '2 days');
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, kb, 2, 1, 1, 0, 0, 0) RETURNING id INTO line;
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, created_at)
    VALUES (kb, 'ALLOCATION', 0, 1, line, now() - interval '6 days');

    -- 5 days 6 hours ago: ben backorders 3 monitor arms, behind ada.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('ben@example.com', 'SHIP_AVAILABLE', now() - interval '5 days 6 hours') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, arm, 1, 3, 0, 3, 0, 0) RETURNING id INTO line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (line, o, arm, nextval('backorder_fifo_key_seq'), 3, 0, 0, 'WAITING', false,
            now() - interval '5 days 6 hours', now() - interval '5 days 6 hours');

    -- 5 days ago: lea takes all 6 chairs; ready to ship.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('lea@example.com', 'SHIP_AVAILABLE', now() - interval '5 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, chair, 1, 6, 6, 0, 0, 0) RETURNING id INTO line;
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, created_at)
    VALUES (chair, 'ALLOCATION', 0, 6, line, now() - interval '5 days');

    -- 4 days 6 hours ago: cleo backorders 1 monitor arm, behind ben.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('cleo@example.com', 'SHIP_AVAILABLE', now() - interval '4 days 6 hours') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, arm, 1, 1, 0, 1, 0, 0) RETURNING id INTO line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (line, o, arm, nextval('backorder_fifo_key_seq'), 1, 0, 0, 'WAITING', false,
            now() - interval '4 days 6 hours', now() - interval '4 days 6 hours');

    -- 4 days ago: dan backorders 3 chairs (3 of the cap of 10 now wait).
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('dan@example.com', 'SHIP_AVAILABLE', now() - interval '4 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, chair, 1, 3, 0, 3, 0, 0) RETURNING id INTO line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (line, o, chair, nextval('backorder_fifo_key_seq'), 3, 0, 0, 'WAITING', false,
            now() - interval '4 days', now() - interval '4 days');

    -- 3 days 6 hours ago: hal backorders 2 chairs (5 wait); he cancels 1 day 12 hours ago.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('hal@example.com', 'SHIP_AVAILABLE', now() - interval '3 days 6 hours') RETURNING id INTO hal;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (hal, chair, 1, 2, 0, 0, 0, 2) RETURNING id INTO hal_line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (hal_line, hal, chair, nextval('backorder_fifo_key_seq'), 2, 0, 0, 'CANCELLED', false,
            now() - interval '3 days 6 hours', now() - interval '1 day 12 hours');

    -- 3 days ago: mia pre-orders 2 headsets.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('mia@example.com', 'SHIP_AVAILABLE', now() - interval '3 days') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, headset, 1, 2, 0, 2, 0, 0) RETURNING id INTO line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (line, o, headset, nextval('backorder_fifo_key_seq'), 2, 0, 0, 'WAITING', true,
            now() - interval '3 days', now() - interval '3 days');

    -- 2 days 6 hours ago: eve backorders 1 chair (6 wait until hal cancels, then 4).
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('eve@example.com', 'SHIP_AVAILABLE', now() - interval '2 days 6 hours') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, chair, 1, 1, 0, 1, 0, 0) RETURNING id INTO line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (line, o, chair, nextval('backorder_fifo_key_seq'), 1, 0, 0, 'WAITING', false,
            now() - interval '2 days 6 hours', now() - interval '2 days 6 hours');

    -- 2 days ago: one monitor arm arrives and goes to the head of the queue, ada, who still waits for 1.
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, reason, created_at)
    VALUES (arm, 'RECEIPT', 1, 0, NULL, 'receipt', now() - interval '2 days'),
           (arm, 'ALLOCATION', 0, 1, ada_line, NULL, now() - interval '2 days');

    -- 1 day 18 hours ago: noah pre-orders 1 headset, behind mia.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('noah@example.com', 'SHIP_AVAILABLE', now() - interval '1 day 18 hours') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, headset, 1, 1, 0, 1, 0, 0) RETURNING id INTO line;
    INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped, status,
                           preorder, created_at, updated_at)
    VALUES (line, o, headset, nextval('backorder_fifo_key_seq'), 1, 0, 0, 'WAITING', true,
            now() - interval '1 day 18 hours', now() - interval '1 day 18 hours');

    -- 1 day 6 hours ago: 12 headsets arrive early; they are held for the release date, not allocated.
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, reason, created_at)
    VALUES (headset, 'RECEIPT', 12, 0, 'receipt', now() - interval '1 day 6 hours');

    -- 1 day ago: olga buys 3 mice from stock; ready to ship.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('olga@example.com', 'SHIP_AVAILABLE', now() - interval '1 day') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, mouse, 1, 3, 3, 0, 0, 0) RETURNING id INTO line;
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, created_at)
    VALUES (mouse, 'ALLOCATION', 0, 3, line, now() - interval '1 day');

    -- 12 hours ago: pia buys a keyboard from stock; ready to ship.
    INSERT INTO customer_order (customer_email, shipping, created_at)
    VALUES ('pia@example.com', 'SHIP_AVAILABLE', now() - interval '12 hours') RETURNING id INTO o;
    INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped, cancelled)
    VALUES (o, kb, 1, 1, 1, 0, 0, 0) RETURNING id INTO line;
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, created_at)
    VALUES (kb, 'ALLOCATION', 0, 1, line, now() - interval '12 hours');

    -- Supply the suppliers promised, for ETAs.
    INSERT INTO inbound_shipment (product_id, quantity, expected_at, created_at)
    VALUES (arm, 10, current_date + 5, now() - interval '5 days'),
           (chair, 8, current_date + 9, now() - interval '3 days'),
           (hub, 20, current_date + 12, now() - interval '10 days'),
           (headset, 50, current_date + 28, now() - interval '20 days');

    -- Stock as the engine keeps it: on hand and allocated are the sums of the ledger, backordered the
    -- units still waiting in the queue.
    INSERT INTO stock (product_id, on_hand, allocated, backordered)
    SELECT p.id,
           (SELECT coalesce(sum(m.on_hand_delta), 0) FROM stock_movement m WHERE m.product_id = p.id),
           (SELECT coalesce(sum(m.allocated_delta), 0) FROM stock_movement m WHERE m.product_id = p.id),
           (SELECT coalesce(sum(b.quantity - b.allocated), 0) FROM backorder b
            WHERE b.product_id = p.id AND b.status = 'WAITING')
    FROM product p
    WHERE p.id IN (kb, mouse, lamp, hub, arm, chair, webcam, headset);
END;
$$;
