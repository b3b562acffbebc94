import { createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret: 32 random bytes, shown once (at creation or rotation). */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` under the secret. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The `Saishi-Signature` header of a delivery: `t=<unix seconds>,v1=<signature>`, one `v1` per
 * secret in force (the new and, for a while after a rotation, the previous one).
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',');
}
