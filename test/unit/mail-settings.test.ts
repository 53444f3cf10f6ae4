// Mail settings come from the environment only: none means no mail, half of them stops the hub with what is missing.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MailSettingsError, mailSettings } from '#core/mail.ts';
import { noticeMail, passwordResetMail, whenNl } from '#core/mail-templates.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'grondplan-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keyFile = path.join(dir, 'dkim.pem');
writeFileSync(
  keyFile,
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
);
const notAKey = path.join(dir, 'geen-sleutel.pem');
writeFileSync(notAKey, 'dit is geen sleutel');

const complete = {
  GRONDPLAN_SMTP_HOST: 'smtp.emmen.nl',
  GRONDPLAN_MAIL_FROM: 'Grondplan <noreply@grondplan.emmen.nl>',
  GRONDPLAN_PUBLIC_URL: 'https://grondplan.emmen.nl',
};
const problem = (env: Record<string, string>) => {
  try {
    mailSettings(env);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(MailSettingsError);
    return (error as Error).message;
  }
};

describe('mail settings', () => {
  it('sends no mail without any setting', () => {
    expect(mailSettings({})).toBeNull();
    expect(mailSettings({ GRONDPLAN_PUBLIC_URL: 'https://grondplan.emmen.nl', GRONDPLAN_SMTP_HOST: ' ' })).toBeNull();
  });

  it('takes a complete set, with STARTTLS on port 587 unless told otherwise', () => {
    expect(mailSettings(complete)).toMatchObject({
      host: 'smtp.emmen.nl',
      port: 587,
      security: 'starttls',
      auth: null,
      dkim: null,
    });
    expect(mailSettings({ ...complete, GRONDPLAN_SMTP_TLS: 'tls' })).toMatchObject({ port: 465, security: 'tls' });
    expect(
      mailSettings({
        ...complete,
        GRONDPLAN_SMTP_TLS: 'geen',
        GRONDPLAN_SMTP_PORT: '2525',
        GRONDPLAN_SMTP_USER: 'grondplan',
        GRONDPLAN_SMTP_PASSWORD: 'geheim',
      }),
    ).toMatchObject({ port: 2525, security: 'geen', auth: { user: 'grondplan', pass: 'geheim' } });
    const signed = mailSettings({
      ...complete,
      GRONDPLAN_DKIM_DOMAIN: 'emmen.nl',
      GRONDPLAN_DKIM_SELECTOR: 'grondplan',
      GRONDPLAN_DKIM_PRIVATE_KEY_FILE: keyFile,
    });
    expect(signed?.dkim).toMatchObject({ domainName: 'emmen.nl', keySelector: 'grondplan' });
    expect(signed?.dkim?.privateKey).toContain('PRIVATE KEY');
  });

  it('says in Dutch what is missing or wrong in a half-configured set', () => {
    expect(
      problem({ GRONDPLAN_MAIL_FROM: 'noreply@emmen.nl', GRONDPLAN_PUBLIC_URL: 'https://grondplan.emmen.nl' }),
    ).toContain('GRONDPLAN_SMTP_HOST ontbreekt');
    expect(problem({ ...complete, GRONDPLAN_MAIL_FROM: '' })).toContain('GRONDPLAN_MAIL_FROM ontbreekt');
    expect(problem({ ...complete, GRONDPLAN_MAIL_FROM: 'Grondplan' })).toContain(
      'GRONDPLAN_MAIL_FROM is geen e-mailadres',
    );
    expect(problem({ ...complete, GRONDPLAN_PUBLIC_URL: '' })).toContain('GRONDPLAN_PUBLIC_URL ontbreekt');
    expect(problem({ ...complete, GRONDPLAN_PUBLIC_URL: 'javascript:alert(1)' })).toContain(
      'GRONDPLAN_PUBLIC_URL ontbreekt of is geen webadres',
    );
    expect(problem({ ...complete, GRONDPLAN_SMTP_TLS: 'ssl' })).toContain(
      'GRONDPLAN_SMTP_TLS moet "tls", "starttls" of "geen" zijn',
    );
    expect(problem({ ...complete, GRONDPLAN_SMTP_PORT: '70000' })).toContain('GRONDPLAN_SMTP_PORT');
    expect(problem({ ...complete, GRONDPLAN_SMTP_USER: 'grondplan' })).toContain(
      'GRONDPLAN_SMTP_USER en GRONDPLAN_SMTP_PASSWORD allebei',
    );
    expect(problem({ ...complete, GRONDPLAN_DKIM_DOMAIN: 'emmen.nl' })).toContain('alle drie nodig');
    const dkim = { GRONDPLAN_DKIM_DOMAIN: 'emmen.nl', GRONDPLAN_DKIM_SELECTOR: 'grondplan' };
    expect(problem({ ...complete, ...dkim, GRONDPLAN_DKIM_PRIVATE_KEY_FILE: notAKey })).toContain(
      'geen privésleutel in PEM-formaat',
    );
    expect(
      problem({ ...complete, ...dkim, GRONDPLAN_DKIM_PRIVATE_KEY_FILE: path.join(dir, 'bestaat-niet.pem') }),
    ).toContain('kan niet worden gelezen');
    expect(
      problem({ ...complete, ...dkim, GRONDPLAN_DKIM_DOMAIN: 'elders.nl', GRONDPLAN_DKIM_PRIVATE_KEY_FILE: keyFile }),
    ).toContain('hoort niet bij het afzenderadres');
    // Every problem at once, not one per start.
    expect(
      problem({ GRONDPLAN_SMTP_HOST: 'smtp.emmen.nl', GRONDPLAN_SMTP_TLS: 'ssl' })?.split('\n- ').slice(1),
    ).toHaveLength(3);
  });
});

describe('mail texts', () => {
  it('puts the link and its end in Dutch time in the reset mail', () => {
    const mail = passwordResetMail({
      link: 'https://grondplan.emmen.nl/wachtwoord-herstellen?sleutel=gpr_x',
      expiresAt: new Date('2026-12-01T10:30:00Z'),
    });
    expect(whenNl(new Date('2026-12-01T10:30:00Z'))).toBe('1 december 2026 om 11:30');
    expect(mail.text).toContain('\nhttps://grondplan.emmen.nl/wachtwoord-herstellen?sleutel=gpr_x\n');
    expect(mail.text).toContain('tot 1 december 2026 om 11:30 (een uur)');
  });

  it('says what changed, when and from where in a notice', () => {
    const mail = noticeMail(
      {
        kind: 'NEW_SIGN_IN_METHOD',
        detail: 'een app voor inlogcodes',
        when: new Date('2026-07-01T08:00:00Z'),
        address: '192.0.2.1',
      },
      'https://grondplan.emmen.nl/account',
    );
    expect(mail.subject).toBe('Nieuwe manier van inloggen bij Grondplan');
    expect(mail.text).toContain(
      'Aan je account is een nieuwe manier van inloggen toegevoegd: een app voor inlogcodes.',
    );
    expect(mail.text).toContain('Dit gebeurde op 1 juli 2026 om 10:00 vanaf het adres 192.0.2.1.');
    expect(mail.text).toContain('Wachtwoord vergeten?');
  });
});
