CREATE TABLE "candidate_backgrounds" (
	"candidate_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"country_of_birth" text,
	"arrival_year" integer,
	"gender" text DEFAULT 'unspecified' NOT NULL,
	"birth_year" integer,
	CONSTRAINT "candidate_backgrounds_candidate_id_pk" PRIMARY KEY("candidate_id")
);
--> statement-breakpoint
CREATE TABLE "candidate_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"author_user_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"municipality" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"advisor_user_id" uuid,
	"partner_organisation" text DEFAULT '' NOT NULL,
	"available_from" date,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"education" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"experience" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"job_wishes" jsonb DEFAULT '{"occupationUris":[],"municipalities":[],"extent":"any"}'::jsonb NOT NULL,
	"skill_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"driving_licences" text[] DEFAULT '{}'::text[] NOT NULL,
	"occupation_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"norwegian_rank" smallint,
	"education_rank" smallint,
	"sort_name" text NOT NULL,
	"email_norm" text,
	"phone_digits" text,
	"name_norm" text NOT NULL,
	"merged_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"user_id" uuid,
	"processing_restricted_at" timestamp (3) with time zone,
	"erasure_requested_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "candidate_backgrounds" ADD CONSTRAINT "candidate_backgrounds_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_backgrounds" ADD CONSTRAINT "candidate_backgrounds_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_documents" ADD CONSTRAINT "candidate_documents_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_documents" ADD CONSTRAINT "candidate_documents_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_documents" ADD CONSTRAINT "candidate_documents_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_notes" ADD CONSTRAINT "candidate_notes_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_notes" ADD CONSTRAINT "candidate_notes_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_notes" ADD CONSTRAINT "candidate_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_advisor_user_id_users_id_fk" FOREIGN KEY ("advisor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_backgrounds_tenant_idx" ON "candidate_backgrounds" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "candidate_documents_candidate_idx" ON "candidate_documents" USING btree ("tenant_id","candidate_id","created_at");--> statement-breakpoint
CREATE INDEX "candidate_notes_candidate_idx" ON "candidate_notes" USING btree ("tenant_id","candidate_id","created_at");--> statement-breakpoint
CREATE INDEX "candidates_tenant_updated_idx" ON "candidates" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "candidates_tenant_name_idx" ON "candidates" USING btree ("tenant_id","sort_name","id");--> statement-breakpoint
CREATE INDEX "candidates_tenant_advisor_idx" ON "candidates" USING btree ("tenant_id","advisor_user_id");--> statement-breakpoint
CREATE INDEX "candidates_tenant_status_idx" ON "candidates" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "candidates_tenant_municipality_idx" ON "candidates" USING btree ("tenant_id","municipality");--> statement-breakpoint
CREATE INDEX "candidates_tenant_norwegian_idx" ON "candidates" USING btree ("tenant_id","norwegian_rank");--> statement-breakpoint
CREATE INDEX "candidates_tenant_education_idx" ON "candidates" USING btree ("tenant_id","education_rank");--> statement-breakpoint
CREATE INDEX "candidates_tenant_email_idx" ON "candidates" USING btree ("tenant_id","email_norm");--> statement-breakpoint
CREATE INDEX "candidates_tenant_phone_idx" ON "candidates" USING btree ("tenant_id","phone_digits");--> statement-breakpoint
CREATE INDEX "candidates_tenant_name_norm_idx" ON "candidates" USING btree ("tenant_id","name_norm");--> statement-breakpoint
CREATE INDEX "candidates_occupations_idx" ON "candidates" USING gin ("occupation_uris");--> statement-breakpoint
CREATE INDEX "candidates_skills_idx" ON "candidates" USING gin ("skill_uris");--> statement-breakpoint
CREATE INDEX "candidates_licences_idx" ON "candidates" USING gin ("driving_licences");