/**
 * Published outcomes for the VLE-post tests: a fixture enquiry walked to "shared" in the store
 * fixtures' community and cycle, its outcome published for the audiences given.
 */
import type { DomainEvent } from '../../src/lifecycle/events.js';
import type { Audience } from '../../src/schema/enquiry.js';
import { createFixture, outcome } from './lifecycle-fixtures.js';

/**
 * The log of an enquiry published with `audiences` (or walked only to sharing, unpublished, when
 * `published` is false), titled `title`, with `marker` in its summary so a test can find it.
 */
export function publishedLog(enquiryId: string, title: string, audiences: Audience[], options: { published?: boolean; marker?: string } = {}): DomainEvent[] {
  const fixture = createFixture({ enquiryId, idPrefix: enquiryId });
  const log = fixture.walkToStage(options.published === false ? 'sharing' : 'shared');
  const summary = `${options.marker ?? 'VLE'} summary of ${title}.`;
  return log.map((event) => {
    if (event.type === 'enquiry.create') return { ...event, payload: { ...event.payload, title } };
    if (event.type === 'outcome.save') return { ...event, payload: { ...outcome({ audiences, summary }) } };
    return event;
  });
}
