import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, call, session } from '../api/client';
import { ApiError } from '../api/errors';
import type { components } from '../api/schema';

type Schemas = components['schemas'];
export type Edition = Awaited<ReturnType<typeof fetchEdition>>;
export type Timeline = Awaited<ReturnType<typeof fetchTimeline>>;
export type Field = Awaited<ReturnType<typeof fetchFields>>[number];
export type Track = Awaited<ReturnType<typeof fetchTracks>>[number];
export type Direction = Awaited<ReturnType<typeof fetchDirections>>[number];
export type EditionSummary = Awaited<ReturnType<typeof fetchEditions>>[number];
export type { Schemas };

const fetchEditions = async (managed?: true) =>
  (await call(api.GET('/api/v1/editions', { params: { query: { managed } } }))).items;
const fetchEdition = () => call(api.GET('/api/v1/editions/{edition}', { params: { path: { edition: 'current' } } }));
const fetchTimeline = (edition: string) =>
  call(api.GET('/api/v1/editions/{edition}/stages', { params: { path: { edition } } }));
const fetchFields = async (edition: string) =>
  (await call(api.GET('/api/v1/editions/{edition}/fields', { params: { path: { edition } } }))).items;
const fetchTracks = async (edition: string) =>
  (await call(api.GET('/api/v1/editions/{edition}/tracks', { params: { path: { edition } } }))).items;
const fetchDirections = async (edition: string) =>
  (await call(api.GET('/api/v1/editions/{edition}/directions', { params: { path: { edition } } }))).items;

/** The current edition and its reference data (tracks, directions, fields, timeline), loaded once. */
export const useEditionStore = defineStore('edition', () => {
  const edition = ref<Edition | null>(null);
  const timeline = ref<Timeline | null>(null);
  const fields = ref<Field[]>([]);
  const tracks = ref<Track[]>([]);
  const directions = ref<Direction[]>([]);
  let loading: Promise<void> | null = null;

  /** `current`; when the edition chosen earlier is gone (or out of the organizer's scope), the API's own. */
  async function currentEdition(): Promise<Edition> {
    try {
      return await fetchEdition();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404 || !session.edition) throw error;
      session.setEdition(null);
      return fetchEdition();
    }
  }

  async function doLoad(): Promise<void> {
    const current = await currentEdition();
    const [stages, fieldList, trackList, directionList] = await Promise.all([
      fetchTimeline(current.code),
      fetchFields(current.code),
      fetchTracks(current.code),
      fetchDirections(current.code),
    ]);
    edition.value = current;
    timeline.value = stages;
    fields.value = fieldList;
    tracks.value = trackList;
    directions.value = directionList;
  }

  /** Loads everything the first time; later calls reuse it unless `force`. */
  function load(force = false): Promise<void> {
    if (edition.value && !force) return Promise.resolve();
    loading ??= doLoad().finally(() => {
      loading = null;
    });
    return loading;
  }

  async function reloadTimeline(): Promise<void> {
    if (!edition.value) return load();
    timeline.value = await fetchTimeline(edition.value.code);
  }

  function setTimeline(next: Timeline): void {
    timeline.value = next;
  }

  /** Every edition the organizer may look at (drafts of their scope included). */
  const editions = ref<EditionSummary[]>([]);
  /** The editions they organize (a division organizer's division only): the switcher's choices. */
  const managedEditions = ref<EditionSummary[]>([]);
  async function loadEditions(): Promise<void> {
    [editions.value, managedEditions.value] = await Promise.all([fetchEditions(), fetchEditions(true)]);
  }

  /** Looks at another edition from now on: every later call sends it as `Saishi-Edition`. */
  async function select(code: string): Promise<void> {
    session.setEdition(code);
    await load(true);
  }

  return {
    edition,
    timeline,
    fields,
    tracks,
    directions,
    editions,
    managedEditions,
    load,
    loadEditions,
    select,
    reloadTimeline,
    setTimeline,
  };
});
