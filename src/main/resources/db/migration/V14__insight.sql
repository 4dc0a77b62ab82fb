-- Insight (insight.InsightRepository): read-only figures over orders, backorders and inbound supply.

-- When a backorder got its last unit (it became ALLOCATED): the fill rate's time from backorder to
-- allocation reads it instead of searching the ledger. Set by the queue fill (inventory.QueueFill); the
-- backorders allocated before it came get the time of their line's last ALLOCATION movement.
ALTER TABLE backorder ADD COLUMN allocated_at timestamptz;
UPDATE backorder b SET allocated_at = m.at
FROM (SELECT order_line_id, max(created_at) AS at FROM stock_movement
      WHERE kind = 'ALLOCATION' AND order_line_id IS NOT NULL GROUP BY order_line_id) m
WHERE m.order_line_id = b.order_line_id AND b.status IN ('ALLOCATED', 'FULFILLED');

-- Orders placed in a window: the fill rate's orders and the demand of the last days.
CREATE INDEX customer_order_created_at_idx ON customer_order (created_at);
