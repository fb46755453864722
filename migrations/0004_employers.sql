CREATE TABLE "employer_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"summary" text NOT NULL,
	"author_user_id" uuid,
	"follow_up_text" text,
	"follow_up_due_on" date,
	"follow_up_assignee_user_id" uuid,
	"follow_up_done_at" timestamp (3) with time zone,
	"follow_up_reminded_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"issued_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"valid_until" date NOT NULL,
	"issued_by_user_id" uuid,
	"revoked_at" timestamp (3) with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "employer_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"email" text,
	"phone" text,
	"user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"certification_rule" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"changed_by_user_id" uuid,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_number" text NOT NULL,
	"name" text NOT NULL,
	"name_norm" text NOT NULL,
	"nace_code" text,
	"nace_section" text,
	"size_band" text DEFAULT 'unknown' NOT NULL,
	"municipality" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"postal_code" text DEFAULT '' NOT NULL,
	"postal_place" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"public_listing" boolean DEFAULT false NOT NULL,
	"membership_status" text DEFAULT 'prospect' NOT NULL,
	"membership_status_changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_contact_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"page" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid,
	"employer_id" uuid,
	"employer_name" text NOT NULL,
	"occupation_uri" text,
	"type" text NOT NULL,
	"wage_subsidy_percent" smallint,
	"subsidy_from" date,
	"subsidy_to" date,
	"hours_per_week" real,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "employer_contact_id" uuid;--> statement-breakpoint
ALTER TABLE "employer_activities" ADD CONSTRAINT "employer_activities_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_activities" ADD CONSTRAINT "employer_activities_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_activities" ADD CONSTRAINT "employer_activities_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_activities" ADD CONSTRAINT "employer_activities_follow_up_assignee_user_id_users_id_fk" FOREIGN KEY ("follow_up_assignee_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_certificates" ADD CONSTRAINT "employer_certificates_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_certificates" ADD CONSTRAINT "employer_certificates_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_certificates" ADD CONSTRAINT "employer_certificates_issued_by_user_id_users_id_fk" FOREIGN KEY ("issued_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_contacts" ADD CONSTRAINT "employer_contacts_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_contacts" ADD CONSTRAINT "employer_contacts_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_contacts" ADD CONSTRAINT "employer_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_settings" ADD CONSTRAINT "employer_settings_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_status_changes" ADD CONSTRAINT "employer_status_changes_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_status_changes" ADD CONSTRAINT "employer_status_changes_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_status_changes" ADD CONSTRAINT "employer_status_changes_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_filters" ADD CONSTRAINT "saved_filters_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_filters" ADD CONSTRAINT "saved_filters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employer_activities_employer_idx" ON "employer_activities" USING btree ("tenant_id","employer_id","occurred_on");--> statement-breakpoint
CREATE INDEX "employer_activities_task_idx" ON "employer_activities" USING btree ("tenant_id","follow_up_assignee_user_id","follow_up_due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "employer_certificates_code_idx" ON "employer_certificates" USING btree ("code");--> statement-breakpoint
CREATE INDEX "employer_certificates_employer_idx" ON "employer_certificates" USING btree ("tenant_id","employer_id");--> statement-breakpoint
CREATE INDEX "employer_contacts_employer_idx" ON "employer_contacts" USING btree ("tenant_id","employer_id");--> statement-breakpoint
CREATE INDEX "employer_contacts_user_idx" ON "employer_contacts" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "employer_status_changes_employer_idx" ON "employer_status_changes" USING btree ("tenant_id","employer_id","changed_at");--> statement-breakpoint
CREATE INDEX "employers_tenant_name_idx" ON "employers" USING btree ("tenant_id","name_norm","id");--> statement-breakpoint
CREATE INDEX "employers_tenant_updated_idx" ON "employers" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "employers_tenant_org_idx" ON "employers" USING btree ("tenant_id","org_number");--> statement-breakpoint
CREATE INDEX "employers_tenant_status_idx" ON "employers" USING btree ("tenant_id","membership_status");--> statement-breakpoint
CREATE INDEX "employers_tenant_contact_idx" ON "employers" USING btree ("tenant_id","last_contact_at");--> statement-breakpoint
CREATE INDEX "employers_tags_idx" ON "employers" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_filters_user_page_name_idx" ON "saved_filters" USING btree ("tenant_id","user_id","page","name");--> statement-breakpoint
CREATE INDEX "placements_tenant_start_idx" ON "placements" USING btree ("tenant_id","start_date");--> statement-breakpoint
CREATE INDEX "placements_tenant_employer_idx" ON "placements" USING btree ("tenant_id","employer_id","start_date");--> statement-breakpoint
CREATE INDEX "placements_tenant_candidate_idx" ON "placements" USING btree ("tenant_id","candidate_id");