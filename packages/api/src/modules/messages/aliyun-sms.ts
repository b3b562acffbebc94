import { createHmac, randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import type { SmsSender } from './channels.js';

/** RFC 3986 encoding as Alibaba Cloud's RPC signature wants it: only A-Z a-z 0-9 - _ . ~ stay. */
export const percentEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Signature of an Alibaba Cloud RPC request (SignatureMethod HMAC-SHA1, SignatureVersion 1.0):
 * HMAC-SHA1, keyed with `secret&`, of `METHOD&%2F&` + the encoded, sorted, encoded query.
 */
export function signRpcRequest(method: 'GET' | 'POST', params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** `verification_code=SMS_123,…`: the provider's registered template code of each kind. */
export function parseTemplateCodes(setting: string): Record<string, string> {
  return Object.fromEntries(
    setting
      .split(',')
      .map((pair) => pair.split('=').map((part) => part.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2 && Boolean(pair[0]) && Boolean(pair[1])),
  );
}

/**
 * Alibaba Cloud SMS (dysmsapi, API version 2017-05-25, action SendSms): a signed GET whose answer
 * is JSON with `Code` "OK" on success; any other code (or HTTP status) is a failed try.
 */
export function aliyunSmsSender(config: Config): SmsSender {
  const templates = parseTemplateCodes(config.ALIYUN_SMS_TEMPLATES);
  return {
    async send(sms) {
      const templateCode = templates[sms.kind];
      if (!templateCode) throw new Error(`ALIYUN_SMS_TEMPLATES has no template for ${sms.kind}`);
      const params: Record<string, string> = {
        AccessKeyId: config.ALIYUN_ACCESS_KEY_ID ?? '',
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: sms.to,
        RegionId: 'cn-hangzhou',
        SignName: config.ALIYUN_SMS_SIGN_NAME ?? '',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(sms.params),
        // Alibaba Cloud wants UTC without milliseconds; the request's own time, not the platform clock.
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      const signature = signRpcRequest('GET', params, config.ALIYUN_ACCESS_KEY_SECRET ?? '');
      const query = Object.entries({ Signature: signature, ...params })
        .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
        .join('&');
      const response = await fetch(`${config.ALIYUN_SMS_ENDPOINT}/?${query}`, { signal: AbortSignal.timeout(10_000) });
      const answer = (await response.json().catch(() => ({}))) as { Code?: string; Message?: string };
      if (!response.ok || answer.Code !== 'OK')
        throw new Error(`Aliyun SMS refused: ${answer.Code ?? response.status} ${answer.Message ?? ''}`.trim());
    },
  };
}
