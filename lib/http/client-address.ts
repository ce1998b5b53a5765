import ipaddr from "ipaddr.js";

/**
 * The header scripts/socket-address.mjs sets on every request: the
 * X-Forwarded-For the request arrived with, then the socket's peer address.
 */
export const CLIENT_CHAIN_HEADER = "x-wb-client-chain";

/** Which hops of the chain are the operator's proxies (TRUSTED_PROXIES). */
export type TrustedProxies =
  | { readonly kind: "count"; readonly hops: number }
  | { readonly kind: "ranges"; readonly ranges: readonly (readonly [ipaddr.IPv4 | ipaddr.IPv6, number])[] };

/** Longest chain looked at: a client can make X-Forwarded-For as long as it likes. */
const MAX_HOPS = 32;

/**
 * Parses TRUSTED_PROXIES: unset or 0 trusts no proxy (the socket address is
 * the client); a number N trusts the N nearest hops; a comma list of
 * addresses or CIDR ranges trusts the hops inside them. Throws on anything else.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const v = (value ?? "").trim();
  if (v === "") return { kind: "count", hops: 0 };
  if (/^\d+$/.test(v)) return { kind: "count", hops: Math.min(Number(v), MAX_HOPS) };
  const ranges = v.split(",").map((part) => {
    const p = part.trim();
    try {
      if (p.includes("/")) return ipaddr.parseCIDR(p);
      const address = ipaddr.parse(p);
      return [address, address.kind() === "ipv4" ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
    } catch {
      throw new Error(`TRUSTED_PROXIES: "${p}" is neither a number of proxies nor an address or CIDR range.`);
    }
  });
  return { kind: "ranges", ranges };
}

let cached: { readonly value: string | undefined; readonly parsed: TrustedProxies } | undefined;

/** The TRUSTED_PROXIES setting of this process. */
export function configuredTrustedProxies(): TrustedProxies {
  const value = process.env.TRUSTED_PROXIES;
  if (!cached || cached.value !== value) cached = { value, parsed: parseTrustedProxies(value) };
  return cached.parsed;
}

/** An address as written in a header, IPv4-mapped IPv6 unwrapped; undefined when it is none. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    const a = ipaddr.parse(text.trim().replace(/^\[(.*)\]$/, "$1"));
    return a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
  } catch {
    return undefined;
  }
}

function inRanges(address: ipaddr.IPv4 | ipaddr.IPv6 | undefined, ranges: Extract<TrustedProxies, { kind: "ranges" }>["ranges"]): boolean {
  return !!address && ranges.some(([range, bits]) => range.kind() === address.kind() && address.match([range, bits] as [typeof address, number]));
}

/**
 * The client's address: the socket's peer address, or, behind trusted
 * proxies, the X-Forwarded-For entry the nearest untrusted hop wrote (taken
 * from the right, since a client writes whatever it likes on the left). Null
 * when the request carries no chain (served without scripts/socket-address.mjs)
 * or the chosen entry is not an address.
 */
export function clientAddress(headers: Headers, trusted: TrustedProxies = configuredTrustedProxies()): string | null {
  const chain = (headers.get(CLIENT_CHAIN_HEADER) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(-MAX_HOPS - 1);
  if (chain.length === 0) return null;
  let i = chain.length - 1;
  if (trusted.kind === "count") i = Math.max(0, i - trusted.hops);
  else while (i > 0 && inRanges(parseAddress(chain[i]!), trusted.ranges)) i--;
  return parseAddress(chain[i]!)?.toString() ?? null;
}
