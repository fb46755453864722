-- The audit trail and the access log are append-only: the database itself refuses to change or remove a row,
-- whichever code path or SQL console tries. Retention (deleting old access-log rows) will come as its own
-- reviewed migration that narrows this rule.
CREATE OR REPLACE FUNCTION mangfold_refuse_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION mangfold_refuse_log_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION mangfold_refuse_log_change();
--> statement-breakpoint
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION mangfold_refuse_log_change();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION mangfold_refuse_log_change();
--> statement-breakpoint
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
  CHECK (role IN ('admin','advisor','hr','supervisor','mentor','employer','candidate','viewer'));
--> statement-breakpoint
ALTER TABLE memberships ADD CONSTRAINT memberships_status_check CHECK (status IN ('active','disabled'));
--> statement-breakpoint
ALTER TABLE invitations ADD CONSTRAINT invitations_role_check
  CHECK (role IN ('admin','advisor','hr','supervisor','mentor','employer','candidate','viewer'));
--> statement-breakpoint
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
  CHECK (role IN ('admin','advisor','hr','supervisor','mentor','employer','candidate','viewer'));
--> statement-breakpoint
ALTER TABLE networks ADD CONSTRAINT networks_slug_check CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$');
