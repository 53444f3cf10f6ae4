// Relay global ids as the audit trail records them, read back to the database ids behind them.

/** The raw id behind a Relay global id ("VXNhZ2U6YWJj" is Usage:abc); any other id as it is. */
export function rawId(id: string): string {
  if (!/^[A-Za-z0-9+/]+=*$/.test(id)) return id;
  const text = Buffer.from(id, 'base64').toString('utf8');
  const match = /^[A-Za-z]+:(.+)$/s.exec(text);
  return match?.[1] && Buffer.from(text, 'utf8').toString('base64') === id ? match[1] : id;
}
