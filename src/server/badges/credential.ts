/**
 * The Open Badges 3.0 credential a published enquiry earns each of its members, before signing.
 * Pure: the same enquiry, person and issuer always give the same document (the caller passes the
 * credential's id). It holds only what docs/privacy.md lets a credential carry: the person's name
 * (as an `IdentityObject` of type `name`, not hashed, so it travels with them), the enquiry's
 * title and cycle and when it was published; never an email address, notes or answers.
 * @module
 */
import { OB_CONTEXT, VC_CONTEXT } from './signing.js';

/** What a credential is made from. */
export interface CredentialInput {
  /** A UUID: the credential is `urn:uuid:<id>`. */
  id: string;
  issuer: { id: string; name: string };
  person: { id: string; name: string };
  enquiry: { id: string; title: string; cycleName: string | undefined; publishedAt: string; kind: string };
  /** Whether the person owned the enquiry or took part as a member of its community. */
  role: 'owner' | 'member';
}

/** The achievement every credential of a trust is for: a published professional enquiry. */
export const ACHIEVEMENT = {
  name: 'Published a professional enquiry',
  description:
    'Took part in a professional learning community enquiry that went from a driving question through peer observation and evidence to an outcome published for colleagues.',
  criteria:
    'Awarded to each member of an enquiry when its outcome is published: the enquiry had an approved driving question, the observations and evidence its cycle asks for, and a reflection shared with colleagues.',
} as const;

/** Seconds precision with a `Z`, as `validFrom` is usually written. */
const seconds = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The unsigned `OpenBadgeCredential` for one member of one published enquiry. */
export function buildCredential(input: CredentialInput): Record<string, unknown> {
  const { issuer, person, enquiry } = input;
  const published = seconds(enquiry.publishedAt);
  const cycle = enquiry.cycleName ? ` (${enquiry.cycleName})` : '';
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: `urn:uuid:${input.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Published enquiry: ${enquiry.title}`,
    description: `${person.name} took part in the enquiry "${enquiry.title}"${cycle}, published on ${published.slice(0, 10)}.`,
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name },
    validFrom: published,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: person.name }],
      activityEndDate: published,
      role: input.role,
      narrative: `${enquiry.kind === 'group' ? 'A group enquiry' : 'An individual project'}: ${enquiry.title}${cycle}.`,
      achievement: {
        id: `${issuer.id}/achievements/published-enquiry`,
        type: ['Achievement'],
        achievementType: 'Achievement',
        name: ACHIEVEMENT.name,
        description: ACHIEVEMENT.description,
        criteria: { narrative: ACHIEVEMENT.criteria },
      },
    },
  };
}
