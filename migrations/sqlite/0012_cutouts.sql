-- Automatic cut-outs: at most one per uploaded photo, made by the cut-out
-- job. `storage_key` is the draft (a PNG with transparency) once it exists;
-- `small_key` is the same at card size; `preview_key` is the member's
-- watermarked preview in the team's style; `error` says why there is none
-- (no person in the photo).
CREATE TABLE cutouts (
    photo_id TEXT PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
    headshot_id TEXT NOT NULL REFERENCES headshots(id) ON DELETE CASCADE,
    storage_key TEXT,
    small_key TEXT,
    preview_key TEXT,
    width BIGINT,
    height BIGINT,
    error TEXT,
    took_ms BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cutouts_headshot ON cutouts (headshot_id);
