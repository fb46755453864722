CREATE TABLE "candidate_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"employer_id" uuid,
	"job_id" uuid,
	"text_version" text NOT NULL,
	"method" text NOT NULL,
	"given_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"recorded_by_user_id" uuid,
	"withdrawn_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"employer_id" uuid,
	"municipal_unit" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"occupation_uri" text NOT NULL,
	"essential_skill_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"optional_skill_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"education_level" text,
	"licences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"municipality" text DEFAULT '' NOT NULL,
	"extent" text DEFAULT 'full_time' NOT NULL,
	"extent_percent" smallint,
	"type" text DEFAULT 'permanent' NOT NULL,
	"wage_subsidy_possible" boolean DEFAULT false NOT NULL,
	"positions" integer DEFAULT 1 NOT NULL,
	"start_date" date,
	"deadline" date,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"actor_token_id" uuid,
	"direction" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"engine_version" text NOT NULL,
	"results" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"shared_variant" text,
	"shared_at" timestamp (3) with time zone,
	"employer_response" text,
	"employer_responded_at" timestamp (3) with time zone,
	"match_score" real,
	"added_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_stage_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"changed_by_user_id" uuid,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_stages" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label_nb" text NOT NULL,
	"label_en" text NOT NULL,
	"position" smallint NOT NULL,
	"meaning" text DEFAULT 'open' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"months" smallint NOT NULL,
	"due_on" date NOT NULL,
	"still_employed" boolean,
	"note" text DEFAULT '' NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"answered_by_user_id" uuid,
	"reminded_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_entries" ADD CONSTRAINT "pipeline_entries_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_entries" ADD CONSTRAINT "pipeline_entries_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_entries" ADD CONSTRAINT "pipeline_entries_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_entries" ADD CONSTRAINT "pipeline_entries_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stage_changes" ADD CONSTRAINT "pipeline_stage_changes_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stage_changes" ADD CONSTRAINT "pipeline_stage_changes_entry_id_pipeline_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."pipeline_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stage_changes" ADD CONSTRAINT "pipeline_stage_changes_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_consents_candidate_idx" ON "candidate_consents" USING btree ("tenant_id","candidate_id","purpose");--> statement-breakpoint
CREATE INDEX "jobs_tenant_updated_idx" ON "jobs" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "jobs_tenant_employer_idx" ON "jobs" USING btree ("tenant_id","employer_id");--> statement-breakpoint
CREATE INDEX "jobs_tenant_status_idx" ON "jobs" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "match_logs_tenant_created_idx" ON "match_logs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_entries_job_candidate_idx" ON "pipeline_entries" USING btree ("tenant_id","job_id","candidate_id");--> statement-breakpoint
CREATE INDEX "pipeline_entries_candidate_idx" ON "pipeline_entries" USING btree ("tenant_id","candidate_id");--> statement-breakpoint
CREATE INDEX "pipeline_stage_changes_entry_idx" ON "pipeline_stage_changes" USING btree ("tenant_id","entry_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_stages_key_idx" ON "pipeline_stages" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_follow_ups_placement_months_idx" ON "placement_follow_ups" USING btree ("placement_id","months");--> statement-breakpoint
CREATE INDEX "placement_follow_ups_due_idx" ON "placement_follow_ups" USING btree ("tenant_id","due_on");--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The ranking log is append-only, like the audit trail (0001).
CREATE TRIGGER match_logs_append_only BEFORE UPDATE OR DELETE ON match_logs
  FOR EACH ROW EXECUTE FUNCTION mangfold_refuse_log_change();
--> statement-breakpoint
CREATE TRIGGER match_logs_no_truncate BEFORE TRUNCATE ON match_logs
  FOR EACH STATEMENT EXECUTE FUNCTION mangfold_refuse_log_change();
--> statement-breakpoint
ALTER TABLE placement_follow_ups ADD CONSTRAINT placement_follow_ups_months_check CHECK (months IN (3, 6, 12));
--> statement-breakpoint
ALTER TABLE candidate_consents ADD CONSTRAINT candidate_consents_purpose_check
  CHECK (purpose IN ('registration','share_with_employer','mentoring','public_page'));
