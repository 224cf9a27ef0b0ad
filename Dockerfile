# syntax=docker/dockerfile:1

# ---- build: all dependencies; type-checked, bundled and minified → dist/ (docs/deployment.md, "Build") ----
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the image already is Node 24; the `node` devDependency (Node 24 for machines that lack it) would
# only download a second copy.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY tools/bundle ./tools/bundle
RUN npm run build

# ---- runtime: production dependencies only (the packages the bundle leaves out are required from them), non-root ----
FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978 STORAGE_DIR=/data
# glibc's malloc hands every freed block of 16 KB or more back to the system: compiling the bundle frees about 30 MB of
# such blocks, which it would otherwise keep for the life of the process (docs/deployment.md, "Memory").
ENV MALLOC_MMAP_THRESHOLD_=16384
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Card templates are read at runtime from /app/cards, the sign-in page's stylesheet and script from /app/web.
COPY cards ./cards
COPY web ./web
# The embedded store keeps its data here: created 0700 before USER so only the node user reads it (a fresh volume
# inherits owner and mode).
RUN mkdir -p -m 0700 /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
# The slim image has no curl; Node's global fetch does the job.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--expose-gc", "dist/index.js"]
