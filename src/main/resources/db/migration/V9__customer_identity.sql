-- Customers' addresses are stored in one normal form (shared.EmailAddress: ASCII letters lower case, the
-- domain as IDNA ASCII) and compared with =. lower() folded Unicode case and so made look-alike
-- addresses one; the indexes on it go, and plain ones take their place.
DROP INDEX customer_order_email_idx;
DROP INDEX stock_alert_open_idx;

-- Existing rows in that form, as far as SQL can: ASCII letters lower-cased with translate(), which, unlike
-- lower(), does not depend on the database's locale. An address with a non-ASCII domain keeps its Unicode
-- domain and reaches its customer only once rewritten in IDNA form (docs/security.md).
UPDATE customer_order
SET customer_email = translate(btrim(customer_email), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
WHERE customer_email <> translate(btrim(customer_email), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
UPDATE stock_alert
SET email = translate(btrim(email), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
WHERE email <> translate(btrim(email), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');

-- Open alerts that are now one address's twice: the first stays.
DELETE FROM stock_alert twin
USING stock_alert kept
WHERE twin.notified_at IS NULL AND kept.notified_at IS NULL
  AND twin.product_id = kept.product_id AND twin.email = kept.email AND twin.id > kept.id;
CREATE UNIQUE INDEX stock_alert_open_idx ON stock_alert (product_id, email) WHERE notified_at IS NULL;

-- Idempotency keys are the customer's own: under a global key, a customer reusing another's learnt that it
-- exists, and could fail their checkout by taking it first. Keys were unique, so they are per customer too.
-- Its index also finds a customer's orders (its first column), as customer_order_email_idx did.
ALTER TABLE customer_order DROP CONSTRAINT customer_order_idempotency_key_unique;
ALTER TABLE customer_order
    ADD CONSTRAINT customer_order_customer_key_unique UNIQUE (customer_email, idempotency_key);
