CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"target" integer NOT NULL,
	"start_date" date NOT NULL,
	"deadline" date,
	"placement_types" jsonb NOT NULL,
	"partner_organisation" text,
	"programme" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "candidates_tenant_advisor_idx";--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goals_tenant_idx" ON "goals" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "candidates_tenant_partner_idx" ON "candidates" USING btree ("tenant_id","partner_organisation","id");--> statement-breakpoint
CREATE INDEX "candidates_erasure_requested_idx" ON "candidates" USING btree ("tenant_id","id") WHERE "candidates"."erasure_requested_at" is not null;--> statement-breakpoint
CREATE INDEX "placement_follow_ups_months_due_idx" ON "placement_follow_ups" USING btree ("tenant_id","months","due_on");--> statement-breakpoint
CREATE INDEX "candidates_tenant_advisor_idx" ON "candidates" USING btree ("tenant_id","advisor_user_id","id");
--> statement-breakpoint
-- By hand: a goal is a deadline goal (deadline after the start) or a yearly one (no deadline).
ALTER TABLE "goals" ADD CONSTRAINT "goals_kind_check" CHECK (("kind" = 'deadline' AND "deadline" IS NOT NULL AND "deadline" > "start_date") OR ("kind" = 'yearly' AND "deadline" IS NULL));--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_target_check" CHECK ("target" > 0);--> statement-breakpoint
-- By hand: each network's existing goal (networks.goal_target, goal_deadline, goal_placement_types) becomes its first
-- goal, counted from the day the network was made. A target without a deadline gets three years ("within 3 years");
-- a deadline before the network existed starts three years before the deadline. The old columns stay.
INSERT INTO "goals" ("tenant_id", "name", "kind", "target", "start_date", "deadline", "placement_types", "active")
SELECT n."id", 'Personer i arbeid', 'deadline', n."goal_target",
  CASE WHEN n."goal_deadline" IS NOT NULL AND n."goal_deadline" <= (n."created_at" AT TIME ZONE 'Europe/Oslo')::date
    THEN (n."goal_deadline" - interval '3 years')::date
    ELSE (n."created_at" AT TIME ZONE 'Europe/Oslo')::date END,
  COALESCE(n."goal_deadline", ((n."created_at" AT TIME ZONE 'Europe/Oslo')::date + interval '3 years')::date),
  n."goal_placement_types", true
FROM "networks" n
WHERE n."goal_target" IS NOT NULL AND n."goal_target" > 0;
