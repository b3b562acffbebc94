import { ElMessage } from 'element-plus';
import { ApiError } from '../api/errors';

/** Shows an API error with the API's own (localized) message; other errors with theirs. */
export function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  ElMessage({ type: 'error', message, showClose: true, duration: 6000 });
}

/** The per-field messages of a 400 answer, or an empty object. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}
