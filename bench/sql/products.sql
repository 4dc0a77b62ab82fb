-- Creates benchmark products the way createProduct does: a product row (policy ALLOW, 14 days' lead
-- time), its stock row, and for stocked ones a RECEIPT movement booking the initial stock, so stock equals
-- its ledger. Bulk SQL only to save minutes of setup; nothing here is measured.
-- psql variables:
--   prefix         SKU, or SKU prefix when count > 0 (then prefix-1 .. prefix-count)
--   count          0 for one product named prefix
--   stocked_every  0: none stocked; 1: all; 2: every second one (prefix-2, prefix-4, ...)
--   on_hand        units of each stocked product
BEGIN;
CREATE TEMP TABLE new_product ON COMMIT DROP AS
SELECT n,
       CASE WHEN :count = 0 THEN :'prefix' ELSE :'prefix' || '-' || n END AS sku,
       CASE WHEN :stocked_every > 0 AND n % :stocked_every = 0 THEN :on_hand ELSE 0 END AS on_hand
FROM generate_series(1, greatest(:count, 1)) AS n;

WITH created AS (
    INSERT INTO product (sku, name, price, backorder_policy, lead_time_days, created_at)
    SELECT sku, 'Bench product ' || sku, 19.90, 'ALLOW', 14, now() FROM new_product ORDER BY n
    RETURNING id, sku
), stock_rows AS (
    INSERT INTO stock (product_id, on_hand, allocated, backordered)
    SELECT c.id, np.on_hand, 0, 0 FROM created c JOIN new_product np USING (sku)
)
INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, reason, created_at)
SELECT c.id, 'RECEIPT', np.on_hand, 0, 'initial stock', now()
FROM created c JOIN new_product np USING (sku)
WHERE np.on_hand > 0;
COMMIT;
