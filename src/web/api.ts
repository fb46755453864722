import { useCallback, useState } from "react";

/** One field error from a problem+json `errors` array. */
export type FieldIssue = { path: string; message: string };

/** RFC 9457 problem details, as returned by every API error. */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldIssue[];
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldIssue[];
  readonly retryAfterSeconds: number | undefined;
  /** The whole problem body, with any extension members (e.g. `duplicates` of a possible_duplicate 409). */
  readonly problem: Problem & Record<string, unknown>;

  constructor(status: number, problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = problem.code ?? (status === 0 ? "network_error" : `http_${status}`);
    this.detail = problem.detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAfterSeconds = retryAfterSeconds;
    this.problem = problem;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.round((date - Date.now()) / 1000));
}

/**
 * Calls the JSON API. Sends cookies (same origin), sends a JSON body with
 * `Content-Type: application/json` when there is one (never for DELETE without a body), or a file as the raw
 * body with its own content type, and throws an ApiError built from the problem+json body on any non-2xx status.
 */
export async function api<T = unknown>(
  path: string,
  options: { method?: Method; body?: unknown; file?: { body: Blob; contentType: string }; signal?: AbortSignal } = {},
): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  let body: string | Blob | undefined;
  if (options.file) {
    headers["Content-Type"] = options.file.contentType;
    body = options.file.body;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "same-origin", signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, { code: "network_error", detail: e instanceof Error ? e.message : String(e) });
  }
  if (response.status === 204 || response.status === 205) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const problem: Problem = data && typeof data === "object" ? (data as Problem) : {};
    throw new ApiError(response.status, problem, parseRetryAfter(response.headers.get("Retry-After")));
  }
  return data as T;
}

/** Strips the "body." prefix the server uses, so "body.themeColor" and "themeColor" both map to a field. */
export function fieldNameOf(path: string): string {
  return path.replace(/^body[./]/, "").replace(/^\//, "").replace(/\//g, ".");
}

export type FieldErrors = Record<string, string>;

/**
 * Keeps the field errors of a form: client-side ones you set yourself, and those from an ApiError's `errors`.
 * `fromError` returns true when the error had field errors (so the caller can skip a general message).
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const fromError = useCallback((e: unknown): boolean => {
    if (!isApiError(e) || e.errors.length === 0) return false;
    const next: FieldErrors = {};
    for (const issue of e.errors) {
      const name = fieldNameOf(issue.path);
      if (!(name in next)) next[name] = issue.message;
    }
    setErrors(next);
    return true;
  }, []);
  const clear = useCallback(() => setErrors({}), []);
  return { errors, setErrors, fromError, clear };
}
