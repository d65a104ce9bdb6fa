import { describe, expect, it } from 'vitest';
import { describeFaultSpec, FaultSpecError, parseFaultSpec } from '../../../../lib/local-runtime/faults/spec.js';

describe('parseFaultSpec (DSR_FAULTS)', () => {
  it('reads the rate of each kind and the seed; kinds not named fail nothing', () => {
    expect(parseFaultSpec('dynamodb=0.1, s3=0.3,ses=0.2,crash=0.05,seed=42')).toEqual({
      rates: { dynamodb: 0.1, s3: 0.3, ses: 0.2, crash: 0.05 },
      seed: 42,
    });
    expect(parseFaultSpec('ses=1')).toEqual({ rates: { dynamodb: 0, s3: 0, ses: 1, crash: 0 }, seed: 1 });
  });

  it('an unset or blank spec is no faults', () => {
    expect(parseFaultSpec(undefined)).toBeUndefined();
    expect(parseFaultSpec('  ')).toBeUndefined();
  });

  it.each([
    ['dynamo=0.1', /unknown fault "dynamo"/],
    ['s3=1.5', /s3 must be a probability from 0 to 1, not "1.5"/],
    ['s3=-0.1', /s3 must be a probability/],
    ['ses=abc', /ses must be a probability/],
    ['seed=4.2', /seed must be a whole number/],
    ['s3=0.1,s3=0.2', /"s3" is named twice/],
    ['s3', /"s3" is not name=value/],
    ['s3=0.1,,ses=0.1', /"" is not name=value/],
  ])('refuses %s, naming what is wrong', (text, message) => {
    expect(() => parseFaultSpec(text)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(text)).toThrow(message);
  });

  it('describes a spec as it can be given again', () => {
    const spec = parseFaultSpec('crash=0.05,dynamodb=0.1,seed=7')!;
    expect(describeFaultSpec(spec)).toBe('dynamodb=0.1,crash=0.05,seed=7');
    expect(parseFaultSpec(describeFaultSpec(spec))).toEqual(spec);
  });
});
