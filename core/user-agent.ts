// A session's device in a few Dutch words ("Chrome op Windows") from its browser's User-Agent header, for the owner's
// list of sessions on /account. The browser and system come from bowser's parser; this module only words them.
import Bowser from 'bowser';

/** Bowser's names where a shorter, familiar one reads better in a table. */
const BROWSER_NAMES: Record<string, string> = {
  'Microsoft Edge': 'Edge',
  'Samsung Internet for Android': 'Samsung Internet',
  Chromium: 'Chrome',
};
const SYSTEM_NAMES: Record<string, string> = { 'Chrome OS': 'ChromeOS' };

/** iOS says which device it runs on by its platform: a tablet is an iPad, a phone an iPhone. */
function systemName(os: string, platform: string): string {
  if (os === 'iOS') return platform === 'tablet' ? 'iPad' : 'iPhone';
  return SYSTEM_NAMES[os] ?? os;
}

/**
 * "Chrome op Windows", "Safari op iPhone", "Firefox" (system unknown), "Onbekende browser op Linux"; a program that
 * names itself (curl/8.5.0) by its name; "Onbekend apparaat" when nothing was sent.
 */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? '').trim();
  if (!ua) return 'Onbekend apparaat';
  const parser = Bowser.getParser(ua);
  const browserName = parser.getBrowserName();
  // Bowser's fallback names the header's first product token, which for browsers it does not know is "Mozilla".
  const browser = browserName && browserName !== 'Mozilla' ? (BROWSER_NAMES[browserName] ?? browserName) : '';
  const os = parser.getOSName();
  const system = os ? systemName(os, parser.getPlatformType()) : '';
  if (browser) return system ? `${browser} op ${system}` : browser;
  if (system) return `Onbekende browser op ${system}`;
  // A script or tool: its own product name, when it starts with one ("curl/8.5.0", "python-requests/2.31").
  const program = /^([A-Za-z][\w.-]{0,39})\//.exec(ua)?.[1];
  return program && program !== 'Mozilla' ? program : 'Onbekend apparaat';
}
