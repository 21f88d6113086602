-- The audit log is append-only: the database itself refuses to change or remove audit events,
-- whatever the application does. A statement-level trigger, so even an UPDATE or DELETE that
-- matches no row is refused. (Prisma cannot express triggers; this SQL is written by hand.)

-- CreateFunction
CREATE FUNCTION "AuditEvent_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'P0001',
          HINT = 'Audit events can only be inserted.';
END;
$$;

-- CreateTrigger
CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_refuse_change"();
