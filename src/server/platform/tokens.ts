import { randomBytes } from "node:crypto";
import type { Db } from "./db.ts";
import type { AnyActor } from "./actor.ts";
import type { Role } from "../../shared/roles.ts";
import { apiTokens } from "./tables.ts";
import { sha256 } from "./auth.ts";
import { recordChange } from "./audit.ts";

/** Creates an API token for an integration. The plain token is returned once; only its hash is stored. */
export async function createApiToken(db: Db, actor: AnyActor, input: { tenantId: string; role: Role; name: string }) {
  const token = `mgf_${randomBytes(32).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ tenantId: input.tenantId, role: input.role, name: input.name, tokenHash: sha256(token), createdByUserId: actor.userId ?? null })
      .returning({ id: apiTokens.id });
    await recordChange(tx, { ...actor, tenantId: input.tenantId } as AnyActor, {
      action: "api_token.create",
      entityType: "api_token",
      entityId: row!.id,
      after: { role: input.role, name: input.name },
    });
    return { id: row!.id, token };
  });
}
