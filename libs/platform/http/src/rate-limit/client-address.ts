import { BlockList, isIP } from 'node:net';

/** The request members the client address is read from. */
export interface AddressedRequest {
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

const unmapped = (address: string): string => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address);

/** `TRUSTED_PROXIES` (IP addresses and CIDR ranges) as a list to check addresses against. */
export function trustedProxyList(entries: readonly string[] | undefined): BlockList {
  const list = new BlockList();
  for (const entry of entries ?? []) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

const trusts = (list: BlockList, address: string): boolean => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The client's address as seen through the trusted proxies: the socket's peer, unless that peer is a trusted proxy,
 * in which case `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first address that is
 * not one is the client. Untrusted peers cannot forge it: their `X-Forwarded-For` is ignored. A malformed entry
 * stops the walk at the last trusted hop.
 */
export function clientAddressOf(request: AddressedRequest, trusted: BlockList): string {
  let client = unmapped(request.socket?.remoteAddress ?? 'unknown');
  if (!trusts(trusted, client)) return client;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => unmapped(hop.trim())).filter(Boolean);
  for (const hop of [...hops].reverse()) {
    if (isIP(hop) === 0) break;
    client = hop;
    if (!trusts(trusted, hop)) break;
  }
  return client;
}

/**
 * What a per-client limit counts against: an IPv4 address, or the /64 prefix of an IPv6 address (one subscriber
 * holds a whole /64, so rotating addresses inside it must not reset the limit).
 */
export function rateLimitSubject(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
