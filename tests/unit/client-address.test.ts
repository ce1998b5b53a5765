import { describe, expect, it } from "vitest";
import { CLIENT_CHAIN_HEADER, clientAddress, parseTrustedProxies } from "@/lib/http/client-address";

/** Headers as scripts/socket-address.mjs leaves them: the X-Forwarded-For received, then the socket's peer. */
const req = (forwarded: string | null, peer: string) => new Headers({ [CLIENT_CHAIN_HEADER]: [forwarded, peer].filter(Boolean).join(", "), ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });

describe("clientAddress", () => {
  it("is the socket address by default, whatever X-Forwarded-For says", () => {
    const none = parseTrustedProxies(undefined);
    expect(clientAddress(req(null, "198.51.100.7"), none)).toBe("198.51.100.7");
    expect(clientAddress(req("203.0.113.1", "198.51.100.7"), none)).toBe("198.51.100.7");
    expect(clientAddress(req("203.0.113.1, 203.0.113.2", "::ffff:198.51.100.7"), none)).toBe("198.51.100.7");
    expect(clientAddress(req(null, "::1"), none)).toBe("::1");
  });

  it("ignores a client's own X-Forwarded-For and a forged chain header when served without the stamp", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.1" }), parseTrustedProxies("1"))).toBeNull();
  });

  it("with a count of proxies, takes the entry that many hops from the socket: the left of it is the client's to write", () => {
    const one = parseTrustedProxies("1");
    // nginx appends the address it saw; a client's forged entries stay on the left.
    expect(clientAddress(req("203.0.113.50", "10.0.0.2"), one)).toBe("203.0.113.50");
    expect(clientAddress(req("1.1.1.1, 2.2.2.2, 203.0.113.50", "10.0.0.2"), one)).toBe("203.0.113.50");
    const two = parseTrustedProxies("2");
    expect(clientAddress(req("6.6.6.6, 203.0.113.50, 10.0.0.9", "10.0.0.2"), two)).toBe("203.0.113.50");
    // Fewer hops than configured: the left-most address there is.
    expect(clientAddress(req(null, "10.0.0.2"), two)).toBe("10.0.0.2");
  });

  it("with CIDR ranges, skips the trusted hops from the right and stops at the first untrusted one", () => {
    const ranges = parseTrustedProxies("10.0.0.0/8, 192.168.1.1, fd00::/8");
    expect(clientAddress(req("6.6.6.6, 203.0.113.50, 10.1.2.3", "192.168.1.1"), ranges)).toBe("203.0.113.50");
    expect(clientAddress(req("2001:db8::1, fd00::5", "::ffff:10.0.0.2"), ranges)).toBe("2001:db8::1");
    // A direct client outside the ranges: its own X-Forwarded-For is not believed.
    expect(clientAddress(req("10.9.9.9", "203.0.113.50"), ranges)).toBe("203.0.113.50");
  });

  it("answers null for an entry that is not an address, and refuses a malformed setting", () => {
    expect(clientAddress(req("<script>, 203.0.113.50", "10.0.0.2"), parseTrustedProxies("2"))).toBeNull();
    expect(() => parseTrustedProxies("10.0.0.0/99")).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("nginx")).toThrow(/TRUSTED_PROXIES/);
  });

  it("looks at a bounded number of hops", () => {
    const long = Array.from({ length: 10_000 }, (_, i) => `10.0.${(i >> 8) & 255}.${i & 255}`).join(", ");
    expect(clientAddress(req(long, "10.0.0.1"), parseTrustedProxies("10.0.0.0/8"))).toMatch(/^10\./);
  });
});
