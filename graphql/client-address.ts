// The client's network address, for rate limits and sign-in throttling: the socket's remote address; behind proxies
// named in GRONDPLAN_TRUST_PROXY, the address the nearest untrusted hop saw. The server entry (site/server/entry.ts)
// works it out once per request from Node's socket and keeps it in requestClient, so pages and the API read the same
// address, never one that a client's own X-Forwarded-For chose.
import { AsyncLocalStorage } from 'node:async_hooks';
import { BlockList, isIP } from 'node:net';

/** The client of the request being served, set by the server for the whole request (site/server/entry.ts). */
export const requestClient = new AsyncLocalStorage<{ address: string }>();

/**
 * Proxies whose X-Forwarded-For is believed: GRONDPLAN_TRUST_PROXY, a comma-separated list of addresses and subnets
 * (`127.0.0.1`, `10.0.0.0/8`, `::1`). Without it the client is the socket's remote address, whatever a header says.
 */
export function trustedProxies(value = process.env.GRONDPLAN_TRUST_PROXY ?? ''): BlockList {
  const list = new BlockList();
  for (const entry of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (!family) throw new Error(`GRONDPLAN_TRUST_PROXY names "${entry}", which is no IP address or subnet.`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
const isTrusted = (list: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The client's address: the socket's remote address; behind trusted proxies, the last X-Forwarded-For entry that is
 * not itself a trusted proxy (the entries before it are the client's own word). IPv6 clients are counted per /64,
 * the block one subscriber gets.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, proxies: BlockList): string | undefined {
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
  if (isIP(address) === 6) return `${address.split(':').slice(0, 4).join(':')}::/64`;
  return address;
}

/**
 * The address of the request being served: the one the server entry worked out, else (the API in process, `astro dev`)
 * from the socket address the caller knows, with the same proxy rule. Empty when neither is known.
 */
export function requestAddress(request: Request, socketAddress: string | null | undefined): string {
  const scoped = requestClient.getStore()?.address;
  if (scoped) return scoped;
  if (!socketAddress) return '';
  return (clientAddress(socketAddress, request.headers.get('x-forwarded-for') ?? undefined, trustedProxies()) ?? '').slice(0, 100);
}
