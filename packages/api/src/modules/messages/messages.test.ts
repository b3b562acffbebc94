import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { mailingConfig, startFakeProvider, startMailbox } from '../../test/mail.js';
import { signRpcRequest } from './aliyun-sms.js';

const password = 'Correct-Horse-42';

describe('e-mail over SMTP', () => {
  let t: TestApp;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await createTestApp({
      deliverMessages: true,
      config: mailingConfig(mailbox),
    });
  });
  afterAll(async () => {
    await t?.close();
    await mailbox?.close();
  });

  it('mails the sign-up code in English, text and HTML, and the code confirms the account', async () => {
    await t.http
      .post('/api/v1/auth/signup')
      .set('accept-language', 'en')
      .send({ email: 'Ada@Example.test', password, displayName: 'Ada', privacyNoticeId: await t.privacyNoticeId() })
      .expect(202);
    const mail = await mailbox.mailTo('ada@example.test');
    expect(mail.subject).toBe('Your Saishi sign-up code');
    expect(mail.from?.value).toEqual([{ name: 'Saishi', address: 'no-reply@saishi.test' }]);
    const code = /code is (\d{6})/.exec(mail.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(mail.html).toContain(`code is ${code}`);
    expect(mail.text).toContain('It works for 15 minutes');
    // A security message has no unsubscribe link.
    expect(mail.text).not.toContain('unsubscribe');
    await t.http.post('/api/v1/auth/verify').send({ login: 'ada@example.test', code }).expect(200);
  });

  it('writes in Chinese by default, and keeps the code out of the stored copy', async () => {
    await t.http
      .post('/api/v1/auth/signup')
      .send({ email: 'li@example.test', password, displayName: '李雷', privacyNoticeId: await t.privacyNoticeId() })
      .expect(202);
    const mail = await mailbox.mailTo('li@example.test');
    expect(mail.subject).toBe('赛事平台注册验证码');
    const code = /验证码是 (\d{6})/.exec(mail.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const { notifications } = await import('./tables.js');
    const copies = await t.db.select().from(notifications);
    const copy = copies.find((row) => row.body.includes('验证码是'))!;
    expect(copy.body).not.toContain(code);
    expect(copy.body).toContain('验证码是 ••••••');
  });
});

describe('SMS through Alibaba Cloud', () => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startFakeProvider>>;
  const secret = 'fake-secret';

  beforeAll(async () => {
    provider = await startFakeProvider((query) => {
      // The fake checks the signature the way the provider does: recomputed over every other parameter.
      const params = Object.fromEntries([...query].filter(([key]) => key !== 'Signature'));
      const valid = signRpcRequest('GET', params, secret) === query.get('Signature');
      return valid
        ? { status: 200, body: { Code: 'OK', Message: 'OK', BizId: '1', RequestId: 'r' } }
        : { status: 400, body: { Code: 'SignatureDoesNotMatch', Message: 'bad signature' } };
    });
    t = await createTestApp({
      deliverMessages: true,
      config: {
        SMS_DRIVER: 'aliyun',
        ALIYUN_SMS_ENDPOINT: provider.url,
        ALIYUN_ACCESS_KEY_ID: 'fake-id',
        ALIYUN_ACCESS_KEY_SECRET: secret,
        ALIYUN_SMS_SIGN_NAME: '赛事平台',
        ALIYUN_SMS_TEMPLATES: 'verification_code=SMS_000001',
        JOBS_POLL_SECONDS: 0.5,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('sends the sign-up code as a signed SendSms request with the registered template', async () => {
    await t.http
      .post('/api/v1/auth/signup')
      .send({ mobile: '13912345678', password, displayName: '王芳', privacyNoticeId: await t.privacyNoticeId() })
      .expect(202);
    const request = await provider.requestTo('13912345678');
    expect(Object.fromEntries(request)).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      AccessKeyId: 'fake-id',
      SignName: '赛事平台',
      TemplateCode: 'SMS_000001',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    });
    const params = JSON.parse(request.get('TemplateParam')!) as { code: string; minutes: string };
    expect(params.minutes).toBe('15');
    await t.http.post('/api/v1/auth/verify').send({ login: '13912345678', code: params.code }).expect(200);
  });

  it('signs as the provider documents (its published example)', () => {
    const example = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(signRpcRequest('GET', example, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });
});
