// graphql/wrong-ids.ts reads the relay plugin's own messages for a wrong id: this fails when an upgrade rewords them.
import { PothosValidationError } from '@pothos/core';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '#core/errors.ts';
import { wrongIdError } from '#graphql/wrong-ids.ts';

const thrownBy = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
};

describe('wrongIdError', () => {
  it('turns the relay plugin’s error for a string that is no global id into NotFoundError', () => {
    const error = wrongIdError(thrownBy(() => decodeGlobalID('geen-id')));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('Object "geen-id" bestaat niet.');
  });

  it('turns the relay plugin’s error for an id of another type into NotFoundError named for the type asked', () => {
    const id = encodeGlobalID('Usage', 'x');
    // The wording of @pothos/plugin-relay's utils/internal.ts for an id that is not of the `for` type(s).
    const error = wrongIdError(new PothosValidationError(`ID: ${id} is not of type: Programme`));
    expect((error as Error).message).toBe(`Programma "${id}" bestaat niet.`);
  });

  it('leaves any other error as it is', () => {
    const other = new PothosValidationError('iets anders');
    expect(wrongIdError(other)).toBe(other);
  });
});
