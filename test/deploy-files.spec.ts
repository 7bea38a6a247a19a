import { getMetadataStorage } from 'class-validator';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { Environment } from '../libs/config/src/environment';
import { QueueName } from '../libs/contracts/src/queues';

const root = path.resolve(__dirname, '../..');
/** The renderer's queue: QueueName.Render in libs/contracts once its consumer is wired (issue 12). */
const RENDER_QUEUE = 'render';
const read = (file: string) => readFile(path.join(root, file), 'utf8');

/** Every variable the apps know: each property of Environment carries a validation decorator. */
const knownVariables = new Set(getMetadataStorage().getTargetValidationMetadatas(Environment, '', true, false).map((meta) => meta.propertyName));
const defaults = new Environment();

/** `dist/apps/<app>/main.js` for each app of nest-cli.json: what `npm run build` produces. */
async function builtEntries(): Promise<Set<string>> {
  const nest = JSON.parse(await read('nest-cli.json')) as { projects: Record<string, { type: string; entryFile: string }> };
  return new Set(Object.entries(nest.projects).filter(([, p]) => p.type === 'application').map(([name, p]) => `dist/apps/${name}/${p.entryFile}.js`));
}

interface Container {
  name: string;
  command?: string[];
  ports?: Array<{ containerPort: number }>;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  livenessProbe?: { httpGet: { path: string; port: number } };
  readinessProbe?: { httpGet: { path: string; port: number } };
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    template?: { spec: { containers: Container[] } };
    scaleTargetRef?: { name: string; kind?: string };
    triggers?: Array<{ type: string; metadata: Record<string, string> }>;
  };
}

describe('deployment files match the code', () => {
  let entries: Set<string>;
  let k8s: K8sObject[];
  const byKindName = (kind: string, name: string) => k8s.find((o) => o.kind === kind && o.metadata.name === name);

  before(async () => {
    entries = await builtEntries();
    const dir = path.join(root, 'deploy', 'k8s');
    k8s = [];
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yaml')).toSorted()) {
      for (const doc of parseAllDocuments(await readFile(path.join(dir, file), 'utf8'))) {
        assert.deepEqual(doc.errors, [], file);
        k8s.push(doc.toJS() as K8sObject);
      }
    }
  });

  it('probe paths are the ones the API, the worker and the renderer serve', async () => {
    const api = await read('apps/api/src/health/health.controller.ts');
    assert.match(api, /@Controller\('health'\)/);
    assert.match(api, /@Get\('live'\)/);
    assert.match(api, /@Get\('ready'\)/);
    const worker = await read('apps/worker/src/ops/health.server.ts');
    assert.match(worker, /'\/health\/live'/);
    assert.match(worker, /'\/health\/ready'/);
    const probes = await read('libs/config/src/probe-listener.ts');
    assert.match(probes, /'\/health\/live'/);
    assert.match(probes, /'\/health\/ready'/);
    assert.match(await read('apps/renderer/src/health/health.server.ts'), /new ProbeListener\(/);
  });

  describe('Dockerfile', () => {
    let stages: Map<string, string[]>;
    before(async () => {
      stages = new Map();
      let current: string[] = [];
      for (const line of (await read('Dockerfile')).split('\n')) {
        const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
        if (from) stages.set(from[1], (current = []));
        else if (line.trim() && !line.startsWith('#')) current.push(line);
      }
    });

    it('has api, worker, renderer and migrate targets running the built entry points as the node user', () => {
      const cmd = (stage: string) => JSON.parse(stages.get(stage)?.find((l) => l.startsWith('CMD '))?.slice(4) ?? '[]') as string[];
      assert.deepEqual(cmd('api'), ['node', 'dist/apps/api/main.js']);
      assert.deepEqual(cmd('worker'), ['node', 'dist/apps/worker/main.js']);
      assert.deepEqual(cmd('renderer'), ['node', 'dist/apps/renderer/main.js']);
      assert.deepEqual(cmd('migrate'), ['node', 'dist/apps/cli/main.js', 'migrate']);
      for (const stage of ['api', 'worker', 'renderer', 'migrate']) assert.ok(entries.has(cmd(stage)[1]), `${stage} runs a file the build produces`);
      assert.ok(stages.get('runtime')?.includes('USER node'));
      // The renderer installs Chromium as root, then drops back to the node user.
      assert.equal(stages.get('renderer')?.findLast((l) => l.startsWith('USER ')), 'USER node');
      for (const stage of ['api', 'worker', 'renderer', 'migrate']) assert.ok(stages.get(stage)?.length, stage);
    });

    it('checks health on /health/live at the configured ports and exposes them', () => {
      const api = stages.get('api') ?? [];
      assert.ok(api.includes(`EXPOSE ${defaults.PORT}`));
      assert.match(api.find((l) => l.startsWith('HEALTHCHECK')) ?? '', new RegExp(`process\\.env\\.PORT \\|\\| ${defaults.PORT}\\) \\+ '/health/live'`));
      const worker = stages.get('worker') ?? [];
      assert.ok(worker.includes(`EXPOSE ${defaults.WORKER_HEALTH_PORT}`));
      assert.match(worker.find((l) => l.startsWith('HEALTHCHECK')) ?? '', new RegExp(`process\\.env\\.WORKER_HEALTH_PORT \\|\\| ${defaults.WORKER_HEALTH_PORT}\\) \\+ '/health/live'`));
      const renderer = stages.get('renderer') ?? [];
      assert.ok(renderer.includes(`EXPOSE ${defaults.RENDERER_HEALTH_PORT}`));
      assert.match(renderer.find((l) => l.startsWith('HEALTHCHECK')) ?? '', new RegExp(`process\\.env\\.RENDERER_HEALTH_PORT \\|\\| ${defaults.RENDERER_HEALTH_PORT}\\) \\+ '/health/live'`));
    });

    it('fetches at build time from the npm registry, and only the renderer from Debian\'s archive: its Chromium package', () => {
      for (const [stage, lines] of stages) {
        for (const run of lines.filter((l) => l.startsWith('RUN '))) {
          assert.doesNotMatch(run, /curl|wget|git clone|playwright install/, run);
          if (stage !== 'renderer') assert.doesNotMatch(run, /apt-get/, `${stage}: ${run}`);
        }
      }
      const installs = (stages.get('renderer') ?? []).filter((l) => l.startsWith('RUN ')).join(' ').match(/apt-get install -y --no-install-recommends ([a-z0-9 -]+?)(?= &&|$)/)?.[1];
      assert.deepEqual(installs?.split(' '), ['chromium', 'fonts-liberation']);
      assert.ok(stages.get('renderer')?.includes(`ENV CHROMIUM_PATH=${defaults.CHROMIUM_PATH}`));
    });

    it('builds and runs on Node 24, which engines accepts and CI tests', async () => {
      const bases = (await read('Dockerfile')).split('\n').flatMap((line) => /^FROM\s+(\S+)/i.exec(line)?.[1] ?? []);
      assert.deepEqual([...new Set(bases.filter((base) => base.startsWith('node:')))], ['node:24-bookworm-slim']);
      const packageJson = JSON.parse(await read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };
      assert.match(packageJson.engines.node, /\^24\.0\.0/);
      assert.match(packageJson.scripts['test:node24'], /-p node@24 /);
      assert.match(await read('.ci/run'), /^npm run test:node24$/m);
    });
  });

  describe('docker-compose.yml', () => {
    type Service = { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; ports?: string[]; build?: { target: string } };
    let services: Record<string, Service>;
    before(async () => {
      services = (parse(await read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> }).services;
    });

    it('runs PostgreSQL, Redis (persistent, never evicting), a one-shot migrate, the api, the worker and the renderer', () => {
      assert.deepEqual(Object.keys(services).toSorted(), ['api', 'migrate', 'postgres', 'redis', 'renderer', 'worker']);
      const redis = services.redis.command?.join(' ') ?? '';
      assert.match(redis, /--appendonly yes/);
      assert.match(redis, /--maxmemory-policy noeviction/);
      for (const app of ['api', 'worker', 'renderer', 'migrate']) assert.equal(services[app].build?.target, app);
      for (const app of ['api', 'worker', 'renderer']) assert.equal(services[app].depends_on?.migrate?.condition, 'service_completed_successfully', app);
    });

    it('sets only variables the apps know, and publishes the API port', () => {
      for (const app of ['api', 'worker', 'renderer', 'migrate']) {
        for (const name of Object.keys(services[app].environment ?? {})) assert.ok(knownVariables.has(name), `${app}: ${name} is not in Environment`);
      }
      assert.deepEqual(services.api.ports, [`${services.api.environment?.PORT}:${services.api.environment?.PORT}`]);
      assert.match(services.api.environment?.REDIS_URL ?? '', /^redis:\/\/redis:/);
      assert.match(services.api.environment?.DATABASE_URL ?? '', /^postgres:\/\/\S+@postgres:5432\//);
    });
  });

  describe('Kubernetes manifests', () => {
    const containersOf = (name: string) => byKindName('Deployment', name)?.spec?.template?.spec.containers ?? [];
    const config = () => byKindName('ConfigMap', 'unfurl-config')?.data ?? {};

    it('configure only variables the apps know', () => {
      const names = [
        ...Object.keys(config()),
        ...Object.keys(byKindName('Secret', 'unfurl-secrets')?.stringData ?? {}),
        ...k8s.flatMap((o) => o.spec?.template?.spec.containers ?? []).flatMap((c) => (c.env ?? []).map((e) => e.name)),
      ];
      for (const name of names) assert.ok(knownVariables.has(name), `${name} is not in Environment`);
      for (const container of k8s.flatMap((o) => o.spec?.template?.spec.containers ?? [])) {
        const refs = (container.envFrom ?? []).map((ref) => ref.configMapRef?.name ?? ref.secretRef?.name);
        assert.deepEqual(refs, ['unfurl-config', 'unfurl-secrets'], container.name);
      }
    });

    it('run the built entry points: API, worker and renderer Deployments, migrations as a Job', () => {
      const [api] = containersOf('unfurl-api');
      const [worker] = containersOf('unfurl-worker');
      const [renderer] = containersOf('unfurl-renderer');
      const [migrate] = byKindName('Job', 'unfurl-migrate')?.spec?.template?.spec.containers ?? [];
      assert.deepEqual(api.command, ['node', 'dist/apps/api/main.js']);
      assert.deepEqual(worker.command, ['node', 'dist/apps/worker/main.js']);
      assert.deepEqual(renderer.command, ['node', 'dist/apps/renderer/main.js']);
      assert.deepEqual(migrate.command, ['node', 'dist/apps/cli/main.js', 'migrate']);
      for (const c of [api, worker, renderer, migrate]) assert.ok(entries.has(c.command?.[1] ?? ''), c.name);
    });

    it('probe the API on PORT, the worker on WORKER_HEALTH_PORT and the renderer on RENDERER_HEALTH_PORT', () => {
      const [api] = containersOf('unfurl-api');
      const [worker] = containersOf('unfurl-worker');
      const [renderer] = containersOf('unfurl-renderer');
      for (const [container, port] of [
        [api, Number(config().PORT)],
        [worker, Number(config().WORKER_HEALTH_PORT)],
        [renderer, Number(config().RENDERER_HEALTH_PORT)],
      ] as const) {
        assert.deepEqual(container.ports?.map((p) => p.containerPort), [port], container.name);
        assert.deepEqual(container.livenessProbe?.httpGet, { path: '/health/live', port }, container.name);
        assert.deepEqual(container.readinessProbe?.httpGet, { path: '/health/ready', port }, container.name);
      }
    });

    it('expose the API through a Service and scale it with an HPA', () => {
      const service = byKindName('Service', 'unfurl-api') as unknown as { spec: { selector: Record<string, string>; ports: Array<{ targetPort: number }> } };
      assert.deepEqual(service.spec.ports.map((p) => p.targetPort), [Number(config().PORT)]);
      assert.equal(service.spec.selector['app.kubernetes.io/name'], 'unfurl-api');
      assert.equal(byKindName('HorizontalPodAutoscaler', 'unfurl-api')?.spec?.scaleTargetRef?.name, 'unfurl-api');
    });

    it('scale the worker and the renderer with KEDA on the length of Bull\'s wait list of their queues', () => {
      for (const [name, queue] of [
        ['unfurl-worker', QueueName.Previews],
        ['unfurl-renderer', RENDER_QUEUE],
      ] as const) {
        const scaled = byKindName('ScaledObject', name);
        assert.equal(scaled?.spec?.scaleTargetRef?.name, name);
        const [trigger] = scaled?.spec?.triggers ?? [];
        assert.equal(trigger.type, 'redis');
        assert.equal(trigger.metadata.listName, `${config().QUEUE_PREFIX}:${queue}:wait`);
        assert.ok(Number(trigger.metadata.listLength) > 0);
      }
    });
  });
});
