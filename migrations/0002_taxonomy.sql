CREATE TABLE "taxonomy_broader" (
	"narrower_uri" text NOT NULL,
	"broader_uri" text NOT NULL,
	CONSTRAINT "taxonomy_broader_narrower_uri_broader_uri_pk" PRIMARY KEY("narrower_uri","broader_uri")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_concepts" (
	"uri" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"code" text,
	"skill_type" text,
	"status" text DEFAULT 'released' NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_labels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uri" text NOT NULL,
	"lang" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_occupation_skills" (
	"occupation_uri" text NOT NULL,
	"skill_uri" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "taxonomy_occupation_skills_occupation_uri_skill_uri_pk" PRIMARY KEY("occupation_uri","skill_uri")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_styrk" (
	"occupation_uri" text NOT NULL,
	"styrk_code" text NOT NULL,
	"styrk_label" text NOT NULL,
	CONSTRAINT "taxonomy_styrk_occupation_uri_styrk_code_pk" PRIMARY KEY("occupation_uri","styrk_code")
);
--> statement-breakpoint
ALTER TABLE "taxonomy_broader" ADD CONSTRAINT "taxonomy_broader_narrower_uri_taxonomy_concepts_uri_fk" FOREIGN KEY ("narrower_uri") REFERENCES "public"."taxonomy_concepts"("uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_broader" ADD CONSTRAINT "taxonomy_broader_broader_uri_taxonomy_concepts_uri_fk" FOREIGN KEY ("broader_uri") REFERENCES "public"."taxonomy_concepts"("uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_labels" ADD CONSTRAINT "taxonomy_labels_uri_taxonomy_concepts_uri_fk" FOREIGN KEY ("uri") REFERENCES "public"."taxonomy_concepts"("uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_occupation_skills" ADD CONSTRAINT "taxonomy_occupation_skills_occupation_uri_taxonomy_concepts_uri_fk" FOREIGN KEY ("occupation_uri") REFERENCES "public"."taxonomy_concepts"("uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_occupation_skills" ADD CONSTRAINT "taxonomy_occupation_skills_skill_uri_taxonomy_concepts_uri_fk" FOREIGN KEY ("skill_uri") REFERENCES "public"."taxonomy_concepts"("uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_styrk" ADD CONSTRAINT "taxonomy_styrk_occupation_uri_taxonomy_concepts_uri_fk" FOREIGN KEY ("occupation_uri") REFERENCES "public"."taxonomy_concepts"("uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "taxonomy_broader_broader_idx" ON "taxonomy_broader" USING btree ("broader_uri");--> statement-breakpoint
CREATE INDEX "taxonomy_concepts_type_idx" ON "taxonomy_concepts" USING btree ("type","status");--> statement-breakpoint
CREATE INDEX "taxonomy_concepts_code_idx" ON "taxonomy_concepts" USING btree ("code");--> statement-breakpoint
CREATE INDEX "taxonomy_labels_uri_lang_idx" ON "taxonomy_labels" USING btree ("uri","lang");--> statement-breakpoint
CREATE INDEX "taxonomy_occupation_skills_skill_idx" ON "taxonomy_occupation_skills" USING btree ("skill_uri");