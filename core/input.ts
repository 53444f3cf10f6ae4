// Input validation with zod: Dutch messages, field paths, and the shared building blocks of the mutation inputs.
import { z } from 'zod';
import { ValidationError } from './errors.ts';

// Validation messages reach Dutch users: zod speaks Dutch, wherever these schemas are used.
z.config(z.locales.nl());

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, path: string[] = ['input']): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ path: [...path, ...issue.path.map(String)], message: issue.message })),
  );
}

// Control characters (other than tab and newlines) have no place in landscape text.
const noControlCharacters = (s: string) =>
  ![...s].some((c) => {
    const code = c.charCodeAt(0);
    return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127;
  });

/** Free text: trimmed, bounded, no control characters. Markup is stored as typed and always escaped on output. */
export const text = (max: number) =>
  z.string().trim().max(max, `Maximaal ${max} tekens.`).refine(noControlCharacters, 'Bevat ongeldige tekens.');

export const requiredText = (max: number) => text(max).min(1, 'Vul dit veld in.');
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Gebruik kleine letters, cijfers en koppeltekens.')
  .max(100, 'Maximaal 100 tekens.');
export const gemmaId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Geen geldige GEMMA-id.');
export const biv = z.number().int('Kies 1, 2 of 3.').min(1, 'Kies 1, 2 of 3.').max(3, 'Kies 1, 2 of 3.');
export const revision = z.number().int().min(1, 'Onbekende revisie.');
export const fte = z.number().min(0, 'Niet negatief.').max(50, 'Maximaal 50 fte.');
/** Dates between 1950 and 2100: anything outside is a typing error. */
export const date = z
  .date()
  .refine((d) => d.getUTCFullYear() >= 1950 && d.getUTCFullYear() <= 2100, 'Kies een datum tussen 1950 en 2100.');
export const euros = z
  .number()
  .int('Hele euro’s.')
  .min(0, 'Niet negatief.')
  .max(1_000_000_000, 'Dat bedrag is te groot.');
