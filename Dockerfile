# The Saishi platform (API + built admin) in one image; see docker-compose.yml.
FROM node:20-bookworm-slim
RUN npm install -g pnpm@10 \
 && apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc tsconfig.base.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/api/package.json packages/api/
COPY packages/admin/package.json packages/admin/
RUN pnpm install --frozen-lockfile
COPY packages packages
RUN pnpm --filter @saishi/admin build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
WORKDIR /app/packages/api
CMD ["pnpm", "start"]
