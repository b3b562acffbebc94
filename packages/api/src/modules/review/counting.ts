import { sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { assignments, scores } from './tables.js';

/**
 * How review progress is counted, alike on the dashboard and the round's screen (joined with the
 * assignment's expert in `users` and its score in `scores`): an assignment still counts towards
 * a project's N when its expert is active, or when the score was submitted before the account was
 * disabled (as the round summary counts).
 */
const counting = sql`(${users.disabledAt} is null or ${scores.status} = 'submitted')`;
export const assignedCount = sql<number>`count(${assignments.id}) filter (where ${counting})`;
export const submittedCount = sql<number>`count(${scores.id}) filter (where ${scores.status} = 'submitted')`;
