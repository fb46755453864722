CREATE TABLE "trainee_interview_criteria" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label_nb" text NOT NULL,
	"label_en" text NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"duration_minutes" smallint DEFAULT 60 NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"video_link" text,
	"interviewer_user_ids" uuid[] NOT NULL,
	"invited_at" timestamp (3) with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_name" text NOT NULL,
	"area" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"occupation_uri" text NOT NULL,
	"essential_skill_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"optional_skill_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"education_level" text DEFAULT 'bachelor' NOT NULL,
	"education_field" text DEFAULT '' NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"positions" integer DEFAULT 1 NOT NULL,
	"start_date" date,
	"offered_position" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_score_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"interviewer_user_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_shortlist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"status" text DEFAULT 'shortlisted' NOT NULL,
	"match_score" real,
	"decision_reason" text,
	"decided_at" timestamp (3) with time zone,
	"decided_by_user_id" uuid,
	"added_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trainee_interview_criteria" ADD CONSTRAINT "trainee_interview_criteria_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_interviews" ADD CONSTRAINT "trainee_interviews_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_interviews" ADD CONSTRAINT "trainee_interviews_entry_id_trainee_shortlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."trainee_shortlist_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_interviews" ADD CONSTRAINT "trainee_interviews_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_needs" ADD CONSTRAINT "trainee_needs_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_needs" ADD CONSTRAINT "trainee_needs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_score_sheets" ADD CONSTRAINT "trainee_score_sheets_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_score_sheets" ADD CONSTRAINT "trainee_score_sheets_entry_id_trainee_shortlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."trainee_shortlist_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_score_sheets" ADD CONSTRAINT "trainee_score_sheets_interviewer_user_id_users_id_fk" FOREIGN KEY ("interviewer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_shortlist_entries" ADD CONSTRAINT "trainee_shortlist_entries_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_shortlist_entries" ADD CONSTRAINT "trainee_shortlist_entries_need_id_trainee_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."trainee_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_shortlist_entries" ADD CONSTRAINT "trainee_shortlist_entries_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_shortlist_entries" ADD CONSTRAINT "trainee_shortlist_entries_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_shortlist_entries" ADD CONSTRAINT "trainee_shortlist_entries_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trainee_interview_criteria_key_idx" ON "trainee_interview_criteria" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "trainee_interviews_entry_idx" ON "trainee_interviews" USING btree ("tenant_id","entry_id");--> statement-breakpoint
CREATE INDEX "trainee_needs_tenant_created_idx" ON "trainee_needs" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "trainee_score_sheets_entry_interviewer_idx" ON "trainee_score_sheets" USING btree ("tenant_id","entry_id","interviewer_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trainee_shortlist_need_candidate_idx" ON "trainee_shortlist_entries" USING btree ("tenant_id","need_id","candidate_id");--> statement-breakpoint
CREATE INDEX "trainee_shortlist_candidate_idx" ON "trainee_shortlist_entries" USING btree ("tenant_id","candidate_id");
--> statement-breakpoint
-- By hand: statuses as the contract names them; an entry is accepted or rejected exactly when a decision with its reason is recorded.
ALTER TABLE "trainee_needs" ADD CONSTRAINT "trainee_needs_status_check" CHECK ("status" IN ('open', 'filled', 'closed'));--> statement-breakpoint
ALTER TABLE "trainee_needs" ADD CONSTRAINT "trainee_needs_positions_check" CHECK ("positions" BETWEEN 1 AND 50);--> statement-breakpoint
ALTER TABLE "trainee_shortlist_entries" ADD CONSTRAINT "trainee_shortlist_status_check" CHECK ("status" IN ('shortlisted', 'interview_scheduled', 'interviewed', 'accepted', 'rejected'));--> statement-breakpoint
ALTER TABLE "trainee_shortlist_entries" ADD CONSTRAINT "trainee_shortlist_decision_check" CHECK (("status" IN ('accepted', 'rejected')) = ("decision_reason" IS NOT NULL AND "decided_at" IS NOT NULL));
