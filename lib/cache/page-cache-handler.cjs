// @ts-check
// Next's server cache (ISR pages and unstable_cache data) for this process,
// in memory: each app instance keeps its own copy, and published editions
// reach every instance through the event bus (features/reader/server/cache.ts
// calls revalidateTags below on each). Entries are indexed by tag: a page's
// tags travel in its `x-next-cache-tags` header, a data entry's in ctx.tags.
// Size-bounded (least recently used first out): PAGE_CACHE_MB, default 64.
"use strict";

const LIMIT = Number(process.env.PAGE_CACHE_MB || 64) * 1024 * 1024;

/** The process's one store, shared by every handler instance Next creates (one per request). */
function store() {
  const key = Symbol.for("wb.pageCache");
  const g = /** @type {any} */ (globalThis);
  if (!g[key]) {
    /** @type {Map<string, { value: any; lastModified: number; tags: string[]; size: number }>} */
    const entries = new Map();
    let bytes = 0;
    const remove = (/** @type {string} */ k) => {
      const e = entries.get(k);
      if (!e) return;
      bytes -= e.size;
      entries.delete(k);
    };
    g[key] = {
      entries,
      get(/** @type {string} */ k) {
        const e = entries.get(k);
        if (!e) return null;
        // Map order is insertion order: re-inserting marks the entry most recently used.
        entries.delete(k);
        entries.set(k, e);
        return e;
      },
      set(/** @type {string} */ k, /** @type {any} */ value, /** @type {string[]} */ tags) {
        remove(k);
        if (value == null) return;
        const size = sizeOf(value);
        entries.set(k, { value, lastModified: Date.now(), tags, size });
        bytes += size;
        for (const oldest of entries.keys()) {
          if (bytes <= LIMIT) break;
          remove(oldest);
        }
      },
      /** Drops every entry carrying one of `tags`. Returns how many went. */
      revalidateTags(/** @type {string[]} */ tags) {
        const wanted = new Set(tags);
        let dropped = 0;
        for (const [k, e] of [...entries]) {
          if (e.tags.some((t) => wanted.has(t))) {
            remove(k);
            dropped++;
          }
        }
        return dropped;
      },
    };
  }
  return g[key];
}

function sizeOf(/** @type {any} */ value) {
  let n = 256;
  if (typeof value.html === "string") n += value.html.length;
  for (const v of [value.rscData, value.body, value.data]) {
    if (v && typeof v.length === "number") n += v.length;
    else if (v && typeof v === "object") n += JSON.stringify(v)?.length ?? 0;
  }
  if (value.segmentData instanceof Map) for (const v of value.segmentData.values()) n += v?.length ?? 0;
  return n;
}

function tagsOf(/** @type {any} */ data, /** @type {any} */ ctx) {
  const header = data?.headers?.["x-next-cache-tags"];
  const fromHeader = typeof header === "string" ? header.split(",") : [];
  return [...new Set([...(ctx?.tags ?? []), ...fromHeader].filter(Boolean))];
}

module.exports = class PageCacheHandler {
  async get(/** @type {string} */ key) {
    const e = store().get(key);
    return e ? { value: e.value, lastModified: e.lastModified } : null;
  }

  async set(/** @type {string} */ key, /** @type {any} */ data, /** @type {any} */ ctx) {
    store().set(key, data, tagsOf(data, ctx));
  }

  async revalidateTag(/** @type {string | string[]} */ tags) {
    store().revalidateTags(Array.isArray(tags) ? tags : [tags]);
  }

  resetRequestCache() {}
};

module.exports.pageCacheStore = store;
