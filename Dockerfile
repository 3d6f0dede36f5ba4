# syntax=docker/dockerfile:1
# HoliBot API image: `docker build -t holibot-api .` (or `docker compose build api`), on Node 24 LTS.
# Configured only by environment variables (see .env.example); listens on 3002.

# ---- build: compile TypeScript, then keep only the runtime dependencies ----------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is a native module: when no prebuilt binary matches, npm compiles it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime --------------------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3002 \
    LOG_DIR=/app/logs \
    BACKUP_DIR=/app/backups \
    DB_SQLITE_PATH=/app/data/holibot.sqlite
WORKDIR /app
# mariadb-dump and mariadb for backups and restores of a MySQL/MariaDB database (holibot backup, restore).
RUN apt-get update \
 && apt-get install -y --no-install-recommends mariadb-client \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The sample catalogue loaded into an empty database (POI_AUTOLOAD_FILE).
COPY --from=build --chown=node:node /app/tools/catalogues ./tools/catalogues
# Writable by the unprivileged user: SQLite file (when DB_TYPE=sqlite), log files and backups.
RUN mkdir -p /app/data /app/logs /app/backups && chown node:node /app/data /app/logs /app/backups
USER node
EXPOSE 3002
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3002)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Same V8 flags as `npm start`: a 16 MB young generation (cheaper collections under load), and
# gc() for reclaiming memory when idle.
CMD ["node", "--max-semi-space-size=16", "--expose-gc", "dist/apps/api/src/main.js"]
