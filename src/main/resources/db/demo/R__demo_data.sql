-- Demo catalog for dev mode only: %dev.quarkus.flyway.locations adds db/demo, so Flyway applies this
-- repeatable migration after the versioned ones. It replays a short history as the engine (AllocationRule)
-- would have recorded it, and does nothing once the demo products exist.

-- One helper per kind of event, booking it as AllocationRule does, so the history below is a list of calls.
-- They live in pg_temp (session-local; dropped at the end) and take times as how long ago. The stock rows
-- are written once, at the end, from the ledger.

-- Units on hand and not allocated, by the ledger so far.
CREATE OR REPLACE FUNCTION pg_temp.demo_free(item bigint) RETURNS integer LANGUAGE sql AS $fn$
    SELECT coalesce(sum(on_hand_delta - allocated_delta), 0)::integer FROM stock_movement WHERE product_id = item;
$fn$;

-- A pre-order product before its release: orders wait as pre-orders, arriving stock is held.
CREATE OR REPLACE FUNCTION pg_temp.demo_held(item bigint) RETURNS boolean LANGUAGE sql AS $fn$
    SELECT backorder_policy = 'PREORDER' AND NOT released FROM product WHERE id = item;
$fn$;

-- One ledger row; the kind decides which counts move and which way.
CREATE OR REPLACE FUNCTION pg_temp.demo_move(item bigint, what text, units integer, ago interval,
        line_id bigint DEFAULT NULL, note text DEFAULT NULL) RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id, reason, created_at)
    VALUES (item, what, CASE what WHEN 'RECEIPT' THEN units WHEN 'SHIPMENT' THEN -units ELSE 0 END,
            CASE what WHEN 'RECEIPT' THEN 0 WHEN 'ALLOCATION' THEN units ELSE -units END,
            line_id, note, now() - ago);
$fn$;

-- Fills the waiting backorders from the free units in FIFO order, the last one partly if stock runs out.
CREATE OR REPLACE FUNCTION pg_temp.demo_fill(item bigint, ago interval) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    spare integer := pg_temp.demo_free(item);
    b     record;
    units integer;
BEGIN
    IF pg_temp.demo_held(item) THEN
        RETURN;
    END IF;
    FOR b IN SELECT * FROM backorder WHERE product_id = item AND status = 'WAITING' ORDER BY fifo_key LOOP
        EXIT WHEN spare <= 0;
        units := least(spare, b.quantity - b.allocated);
        spare := spare - units;
        UPDATE backorder
        SET allocated = allocated + units, updated_at = now() - ago,
            status = CASE WHEN allocated + units = quantity THEN 'ALLOCATED' ELSE 'WAITING' END
        WHERE id = b.id;
        UPDATE order_line SET allocated = allocated + units, backordered = backordered - units
        WHERE id = b.order_line_id;
        PERFORM pg_temp.demo_move(item, 'ALLOCATION', units, ago, b.order_line_id);
    END LOOP;
END;
$fn$;

-- Units arrive: on hand goes up, then the queue is filled from them.
CREATE OR REPLACE FUNCTION pg_temp.demo_receive(item bigint, units integer, ago interval,
        note text DEFAULT 'receipt') RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_temp.demo_move(item, 'RECEIPT', units, ago, NULL, note);
    PERFORM pg_temp.demo_fill(item, ago);
END;
$fn$;

-- A new product, its initial stock booked as a receipt.
CREATE OR REPLACE FUNCTION pg_temp.demo_product(code text, title text, list_price numeric, rule text,
        lead_days integer, initial_stock integer, ago interval, cap integer DEFAULT NULL,
        release_on date DEFAULT NULL) RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO product (sku, name, price, backorder_policy, backorder_limit, release_date, lead_time_days,
                         created_at)
    VALUES (code, title, list_price, rule, cap, release_on, lead_days, now() - ago)
    RETURNING id INTO new_id;
    IF initial_stock > 0 THEN
        PERFORM pg_temp.demo_receive(new_id, initial_stock, ago, 'initial stock');
    END IF;
    RETURN new_id;
END;
$fn$;

-- An order with its lines, given as [product, quantity] pairs. Each line takes the free units unless
-- others wait or the product is not released yet; the rest waits in the queue, as the policy allows.
CREATE OR REPLACE FUNCTION pg_temp.demo_order(email text, ago interval, lines bigint[],
        ship text DEFAULT 'SHIP_AVAILABLE') RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
    ord     bigint;
    pair    bigint[];
    pos     integer := 0;
    item    bigint;
    units   integer;
    pre     boolean;
    taken   integer;
    line_id bigint;
BEGIN
    INSERT INTO customer_order (customer_email, shipping, created_at) VALUES (email, ship, now() - ago)
    RETURNING id INTO ord;
    FOREACH pair SLICE 1 IN ARRAY lines LOOP
        pos := pos + 1;
        item := pair[1];
        units := pair[2];
        pre := pg_temp.demo_held(item);
        taken := CASE WHEN pre OR EXISTS (SELECT 1 FROM backorder WHERE product_id = item AND status = 'WAITING')
                      THEN 0 ELSE least(units, pg_temp.demo_free(item)) END;
        IF taken < units AND (SELECT backorder_policy = 'DENY' OR backorder_limit < units - taken
                + (SELECT coalesce(sum(quantity - allocated), 0) FROM backorder
                   WHERE product_id = item AND status = 'WAITING') FROM product WHERE id = item) THEN
            RAISE EXCEPTION 'The engine would refuse % units of product % for %', units, item, email;
        END IF;
        INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped,
                                cancelled)
        VALUES (ord, item, pos, units, taken, units - taken, 0, 0)
        RETURNING id INTO line_id;
        IF taken > 0 THEN
            PERFORM pg_temp.demo_move(item, 'ALLOCATION', taken, ago, line_id);
        END IF;
        IF taken < units THEN
            INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped,
                                   status, preorder, created_at, updated_at)
            VALUES (line_id, ord, item, nextval('backorder_fifo_key_seq'), units - taken, 0, 0, 'WAITING', pre,
                    now() - ago, now() - ago);
        END IF;
    END LOOP;
    RETURN ord;
END;
$fn$;

-- Ships every allocated unit of the order; backorders whose every unit has shipped are fulfilled.
CREATE OR REPLACE FUNCTION pg_temp.demo_ship(ord bigint, ago interval) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    l record;
BEGIN
    FOR l IN SELECT * FROM order_line WHERE order_id = ord AND allocated > 0 ORDER BY position LOOP
        UPDATE order_line SET shipped = shipped + allocated, allocated = 0 WHERE id = l.id;
        UPDATE backorder
        SET shipped = allocated, updated_at = now() - ago,
            status = CASE WHEN allocated = quantity THEN 'FULFILLED' ELSE status END
        WHERE order_line_id = l.id AND status IN ('WAITING', 'ALLOCATED');
        PERFORM pg_temp.demo_move(l.product_id, 'SHIPMENT', l.allocated, ago, l.id);
    END LOOP;
END;
$fn$;

-- Cancels every open unit of the order: reserved units are released and go to the next in line, waiting
-- ones leave the queue, open backorders are cancelled.
CREATE OR REPLACE FUNCTION pg_temp.demo_cancel(ord bigint, ago interval) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    l record;
BEGIN
    FOR l IN SELECT * FROM order_line WHERE order_id = ord AND allocated + backordered > 0 ORDER BY product_id LOOP
        UPDATE order_line SET cancelled = cancelled + allocated + backordered, allocated = 0, backordered = 0
        WHERE id = l.id;
        UPDATE backorder SET status = 'CANCELLED', allocated = shipped, updated_at = now() - ago
        WHERE order_line_id = l.id AND status IN ('WAITING', 'ALLOCATED');
        IF l.allocated > 0 THEN
            PERFORM pg_temp.demo_move(l.product_id, 'RELEASE', l.allocated, ago, l.id);
            PERFORM pg_temp.demo_fill(l.product_id, ago);
        END IF;
    END LOOP;
END;
$fn$;

DO $$
DECLARE
    kb      bigint;  -- KB-ERGO-01     ALLOW, in stock; one order shipped, two ready to ship
    mouse   bigint;  -- MS-VERT-02     DENY, in stock; one order ready to ship
    lamp    bigint;  -- LAMP-LED-04    ALLOW, in stock; never ordered
    hub     bigint;  -- HUB-USBC-07    DENY, sold out and shipped; supply expected
    arm     bigint;  -- MON-ARM-27     ALLOW, out of stock; 3 customers wait, the first partly filled
    chair   bigint;  -- CHAIR-MESH-05  ALLOW_LIMITED (cap 10), all allocated; 4 units wait, one order cancelled
    webcam  bigint;  -- WEBCAM-4K-01   PREORDER released a week ago; pre-orders filled, one shipped
    headset bigint;  -- HEADSET-NC-03  PREORDER releasing in 30 days; 2 pre-orders wait, early stock held
    o       bigint;
    fay     bigint;
    hal     bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM product WHERE sku IN ('KB-ERGO-01', 'MS-VERT-02', 'LAMP-LED-04', 'HUB-USBC-07',
            'MON-ARM-27', 'CHAIR-MESH-05', 'WEBCAM-4K-01', 'HEADSET-NC-03')) THEN
        RAISE NOTICE 'Demo data already loaded; nothing to do';
        RETURN;
    END IF;

    -- The catalog, initial stock booked as receipts.
    kb := pg_temp.demo_product('KB-ERGO-01', 'Ergonomic keyboard', 89.00, 'ALLOW', 7, 40, '30 days');
    mouse := pg_temp.demo_product('MS-VERT-02', 'Vertical mouse', 49.90, 'DENY', 5, 25, '29 days');
    lamp := pg_temp.demo_product('LAMP-LED-04', 'LED desk lamp', 34.50, 'ALLOW', 10, 15, '28 days');
    hub := pg_temp.demo_product('HUB-USBC-07', 'USB-C docking hub', 129.00, 'DENY', 21, 10, '27 days');
    arm := pg_temp.demo_product('MON-ARM-27', 'Dual monitor arm', 74.00, 'ALLOW', 14, 5, '26 days');
    chair := pg_temp.demo_product('CHAIR-MESH-05', 'Mesh office chair', 349.00, 'ALLOW_LIMITED', 30, 6, '25 days',
                                  cap => 10);
    webcam := pg_temp.demo_product('WEBCAM-4K-01', '4K webcam', 119.00, 'PREORDER', 20, 0, '24 days',
                                   release_on => current_date - 7);
    headset := pg_temp.demo_product('HEADSET-NC-03', 'Noise-cancelling headset', 199.00, 'PREORDER', 25, 0,
                                    '21 days', release_on => current_date + 30);

    -- The history, oldest event first, so FIFO keys and ledger ids follow time; one call per event.

    -- 20 days ago: fay pre-orders 2 webcams (filled on the release date, shipped the day after).
    fay := pg_temp.demo_order('fay@example.com', '20 days', ARRAY[[webcam, 2]]);

    -- 18 days ago: gus pre-orders 1 webcam (filled on the release date, ready to ship).
    PERFORM pg_temp.demo_order('gus@example.com', '18 days', ARRAY[[webcam, 1]]);

    -- 16 days ago: ivy buys 4 hubs and 2 keyboards from stock, shipped complete the next day.
    o := pg_temp.demo_order('ivy@example.com', '16 days', ARRAY[[hub, 4], [kb, 2]], 'SHIP_COMPLETE');
    PERFORM pg_temp.demo_ship(o, '15 days');

    -- 14 days ago: jon takes all 5 monitor arms, shipped the next day; the arm is out of stock.
    o := pg_temp.demo_order('jon@example.com', '14 days', ARRAY[[arm, 5]]);
    PERFORM pg_temp.demo_ship(o, '13 days');

    -- 12 days ago: kim takes the last 6 hubs, shipped the next day; the hub is sold out.
    o := pg_temp.demo_order('kim@example.com', '12 days', ARRAY[[hub, 6]]);
    PERFORM pg_temp.demo_ship(o, '11 days');

    -- 9 days ago 10 webcams arrive and are held for the release date; on it (7 days ago) the webcam is
    -- released and the pre-orders are filled in FIFO order, and fay's order ships the day after.
    PERFORM pg_temp.demo_receive(webcam, 10, '9 days');
    UPDATE product SET released = true WHERE id = webcam;
    PERFORM pg_temp.demo_fill(webcam, '7 days');
    PERFORM pg_temp.demo_ship(fay, '6 days 6 hours');

    -- 6 days ago: ada orders 2 monitor arms and a keyboard, shipped complete. The keyboard is allocated;
    -- the arms wait, first in the queue (2 days ago one arm arrived and went to her).
    PERFORM pg_temp.demo_order('ada@example.com', '6 days', ARRAY[[arm, 2], [kb, 1]], 'SHIP_COMPLETE');

    -- 5 days 6 hours ago: ben backorders 3 monitor arms, behind ada.
    PERFORM pg_temp.demo_order('ben@example.com', '5 days 6 hours', ARRAY[[arm, 3]]);

    -- 5 days ago: lea takes all 6 chairs; ready to ship.
    PERFORM pg_temp.demo_order('lea@example.com', '5 days', ARRAY[[chair, 6]]);

    -- 4 days 6 hours ago: cleo backorders 1 monitor arm, behind ben.
    PERFORM pg_temp.demo_order('cleo@example.com', '4 days 6 hours', ARRAY[[arm, 1]]);

    -- 4 days ago: dan backorders 3 chairs (3 of the cap of 10 now wait).
    PERFORM pg_temp.demo_order('dan@example.com', '4 days', ARRAY[[chair, 3]]);

    -- 3 days 6 hours ago: hal backorders 2 chairs (5 wait); he cancels 1 day 12 hours ago.
    hal := pg_temp.demo_order('hal@example.com', '3 days 6 hours', ARRAY[[chair, 2]]);

    -- 3 days ago: mia pre-orders 2 headsets.
    PERFORM pg_temp.demo_order('mia@example.com', '3 days', ARRAY[[headset, 2]]);

    -- 2 days 6 hours ago: eve backorders 1 chair (6 wait until hal cancels, then 4).
    PERFORM pg_temp.demo_order('eve@example.com', '2 days 6 hours', ARRAY[[chair, 1]]);

    -- 2 days ago: one monitor arm arrives and goes to the head of the queue, ada, who still waits for 1.
    PERFORM pg_temp.demo_receive(arm, 1, '2 days');

    -- 1 day 18 hours ago: noah pre-orders 1 headset, behind mia.
    PERFORM pg_temp.demo_order('noah@example.com', '1 day 18 hours', ARRAY[[headset, 1]]);

    -- 1 day 12 hours ago: hal cancels; his 2 chairs leave the queue (4 wait).
    PERFORM pg_temp.demo_cancel(hal, '1 day 12 hours');

    -- 1 day 6 hours ago: 12 headsets arrive early; they are held for the release date, not allocated.
    PERFORM pg_temp.demo_receive(headset, 12, '1 day 6 hours');

    -- 1 day ago: olga buys 3 mice from stock; ready to ship.
    PERFORM pg_temp.demo_order('olga@example.com', '1 day', ARRAY[[mouse, 3]]);

    -- 12 hours ago: pia buys a keyboard from stock; ready to ship.
    PERFORM pg_temp.demo_order('pia@example.com', '12 hours', ARRAY[[kb, 1]]);

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

DROP FUNCTION pg_temp.demo_free, pg_temp.demo_held, pg_temp.demo_move, pg_temp.demo_fill, pg_temp.demo_receive,
    pg_temp.demo_product, pg_temp.demo_order, pg_temp.demo_ship, pg_temp.demo_cancel;
