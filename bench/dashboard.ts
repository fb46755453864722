/**
 * `node bench/dashboard.ts [--quick] [--engine pglite,pglite-disk,postgres] [--report FILE]` (run by `npm run bench`, alone with `--only dashboard`): the
 * goal dashboard's API (the service function `dashboardReport`, as the route calls it) on one network with 200,000
 * candidates and 100,000 placements (10,000 and 5,000 with --quick), with 300,000 follow-ups, two goals and 2,000
 * employers; filled with generate_series SQL. Measured on PGlite in memory ("pglite"), on PGlite in a data directory
 * on disk as `mangfold start` runs it ("pglite-disk"), and on the PostgreSQL server
 * (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres; a database of its own, dropped afterwards).
 * Figures: dashboard.network (the whole network, the last twelve months, as read: counted ahead, ADR 031),
 * dashboard.network.live (the same counted at the read, as the first read after a change before the refresher has
 * counted it again) and dashboard.caseload (one advisor's caseload, always counted at the read), p50/p95/p99 over 40
 * calls (20 with --quick) after 3 warm-up calls. Budget: p95 ≤ 200 ms on each engine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/server/platform/db.ts";
import type { Database, Db } from "../src/server/platform/db.ts";
import { ensureStarterTaxonomy } from "../src/server/taxonomy/starter/load.ts";
import { dashboardReport } from "../src/server/reports/dashboard.ts";

const quick = process.argv.includes("--quick");
/** `--engine pglite,pglite-disk,postgres` (the default: all three) measures only those engines. */
const engineAt = process.argv.indexOf("--engine");
const engines = engineAt > 0 ? (process.argv[engineAt + 1] ?? "").split(",") : ["pglite", "pglite-disk", "postgres"];
const reportAt = process.argv.indexOf("--report");
const reportFile = reportAt > 0 ? process.argv[reportAt + 1] : undefined;
const candidates = quick ? 10_000 : 200_000;
const placements = quick ? 5_000 : 100_000;
const employers = quick ? 200 : 2_000;
const advisors = 20;
const samples = quick ? 20 : 40;
const budgetP95 = 200;
const results: Record<string, unknown>[] = [];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;
function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)), p99_ms: round(percentile(sorted, 99)) };
}

/** One network filled by SQL: candidates with backgrounds, employers with industries, placements over four years, follow-ups. */
export async function fill(db: Db): Promise<{ tenantId: string; advisorId: string }> {
  await ensureStarterTaxonomy(db);
  const run = (query: ReturnType<typeof sql>) => db.execute(query);
  const [network] = ((await run(sql`insert into networks (name, slug) values ('Bench', 'bench') returning id`)) as unknown as { rows: { id: string }[] }).rows;
  const tenantId = network!.id;
  await run(sql`
    insert into users (id, name, email, email_verified, created_at, updated_at)
    select gen_random_uuid(), 'Advisor ' || i, 'advisor' || i || '@bench.example', true, now(), now() from generate_series(1, ${advisors}) i`);
  const advisorIds = ((await run(sql`select id from users where email like 'advisor%@bench.example' order by email`)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  // The matching feed's trigger is for live changes; the bulk load goes around it.
  await run(sql`alter table candidates disable trigger candidates_matching_change`);
  await run(sql`
    insert into candidates (tenant_id, first_name, last_name, sort_name, name_norm, status, advisor_user_id, partner_organisation)
    select ${tenantId}, 'Kandidat', 'Nr ' || i, 'nr ' || i, 'kandidat nr ' || i, 'active',
      (${sql.raw(`array[${advisorIds.map((id) => `'${id}'::uuid`).join(",")}]`)})[1 + i % ${advisors}],
      case when i % 5 = 0 then 'NAV' when i % 7 = 0 then 'Røde Kors' else '' end
    from generate_series(1, ${candidates}) i`);
  await run(sql`alter table candidates enable trigger candidates_matching_change`);
  await run(sql`
    insert into candidate_backgrounds (candidate_id, tenant_id, country_of_birth, gender, birth_year)
    select c.id, c.tenant_id,
      (array['SY','ER','SO','AF','PL','UA','IQ','IR','LT','TH','PH','VN','NO','ET','SE','BR','CN','IN','PK','RO', null])[1 + (abs(hashtext(c.id::text)) % 21)],
      (array['female','male','male','female','other','unspecified'])[1 + (abs(hashtext(c.id::text || 'g')) % 6)],
      1955 + abs(hashtext(c.id::text || 'y')) % 50
    from candidates c where c.tenant_id = ${tenantId}`);
  await run(sql`
    insert into employers (tenant_id, org_number, name, name_norm, nace_section)
    select ${tenantId}, '974760673', 'Bedrift ' || i, 'bedrift ' || i,
      (array['A','C','F','G','H','I','J','M','N','O','P','Q','Q','Q','S', null])[1 + i % 16]
    from generate_series(1, ${employers}) i`);
  await run(sql`
    with e as (select array_agg(id order by name) as ids from employers where tenant_id = ${tenantId}),
      o as (select array_agg(uri order by uri) as uris from taxonomy_concepts where type = 'occupation'),
      c as (select array_agg(id) as ids from candidates where tenant_id = ${tenantId})
    insert into placements (tenant_id, candidate_id, employer_id, employer_name, occupation_uri, type, start_date)
    select ${tenantId},
      case when i % 50 = 0 then null else c.ids[1 + (i * 7919) % ${candidates}] end,
      case when i % 5 = 0 then null else e.ids[1 + (i * 31) % ${employers}] end,
      'Arbeidsgiver ' || (i % 500),
      case when i % 10 = 0 then null else o.uris[1 + i % array_length(o.uris, 1)] end,
      (array['ordinary_permanent','ordinary_temporary','ordinary_temporary','trainee','apprenticeship','work_practice','work_practice','summer_job'])[1 + i % 8],
      (current_date - (i % 1461))::date
    from generate_series(1, ${placements}) i, e, o, c`);
  await run(sql`
    insert into placement_follow_ups (tenant_id, placement_id, months, due_on, still_employed, answered_at)
    select p.tenant_id, p.id, m, (p.start_date + make_interval(months => m))::date,
      case when (p.start_date + make_interval(months => m))::date < current_date then abs(hashtext(p.id::text || m)) % 4 <> 0 end,
      case when (p.start_date + make_interval(months => m))::date < current_date then now() end
    from placements p, (values (3), (6), (12)) f(m) where p.tenant_id = ${tenantId}`);
  await run(sql`
    insert into goals (tenant_id, name, kind, target, start_date, deadline, placement_types)
    values (${tenantId}, '1000 i arbeid innen 3 år', 'deadline', 1000, (current_date - 400)::date, (current_date + 695)::date, '["ordinary_permanent","ordinary_temporary"]'),
      (${tenantId}, '200 i arbeidspraksis hvert år', 'yearly', 200, (current_date - 800)::date, null, '["work_practice"]')`);
  await run(sql`vacuum analyze`);
  return { tenantId, advisorId: advisorIds[0]! };
}

async function measure(engine: "pglite" | "pglite-disk" | "postgres", database: Database) {
  const started = performance.now();
  const { tenantId, advisorId } = await fill(database.db);
  const fillMs = performance.now() - started;
  // The machine's load when measuring: the figures are wall-clock times on shared cores.
  const params = { engine, candidates, placements, followUps: placements * 3, employers, samples, fill_s: round(fillMs / 1000), load_average_1m: round(os.loadavg()[0]!) };
  for (const [name, filters, options] of [
    ["dashboard.network", { lang: "nb" as const }, {}],
    ["dashboard.network.live", { lang: "nb" as const }, { countAhead: false }],
    ["dashboard.caseload", { lang: "nb" as const, advisorId }, {}],
  ] as const) {
    for (let i = 0; i < 3; i++) await dashboardReport(database.db, tenantId, filters, new Date(), options);
    const times: number[] = [];
    let people = 0;
    let placed = 0;
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      const report = await dashboardReport(database.db, tenantId, filters, new Date(), options);
      times.push(performance.now() - t0);
      people = report.keyFigures.peoplePlaced.count ?? 0;
      placed = report.keyFigures.placements.count ?? 0;
    }
    const figures = summary(times);
    results.push({ name, params: { ...params, peoplePlaced: people, placementsInPeriod: placed }, ...figures, budget_p95_ms: budgetP95, within_budget: figures.p95_ms <= budgetP95 });
    process.stderr.write(`${name} ${engine}: p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms (${people} people placed)\n`);
  }
}

async function main() {
// PGlite in memory (the figures before ADR 024 were measured so), and in a data directory on disk, as `mangfold
// start` runs it.
if (engines.includes("pglite")) {
  const database = await openDatabase({ dataDir: "memory://" });
  try {
    await database.migrate();
    await measure("pglite", database);
  } finally {
    await database.close();
  }
}
if (engines.includes("pglite-disk")) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-bench-dashboard-"));
  try {
    const database = await openDatabase({ dataDir });
    try {
      await database.migrate();
      await measure("pglite-disk", database);
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// The PostgreSQL server, in a database of its own.
if (engines.includes("postgres")) {
  const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  let reachable = true;
  try {
    await admin.connect();
  } catch (error) {
    reachable = false;
    for (const name of ["dashboard.network", "dashboard.caseload"]) results.push({ name, params: { engine: "postgres" }, skipped: `PostgreSQL not reachable (${(error as Error).message})` });
  }
  if (reachable) {
    const name = `mangfold_bench_dashboard_${process.pid}`;
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      const database = await openDatabase({ databaseUrl: url.toString() });
      try {
        await database.migrate();
        await measure("postgres", database);
      } finally {
        await database.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

if (reportFile) fs.writeFileSync(reportFile, JSON.stringify(results));
for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
}

if (import.meta.main) await main();
