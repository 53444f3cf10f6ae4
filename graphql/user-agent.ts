// A session's device in a few Dutch words ("Chrome op Windows") from its browser's User-Agent header, for the owner's
// list of sessions on /account. Only the common browsers and systems are named; anything else says so plainly.

/** Browsers by their product token, most specific first (Edge and Opera also say Chrome; Chrome also says Safari). */
const BROWSERS: [RegExp, string][] = [
  [/\b(Edg|EdgA|EdgiOS|Edge)\//, 'Edge'],
  [/\b(OPR|OPiOS|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|HeadlessChrome|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

/** Systems by their token, most specific first (iPhones say "like Mac OS X"; Android says Linux). */
const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

const first = (table: [RegExp, string][], userAgent: string) => table.find(([pattern]) => pattern.test(userAgent))?.[1];

/**
 * "Chrome op Windows", "Safari op iPhone", "Firefox" (system unknown), "Onbekende browser op Linux"; a program that
 * names itself (curl/8.5.0) by its name; "Onbekend apparaat" when nothing was sent.
 */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? '').trim();
  if (!ua) return 'Onbekend apparaat';
  const browser = first(BROWSERS, ua);
  const system = first(SYSTEMS, ua);
  if (browser) return system ? `${browser} op ${system}` : browser;
  if (system) return `Onbekende browser op ${system}`;
  // A script or tool: its own product name, when it starts with one ("curl/8.5.0", "python-requests/2.31").
  const program = /^([A-Za-z][\w.-]{0,39})\//.exec(ua)?.[1];
  return program && program !== 'Mozilla' ? program : 'Onbekend apparaat';
}
