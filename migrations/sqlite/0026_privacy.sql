-- Retention and erasure. `sources_deleted_at`: when the original photos
-- and the automatic drafts of an approved headshot were deleted under the
-- studio's retention setting (the finals stay). `erased_at`: when
-- everything about the member was erased at their or a leader's request;
-- the row stays as a tombstone (no name, no address) so the ledger's
-- amounts still add up.
ALTER TABLE headshots ADD COLUMN sources_deleted_at BIGINT;
ALTER TABLE headshots ADD COLUMN erased_at BIGINT;
