-- The read model of a backorder (V4) becomes a view. As a function it was planned apart from the
-- statement calling it, every time it was called, and could not see which rows the caller wanted: the
-- change log and the outbox spent most of their time in it. A view is planned with the statement that
-- reads it, which selects its rows by id (or order) through the indexes.
DROP FUNCTION backorder_states(bigint[]);

-- A backorder as readers see it: numbers, product, customer, estimate and place in line. The place is
-- 1-based among the product's WAITING backorders in FIFO order; it and the estimate are null unless
-- WAITING.
CREATE VIEW backorder_states AS
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
       CASE WHEN b.status = 'WAITING' THEN b.consent_deadline END AS consent_deadline
FROM backorder b
JOIN product p ON p.id = b.product_id
JOIN stock s ON s.product_id = b.product_id
JOIN customer_order o ON o.id = b.order_id;
