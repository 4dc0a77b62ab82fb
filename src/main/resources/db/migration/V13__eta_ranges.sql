-- An estimate's range: the day by which its units very likely arrive given the supplier's record, its date plus
-- the supplier's 90th-percentile delay (the view supplier_delay, V12). Null where no supplier's record applies
-- (a release date, no supplier, too little history); equal to the date where the supplier keeps its dates.
ALTER TABLE backorder
    ADD COLUMN eta_latest date,
    ADD CONSTRAINT backorder_eta_latest_not_before_eta CHECK (eta_latest >= eta);

-- The read model (V5) carries it last, so queries, change-log snapshots and mail payloads all tell the range.
CREATE OR REPLACE VIEW backorder_states AS
SELECT b.id, b.order_id, b.product_id, p.sku, p.name AS product_name, o.customer_email, b.fifo_key, b.quantity,
       b.allocated, b.shipped, b.status, b.preorder, b.created_at,
       CASE WHEN b.status = 'WAITING' THEN b.queue_ticket - s.queue_head - (
           SELECT count(*) FROM backorder c
           WHERE c.product_id = b.product_id AND c.status = 'CANCELLED'
             AND c.queue_ticket > s.queue_head AND c.queue_ticket < b.queue_ticket) END AS queue_position,
       CASE WHEN b.status = 'WAITING' THEN b.eta END AS eta,
       CASE WHEN b.status = 'WAITING' THEN b.eta_source END AS eta_source,
       CASE WHEN b.status = 'WAITING' THEN b.inbound_shipment_id END AS inbound_shipment_id,
       CASE WHEN b.status = 'WAITING' THEN b.promised_eta END AS promised_eta,
       CASE WHEN b.status = 'WAITING' THEN b.consent_deadline END AS consent_deadline,
       CASE WHEN b.status = 'WAITING' THEN b.eta_latest END AS eta_latest
FROM backorder b
JOIN product p ON p.id = b.product_id
JOIN stock s ON s.product_id = b.product_id
JOIN customer_order o ON o.id = b.order_id;

-- A supplier's p90 delay as supplier_delay has it, for the supply estimates plan with (ExpectedSupply): a
-- function, so the statements that read it (an order's RESERVE among them) plan a call rather than the view,
-- and its own plan is kept per connection (see V7); STRICT, so a product without a supplier costs nothing.
CREATE FUNCTION supplier_p90_days(supplier bigint) RETURNS integer
    LANGUAGE plpgsql STABLE STRICT SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    RETURN (SELECT d.p90_days FROM supplier_delay d WHERE d.supplier_id = supplier);
END
$$;
