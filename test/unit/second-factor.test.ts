// TOTP with fixed clocks: the RFC 6238 test vectors (appendix B, SHA-1) through otplib, the hub's window of one step
// either side, the replay rule, and the recovery codes' format.
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  groupedSecret,
  newRecoveryCodes,
  normaliseRecoveryCode,
  qrCodeDataUrl,
  RECOVERY_CODE_COUNT,
  TOTP,
  totpStep,
  totpUri,
} from '#core/second-factor.ts';
import { totpAt } from '../helpers/totp.ts';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII of "12345678901234567890", eight digits, 30-second steps.
const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('gives the RFC’s SHA-1 code at %i seconds', async (epoch, code) => {
    expect(await generate({ secret: RFC_SEED, epoch, algorithm: 'sha1', digits: 8, period: 30 })).toBe(code);
  });

  it('uses what authenticator apps use: SHA-1, six digits, 30 seconds', async () => {
    // The last six digits of the RFC's eight at the same moment.
    expect(await totpAt(RFC_SEED, 1111111109)).toBe('081804');
    expect(TOTP).toMatchObject({ algorithm: 'sha1', digits: 6, period: 30 });
  });

  it('accepts the current step and one either side, not two away, and names the step', async () => {
    const epoch = 1_234_567_890;
    const step = Math.floor(epoch / 30);
    expect(await totpStep(RFC_SEED, await totpAt(RFC_SEED, epoch), 0, epoch)).toBe(step);
    expect(await totpStep(RFC_SEED, await totpAt(RFC_SEED, epoch - 30), 0, epoch)).toBe(step - 1);
    expect(await totpStep(RFC_SEED, await totpAt(RFC_SEED, epoch + 30), 0, epoch)).toBe(step + 1);
    expect(await totpStep(RFC_SEED, await totpAt(RFC_SEED, epoch - 60), 0, epoch)).toBeNull();
    expect(await totpStep(RFC_SEED, await totpAt(RFC_SEED, epoch + 60), 0, epoch)).toBeNull();
  });

  it('refuses a code of a step already used, or an earlier one, and accepts a later one (the replay rule)', async () => {
    const epoch = 2_000_000_000;
    const step = Math.floor(epoch / 30);
    const code = await totpAt(RFC_SEED, epoch);
    expect(await totpStep(RFC_SEED, code, step, epoch)).toBeNull();
    expect(await totpStep(RFC_SEED, await totpAt(RFC_SEED, epoch - 30), step, epoch)).toBeNull();
    expect(await totpStep(RFC_SEED, code, step - 1, epoch)).toBe(step);
    expect(await totpStep(RFC_SEED, await totpAt(RFC_SEED, epoch + 30), step, epoch)).toBe(step + 1);
  });

  it('reads a code with a space or dash, and refuses anything but six digits', async () => {
    const epoch = 1_111_111_111;
    const code = await totpAt(RFC_SEED, epoch);
    expect(await totpStep(RFC_SEED, `${code.slice(0, 3)} ${code.slice(3)}`, 0, epoch)).not.toBeNull();
    expect(await totpStep(RFC_SEED, `${code.slice(0, 3)}-${code.slice(3)}`, 0, epoch)).not.toBeNull();
    for (const wrong of ['', '12345', '1234567', 'abcdef', `${code}0`])
      expect(await totpStep(RFC_SEED, wrong, 0, epoch)).toBeNull();
  });

  it('describes the seed for apps (otpauth URI, QR code as SVG) and in groups of four to type over', async () => {
    const uri = totpUri('a@emmen.test', RFC_SEED);
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(RFC_SEED);
    expect(url.searchParams.get('issuer')).toBe('Grondplan');
    expect(decodeURIComponent(url.pathname)).toContain('a@emmen.test');
    const qr = await qrCodeDataUrl(uri);
    expect(qr.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(qr.split(',')[1] ?? '', 'base64').toString()).toContain('<svg');
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});

describe('recovery codes', () => {
  it('are ten different codes of ten characters, read without regard to case, spaces or dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const [first = ''] = codes;
    expect(normaliseRecoveryCode(` ${first.toUpperCase().replace('-', ' ')} `)).toBe(first.replace('-', ''));
  });
});
