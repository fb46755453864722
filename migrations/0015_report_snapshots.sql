CREATE TABLE "report_data_versions" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_snapshots" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"data_version" bigint NOT NULL,
	"counts" jsonb NOT NULL,
	"counted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_snapshots_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "report_data_versions" ADD CONSTRAINT "report_data_versions_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_snapshots_read_idx" ON "report_snapshots" USING btree ("read_at");--> statement-breakpoint
-- By hand (ADR 031): the network's reporting data version, raised once per transaction that changes what the
-- dashboard counts, at its commit (deferred constraint triggers): the version row is the last lock such a
-- transaction takes, so writers never wait on each other in a cycle, and the new version is visible together
-- with the data it stands for.
CREATE FUNCTION mangfold_raise_report_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid;
  raised text := coalesce(current_setting('mangfold.report_version_raised', true), '');
BEGIN
  IF TG_OP = 'DELETE' THEN tenant := OLD.tenant_id; ELSE tenant := NEW.tenant_id; END IF;
  IF position(tenant::text IN raised) = 0 THEN
    INSERT INTO report_data_versions (tenant_id, version)
      SELECT tenant, 2 WHERE EXISTS (SELECT 1 FROM networks WHERE id = tenant)
      ON CONFLICT (tenant_id) DO UPDATE SET version = report_data_versions.version + 1;
    PERFORM set_config('mangfold.report_version_raised', raised || tenant::text || ',', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER placements_report_version AFTER INSERT OR UPDATE OR DELETE ON placements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mangfold_raise_report_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER placement_follow_ups_report_version AFTER INSERT OR UPDATE OR DELETE ON placement_follow_ups
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mangfold_raise_report_version();
--> statement-breakpoint
-- An employer's industry and a candidate's partner organisation (a goal may count only one partner's people).
CREATE CONSTRAINT TRIGGER employers_report_version AFTER UPDATE OF nace_section ON employers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.nace_section IS DISTINCT FROM NEW.nace_section)
  EXECUTE FUNCTION mangfold_raise_report_version();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER candidates_report_version AFTER UPDATE OF partner_organisation ON candidates
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.partner_organisation IS DISTINCT FROM NEW.partner_organisation)
  EXECUTE FUNCTION mangfold_raise_report_version();
--> statement-breakpoint
-- The taxonomy (an occupation's ISCO group) is shared by every network: a change raises every version.
CREATE FUNCTION mangfold_raise_all_report_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_data_versions (tenant_id, version) SELECT id, 2 FROM networks
    ON CONFLICT (tenant_id) DO UPDATE SET version = report_data_versions.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER taxonomy_concepts_report_version AFTER INSERT OR UPDATE OR DELETE ON taxonomy_concepts
  FOR EACH STATEMENT EXECUTE FUNCTION mangfold_raise_all_report_versions();
