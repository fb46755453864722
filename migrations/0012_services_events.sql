CREATE TABLE "candidate_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"service_type_id" uuid NOT NULL,
	"date" date NOT NULL,
	"partner_id" uuid,
	"delivered_by_user_id" uuid,
	"outcome" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_attendance" (
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_attendance_session_id_candidate_id_pk" PRIMARY KEY("session_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "group_participants" (
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"status" text NOT NULL,
	"queue_position" integer NOT NULL,
	"joined_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_participants_group_id_candidate_id_pk" PRIMARY KEY("group_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "group_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"service_type_id" uuid NOT NULL,
	"partner_id" uuid,
	"place" text DEFAULT '' NOT NULL,
	"capacity" integer NOT NULL,
	"last_queue_position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"default_partner_id" uuid,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_invitees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"candidate_id" uuid,
	"contact_id" uuid,
	"status" text DEFAULT 'invited' NOT NULL,
	"invited_at" timestamp (3) with time zone,
	"attended" boolean,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_partners" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	CONSTRAINT "event_partners_event_id_partner_id_pk" PRIMARY KEY("event_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"interviews_agreed" integer,
	"outcome_notes" text DEFAULT '' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "candidate_services" ADD CONSTRAINT "candidate_services_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_services" ADD CONSTRAINT "candidate_services_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_services" ADD CONSTRAINT "candidate_services_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_services" ADD CONSTRAINT "candidate_services_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_services" ADD CONSTRAINT "candidate_services_delivered_by_user_id_users_id_fk" FOREIGN KEY ("delivered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_services" ADD CONSTRAINT "candidate_services_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_attendance" ADD CONSTRAINT "group_attendance_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_attendance" ADD CONSTRAINT "group_attendance_session_id_group_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_attendance" ADD CONSTRAINT "group_attendance_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_attendance" ADD CONSTRAINT "group_attendance_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_participants" ADD CONSTRAINT "group_participants_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_participants" ADD CONSTRAINT "group_participants_group_id_service_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."service_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_participants" ADD CONSTRAINT "group_participants_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD CONSTRAINT "group_sessions_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD CONSTRAINT "group_sessions_group_id_service_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."service_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_groups" ADD CONSTRAINT "service_groups_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_groups" ADD CONSTRAINT "service_groups_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_groups" ADD CONSTRAINT "service_groups_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_types" ADD CONSTRAINT "service_types_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_types" ADD CONSTRAINT "service_types_default_partner_id_partners_id_fk" FOREIGN KEY ("default_partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitees" ADD CONSTRAINT "event_invitees_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitees" ADD CONSTRAINT "event_invitees_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitees" ADD CONSTRAINT "event_invitees_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitees" ADD CONSTRAINT "event_invitees_contact_id_employer_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."employer_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_partners" ADD CONSTRAINT "event_partners_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_partners" ADD CONSTRAINT "event_partners_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_partners" ADD CONSTRAINT "event_partners_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_services_candidate_idx" ON "candidate_services" USING btree ("tenant_id","candidate_id","date");--> statement-breakpoint
CREATE INDEX "candidate_services_tenant_date_idx" ON "candidate_services" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "group_attendance_candidate_idx" ON "group_attendance" USING btree ("tenant_id","candidate_id");--> statement-breakpoint
CREATE INDEX "group_participants_candidate_idx" ON "group_participants" USING btree ("tenant_id","candidate_id");--> statement-breakpoint
CREATE INDEX "group_sessions_group_idx" ON "group_sessions" USING btree ("tenant_id","group_id","starts_at");--> statement-breakpoint
CREATE INDEX "group_sessions_tenant_starts_idx" ON "group_sessions" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_tenant_name_idx" ON "partners" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "service_groups_tenant_idx" ON "service_groups" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_types_tenant_name_idx" ON "service_types" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "service_types_tenant_key_idx" ON "service_types" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "event_invitees_candidate_idx" ON "event_invitees" USING btree ("event_id","candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_invitees_contact_idx" ON "event_invitees" USING btree ("event_id","contact_id");--> statement-breakpoint
CREATE INDEX "event_invitees_tenant_candidate_idx" ON "event_invitees" USING btree ("tenant_id","candidate_id");--> statement-breakpoint
CREATE INDEX "events_tenant_starts_idx" ON "events" USING btree ("tenant_id","starts_at","id");
--> statement-breakpoint
-- By hand: the closed lists and the rules the schema cannot say.
ALTER TABLE "partners" ADD CONSTRAINT "partners_kind_check" CHECK ("kind" IN ('municipality', 'nav', 'adult_education', 'business', 'volunteer', 'sports_club', 'senior_centre', 'other'));--> statement-breakpoint
ALTER TABLE "service_groups" ADD CONSTRAINT "service_groups_capacity_check" CHECK ("capacity" > 0);--> statement-breakpoint
ALTER TABLE "group_participants" ADD CONSTRAINT "group_participants_status_check" CHECK ("status" IN ('active', 'waiting'));--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_kind_check" CHECK ("kind" IN ('network_meeting', 'job_fair', 'recruitment_day', 'stand', 'other'));--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_time_check" CHECK ("ends_at" >= "starts_at");--> statement-breakpoint
ALTER TABLE "event_invitees" ADD CONSTRAINT "event_invitees_one_person_check" CHECK (("candidate_id" IS NULL) <> ("contact_id" IS NULL));--> statement-breakpoint
ALTER TABLE "event_invitees" ADD CONSTRAINT "event_invitees_status_check" CHECK ("status" IN ('invited', 'registered', 'declined'));
