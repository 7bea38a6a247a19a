# syntax=docker/dockerfile:1
# One image recipe, four targets sharing one build: `api`, `worker`, `renderer` and `migrate`.
#   docker build --target api -t unfurl-api .
#   docker build --target worker -t unfurl-worker .
#   docker build --target renderer -t unfurl-renderer .
#   docker build --target migrate -t unfurl-migrate .
# The only network access at build time is the npm registry (npm ci) and, for the renderer alone,
# Debian's own archive for its Chromium package (never a browser download). Node 24 (the current
# LTS): CI runs the test suite on it as well as on the machine's Node (.ci/run).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Node runs as PID 1: the apps handle SIGTERM themselves (graceful shutdown) and spawn no child
# processes besides the API's own cluster workers and the renderer's Chromium, which they wait
# for. Run with `--init` (compose: `init: true`) to have zombies (Chromium's helpers) reaped.
USER node

FROM runtime AS migrate
CMD ["node", "dist/apps/cli/main.js", "migrate"]

FROM runtime AS worker
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.WORKER_HEALTH_PORT || 3001) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/worker/main.js"]

FROM runtime AS renderer
USER root
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation && rm -rf /var/lib/apt/lists/*
USER node
ENV CHROMIUM_PATH=/usr/bin/chromium
EXPOSE 3002
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.RENDERER_HEALTH_PORT || 3002) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/renderer/main.js"]

FROM runtime AS api
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/main.js"]
