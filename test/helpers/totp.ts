// TOTP for tests: a known seed for test accounts and the next code for it. A time step once accepted is not accepted
// again (the replay rule), so a test that signs in twice within 30 seconds gets the next step's code, which the hub
// accepts one step early (clock drift); a third sign-in within the same step waits for the step to pass.
import { setTimeout as sleep } from 'node:timers/promises';
import { generate } from 'otplib';
import { TOTP } from '#core/second-factor.ts';

/** The authenticator seed of the test accounts that have one (instance administrators, unless a test says otherwise). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const lastStep = new Map<string, number>();

/** The code for `secret` at `epoch` (seconds). */
export const totpAt = (secret: string, epoch: number) =>
  generate({ secret, epoch, algorithm: TOTP.algorithm, digits: TOTP.digits, period: TOTP.period });

/** A code for a time step not yet used in this process for `account` (the replay rule is per account), now or one step ahead. */
export async function nextTotpCode(account: string, secret = TEST_TOTP_SECRET): Promise<string> {
  const key = `${account}\n${secret}`;
  const current = Math.floor(Date.now() / 1000 / TOTP.period);
  const step = Math.max(current, (lastStep.get(key) ?? 0) + 1);
  if (step > current + 1) await sleep((step - 1) * TOTP.period * 1000 - Date.now() + 200);
  lastStep.set(key, step);
  return totpAt(secret, step * TOTP.period);
}
