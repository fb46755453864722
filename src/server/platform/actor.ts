import type { Role } from "../../shared/roles.ts";

/** Who is acting: a signed-in user in their active network, or an integration's API token. */
export type Actor =
  | {
      kind: "user";
      userId: string;
      sessionId: string;
      tenantId: string;
      role: Role;
      instanceAdmin: boolean;
      /** The network requires two-factor for admins and this admin has not set it up yet. */
      twoFactorPending: boolean;
    }
  | { kind: "token"; tokenId: string; tenantId: string; role: Role; userId?: undefined; instanceAdmin: false; twoFactorPending: false };

/** For code that acts without a request (CLI, set-up, scheduled jobs): recorded as the system. */
export type SystemActor = { kind: "system"; tenantId: string | null; userId?: string | undefined };

export type AnyActor = Actor | SystemActor;
