/** Typed fetchers for the app's own API (client side). Errors carry the API's code. */
import type { ErrorCode } from "./errors";

export class ApiClientError extends Error {
  constructor(
    readonly code: ErrorCode | "network",
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

/** Fetches JSON from the API; any non-2xx answer becomes an ApiClientError. */
export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      credentials: "same-origin",
      headers: { accept: "application/json", ...(json === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  } catch (e) {
    throw new ApiClientError("network", e instanceof Error ? e.message : "Network error", 0);
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as { error?: { code: ErrorCode; message: string; details?: unknown } } | null;
  if (!response.ok) {
    const err = body?.error;
    throw new ApiClientError(err?.code ?? "internal", err?.message ?? response.statusText, response.status, err?.details);
  }
  return body as T;
}
