import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { AppContext } from "./context.ts";
import { toAppError } from "./errors.ts";
import { isOperation, runOperation } from "../operations.ts";

/*
 * While a server holds a PGlite data directory, CLI commands reach it through a Unix socket in that directory.
 * The socket file is created with mode 0600 in a 0700 directory: only the same OS user can connect.
 * Protocol: one JSON line in ({ operation, args }), one JSON line out ({ ok, output } or { ok: false, error }).
 */

export const controlSocketPath = (dataDir: string) => path.join(dataDir, "mangfold.sock");

export type ControlReply = { ok: true; output: string } | { ok: false; error: string; code: string };

export async function startControlSocket(ctx: AppContext, dataDir: string): Promise<net.Server> {
  const file = controlSocketPath(dataDir);
  fs.rmSync(file, { force: true });
  const server = net.createServer((socket) => {
    let buffer = "";
    let handled = false;
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      // One request per connection: the first line. Anything after it, or an oversized line, is dropped.
      if (handled) return;
      buffer += chunk;
      if (buffer.length > 64 * 1024) {
        handled = true;
        socket.destroy();
        return;
      }
      const newline = buffer.indexOf("\n");
      if (newline === -1) return;
      handled = true;
      const line = buffer.slice(0, newline);
      void (async () => {
        let reply: ControlReply;
        try {
          const request = JSON.parse(line) as { operation?: string; args?: unknown };
          if (typeof request.operation !== "string" || !isOperation(request.operation)) throw new Error("unknown operation");
          reply = { ok: true, output: await runOperation(ctx, request.operation, request.args ?? {}) };
        } catch (error) {
          const appError = toAppError(error);
          reply = { ok: false, error: appError.detail, code: appError.code };
        }
        socket.end(`${JSON.stringify(reply)}\n`);
      })();
    });
    socket.on("error", () => socket.destroy());
  });
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(file, resolve));
  } finally {
    process.umask(previous);
  }
  fs.chmodSync(file, 0o600);
  return server;
}

/**
 * Sends one operation to the server holding the data directory. A server that is still starting (lock taken,
 * migrations running) opens its socket a moment later: wait for it up to `waitMs`.
 */
export async function sendToControlSocket(dataDir: string, operation: string, args: unknown, waitMs = 30_000): Promise<ControlReply> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await sendOnce(dataDir, operation, args);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== "ENOENT" && code !== "ECONNREFUSED") || Date.now() > deadline) {
        throw new Error(`The server holding ${dataDir} does not answer on its control socket (${code ?? (error as Error).message}).`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function sendOnce(dataDir: string, operation: string, args: unknown): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(controlSocketPath(dataDir));
    let buffer = "";
    socket.setEncoding("utf8");
    socket.setTimeout(120_000, () => socket.destroy(new Error("The server did not answer in time.")));
    socket.on("connect", () => socket.write(`${JSON.stringify({ operation, args })}\n`));
    socket.on("data", (chunk) => (buffer += chunk));
    socket.on("end", () => {
      try {
        resolve(JSON.parse(buffer) as ControlReply);
      } catch {
        reject(new Error("The server sent an unreadable answer."));
      }
    });
    socket.on("error", reject);
  });
}
