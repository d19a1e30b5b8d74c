import { describe, expect, it } from 'vitest';
import { ipLiteral, isPublicAddress } from './public-address';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', 'a public IPv4 address'],
    ['93.184.216.34', 'a public IPv4 address'],
    ['100.63.255.255', 'just below carrier-grade NAT'],
    ['100.128.0.0', 'just above carrier-grade NAT'],
    ['172.15.255.255', 'just below 172.16/12'],
    ['172.32.0.0', 'just above 172.16/12'],
    ['2606:4700:4700::1111', 'a public IPv6 address'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped public address'],
    ['64:ff9b::808:808', 'NAT64 of a public address'],
  ])('%s is public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, anywhere in 127/8'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'link-local: the cloud metadata service'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::', 'unspecified IPv6'],
    ['::1', 'IPv6 loopback'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local, end of fe80::/10'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['64:ff9b::7f00:1', 'NAT64 (RFC 6052 well-known prefix) of 127.0.0.1'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of the cloud metadata service'],
    ['64:ff9b::10.0.0.1', 'NAT64 of RFC 1918'],
    ['2001:db8::1', 'documentation'],
    ['example.com', 'not an address at all'],
    ['', 'empty'],
    ['127.1', 'a shorthand no resolver should be trusted with'],
  ])('%s is not public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('ipLiteral', () => {
  it.each([
    ['127.0.0.2', '127.0.0.2'],
    ['[::1]', '::1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['example.com', null],
    ['localhost', null],
  ])('%s → %s', (hostname, expected) => {
    expect(ipLiteral(hostname)).toBe(expected);
  });
});
