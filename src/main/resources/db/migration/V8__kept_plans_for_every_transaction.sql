-- Two statements every business transaction runs, as functions whose plans each connection keeps (see V7).
-- pg_stat_statements at 32 clients placing orders: planning was still 30 % of PostgreSQL's statement time,
-- most of it these two: the change-log entry (0.51 ms of planning a call) and the stock lock (0.25 ms).
-- Kept plans must suit any call: rows of the tables that grow are found by key (stock by its primary key, a
-- product by id or SKU in a lateral subquery), never by a join the planner sizes for a guess; the joins left
-- are between the few rows of one change (at most shop.changes.snapshot-limit backorders).

-- A product's stock row with the terms that govern it, as the lock reads it (StockLedger's LockedStock).
CREATE TYPE locked_stock AS (product_id bigint, sku varchar, on_hand integer, allocated integer,
                             backordered integer, backorder_policy varchar, backorder_limit integer,
                             release_date date, released boolean, lead_time_days integer);

-- Locks the stock rows of these products, one at a time in product id order (the one lock order every
-- path keeps, so no two transactions deadlock), and reads them with the terms that govern them. The
-- product row is share-locked: PostgreSQL reads a locked row again as committed once its lock is granted,
-- but a joined row only if it is locked too, and every change of terms takes the stock lock first.
CREATE FUNCTION lock_stock(product_ids bigint[]) RETURNS SETOF locked_stock
    LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    next_id bigint;
BEGIN
    FOR next_id IN SELECT DISTINCT k.id FROM unnest(product_ids) AS k(id) ORDER BY k.id LOOP
        RETURN QUERY
        SELECT s.product_id, p.sku, s.on_hand, s.allocated, s.backordered, p.backorder_policy, p.backorder_limit,
               p.release_date, p.released, p.lead_time_days
        FROM stock s JOIN product p ON p.id = s.product_id
        WHERE s.product_id = next_id
        FOR UPDATE OF s FOR SHARE OF p;
    END LOOP;
END
$$;

-- The same, for the products with these SKUs (as an order names them).
CREATE FUNCTION lock_stock_by_sku(skus text[]) RETURNS SETOF locked_stock
    LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    RETURN QUERY
    SELECT * FROM lock_stock(ARRAY(SELECT p.id FROM unnest(skus) AS k(sku)
                                   CROSS JOIN LATERAL (SELECT x.id FROM product x WHERE x.sku = k.sku OFFSET 0) p));
END
$$;

-- Writes a transaction's change-log entry with its snapshots (see ChangeLog), bumps the touched products'
-- versions, notifies listeners of the entry's id, and returns the snapshots of the orders in answered.
CREATE FUNCTION record_change(product_ids bigint[], backorder_ids bigint[], backorder_changes text[],
                              order_ids bigint[], queue_exits jsonb, bulk boolean, channel text,
                              answered bigint[])
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    entry_id bigint;
    entry_orders jsonb;
BEGIN
    WITH bumped AS (
        UPDATE stock SET version = version + 1 WHERE stock.product_id = ANY(product_ids)
        RETURNING stock.product_id, stock.version, stock.on_hand, stock.allocated, stock.backordered
    ), states AS (
        SELECT b.id, b.state FROM backorder_states_of(backorder_ids, order_ids) b
    ), order_backorders AS (
        SELECT CAST(s.state ->> 'order_id' AS bigint) AS order_id,
               jsonb_agg(s.state ORDER BY CAST(s.state ->> 'fifo_key' AS bigint)) AS list
        FROM states s GROUP BY 1
    ), orders AS (
        SELECT o.state || jsonb_build_object('backorders', coalesce(ob.list, '[]')) AS state
        FROM order_states_of(order_ids) o
        LEFT JOIN order_backorders ob ON ob.order_id = o.id
    )
    INSERT INTO change_log (payload)
    SELECT jsonb_build_object(
        'backorders', (SELECT coalesce(jsonb_agg(s.state || jsonb_build_object('change', t.change)
                                                 ORDER BY CAST(s.state ->> 'fifo_key' AS bigint)), '[]')
                       FROM unnest(backorder_ids, backorder_changes) AS t(id, change)
                       JOIN states s ON s.id = t.id),
        'orders', (SELECT coalesce(jsonb_agg(o.state), '[]') FROM orders o),
        'products', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                         'id', p.id, 'sku', p.sku, 'name', p.name, 'price', p.price,
                         'backorderPolicy', p.backorder_policy, 'backorderLimit', p.backorder_limit,
                         'releaseDate', p.release_date, 'leadTimeDays', p.lead_time_days,
                         'onHand', s.on_hand, 'allocated', s.allocated, 'backordered', s.backordered,
                         'version', s.version)), '[]')
                     FROM bumped s
                     CROSS JOIN LATERAL (SELECT * FROM product x WHERE x.id = s.product_id OFFSET 0) p),
        'queueExits', queue_exits,
        'bulk', bulk)
    RETURNING change_log.id, change_log.payload -> 'orders' INTO entry_id, entry_orders;
    PERFORM pg_notify(channel, CAST(entry_id AS text));
    -- Only the orders the caller answers with travel back: a restock may touch thousands.
    RETURN (SELECT coalesce(jsonb_agg(o), '[]') FROM jsonb_array_elements(entry_orders) o
            WHERE CAST(o ->> 'id' AS bigint) = ANY(answered));
END
$$;
