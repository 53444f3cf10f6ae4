// The client's network address, for sign-in throttling: the socket's peer, or, only when GRONDPLAN_TRUST_PROXY is set
// (the hub runs behind a proxy that adds X-Forwarded-For), the address that proxy saw: the header's last entry, since
// every earlier entry is whatever the client chose to send.
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
