import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The front server (lib/server/front.ts) compresses what it caches.
  compress: false,
  reactStrictMode: true,
  // `npm run typecheck` checks the whole project (tests too) in CI; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // The release check takes lists up to 2 MB and refuses larger ones with a
  // message (lib/queries/check.ts); the action's body may be somewhat larger.
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
};

export default nextConfig;
