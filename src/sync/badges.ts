/**
 * What the badge routes send (`GET /v1/credentials`, `GET /v1/celebrate`), as plain types both
 * ends import: the server's route schemas are checked against them, and the elements read them.
 * @module
 */

/** One Open Badges credential as a list shows it (the signed document is downloaded on its own). */
export interface CredentialListing {
  /** The credential's UUID (its id is `urn:uuid:<id>`). */
  id: string;
  personId: string;
  enquiryId: string;
  /** The enquiry's title (as it is now; the credential keeps the title it was issued with). */
  title: string;
  /** The credential's own name, in the language it was issued in. */
  name: string;
  achievement: string;
  publishedAt: string;
  issuedAt: string;
}

/** One published enquiry on the celebrate screen: its title and the names of its members. */
export interface Celebration {
  enquiryId: string;
  title: string;
  kind: string;
  cycleName?: string | undefined;
  publishedAt: string;
  achievement: string;
  members: Array<{ personId: string; name: string }>;
}
