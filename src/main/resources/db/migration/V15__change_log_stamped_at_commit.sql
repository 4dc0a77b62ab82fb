-- A change-log entry is written by the last step before its transaction commits (changes.ChangeLog): stamped
-- with the clock then, rather than the transaction's start, its age when a listener reads it is the change
-- feed's lag from the commit (live.ChangeFeed, the metric shop_change_feed_lag_seconds). Pruning reads it too.
ALTER TABLE change_log ALTER COLUMN created_at SET DEFAULT clock_timestamp();
