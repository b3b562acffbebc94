import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Db } from '../../lib/deps.js';
import type { VerificationSender } from '../accounts/verification.js';
import { createMailer, createSmsSender } from './channels.js';
import { REMINDERS_QUEUE, sendCollectionReminders, sendReviewReminders } from './reminders.js';
import { DELIVER_QUEUE, DELIVERY_RETRY_LIMIT, deliver, notify, type DeliverJob, type NotifyInput } from './service.js';

/** Telling people things: `app.messenger.notify({ kind, userId, params, secrets })`. */
export interface Messenger {
  /** Records the notification (inbox) and queues its e-mail or SMS, in `tx` when given; its id. */
  notify(input: NotifyInput, tx?: Db): Promise<string>;
  /** The platform's public address (PUBLIC_URL without its trailing slash), for links in messages. */
  publicUrl: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    messenger: Messenger;
  }
}

/** Sign-up codes through the messenger: e-mail or SMS, delivered by a job with retries. */
export const messengerVerificationSender = (messenger: Messenger): VerificationSender => ({
  async send(message) {
    await messenger.notify({
      kind: 'verification_code',
      to: message.channel === 'email' ? { email: message.to } : { mobile: message.to },
      params: { minutes: String(message.minutes) },
      secrets: { code: message.code },
      ...(message.locale ? { locale: message.locale } : {}),
    });
  },
});

/**
 * Decorates the app with `messenger` and runs the delivery queue in this instance: e-mail through
 * SMTP (SMTP_URL) or the log, SMS through the configured provider.
 */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const channels = {
      mailer: createMailer(config, app.log),
      sms: createSmsSender(config, app.log),
      publicUrl: config.PUBLIC_URL.replace(/\/$/, ''),
      secret: config.JWT_SECRET,
    };
    app.decorate('messenger', {
      notify: (input: NotifyInput, tx?: Db) => notify(app.deps, app.jobs, input, tx, channels.publicUrl),
      publicUrl: channels.publicUrl,
    });
    await app.jobs.work<DeliverJob>(
      DELIVER_QUEUE,
      (job) => deliver(app.deps, channels, { ...job.data, retryCount: job.retryCount }),
      {
        retryLimit: DELIVERY_RETRY_LIMIT,
      },
    );
    // Reminders: every instance asks now and then; a singleton job runs the look once at a time.
    await app.jobs.work(
      REMINDERS_QUEUE,
      async () => {
        await sendCollectionReminders(app.deps);
        await sendReviewReminders(app.deps);
      },
      { retryLimit: 0 },
    );
    const remind = () =>
      void app.jobs
        .send(REMINDERS_QUEUE, {}, { singletonKey: REMINDERS_QUEUE })
        .catch((error: unknown) => app.log.error({ err: error }, 'reminders'));
    const timer = setInterval(remind, config.REMINDERS_EVERY_SECONDS * 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'messenger', dependencies: ['jobs'] },
);
