CREATE TABLE "portal_consent_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_user_id" uuid,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"consent_id" uuid
);
--> statement-breakpoint
CREATE TABLE "portal_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"editable" text[] NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "candidate_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_consent_requests" ADD CONSTRAINT "portal_consent_requests_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_consent_requests" ADD CONSTRAINT "portal_consent_requests_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_consent_requests" ADD CONSTRAINT "portal_consent_requests_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_consent_requests" ADD CONSTRAINT "portal_consent_requests_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_consent_requests" ADD CONSTRAINT "portal_consent_requests_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_consent_requests" ADD CONSTRAINT "portal_consent_requests_consent_id_candidate_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."candidate_consents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_settings" ADD CONSTRAINT "portal_settings_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_consent_requests_candidate_idx" ON "portal_consent_requests" USING btree ("tenant_id","candidate_id","requested_at");--> statement-breakpoint
-- By hand: one candidate record per portal user in a network; the consent request's status is one of four.
CREATE UNIQUE INDEX "candidates_tenant_user_idx" ON "candidates" USING btree ("tenant_id","user_id") WHERE "user_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_consent_requests" ADD CONSTRAINT "portal_consent_requests_status_check" CHECK ("status" IN ('pending', 'accepted', 'declined', 'cancelled'));
