import { ApiError } from "./errors";

/** The query string of a request as one value per name; a repeated name is refused (one value is authorized and used). */
export function queryParams(request: Request): Record<string, string> {
  const params = new URL(request.url).searchParams;
  const out: Record<string, string> = {};
  for (const [name, value] of params) {
    if (Object.hasOwn(out, name)) throw new ApiError("validation_failed", `The query parameter \`${name}\` is repeated.`, [{ path: name, message: "repeated" }]);
    out[name] = value;
  }
  return out;
}
