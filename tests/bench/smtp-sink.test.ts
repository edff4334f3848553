import nodemailer from 'nodemailer';
import { feedbackOverdueTally } from '../../bench/feedback-overdue';
import { SmtpSink } from '../../bench/smtp-sink';
import { customHeaders } from '../../lib/outbox';
import { freePort } from '../helpers';

describe("the bench's SMTP sink", () => {
  const sink = new SmtpSink();
  let url: string;
  beforeAll(async () => {
    url = await sink.start(await freePort());
  });
  afterAll(() => sink.stop());

  const send = (messageId: string, key: string, to: string[]) =>
    nodemailer.createTransport(url).sendMail({
      from: 'promise-cycle@example.se',
      to,
      subject: 'Försenad uppgift',
      text: '…',
      messageId,
      headers: { [customHeaders.key]: key },
    });

  it('counts distinct overdue notices of feedback rounds by round, and duplicates by Message-ID', async () => {
    const wf = 'promise-cycle-0183-2027';
    const due = '2027-03-05T07:00:00.000Z';
    await send('<a@x>', `${wf}/feedback-1/overdue/${due}`, ['karin@example.se']);
    await send('<b@x>', `${wf}/feedback-1/overdue/${due}`, ['ali@example.se', 'eva@example.se']);
    await send('<b@x>', `${wf}/feedback-1/overdue/${due}`, ['ali@example.se']);
    await send('<c@x>', `${wf}/feedback-2/overdue/${due}`, ['karin@example.se']);
    await send('<d@x>', `${wf}/feedback-2/overdue/2027-04-05T07:00:00.000Z`, ['karin@example.se']);
    await send('<e@x>', `${wf}/follow-up-1/overdue/${due}`, ['karin@example.se']);
    await send('<f@x>', `${wf}/feedback-3/feedback-reminder/${due}`, ['karin@example.se']);

    expect(sink.duplicates).toBe(1);
    expect(new Map([...sink.feedbackOverdueKeys].map(([round, keys]) => [round, keys.size]))).toEqual(
      new Map([
        [`${wf}/feedback-1`, 1],
        [`${wf}/feedback-2`, 2],
      ]),
    );

    // feedback-1 and feedback-4 were left late on purpose; feedback-2 was meant to be on time.
    expect(
      feedbackOverdueTally(
        [{ workflowId: wf, lateFeedback: ['feedback-1', 'feedback-4'] }],
        sink.feedbackOverdueKeys,
      ),
    ).toEqual({ expected: 2, noticed: 1, missing: 1, forRoundsMeantOnTime: 2 });
  });
});
