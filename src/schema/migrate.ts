/**
 * Migrations: every record and event carries `schemaVersion`, and older versions are upgraded on
 * read, one version at a time, before validation. Data without a version is version 1.
 *
 * History of the formats:
 * - events v1 had no hybrid-clock stamp and were ordered by `at`; v2 adds `hlc`.
 * - cycles v1 kept policy settings as top-level fields (`minObservations`, `requireStudentVoice`,
 *   `requireQuestionReview`); v2 groups them in `policy` and adds `minEvidence`.
 * - observations (inside `observation.record` events) v1 had no `sharedWith`; it defaults to [].
 */
import type { Collection } from './directory.js';
import { formatHlc } from '../lifecycle/hlc.js';

type Json = Record<string, unknown>;
type Step = (data: Json) => Json;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Upgrades from version N to N+1, by record kind; `STEPS.x[0]` upgrades v1 to v2. */
const STEPS: Record<string, Step[]> = {
  event: [
    (event) => {
      const at = typeof event['at'] === 'string' ? Date.parse(event['at']) : NaN;
      const ms = Number.isFinite(at) ? at : 0;
      const payload = isObject(event['payload']) ? event['payload'] : {};
      const upgraded = event['type'] === 'observation.record' && !Array.isArray(payload['sharedWith'])
        ? { ...payload, sharedWith: [] }
        : payload;
      return { ...event, hlc: formatHlc({ ms, counter: 0, node: 'v1' }), payload: upgraded };
    },
  ],
  cycles: [
    (cycle) => {
      const { minObservations, requireStudentVoice, requireQuestionReview, ...rest } = cycle;
      const legacy = {
        minObservations: typeof minObservations === 'number' ? minObservations : 1,
        studentVoiceRequired: requireStudentVoice !== false,
        questionReviewRequired: requireQuestionReview !== false,
        minEvidence: 1,
      };
      // A v1 record that already carries a `policy` (written by a newer client with the old
      // version number) keeps its values; the old top-level fields only fill what it lacks.
      // Its values are validated as they are, so a wrong one is refused by name, never dropped.
      const policy = isObject(rest['policy']) ? { ...legacy, ...rest['policy'] } : legacy;
      return { ...rest, policy };
    },
  ],
};

/** The current schema version of each kind of record. */
export const CURRENT_VERSIONS: Record<Collection | 'event' | 'backup', number> = {
  event: 2,
  schools: 1,
  people: 1,
  cycles: 2,
  themes: 1,
  communities: 1,
  meetings: 1,
  appraisals: 1,
  learningWalks: 1,
  surveys: 1,
  surveyResponses: 1,
  sharingSessions: 1,
  coachingPairs: 1,
  coachingLogs: 1,
  staffSurveys: 1,
  backup: 1,
};

/** Thrown when data comes from a newer plc-kit than this one. */
export class UnsupportedVersionError extends Error {
  override readonly name = 'UnsupportedVersionError';
}

/**
 * Upgrades a stored value of kind `kind` to the current schema version. Values that are not
 * objects are returned as they are, for the schema to refuse with a clear message.
 */
export function migrate(kind: keyof typeof CURRENT_VERSIONS, value: unknown): unknown {
  if (!isObject(value)) return value;
  const current = CURRENT_VERSIONS[kind];
  const raw = value['schemaVersion'];
  let version = raw === undefined ? 1 : raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return value;
  if (version > current) {
    throw new UnsupportedVersionError(
      `This ${kind === 'event' ? 'event' : 'record'} was written by a newer plc-kit (schemaVersion ${version}; this one reads up to ${current}). Update plc-kit to read it.`,
    );
  }
  let data: Json = value;
  const steps = STEPS[kind] ?? [];
  while (version < current) {
    const step = steps[version - 1];
    data = step ? step(data) : data;
    version += 1;
  }
  return data === value && raw === current ? value : { ...data, schemaVersion: current };
}

/** Upgrades an event to the current envelope version. */
export const migrateEvent = (value: unknown): unknown => migrate('event', value);
