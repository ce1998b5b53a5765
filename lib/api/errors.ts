/**
 * The one error model of the API: a small closed set of codes, and every
 * error body shaped { "error": { "code", "message", "details"? } }.
 */
import { z } from "zod";

export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_credentials: 401,
  unauthorized: 401,
  account_disabled: 403,
  forbidden: 403,
  cross_origin: 403,
  not_found: 404,
  version_conflict: 409,
  already_exists: 409,
  payload_too_large: 413,
  /** Quality checks found errors: fix them, or a reviewer overrides them with a reason. */
  qa_blocked: 422,
  /** An edition cannot be published: segments not approved, or QA errors without an override. */
  edition_incomplete: 422,
  /** The work a request needs runs past its time budget (see lib/worker): send less at a time. */
  time_budget_exceeded: 422,
  /** The work a request needs runs past its memory budget (see lib/worker). */
  memory_budget_exceeded: 422,
  rate_limited: 429,
  internal: 500,
  /** Every worker is busy and the queue is full: try again (Retry-After). */
  server_busy: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: unknown };
}

/** An expected failure that becomes an HTTP error answer. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The JSON answer for an error; unknown errors become a bare 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
    return Response.json(body, { status: error.status, headers: error.headers });
  }
  if (error instanceof z.ZodError) {
    return errorResponse(new ApiError("validation_failed", z.prettifyError(error), error.issues.map((i) => ({ path: i.path.join("."), message: i.message }))));
  }
  console.error(error);
  const body: ErrorBody = { error: { code: "internal", message: "Internal server error" } };
  return Response.json(body, { status: 500 });
}
