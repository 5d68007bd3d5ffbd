-- Express teams: the studio lets drafts (automatic cut-outs) of photos that
-- passed the quality check be delivered without a retoucher. 1 = on.
ALTER TABLE teams ADD COLUMN express_drafts BIGINT NOT NULL DEFAULT 0;
