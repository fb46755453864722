CREATE TABLE "mentor_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"version" text NOT NULL,
	"signed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"signed_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "mentoring_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"mentorship_id" uuid NOT NULL,
	"met_on" date NOT NULL,
	"topics" text NOT NULL,
	"next_step" text DEFAULT '' NOT NULL,
	"logged_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"industry" text,
	"occupation_uri" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"municipality" text DEFAULT '' NOT NULL,
	"capacity" smallint DEFAULT 1 NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentorships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"shared_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"proposed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"proposed_by_user_id" uuid,
	"mentor_accepted_at" timestamp (3) with time zone,
	"mentee_accepted_at" timestamp (3) with time zone,
	"consent_id" uuid,
	"start_date" date,
	"planned_end_date" date,
	"ended_on" date,
	"end_reason" text,
	"mentor_rating" smallint,
	"mentor_feedback" text,
	"mentor_feedback_at" timestamp (3) with time zone,
	"mentee_rating" smallint,
	"mentee_feedback" text,
	"mentee_feedback_at" timestamp (3) with time zone,
	"reminded_for" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mentor_declarations" ADD CONSTRAINT "mentor_declarations_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_declarations" ADD CONSTRAINT "mentor_declarations_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_declarations" ADD CONSTRAINT "mentor_declarations_signed_by_user_id_users_id_fk" FOREIGN KEY ("signed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_meetings" ADD CONSTRAINT "mentoring_meetings_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_meetings" ADD CONSTRAINT "mentoring_meetings_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_meetings" ADD CONSTRAINT "mentoring_meetings_logged_by_user_id_users_id_fk" FOREIGN KEY ("logged_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_consent_id_candidate_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."candidate_consents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_declarations_mentor_version_idx" ON "mentor_declarations" USING btree ("mentor_id","version");--> statement-breakpoint
CREATE INDEX "mentoring_meetings_mentorship_idx" ON "mentoring_meetings" USING btree ("tenant_id","mentorship_id","met_on");--> statement-breakpoint
CREATE UNIQUE INDEX "mentors_tenant_email_idx" ON "mentors" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "mentors_tenant_user_idx" ON "mentors" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "mentors_tenant_name_idx" ON "mentors" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "mentorships_tenant_status_idx" ON "mentorships" USING btree ("tenant_id","status","start_date");--> statement-breakpoint
CREATE INDEX "mentorships_tenant_mentor_idx" ON "mentorships" USING btree ("tenant_id","mentor_id");--> statement-breakpoint
CREATE INDEX "mentorships_tenant_candidate_idx" ON "mentorships" USING btree ("tenant_id","candidate_id");
--> statement-breakpoint
-- By hand: the states and ranges the service keeps, held by the database too; signatures are never changed.
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_status_check" CHECK ("status" IN ('proposed', 'active', 'ended', 'declined'));--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_ratings_check" CHECK (("mentor_rating" IS NULL OR "mentor_rating" BETWEEN 1 AND 5) AND ("mentee_rating" IS NULL OR "mentee_rating" BETWEEN 1 AND 5));--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_active_has_start_check" CHECK ("status" NOT IN ('active', 'ended') OR "start_date" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_capacity_check" CHECK ("capacity" >= 0);--> statement-breakpoint
CREATE TRIGGER mentor_declarations_append_only BEFORE UPDATE ON mentor_declarations
  FOR EACH ROW EXECUTE FUNCTION mangfold_refuse_log_change();
