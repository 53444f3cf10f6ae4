// The client's network address, for rate limits and sign-in throttling: the socket's remote address; behind proxies
// named in GRONDPLAN_TRUST_PROXY, the address the nearest untrusted hop saw. The server entry (site/server/entry.ts)
// works it out once per request from Node's socket and keeps it in requestClient, so pages and the API read the same
// address, never one that a client's own X-Forwarded-For chose.
import { AsyncLocalStorage } from 'node:async_hooks';
import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';
import { setting } from './config.ts';

/** The client of the request being served, set by the server for the whole request (site/server/entry.ts). */
export const requestClient = new AsyncLocalStorage<{ address: string }>();

/**
 * Proxies whose X-Forwarded-For is believed: GRONDPLAN_TRUST_PROXY, a comma-separated list of addresses and subnets
 * (`127.0.0.1`, `10.0.0.0/8`, `::1`). Without it the client is the socket's remote address, whatever a header says.
 */
export function trustedProxies(value?: string): BlockList {
  const list = new BlockList();
  const entries =
    value === undefined
      ? setting('GRONDPLAN_TRUST_PROXY')
      : setting('GRONDPLAN_TRUST_PROXY', { GRONDPLAN_TRUST_PROXY: value });
  for (const { address, prefix, type } of entries) {
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
const isTrusted = (list: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The key an address is counted under: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber's network:
 * a client has all of it and could rotate through it), an IPv4-mapped IPv6 address as its IPv4 address.
 */
export function throttleKey(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return bare.slice(0, 100);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  const [head = '', tail = ''] = bare.includes('::') ? bare.split('::') : [bare, ''];
  const part = (text: string) => (text === '' ? [] : text.split(':'));
  const left = part(head);
  const right = part(tail);
  // An embedded IPv4 address at the end takes two groups; only the first four groups count here.
  const rightGroups = right.flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - rightGroups.length)).fill('0'), ...rightGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The client's address: the socket's remote address; behind trusted proxies, the last X-Forwarded-For entry that is
 * not itself a trusted proxy (the entries before it are the client's own word). IPv6 clients are counted per /64,
 * the block one subscriber gets.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  proxies: BlockList,
): string | undefined {
  if (!socketAddress) return undefined;
  let address = plain(socketAddress);
  if (isTrusted(proxies, address) && forwardedFor) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((s) => plain(s.trim()))
      .filter((s) => isIP(s) !== 0);
    while (hops.length > 0) {
      address = hops.pop() as string;
      if (!isTrusted(proxies, address)) break;
    }
  }
  return throttleKey(address);
}

/** Runs the handling of a Node request with its client's address on record (the server entry does this for each request). */
export function withClientAddress<T>(
  req: {
    socket?: { remoteAddress?: string | undefined } | null;
    headers: Record<string, string | string[] | undefined>;
  },
  proxies: BlockList,
  handle: () => T,
): T {
  const address = clientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], proxies);
  return address ? requestClient.run({ address }, handle) : handle();
}

/**
 * The address of the request being served: the one the server entry worked out, else (the API in process, `astro dev`)
 * from the socket address the caller knows, with the same proxy rule. Empty when neither is known.
 */
export function requestAddress(request: Request, socketAddress: string | null | undefined): string {
  const scoped = requestClient.getStore()?.address;
  if (scoped) return scoped;
  if (!socketAddress) return '';
  return (
    clientAddress(socketAddress, request.headers.get('x-forwarded-for') ?? undefined, trustedProxies()) ?? ''
  ).slice(0, 100);
}
