/** A problem+json answer of the API (see API.md): `detail` is localized by Accept-Language. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  ruleId?: string;
  errors?: { path: string; message: string; code?: string }[];
}

/** Thrown for every failed API call; the UI shows `message` (the API's localized detail). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly ruleId: string | undefined;
  readonly errors: { path: string; message: string; code?: string }[];

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code ?? 'UNKNOWN';
    this.ruleId = problem.ruleId;
    this.errors = problem.errors ?? [];
  }

  /**
   * The field messages keyed by the last segment of their JSON pointer
   * (`/body/startsAt` → `startsAt`), ready for form-item `error` props.
   */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const error of this.errors) {
      const key = error.path.split('/').filter(Boolean).pop();
      if (key && !(key in fields)) fields[key] = error.message;
    }
    return fields;
  }
}

/** Reads a failed response into an ApiError, whatever its body is. */
export async function problemFrom(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    body = null;
  }
  if (body && typeof body === 'object' && 'status' in body) return new ApiError(body as Problem);
  return new ApiError({ status: response.status, title: response.statusText || `HTTP ${response.status}` });
}
