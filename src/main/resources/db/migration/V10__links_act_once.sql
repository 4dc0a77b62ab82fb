-- A link from a mail acts once, for the question it answers: one round of asking a customer to accept a
-- slipped date, named by its deadline (each round gets its own and keeps it). The first link redeemed for a
-- round, keep-it or cancel, is recorded here; any later one is refused LINK_USED.
CREATE TABLE redeemed_link (
    backorder_id     bigint      NOT NULL REFERENCES backorder (id),
    consent_deadline timestamptz NOT NULL,
    action           varchar(16) NOT NULL CHECK (action IN ('ACCEPT_NEW_DATE', 'CANCEL')),
    redeemed_at      timestamptz NOT NULL,
    PRIMARY KEY (backorder_id, consent_deadline)
);

-- A product's name is one line of mail subjects: a line break in it could add mail headers. Names saved
-- before the service refused them get spaces instead, in the mails already queued too.
UPDATE product SET name = regexp_replace(name, '[[:cntrl:]]+', ' ', 'g') WHERE name ~ '[[:cntrl:]]';
UPDATE notification
SET payload = jsonb_set(payload, '{product_name}',
                        to_jsonb(regexp_replace(payload ->> 'product_name', '[[:cntrl:]]+', ' ', 'g')))
WHERE payload ->> 'product_name' ~ '[[:cntrl:]]';
ALTER TABLE product ADD CONSTRAINT product_name_one_line CHECK (name !~ '[[:cntrl:]]');
