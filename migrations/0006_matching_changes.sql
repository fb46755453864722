CREATE TABLE "matching_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid,
	"candidate_id" uuid,
	"xid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "matching_changes_xid_idx" ON "matching_changes" USING btree ("xid");--> statement-breakpoint
CREATE INDEX "matching_changes_created_idx" ON "matching_changes" USING btree ("created_at");--> statement-breakpoint
-- Every change to a candidate reaches every app instance's matching index (matching/registry.ts).
CREATE FUNCTION mangfold_note_candidate_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO matching_changes (tenant_id, candidate_id) VALUES (OLD.tenant_id, OLD.id);
    RETURN OLD;
  END IF;
  INSERT INTO matching_changes (tenant_id, candidate_id) VALUES (NEW.tenant_id, NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER candidates_matching_change AFTER INSERT OR UPDATE OR DELETE ON candidates
  FOR EACH ROW EXECUTE FUNCTION mangfold_note_candidate_change();
--> statement-breakpoint
-- A taxonomy import (occupations, skills, their relations and hierarchy) rebuilds every index: one row per statement.
CREATE FUNCTION mangfold_note_taxonomy_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO matching_changes (tenant_id, candidate_id) VALUES (NULL, NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER taxonomy_concepts_matching_change AFTER INSERT OR UPDATE OR DELETE ON taxonomy_concepts
  FOR EACH STATEMENT EXECUTE FUNCTION mangfold_note_taxonomy_change();
--> statement-breakpoint
CREATE TRIGGER taxonomy_occupation_skills_matching_change AFTER INSERT OR UPDATE OR DELETE ON taxonomy_occupation_skills
  FOR EACH STATEMENT EXECUTE FUNCTION mangfold_note_taxonomy_change();
--> statement-breakpoint
CREATE TRIGGER taxonomy_broader_matching_change AFTER INSERT OR UPDATE OR DELETE ON taxonomy_broader
  FOR EACH STATEMENT EXECUTE FUNCTION mangfold_note_taxonomy_change();
