import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("has working defaults for a laptop", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: "127.0.0.1", publicUrl: "http://127.0.0.1:3000", https: false, databaseUrl: undefined });
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PUBLIC_URL: "not a url" }, "PUBLIC_URL"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ NODE_ENV: "production" }, "SESSION_SECRET"],
    [{ BRREG_URL: "ftp://register" }, "BRREG_URL"],
    [{ BRREG_TIMEOUT_MS: "soon" }, "BRREG_TIMEOUT_MS"],
    [{ BRREG_TIMEOUT_MS: "10" }, "BRREG_TIMEOUT_MS"],
    [{ PGLITE_FSYNC: "maybe" }, "PGLITE_FSYNC"],
  ])("refuses %o with one line naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(variable);
      expect(message).not.toContain("\n");
    }
  });

  it("makes PGlite wait for the disk unless PGLITE_FSYNC=off", () => {
    expect(loadConfig({}).pgliteFsync).toBe("on");
    expect(loadConfig({ PGLITE_FSYNC: "off" }).pgliteFsync).toBe("off");
  });

  it("reads the register's base URL and timeout", () => {
    expect(loadConfig({})).toMatchObject({ brregUrl: "https://data.brreg.no/enhetsregisteret/api", brregTimeoutMs: 5000 });
    expect(loadConfig({ BRREG_URL: "http://127.0.0.1:9999/api/", BRREG_TIMEOUT_MS: "1500" })).toMatchObject({ brregUrl: "http://127.0.0.1:9999/api", brregTimeoutMs: 1500 });
  });

  it("turns on HTTPS behaviour from PUBLIC_URL", () => {
    expect(loadConfig({ PUBLIC_URL: "https://mangfold.example.no/" })).toMatchObject({ https: true, publicUrl: "https://mangfold.example.no" });
  });
});
