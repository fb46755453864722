import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";

/**
 * The one error type. `code` is stable and machine-readable; the status is derived from it in one place
 * (statusOf). Services throw AppError; the error handler turns every error into application/problem+json.
 */
export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  not_signed_in: 401,
  invalid_credentials: 401,
  session_expired: 401,
  invalid_token: 401,
  forbidden: 403,
  account_disabled: 403,
  csrf_origin_mismatch: 403,
  two_factor_required: 403,
  not_found: 404,
  conflict: 409,
  already_set_up: 409,
  possible_duplicate: 409,
  body_too_large: 413,
  file_too_large: 413,
  unsupported_media_type: 415,
  file_type_mismatch: 415,
  file_type_not_allowed: 415,
  rule_broken: 422,
  invitation_invalid: 422,
  import_rejected: 422,
  rate_limited: 429,
  too_many_sign_in_attempts: 429,
  internal_error: 500,
  database_unavailable: 503,
  register_unavailable: 503,
  oidc_state_invalid: 400,
  oidc_token_invalid: 401,
  oidc_denied: 401,
  oidc_no_account: 403,
  oidc_provider_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const titles: Record<ErrorCode, string> = {
  validation_failed: "The request is not valid",
  malformed_json: "The request body is not valid JSON",
  not_signed_in: "Sign in first",
  invalid_credentials: "Wrong e-mail or password",
  session_expired: "The session has expired; sign in again",
  invalid_token: "The API token is not valid",
  forbidden: "Not allowed",
  account_disabled: "The account is disabled",
  csrf_origin_mismatch: "The request came from another site",
  two_factor_required: "Set up two-factor authentication first",
  not_found: "Not found",
  conflict: "Conflict",
  already_set_up: "This installation is already set up",
  possible_duplicate: "This looks like a record that is already registered",
  body_too_large: "The request body is too large",
  file_too_large: "The file is too large",
  unsupported_media_type: "Unsupported content type",
  file_type_mismatch: "The file's content does not match its name or type",
  file_type_not_allowed: "This kind of file cannot be stored",
  rule_broken: "A rule was broken",
  invitation_invalid: "The invitation is not valid",
  import_rejected: "Some rows of the file were rejected; nothing was imported",
  rate_limited: "Too many requests",
  too_many_sign_in_attempts: "Too many sign-in attempts",
  internal_error: "Something went wrong on our side",
  database_unavailable: "The database does not answer",
  register_unavailable: "The register cannot be reached",
  oidc_state_invalid: "The sign-in link is not valid or was already used; start again",
  oidc_token_invalid: "The identity provider's answer could not be verified",
  oidc_denied: "The identity provider did not sign you in",
  oidc_no_account: "No account matches this identity",
  oidc_provider_unavailable: "The identity provider cannot be reached",
};

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  /** Further members of the problem object (RFC 9457 extensions), e.g. the possible duplicates. */
  readonly extensions: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, detail?: string, extra?: { errors?: FieldError[]; headers?: Record<string, string>; extensions?: Record<string, unknown> }) {
    super(detail ?? titles[code]);
    this.code = code;
    this.detail = detail ?? titles[code];
    this.errors = extra?.errors;
    this.headers = extra?.headers;
    this.extensions = extra?.extensions;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what = "The record") => new AppError("not_found", `${what} was not found.`);
export const forbidden = (detail = "Your role does not allow this.") => new AppError("forbidden", detail);

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
};

export function toProblem(error: AppError): Problem {
  return {
    ...error.extensions,
    type: `urn:mangfold:problem:${error.code.replaceAll("_", "-")}`,
    title: titles[error.code],
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError) {
  if (error.headers) reply.headers(error.headers);
  return reply.status(error.status).type("application/problem+json").send(toProblem(error));
}

/** Maps whatever was thrown (ours, Fastify's, zod's) to an AppError. Never exposes a stack or SQL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const err = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = err.validation.map((issue) => ({
      path: [err.validationContext, ...issue.instancePath.split("/").filter(Boolean)].filter(Boolean).join("."),
      message: issue.message ?? "is invalid",
    }));
    return new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
  }
  if (isResponseSerializationError(err)) return new AppError("internal_error");
  // The database refused a value the request carried (PostgreSQL's classes 22, data exception, and 23, integrity
  // constraint): a NUL character in text, a number out of range, a reference to a record that does not exist, a
  // check or a unique constraint. The request rolls back; the client gets a 4xx, never a 500 for its own input.
  const sqlState = [err.code, (err as { cause?: { code?: unknown } }).cause?.code].find((code): code is string => typeof code === "string" && /^2[23][0-9A-Z]{3}$/.test(code));
  if (sqlState === "23505") return new AppError("conflict", "A record with these values already exists.");
  if (sqlState === "23503") return new AppError("validation_failed", "The request refers to a record that does not exist.");
  if (sqlState) return new AppError("validation_failed", "A value in the request cannot be stored: a character, number, date or length the database does not take.");
  switch (err.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("malformed_json", "The request body must be valid JSON.");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("body_too_large", "The request body is larger than this endpoint accepts.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("unsupported_media_type", "Send the body as application/json.");
    case "FST_ERR_VALIDATION":
      return new AppError("validation_failed", err.message);
  }
  if (err.statusCode === 429) return new AppError("rate_limited", "Too many requests; wait a little and try again.");
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    if (err.statusCode === 415) return new AppError("unsupported_media_type");
    if (err.statusCode === 413) return new AppError("body_too_large");
    if (err.statusCode === 404) return new AppError("not_found");
    return new AppError("validation_failed", err.message);
  }
  return new AppError("internal_error");
}

/**
 * What a log may say about an unexpected error: its kind, code and message up to the SQL parameters
 * (Drizzle puts the parameters, which can be personal data, into the message), and where it happened.
 */
export function describeFailure(error: unknown) {
  const err = error as { name?: string; code?: string; message?: string; stack?: string; cause?: { code?: string } };
  const message = String(err.message ?? "").split("\nparams:")[0]!.slice(0, 500);
  const where = String(err.stack ?? "").split("\n").filter((line) => line.trim().startsWith("at ")).slice(0, 5).map((line) => line.trim());
  return { type: err.name ?? "Error", code: err.code ?? err.cause?.code, message, where };
}

/**
 * Errors Fastify raises before routing (a path parameter longer than the router takes, a URL it cannot decode):
 * without this they are answered as plain JSON; with it, as problem+json like every other error.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") return sendProblem(reply, new AppError("validation_failed", "A path parameter is too long.", { errors: [{ path: "params", message: "is too long" }] }));
  if (error.code === "FST_ERR_BAD_URL") return sendProblem(reply, new AppError("validation_failed", "The URL is not valid.", { errors: [{ path: "url", message: "is not valid" }] }));
  return sendProblem(reply, toAppError(error));
}

/** The app's error handler: problem+json, and unexpected errors logged without personal data. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ failure: describeFailure(error) }, "request failed");
  return sendProblem(reply, appError);
}

export function registerErrorHandling(app: FastifyInstance, options: { spaIndex: boolean }) {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    // The single-page app answers every other GET outside /api with its index page.
    if (options.spaIndex && request.method === "GET" && !request.url.startsWith("/api")) {
      return reply.type("text/html").header("cache-control", "no-cache").sendFile("index.html");
    }
    return sendProblem(reply, new AppError("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`));
  });
}
