import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { Pool } from 'pg';

type PreviewRequest = FastifyRequest<{ Querystring: { url?: string } }>;

/**
 * Runs an app the API is compared with: plain Fastify on PORT (127.0.0.1), a pg pool of the API's
 * size, `GET /v1/previews` answered by `handle`, `/health/live`; both closed on SIGTERM.
 */
export function runPlainApp(name: string, handle: (pool: Pool, request: PreviewRequest, reply: FastifyReply) => Promise<unknown>): void {
  const main = async (): Promise<void> => {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    const app = Fastify({ logger: false });
    app.get<{ Querystring: { url?: string } }>('/v1/previews', (request, reply) => handle(pool, request, reply));
    app.get('/health/live', async () => ({ status: 'ok' }));
    await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
    process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
  };
  main().catch((error: unknown) => {
    process.stderr.write(`bench ${name}: ${String(error)}\n`);
    process.exit(1);
  });
}
