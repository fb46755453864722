CREATE TABLE "anonymised_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"age_band" text NOT NULL,
	"gender" text NOT NULL,
	"region" text NOT NULL,
	"outcome" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"erasure_delay_days" integer DEFAULT 30 NOT NULL,
	"inactive_months" integer DEFAULT 24 NOT NULL,
	"access_log_months" integer DEFAULT 60 NOT NULL,
	"outbox_days" integer DEFAULT 90 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp (3) with time zone NOT NULL,
	"lease_until" timestamp (3) with time zone,
	"lease_owner" text,
	"last_started_at" timestamp (3) with time zone,
	"last_finished_at" timestamp (3) with time zone,
	"last_result" jsonb
);
--> statement-breakpoint
ALTER TABLE "candidates" ADD COLUMN "anonymised_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "anonymised_outcomes" ADD CONSTRAINT "anonymised_outcomes_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_settings" ADD CONSTRAINT "retention_settings_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anonymised_outcomes_tenant_year_idx" ON "anonymised_outcomes" USING btree ("tenant_id","year");--> statement-breakpoint
-- By hand (ADR 025): retention deletes old access-log rows, and only the retention job may. The job sets the
-- transaction-local setting mangfold.retention_job = 'on' (set_config(..., true)) before it deletes; every other
-- DELETE, every UPDATE and TRUNCATE are still refused as in 0001. The audit trail stays append-only.
CREATE OR REPLACE FUNCTION mangfold_access_log_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('mangfold.retention_job', true), '') = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER access_log_append_only ON access_log;
--> statement-breakpoint
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION mangfold_access_log_guard();
--> statement-breakpoint
ALTER TABLE retention_settings ADD CONSTRAINT retention_settings_ranges_check CHECK (
  erasure_delay_days BETWEEN 0 AND 365 AND inactive_months BETWEEN 1 AND 240
  AND access_log_months BETWEEN 1 AND 240 AND outbox_days BETWEEN 1 AND 3650);
