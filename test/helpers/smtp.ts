// A real SMTP server for tests (smtp-server on a loopback port): every message it receives is kept raw and parsed
// with mailparser, so tests read mails as a mail client would and follow the links in them.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  /** The message as it arrived, headers and all (for DKIM checks). */
  raw: Buffer;
  parsed: ParsedMail;
  subject: string;
  text: string;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  /** The mails to one address. */
  to(address: string): ReceivedMail[];
  /** The next mail to an address, when it arrives (for a hub in another process, which sends after answering). */
  next(address: string): Promise<ReceivedMail>;
  /** Environment for a hub that sends here (GRONDPLAN_SMTP_*, the sender and the public address for links). */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Makes the server refuse every message (a failing mail server) until called with false. */
  refuse(refusing: boolean): void;
  close(): Promise<void>;
}

export const TEST_PUBLIC_URL = 'https://grondplan.test';

/** Starts the server on 127.0.0.1 with a free port; no TLS and no authentication (loopback only). */
export async function startSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const waiting: { address: string; resolve: (mail: ReceivedMail) => void }[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusing) {
          callback(Object.assign(new Error('Bericht geweigerd (test)'), { responseCode: 554 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const mail = {
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            };
            mails.push(mail);
            for (const waiter of waiting.filter((w) => mail.to.includes(w.address))) {
              waiting.splice(waiting.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    to: (address) => mails.filter((m) => m.to.includes(address)),
    next: (address) => new Promise((resolve) => waiting.push({ address, resolve })),
    env: (extra = {}) => ({
      GRONDPLAN_SMTP_HOST: '127.0.0.1',
      GRONDPLAN_SMTP_PORT: String(port),
      GRONDPLAN_SMTP_TLS: 'geen',
      GRONDPLAN_MAIL_FROM: 'Grondplan <noreply@grondplan.test>',
      GRONDPLAN_PUBLIC_URL: TEST_PUBLIC_URL,
      ...extra,
    }),
    refuse: (value) => {
      refusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that starts with `base`. */
export function linkIn(mail: ReceivedMail | undefined, base = TEST_PUBLIC_URL): URL | null {
  const found = mail?.text.match(/https?:\/\/\S+/g)?.find((link) => link.startsWith(base));
  return found ? new URL(found) : null;
}
