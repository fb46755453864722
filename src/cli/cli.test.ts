import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/*
 * The `mangfold` command and `npm start` as an operator meets them: real processes on a real PGlite data
 * directory, including a command carried out by a running server, and a second server refused by the lock.
 */

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/mangfold.js");

function cli(args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, input: input ?? "", encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("server did not become ready");
}

// Each command opens PGlite (about a second alone, several while other test files load the two cores).
describe("mangfold CLI on a PGlite data directory", { timeout: 240_000 }, () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-cli-"));
    env = { MANGFOLD_DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("sets up a network with the password from stdin, creates a token, and reports errors with the contract's exit codes", () => {
    const setup = cli(["setup", "--network", "Globale Drammen", "--slug", "drammen", "--admin-email", "leder@drammen.example.no"], env, "a-secret-password\n");
    expect(setup.stderr).toBe("");
    expect(setup.status).toBe(0);
    expect(setup.stdout).toContain("drammen");

    const token = cli(["token", "create", "--network", "drammen", "--role", "viewer", "--name", "website"], env);
    expect(token.status).toBe(0);
    expect(token.stdout).toMatch(/^mgf_[A-Za-z0-9_-]{40,}\n$/);

    // The operator may add networks; a taken slug or an existing admin address fails with one line.
    const second = cli(["setup", "--network", "Globale Asker", "--slug", "asker", "--admin-email", "leder@asker.example.no"], env, "a-secret-password\n");
    expect(second.status).toBe(0);
    const again = cli(["setup", "--network", "Another network", "--slug", "asker", "--admin-email", "x@example.no"], env, "a-secret-password\n");
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toContain("asker");

    const unknownNetwork = cli(["token", "create", "--network", "nowhere", "--role", "viewer", "--name", "x"], env);
    expect(unknownNetwork.status).toBe(1);
    expect(unknownNetwork.stderr).toContain("nowhere");

    const badRole = cli(["token", "create", "--network", "drammen", "--role", "king", "--name", "x"], env);
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain("role");
    expect(cli(["token", "create", "--network", "drammen"], env).status).toBe(2);
    expect(cli(["no-such-command"], env).status).toBe(2);
  });

  it("imports candidates from a file: a dry run lists rejected rows; rejected rows stop the import unless --skip-invalid", () => {
    const file = path.join(dataDir, "kandidater.csv");
    fs.writeFileSync(file, Buffer.from("fornavn;etternavn;fødselsår\r\nÅse;Ødegård;1985\r\nBad;Year;nineteen\r\n", "latin1"));
    const dry = cli(["import", "candidates", file, "--network", "drammen", "--dry-run"], env);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("Dry run: 0 of 2 rows would be imported; 1 rejected.");
    expect(dry.stdout).toContain('line 3: birthYear "nineteen" is not a year');
    const refused = cli(["import", "candidates", file, "--network", "drammen"], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("line 3:");
    const skipped = cli(["import", "candidates", file, "--network", "drammen", "--skip-invalid"], env);
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toContain("Imported 1 of 2 rows; 1 rejected.");
    expect(cli(["import", "employees", file, "--network", "drammen"], env).status).toBe(2);
    expect(cli(["import", "candidates", path.join(dataDir, "missing.csv"), "--network", "drammen"], env).status).toBe(2);
    expect(cli(["import", "candidates", file, "--network", "nowhere"], env).status).toBe(1);
  });

  it("imports employers (Norwegian headers, org numbers with spaces) and sends the task reminders", () => {
    const file = path.join(dataDir, "bedrifter.csv");
    fs.writeFileSync(file, Buffer.from("organisasjonsnummer;navn;næringskode;medlemsstatus\r\n974 760 673;Fiktiv Bedrift AS;47.111;medlem\r\n974 760 674;Typo AS;;\r\n", "latin1"));
    const dry = cli(["import", "employers", file, "--network", "drammen", "--dry-run"], env);
    expect(dry.stderr).toBe("");
    expect(dry.stdout).toContain("Dry run: 0 of 2 rows would be imported; 1 rejected.");
    expect(dry.stdout).toContain("line 3: orgNumber 974 760 674 is not a valid organisation number");
    const skipped = cli(["import", "employers", file, "--network", "drammen", "--skip-invalid"], env);
    expect(skipped.stdout).toContain("Imported 1 of 2 rows; 1 rejected.");
    const remind = cli(["tasks", "remind"], env);
    expect(remind.status).toBe(0);
    expect(remind.stdout).toMatch(/^Sent 0 e-mails about 0 due follow-up tasks and 0 about 0 trainee plan items\.\nSent 0 mentoring reminders about 0 relationships without a meeting for four weeks\.\n$/);
  });

  it("while the server runs: a second server is refused and touches nothing; commands are carried out by the server", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, [path.join(root, "src/server/main.ts")], { env: { ...process.env, ...env, PORT: String(port) }, stdio: "pipe" });
    try {
      await waitForHealth(url, server);
      const lockBefore = fs.readFileSync(path.join(dataDir, "mangfold.lock"), "utf8");

      const second = spawnSync(process.execPath, [path.join(root, "src/server/main.ts")], { env: { ...process.env, ...env, PORT: String(await freePort()) }, encoding: "utf8", timeout: 30_000 });
      expect(second.status).toBe(1);
      expect(second.stderr.trim()).toMatch(/in use by another Mangfold process \(PID \d+\)/);
      expect(second.stderr.trim().split("\n")).toHaveLength(1);
      expect(fs.readFileSync(path.join(dataDir, "mangfold.lock"), "utf8")).toBe(lockBefore);

      const token = cli(["token", "create", "--network", "drammen", "--role", "admin", "--name", "integration"], env);
      expect(token.stderr).toBe("");
      expect(token.status).toBe(0);
      const response = await fetch(`${url}/api/v1/network`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { slug: string }).slug).toBe("drammen");

      const demo = cli(["demo"], env);
      expect(demo.status).toBe(0);
      expect(demo.stdout).toContain("admin@demo.mangfold.example");
      const migrate = cli(["migrate"], env);
      expect(migrate.status).toBe(0);

      // The control socket is for the same OS user only.
      expect(fs.statSync(path.join(dataDir, "mangfold.sock")).mode & 0o077).toBe(0);
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    // A clean stop releases the lock and the socket.
    expect(fs.existsSync(path.join(dataDir, "mangfold.lock"))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "mangfold.sock"))).toBe(false);
  });

  it("stops at start with one clear line on invalid configuration", () => {
    const result = spawnSync(process.execPath, [path.join(root, "src/server/main.ts")], { env: { ...process.env, ...env, PORT: "not-a-port" }, encoding: "utf8", timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("Invalid configuration: PORT must be a port number (0–65535)");
  });
});
