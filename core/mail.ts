// E-mail through SMTP (nodemailer): invitations, password reset links and notices of changes to an account. Settings
// come from the environment only and are checked as the server starts (site/server/entry.ts), so a half-configured
// hub stops with a Dutch message instead of failing at its first mail. Without GRONDPLAN_SMTP_HOST the hub sends
// nothing and shows links to the admin as before. Links in mails are built from GRONDPLAN_PUBLIC_URL, never from a
// request's Host header. A send never runs inside a database transaction; a failed send is logged (without the
// message, which may hold a link) and undoes nothing.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import { type Env, type SettingName, type SettingValue, settingText, trySetting } from './config.ts';
import { type MailText, type NoticeInput, noticeMail } from './mail-templates.ts';

type SmtpSecurity = 'tls' | 'starttls' | 'geen';

interface MailSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  auth: { user: string; pass: string } | null;
  from: string;
  /** The address browsers use (GRONDPLAN_PUBLIC_URL), for the links in mails. */
  publicUrl: URL;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
}

const SMTP_VARIABLES = [
  'GRONDPLAN_SMTP_HOST',
  'GRONDPLAN_SMTP_PORT',
  'GRONDPLAN_SMTP_TLS',
  'GRONDPLAN_SMTP_USER',
  'GRONDPLAN_SMTP_PASSWORD',
  'GRONDPLAN_MAIL_FROM',
  'GRONDPLAN_DKIM_DOMAIN',
  'GRONDPLAN_DKIM_SELECTOR',
  'GRONDPLAN_DKIM_PRIVATE_KEY_FILE',
] as const satisfies readonly SettingName[];

const DEFAULT_PORT: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, geen: 25 };

/** The address part of "Naam <adres>" or of a bare address. */
const addressOf = (from: string) => (/<([^<>\s]+)>\s*$/.exec(from)?.[1] ?? from).trim();
const plainAddress = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export class MailSettingsError extends Error {}

/**
 * The mail settings from the environment: null when no SMTP variable is set (the hub sends no mail), else complete
 * settings. Throws a MailSettingsError naming what is missing or wrong when they are half there.
 */
export function mailSettings(env?: Env): MailSettings | null {
  const problems: string[] = [];
  /** The variable's value as core/config.ts reads it; a wrong one is listed with the rest. */
  const read = <N extends SettingName>(name: N): SettingValue<N> | undefined => {
    const result = trySetting(name, env);
    if (result.ok) return result.value;
    problems.push(result.message);
    return undefined;
  };
  const value = (name: Exclude<(typeof SMTP_VARIABLES)[number], 'GRONDPLAN_SMTP_PORT' | 'GRONDPLAN_SMTP_TLS'>) =>
    read(name)?.trim() ?? '';
  const given = SMTP_VARIABLES.filter((name) => settingText(name, env));
  if (given.length === 0) return null;
  const host = value('GRONDPLAN_SMTP_HOST');
  if (!host)
    problems.push(
      `GRONDPLAN_SMTP_HOST ontbreekt (de naam van de SMTP-server), terwijl ${given.join(', ')} wel is ingesteld.`,
    );
  const tls = trySetting('GRONDPLAN_SMTP_TLS', env);
  if (!tls.ok) problems.push(tls.message);
  const security = tls.ok ? (tls.value ?? 'starttls') : undefined;
  const port = read('GRONDPLAN_SMTP_PORT') ?? DEFAULT_PORT[security ?? 'starttls'];
  const user = value('GRONDPLAN_SMTP_USER');
  const pass = read('GRONDPLAN_SMTP_PASSWORD') ?? '';
  if (Boolean(user) !== Boolean(pass))
    problems.push(
      'Geef GRONDPLAN_SMTP_USER en GRONDPLAN_SMTP_PASSWORD allebei (inloggen bij de SMTP-server) of geen van beide.',
    );
  const from = value('GRONDPLAN_MAIL_FROM');
  if (!from)
    problems.push(
      'GRONDPLAN_MAIL_FROM ontbreekt: het afzenderadres, zoals "Grondplan <noreply@grondplan.example.nl>".',
    );
  else if (!plainAddress.test(addressOf(from))) problems.push(`GRONDPLAN_MAIL_FROM is geen e-mailadres: "${from}".`);
  const address = trySetting('GRONDPLAN_PUBLIC_URL', env);
  const publicUrl = address.ok ? address.value : null;
  if (!publicUrl)
    problems.push(
      `GRONDPLAN_PUBLIC_URL ontbreekt of is geen webadres ("${settingText('GRONDPLAN_PUBLIC_URL', env)}"): de links in e-mails gebruiken het adres waarop gebruikers Grondplan openen, zoals https://grondplan.example.nl.`,
    );
  const dkim = dkimSettings(
    value('GRONDPLAN_DKIM_DOMAIN'),
    value('GRONDPLAN_DKIM_SELECTOR'),
    value('GRONDPLAN_DKIM_PRIVATE_KEY_FILE'),
    from,
    problems,
  );
  if (problems.length > 0 || !security || !publicUrl)
    throw new MailSettingsError(`De e-mailinstellingen zijn niet compleet of niet juist:\n- ${problems.join('\n- ')}`);
  return { host, port, security, auth: user ? { user, pass } : null, from, publicUrl, dkim };
}

function dkimSettings(
  domainName: string,
  keySelector: string,
  keyFile: string,
  from: string,
  problems: string[],
): MailSettings['dkim'] {
  if (!domainName && !keySelector && !keyFile) return null;
  if (!domainName || !keySelector || !keyFile) {
    problems.push(
      'Voor DKIM zijn GRONDPLAN_DKIM_DOMAIN, GRONDPLAN_DKIM_SELECTOR en GRONDPLAN_DKIM_PRIVATE_KEY_FILE alle drie nodig.',
    );
    return null;
  }
  const fromDomain = addressOf(from).split('@')[1]?.toLowerCase() ?? '';
  const domain = domainName.toLowerCase();
  if (fromDomain && fromDomain !== domain && !fromDomain.endsWith(`.${domain}`))
    problems.push(
      `GRONDPLAN_DKIM_DOMAIN (${domainName}) hoort niet bij het afzenderadres (${fromDomain}): ontvangers zouden de handtekening niet aan de afzender koppelen.`,
    );
  let privateKey = '';
  try {
    privateKey = readFileSync(keyFile, 'utf8');
    createPrivateKey(privateKey);
  } catch {
    problems.push(
      `GRONDPLAN_DKIM_PRIVATE_KEY_FILE (${keyFile}) kan niet worden gelezen of bevat geen privésleutel in PEM-formaat.`,
    );
  }
  return { domainName: domain, keySelector, privateKey };
}

let settings: MailSettings | null | undefined;
let transport: Transporter | null = null;

/** The hub's settings, read once. */
function current(): MailSettings | null {
  if (settings === undefined) settings = mailSettings();
  return settings;
}

/** Checks the settings as the server starts (throws on half-configured ones); true when the hub sends mail. */
export function checkMailSettings(): boolean {
  return current() !== null;
}

/** For tests: read the environment again (another SMTP server, or none). */
export function resetMailSettings(): void {
  transport?.close();
  transport = null;
  settings = undefined;
}

/** Whether this hub sends mail (SMTP configured). */
export const mailConfigured = (): boolean => current() !== null;

/** A path on this hub as an absolute link for a mail, on GRONDPLAN_PUBLIC_URL; null when the hub sends no mail. */
export function mailLink(path: string): string | null {
  const base = current()?.publicUrl;
  return base ? new URL(path, base).toString() : null;
}

function transporter(s: MailSettings): Transporter {
  transport ??= nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'geen',
    ...(s.auth ? { auth: s.auth } : {}),
    ...(s.dkim ? { dkim: s.dkim } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return transport;
}

/**
 * Sends one plain-text mail; true when the SMTP server accepted it. Never throws: a failure is logged with the
 * recipient's domain and the server's reason only (the text may hold a one-time link).
 */
export async function sendMail(to: string, mail: MailText): Promise<boolean> {
  const s = current();
  if (!s) return false;
  try {
    await transporter(s).sendMail({
      from: s.from,
      to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return true;
  } catch (error) {
    console.error(
      `E-mail "${mail.subject}" aan een adres bij ${to.split('@')[1] ?? '?'} is niet verstuurd: ${error instanceof Error ? error.message : error}`,
    );
    return false;
  }
}

/** How long a request waits for the mail server (an invitation): well within an operation's time limit (graphql/limits.ts). */
const SEND_WAIT_MS = 8000;

/**
 * Sends and waits at most SEND_WAIT_MS: true when the mail server accepted the mail by then. A slower send goes on
 * after the answer; the caller treats it as not sent (and shows the link itself).
 */
export async function sendMailWaiting(to: string, mail: MailText): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const sending = sendMail(to, mail);
  afterResponse(() => sending);
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), SEND_WAIT_MS);
  });
  try {
    return await Promise.race([sending, late]);
  } finally {
    clearTimeout(timer);
  }
}

const running = new Set<Promise<void>>();

/**
 * Runs work after the current request has its answer: the answer neither waits for it nor shows, by its timing,
 * whether there was any (a reset for an unknown address does nothing). Errors are logged.
 */
export function afterResponse(work: () => Promise<unknown>): void {
  const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .then(
      () => undefined,
      (error: unknown) => console.error('Werk na het antwoord is mislukt:', error),
    )
    .finally(() => running.delete(task));
  running.add(task);
}

/** Resolves when all work queued by afterResponse (and what it queued in turn) is done: for tests and shutdown. */
export async function mailSettled(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}

/**
 * A notice to an account's owner that something changed (a new sign-in method, a changed password, a new
 * membership), queued after the response; nothing when the hub sends no mail.
 */
export function sendNotice(to: string, notice: NoticeInput): void {
  if (!mailConfigured()) return;
  afterResponse(() => sendMail(to, noticeMail(notice, mailLink('/account') ?? '')));
}
