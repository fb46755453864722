CREATE TABLE "access_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"actor_token_id" uuid,
	"kind" text DEFAULT 'many_profiles' NOT NULL,
	"first_at" timestamp (3) with time zone NOT NULL,
	"last_at" timestamp (3) with time zone NOT NULL,
	"profiles" integer NOT NULL,
	"max_profiles" integer NOT NULL,
	"window_minutes" integer NOT NULL,
	"notified_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"max_profiles" integer DEFAULT 50 NOT NULL,
	"window_minutes" integer DEFAULT 10 NOT NULL,
	"checked_until" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "denied_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid,
	"actor_user_id" uuid,
	"actor_token_id" uuid,
	"method" text NOT NULL,
	"route" text NOT NULL,
	"status" smallint NOT NULL,
	"code" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_flags" ADD CONSTRAINT "access_flags_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_settings" ADD CONSTRAINT "audit_settings_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denied_requests" ADD CONSTRAINT "denied_requests_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_flags_tenant_created_idx" ON "access_flags" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "denied_requests_tenant_at_idx" ON "denied_requests" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "denied_requests_at_idx" ON "denied_requests" USING btree ("at");--> statement-breakpoint
CREATE INDEX "access_log_tenant_actor_at_idx" ON "access_log" USING btree ("tenant_id","actor_user_id","at");--> statement-breakpoint
-- By hand: what a denied request and the threshold may hold (ADR 026).
ALTER TABLE "denied_requests" ADD CONSTRAINT "denied_requests_status_check" CHECK ("status" IN (401, 403));--> statement-breakpoint
ALTER TABLE "audit_settings" ADD CONSTRAINT "audit_settings_range_check" CHECK ("max_profiles" BETWEEN 5 AND 10000 AND "window_minutes" BETWEEN 1 AND 1440);
