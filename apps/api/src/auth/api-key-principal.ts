/** The caller a request was authenticated as; attached to the request by ApiKeyGuard. */
export interface ApiKeyPrincipal {
  id: string;
  prefix: string;
  isAdmin: boolean;
  rateLimitPerMinute: number | null;
}

/** Where the guards leave the principal on the Fastify request (undefined: anonymous). */
export const PRINCIPAL = Symbol('unfurl.principal');

export type RequestWithPrincipal = { [PRINCIPAL]?: ApiKeyPrincipal | null };
