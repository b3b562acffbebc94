import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { NotificationKind } from '@saishi/shared';
import type { Config } from '../../config.js';
import { aliyunSmsSender } from './aliyun-sms.js';
import type { TemplateParams } from './templates.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The unsubscribe link of non-essential mail: List-Unsubscribe and one-click List-Unsubscribe-Post (RFC 8058). */
  unsubscribeUrl?: string | undefined;
}

/** Sends one e-mail; throws when the server refuses it (the job retries). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export interface Sms {
  to: string;
  kind: NotificationKind;
  /** The template's parameters, secrets included. */
  params: TemplateParams;
}

/** An SMS provider: sends a kind's registered template with its parameters; throws on refusal. */
export interface SmsSender {
  send(sms: Sms): Promise<void>;
}

/** SMTP through nodemailer when SMTP_URL is set, else the `log` driver (the server log). */
export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  if (!config.SMTP_URL) {
    return {
      async send(mail) {
        log.info({ to: mail.to, subject: mail.subject, text: mail.text }, 'e-mail (log driver)');
      },
    };
  }
  const url = config.SMTP_URL;
  // nodemailer loads on the first e-mail sent, not at every start of the API.
  let transport: Promise<Transporter> | undefined;
  const smtp = () => (transport ??= import('nodemailer').then(({ default: mailer }) => mailer.createTransport(url)));
  return {
    async send({ unsubscribeUrl, ...mail }) {
      const transporter = await smtp();
      await transporter.sendMail({
        from: config.MAIL_FROM,
        ...mail,
        ...(unsubscribeUrl
          ? {
              list: { unsubscribe: unsubscribeUrl },
              headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
            }
          : {}),
      });
    },
  };
}

/** The configured SMS provider: `log` (the server log) or `aliyun` (Alibaba Cloud SMS). */
export function createSmsSender(config: Config, log: FastifyBaseLogger): SmsSender {
  if (config.SMS_DRIVER === 'aliyun') return aliyunSmsSender(config);
  return {
    async send(sms) {
      log.info({ to: sms.to, kind: sms.kind, params: sms.params }, 'SMS (log driver)');
    },
  };
}
