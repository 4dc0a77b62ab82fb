-- Prices travel in change-log snapshots as text ("19.90"), as the API shows them: a JSON number is read back
-- as a binary float (Vert.x decodes jsonb numbers with a fraction as Double), and money is never one. The
-- function is V8's with only 'price' changed.
CREATE OR REPLACE FUNCTION record_change(product_ids bigint[], backorder_ids bigint[], backorder_changes text[],
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
                         'id', p.id, 'sku', p.sku, 'name', p.name, 'price', CAST(p.price AS text),
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
