import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of a 200/201 answer of `METHOD path`, straight from the generated schema. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer A }
      ? JsonOf<A>
      : never
  : never;

/** The item type of a list answer `{ items: T[] }`. */
export type ItemOf<P extends keyof paths, M extends keyof paths[P]> =
  Answer<P, M> extends { items: (infer T)[] } ? T : never;

export type Team = Answer<'/api/v1/teams/{id}', 'get'>;
export type Topic = ItemOf<'/api/v1/editions/{edition}/topics', 'get'>;
export type Transition = ItemOf<'/api/v1/teams/{id}/transitions', 'get'>;
export type Annotation = ItemOf<'/api/v1/teams/{id}/annotations', 'get'>;
export type Round = ItemOf<'/api/v1/editions/{edition}/review-rounds', 'get'>;
export type Rubric = ItemOf<'/api/v1/review-rounds/{id}/rubrics', 'get'>;
export type Criterion = Rubric['criteria'][number];
export type Assignment = ItemOf<'/api/v1/assignments', 'get'>;
export type AssignmentCandidates = Answer<'/api/v1/review-rounds/{id}/projects/{projectId}/candidates', 'get'>;
export type RoundProject = ItemOf<'/api/v1/review-rounds/{id}/projects', 'get'>;
export type Ranking = Answer<'/api/v1/review-rounds/{id}/ranking', 'get'>;
export type RoundSummary = Answer<'/api/v1/review-rounds/{id}/summary', 'get'>;
export type AutoAssignResult = Answer<'/api/v1/review-rounds/{id}/assignments/auto', 'post'>;
export type AutoAssignJob = Answer<'/api/v1/review-rounds/{id}/assignments/auto/{jobId}', 'get'>;
export type MyAssignment = ItemOf<'/api/v1/me/assignments', 'get'>;
export type AssignmentDetail = Answer<'/api/v1/assignments/{id}', 'get'>;
export type Score = Answer<'/api/v1/assignments/{id}/score', 'put'>;
export type Awards = Answer<'/api/v1/editions/{edition}/awards', 'get'>;
export type Quota = ItemOf<'/api/v1/editions/{edition}/award-quotas', 'get'>;
export type Expert = ItemOf<'/api/v1/experts', 'get'>;
export type Unit = ItemOf<'/api/v1/editions/{edition}/units', 'get'>;
export type ListedProject = ItemOf<'/api/v1/projects', 'get'>;
export type Project = Answer<'/api/v1/projects/{id}', 'get'>;
export type ProjectVersion = ItemOf<'/api/v1/projects/{id}/versions', 'get'>;
export type ProjectFile = ItemOf<'/api/v1/projects/{id}/files', 'get'>;
export type Comparison = Answer<'/api/v1/projects/{id}/versions/compare', 'get'>;
export type BlacklistEntry = ItemOf<'/api/v1/blacklists', 'get'>;
export type ImportReport = Answer<'/api/v1/blacklists/preview', 'post'>;
export type ImportResult = Answer<'/api/v1/blacklists/import', 'post'>;
export type PublicResult = ItemOf<'/api/v1/results', 'get'>;
export type User = ItemOf<'/api/v1/users', 'get'>;
export type Conflict = ItemOf<'/api/v1/experts/{id}/conflicts', 'get'>;
export type ListedConflict = ItemOf<'/api/v1/expert-conflicts', 'get'>;
export type ConflictSubject = ItemOf<'/api/v1/conflict-subjects', 'get'>;
export type LedgerVerification = Answer<'/api/v1/ledger/verify', 'get'>;
export type LedgerEntry = ItemOf<'/api/v1/ledger', 'get'>;
export type SentMessage = ItemOf<'/api/v1/messages', 'get'>;
export type WebhookEndpoint = ItemOf<'/api/v1/editions/{edition}/webhooks', 'get'>;
export type WebhookWithSecret = Answer<'/api/v1/webhooks/{id}/rotate-secret', 'post'>;
export type WebhookDelivery = ItemOf<'/api/v1/webhooks/{id}/deliveries', 'get'>;
export type Job = ItemOf<'/api/v1/jobs', 'get'>;
export type JobSummary = Answer<'/api/v1/jobs/summary', 'get'>;
export type RoundFeedback = Answer<'/api/v1/review-rounds/{id}/feedback', 'get'>;
export type Announcement = ItemOf<'/api/v1/editions/{edition}/announcements', 'get'>;
export type PrivacyNotice = Answer<'/api/v1/editions/{edition}/privacy-notice', 'get'>;
export type RetentionPolicy = Answer<'/api/v1/editions/{edition}/retention-policy', 'get'>;
export type RetentionReport = Answer<'/api/v1/editions/{edition}/retention-policy/report', 'get'>;
export type PersonalDataAccess = ItemOf<'/api/v1/personal-data/access-log', 'get'>;
export type RevealedContact = Answer<'/api/v1/users/{id}/contact/reveal', 'post'>;
