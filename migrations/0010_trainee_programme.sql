CREATE TABLE "trainee_cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trainee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"month" smallint NOT NULL,
	"author_user_id" uuid,
	"ratings" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"published_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trainee_id" uuid NOT NULL,
	"title" text NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trainee_id" uuid NOT NULL,
	"author_user_id" uuid,
	"occurred_on" date NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trainee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"activity_kind" text,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"evaluation_month" smallint,
	"done_at" timestamp (3) with time zone,
	"done_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "trainee_plan_reminders" (
	"plan_item_id" uuid NOT NULL,
	"days_before" smallint NOT NULL,
	"user_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_templates" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"activities" jsonb NOT NULL,
	"evaluation_months" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"reminder_days_before" jsonb NOT NULL,
	"full_subsidy_months" smallint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainee_unit_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit" text NOT NULL,
	"employees_before" bigint,
	"immigrants_before" bigint,
	"employees_after" bigint,
	"immigrants_after" bigint,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"candidate_id" uuid,
	"recruitment_need_id" uuid,
	"supervisor_user_id" uuid,
	"unit" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"monthly_salary_ore" bigint DEFAULT 0 NOT NULL,
	"subsidy_periods" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"outcome" text,
	"outcome_position" text,
	"outcome_position_from" date,
	"outcome_left_on" date,
	"outcome_reason" text,
	"outcome_note" text DEFAULT '' NOT NULL,
	"outcome_at" timestamp (3) with time zone,
	"placement_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trainee_cohorts" ADD CONSTRAINT "trainee_cohorts_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_evaluations" ADD CONSTRAINT "trainee_evaluations_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_evaluations" ADD CONSTRAINT "trainee_evaluations_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_evaluations" ADD CONSTRAINT "trainee_evaluations_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_goals" ADD CONSTRAINT "trainee_goals_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_goals" ADD CONSTRAINT "trainee_goals_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_log_entries" ADD CONSTRAINT "trainee_log_entries_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_log_entries" ADD CONSTRAINT "trainee_log_entries_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_log_entries" ADD CONSTRAINT "trainee_log_entries_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_plan_items" ADD CONSTRAINT "trainee_plan_items_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_plan_items" ADD CONSTRAINT "trainee_plan_items_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_plan_items" ADD CONSTRAINT "trainee_plan_items_done_by_user_id_users_id_fk" FOREIGN KEY ("done_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_plan_reminders" ADD CONSTRAINT "trainee_plan_reminders_plan_item_id_trainee_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."trainee_plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_plan_reminders" ADD CONSTRAINT "trainee_plan_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_plan_reminders" ADD CONSTRAINT "trainee_plan_reminders_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_templates" ADD CONSTRAINT "trainee_templates_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainee_unit_figures" ADD CONSTRAINT "trainee_unit_figures_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_tenant_id_networks_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_cohort_id_trainee_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."trainee_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_supervisor_user_id_users_id_fk" FOREIGN KEY ("supervisor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trainee_cohorts_tenant_start_idx" ON "trainee_cohorts" USING btree ("tenant_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "trainee_evaluations_trainee_kind_month_idx" ON "trainee_evaluations" USING btree ("trainee_id","kind","month");--> statement-breakpoint
CREATE INDEX "trainee_goals_trainee_idx" ON "trainee_goals" USING btree ("trainee_id");--> statement-breakpoint
CREATE INDEX "trainee_log_entries_trainee_idx" ON "trainee_log_entries" USING btree ("trainee_id","occurred_on");--> statement-breakpoint
CREATE INDEX "trainee_plan_items_trainee_idx" ON "trainee_plan_items" USING btree ("trainee_id","due_on");--> statement-breakpoint
CREATE INDEX "trainee_plan_items_tenant_due_idx" ON "trainee_plan_items" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "trainee_plan_reminders_item_days_user_idx" ON "trainee_plan_reminders" USING btree ("plan_item_id","days_before","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trainee_unit_figures_tenant_unit_idx" ON "trainee_unit_figures" USING btree ("tenant_id","unit");--> statement-breakpoint
CREATE INDEX "trainees_tenant_cohort_idx" ON "trainees" USING btree ("tenant_id","cohort_id");--> statement-breakpoint
CREATE INDEX "trainees_tenant_supervisor_idx" ON "trainees" USING btree ("tenant_id","supervisor_user_id");--> statement-breakpoint
-- By hand: the trainee programme's values kept in range whatever writes them (ADR 021).
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_dates_check" CHECK ("end_date" >= "start_date");--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_salary_check" CHECK ("monthly_salary_ore" >= 0);--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_status_check" CHECK ("status" IN ('active', 'completed', 'left'));--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('offered', 'qualified_no_position', 'not_qualified', 'left_early'));--> statement-breakpoint
ALTER TABLE "trainee_plan_items" ADD CONSTRAINT "trainee_plan_items_kind_check" CHECK (("kind" = 'activity' AND "evaluation_month" IS NULL) OR ("kind" = 'evaluation' AND "evaluation_month" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "trainee_goals" ADD CONSTRAINT "trainee_goals_progress_check" CHECK ("progress" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "trainee_evaluations" ADD CONSTRAINT "trainee_evaluations_kind_check" CHECK ("kind" IN ('supervisor', 'self'));--> statement-breakpoint
ALTER TABLE "trainee_unit_figures" ADD CONSTRAINT "trainee_unit_figures_counts_check" CHECK ("immigrants_before" <= "employees_before" AND "immigrants_after" <= "employees_after");
