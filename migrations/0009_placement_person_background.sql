ALTER TABLE "placements" ADD COLUMN "person_gender" text;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "person_country" text;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "person_birth_year" integer;--> statement-breakpoint
-- By hand (ADR 024): the person's background on each placement, for the dashboard's counts, kept current by
-- triggers so that every writer (the API, imports, merges, erasure, the CLI, other instances) keeps it without
-- knowing. Null when unknown: no candidate, no background row, or the candidate asked to be erased.
CREATE FUNCTION mangfold_refresh_placement_people(tenant uuid, candidate uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE placements p SET person_gender = x.gender, person_country = x.country, person_birth_year = x.birth_year
  FROM (
    SELECT b.gender, upper(b.country_of_birth) AS country, b.birth_year
    FROM (SELECT 1) one
    LEFT JOIN candidate_backgrounds b ON b.candidate_id = candidate
      AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = candidate AND c.erasure_requested_at IS NOT NULL)
  ) x
  WHERE p.tenant_id = tenant AND p.candidate_id = candidate
    AND (p.person_gender, p.person_country, p.person_birth_year) IS DISTINCT FROM (x.gender, x.country, x.birth_year)
$$;
--> statement-breakpoint
-- A placement written or moved to another candidate (or to none, when its candidate is deleted) reads the background.
CREATE FUNCTION mangfold_placement_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.person_gender := NULL;
  NEW.person_country := NULL;
  NEW.person_birth_year := NULL;
  IF NEW.candidate_id IS NOT NULL THEN
    SELECT b.gender, upper(b.country_of_birth), b.birth_year INTO NEW.person_gender, NEW.person_country, NEW.person_birth_year
    FROM candidate_backgrounds b JOIN candidates c ON c.id = b.candidate_id
    WHERE b.candidate_id = NEW.candidate_id AND c.erasure_requested_at IS NULL;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER placements_person_background BEFORE INSERT OR UPDATE OF candidate_id ON placements
  FOR EACH ROW EXECUTE FUNCTION mangfold_placement_person();
--> statement-breakpoint
-- A background written, changed or deleted: the candidate's placements follow.
CREATE FUNCTION mangfold_background_to_placements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM mangfold_refresh_placement_people(OLD.tenant_id, OLD.candidate_id);
    RETURN OLD;
  END IF;
  PERFORM mangfold_refresh_placement_people(NEW.tenant_id, NEW.candidate_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER candidate_backgrounds_to_placements AFTER INSERT OR UPDATE OR DELETE ON candidate_backgrounds
  FOR EACH ROW EXECUTE FUNCTION mangfold_background_to_placements();
--> statement-breakpoint
-- An erasure request (or its withdrawal) hides (or shows again) the background at once.
CREATE FUNCTION mangfold_erasure_to_placements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM mangfold_refresh_placement_people(NEW.tenant_id, NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER candidates_erasure_to_placements AFTER UPDATE OF erasure_requested_at ON candidates
  FOR EACH ROW WHEN (OLD.erasure_requested_at IS DISTINCT FROM NEW.erasure_requested_at)
  EXECUTE FUNCTION mangfold_erasure_to_placements();
--> statement-breakpoint
-- The placements already written.
UPDATE placements p SET person_gender = b.gender, person_country = upper(b.country_of_birth), person_birth_year = b.birth_year
FROM candidate_backgrounds b JOIN candidates c ON c.id = b.candidate_id
WHERE b.candidate_id = p.candidate_id AND c.erasure_requested_at IS NULL;
