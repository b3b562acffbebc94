# The Saishi platform (API + built admin) in one image; see docker-compose.yml.

# Build stage: the whole workspace with its devDependencies compiles the admin (vue-tsc, Vite)
# and the API (esbuild, to packages/api/dist), then `pnpm deploy --prod` copies the API's
# package files (dist/, drizzle/) into /deploy with its production dependencies only.
FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@10.34.9
WORKDIR /workspace
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc tsconfig.base.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/api/package.json packages/api/
COPY packages/client/package.json packages/client/
COPY packages/admin/package.json packages/admin/
RUN pnpm install --frozen-lockfile
COPY packages packages
RUN pnpm --filter @saishi/admin build && pnpm --filter @saishi/api build
# pnpm 10 deploys only with injected workspace packages; the API bundles its one workspace
# dependency (@saishi/shared), so the setting is given to this command alone.
RUN pnpm --config.inject-workspace-packages=true --filter @saishi/api --prod deploy /deploy

# Runtime stage: Node, the CJK fonts of the PDF export, the deployed API and the built admin.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 ADMIN_DIST=/app/admin \
    DATA_DIR=/var/lib/saishi/pglite STORAGE_DIR=/var/lib/saishi/files
WORKDIR /app
COPY --from=build /deploy ./
COPY --from=build /workspace/packages/admin/dist ./admin
# Data folders owned by the unprivileged user (named volumes mounted there inherit the owner).
RUN mkdir -p /var/lib/saishi/pglite /var/lib/saishi/files && chown -R node:node /var/lib/saishi
USER node
EXPOSE 3000
# Node itself is PID 1: Docker's SIGTERM reaches close-with-grace, which stops taking connections,
# finishes the requests in flight and closes the database (within 10 s; compose waits 20 s).
# Other programs of the image: node dist/cli/create-admin.js <email> <password>, node dist/cli/seed.js
CMD ["node", "--enable-source-maps", "dist/server.js"]
