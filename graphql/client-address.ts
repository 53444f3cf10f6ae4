// The client's network address, for sign-in throttling (and any limit per client): the socket's peer, or, only when
// GRONDPLAN_TRUST_PROXY is set (the hub runs behind a proxy that adds X-Forwarded-For), the address that proxy saw: the
// header's last entry, since every earlier entry is whatever the client chose to send.
//
// Pages cannot use Astro's `clientAddress`: once X-Forwarded-Host matches the public address (GRONDPLAN_PUBLIC_URL),
// Astro takes the first X-Forwarded-For entry, which the client chooses. The server entry (site/server/entry.ts)
// therefore records each request's socket address (recordSocketAddress) for everything that runs on its behalf, and
// pages ask requestClientAddress.
import { AsyncLocalStorage } from 'node:async_hooks';

export function clientAddress(request: Request, socketAddress: string | null | undefined): string {
  if (process.env.GRONDPLAN_TRUST_PROXY) {
    const forwarded = request.headers.get('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .pop();
    if (last) return last.slice(0, 100);
  }
  return (socketAddress ?? '').slice(0, 100);
}

const socketAddresses = new AsyncLocalStorage<{ address: string | undefined }>();

/** Runs the handling of a Node request with its socket's peer address on record (the server entry does this). */
export function recordSocketAddress<T>(req: { socket?: { remoteAddress?: string | undefined } | null }, handle: () => T): T {
  return socketAddresses.run({ address: req.socket?.remoteAddress }, handle);
}

/** The socket address the server entry recorded for the request being handled; undefined outside one. */
export const recordedSocketAddress = (): string | undefined => socketAddresses.getStore()?.address;

/**
 * The client address of a request a page handles: from the recorded socket address (or, behind a trusted proxy, the
 * proxy's hop). Only where nothing was recorded (the development server, which has no server entry) Astro's own
 * address is used.
 */
export function requestClientAddress(request: Request, astroAddress: string | null | undefined): string {
  const recorded = socketAddresses.getStore();
  return clientAddress(request, recorded ? recorded.address : astroAddress);
}
