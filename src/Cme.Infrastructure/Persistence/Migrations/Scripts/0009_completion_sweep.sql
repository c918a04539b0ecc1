-- 0009: the completion sweep. When an offering's last session ends, a scheduled job settles the
-- completion of everyone still enrolled; it records here how far it got, so each ended offering is
-- settled once (and again only when a later session is added or moved).
ALTER TABLE offerings ADD COLUMN completion_settled_through timestamp with time zone NULL;

