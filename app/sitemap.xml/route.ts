import { route } from "@/features/auth/server/route";
import { sitemapXml } from "@/features/reader/server/feeds";

export const dynamic = "force-dynamic";

/** `/sitemap.xml`: every published edition, with its story's other editions as hreflang alternates. */
export const GET = route({
  access: "public",
  handler: async ({ db }) =>
    new Response(await sitemapXml(db), {
      headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=300, s-maxage=300, stale-while-revalidate=3600" },
    }),
});
