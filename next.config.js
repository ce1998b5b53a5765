// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only database drivers stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "kysely"],
  // Builds for tests and benchmarks can go elsewhere so they never clobber the served build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The server cache (ISR pages, unstable_cache data) lives in each process's memory,
  // dropped by tag when an edition is published (features/reader/server/cache.ts).
  cacheHandler: require.resolve("./lib/cache/page-cache-handler.cjs"),
  cacheMaxMemorySize: 0,
  // scripts/reader-response.mjs compresses: it must see the HTML of the cached reader pages.
  compress: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        // API answers are data, never documents to render or frame.
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
