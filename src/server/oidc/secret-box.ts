import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/*
 * Client secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from SESSION_SECRET. A database dump
 * alone does not give the secret away. Changing SESSION_SECRET means entering the secrets again.
 */

const keyFor = (secret: string) => Buffer.from(hkdfSync("sha256", secret, "mangfold", "oidc-client-secret", 32));

export function sealSecret(masterSecret: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(masterSecret), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${iv.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}.${body.toString("base64url")}`;
}

/** Throws when the stored value was not sealed with this secret (SESSION_SECRET changed, or tampered). */
export function openSecret(masterSecret: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(masterSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
