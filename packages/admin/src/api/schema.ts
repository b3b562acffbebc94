/** The API's types come from one place: the typed client package, generated from the OpenAPI document. */
export type { components, operations, paths } from '@saishi/client';
