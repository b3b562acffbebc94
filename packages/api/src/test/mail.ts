import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How long a test waits for a message to arrive before giving up (a busy machine is slow). */
const ARRIVAL_WAIT_MS = 30_000;

async function waitFor<T>(what: string, found: () => T | undefined): Promise<T> {
  const until = Date.now() + ARRIVAL_WAIT_MS;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing arrived: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A real SMTP server on a loopback port keeping every mail it receives, parsed. `refuses` names
 * the addresses it answers `550` for (a mailbox that does not exist), which can change meanwhile.
 */
export async function startMailbox(options: { refuses?: Set<string> } = {}) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuses?.has(address.address.toLowerCase())) {
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const recipients = (mail: ParsedMail) =>
    [mail.to ?? []].flat().flatMap((address) => address.value.map((entry) => entry.address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The latest mail to the address, waiting for it to arrive. */
    mailTo: (address: string) =>
      waitFor(`mail to ${address}`, () => received.findLast((mail) => recipients(mail).includes(address))),
    /** The first mail to the address whose subject contains `part`, waiting for it to arrive. */
    mailWithSubject: (address: string, part: string) =>
      waitFor(`mail to ${address} about ${part}`, () =>
        received.find((mail) => recipients(mail).includes(address) && mail.subject?.includes(part)),
      ),
    /** Every mail to the address so far. */
    mailsTo: (address: string) => received.filter((mail) => recipients(mail).includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The settings of an app that mails through the mailbox, its delivery queue polled often. */
export const mailingConfig = (mailbox: { url: string }) => ({
  SMTP_URL: mailbox.url,
  MAIL_FROM: 'Saishi <no-reply@saishi.test>',
  JOBS_POLL_SECONDS: 0.5,
});

/** A fake of an HTTP provider (Alibaba Cloud SMS) on a loopback port: keeps each request's query, answers `reply`. */
export async function startFakeProvider(reply: (query: URLSearchParams) => { status: number; body: unknown }) {
  const requests: URLSearchParams[] = [];
  const server: Server = createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://fake').searchParams;
    requests.push(query);
    const answer = reply(query);
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestTo: (phone: string) =>
      waitFor(`SMS to ${phone}`, () => requests.findLast((query) => query.get('PhoneNumbers') === phone)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
