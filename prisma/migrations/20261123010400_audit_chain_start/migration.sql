-- Remember where the audit hash chain starts, so rows after it cannot lose their hashes
-- unnoticed. A log with rows but none chained yet starts its chain at the next row.
INSERT INTO "Setting" ("key", "value", "updatedAt")
SELECT 'audit.chainStart',
       COALESCE(MIN("id") FILTER (WHERE "hash" IS NOT NULL), MAX("id") + 1)::text,
       CURRENT_TIMESTAMP
FROM "AuditEvent"
HAVING COUNT(*) > 0
ON CONFLICT ("key") DO NOTHING;
