import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, SEALED_PREFIX } from './secret-box.js';

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, and seals the same secret differently each time', () => {
    const first = box.seal('whsec_abc', 'purpose');
    const second = box.seal('whsec_abc', 'purpose');
    expect(first.startsWith(SEALED_PREFIX)).toBe(true);
    expect(first).not.toContain('whsec_abc');
    expect(first).not.toBe(second);
    expect(box.open(first, 'purpose')).toBe('whsec_abc');
    expect(box.open(second, 'purpose')).toBe('whsec_abc');
  });

  it('refuses another key, another purpose, a changed value and plain text', () => {
    const sealed = box.seal('whsec_abc', 'purpose');
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'purpose')).toThrow();
    expect(() => box.open(sealed, 'another purpose')).toThrow();
    const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => box.open(`${SEALED_PREFIX}${bytes.toString('base64url')}`, 'purpose')).toThrow();
    expect(() => box.open('whsec_abc', 'purpose')).toThrow(/not a sealed/);
  });

  it('takes a 32-byte key only', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
