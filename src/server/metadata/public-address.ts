import { BlockList, isIP } from 'node:net';

/**
 * Address blocks the companion server never fetches metadata from unless the origin is trusted: the IANA IPv4 and
 * IPv6 special-purpose registries (RFC 6890 and its updates), where a request could reach this machine, its network
 * or something that is not a public web server. `net.BlockList` does the matching, IPv4-mapped IPv6 forms
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`) included, so there is no hand-written CIDR arithmetic here.
 */
const nonPublicIpv4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network", the unspecified address
  ['10.0.0.0', 8], // RFC 1918 private
  ['100.64.0.0', 10], // RFC 6598 carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // RFC 1918 private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // RFC 1918 private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

const nonPublicIpv6: readonly (readonly [string, number])[] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated): would carry a private IPv4 address past the IPv4 rules
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds any IPv4 address, private ones included
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const nonPublic = new BlockList();
for (const [network, prefix] of nonPublicIpv4) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
  // RFC 6052 well-known NAT64 prefix 64:ff9b::/96: a NAT64 gateway forwards it to the embedded IPv4 address, so the
  // IPv4 rules apply to that address too (64:ff9b::7f00:1 is 127.0.0.1, 64:ff9b::a9fe:a9fe the metadata service).
  nonPublic.addSubnet(`64:ff9b::${network}`, 96 + prefix, 'ipv6');
}
for (const [network, prefix] of nonPublicIpv6) nonPublic.addSubnet(network, prefix, 'ipv6');

/** An IP literal as a URL's hostname carries it (`[::1]`), without brackets; null for a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

/** True only for a well-formed IP address outside every special-purpose block above. Anything unparsable is not public. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  try {
    return !nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false;
  }
}
