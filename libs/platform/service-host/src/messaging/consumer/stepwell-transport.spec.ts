import { type DeliveredMessage, type MessageTransport, topicFor } from '@stepwell/messaging';
import { referralReceived } from '@stepwell/messaging/testing';
import { StepwellTransport } from './stepwell-transport.strategy';

// The transport's own part (a permanent refusal is dead-lettered at once, with its reason, on Kafka and PostgreSQL) is
// proven by @stepwell/messaging's conformance suite; this proves the strategy refuses before any handler runs (H-K1).
describe('StepwellTransport dispatch: topic of origin', () => {
  const strategyWith = (handled: string[]): StepwellTransport => {
    const strategy = new StepwellTransport({
      transport: {} as MessageTransport,
      groupId: 'scheduling',
      topics: [topicFor('referrals'), topicFor('scheduling')],
      deadLetterTopic: 'stepwell.scheduling.dead-letters',
    });
    strategy.addHandler('referrals.referral-received', async (event: { messageId: string }) => {
      handled.push(event.messageId);
    });
    return strategy;
  };
  const delivered = (topic: string, event = referralReceived('patient-forged', 1)): DeliveredMessage => ({ event, topic, partition: 0, offset: '0' });

  it('refuses a referrals contract forged onto the scheduling topic, permanently and with the reason, and never calls the handler', async () => {
    const handled: string[] = [];
    await expect(strategyWith(handled).dispatch(delivered(topicFor('scheduling')))).rejects.toMatchObject({
      name: 'WrongTopicError',
      permanent: true,
      message:
        'referrals.referral-received v1 is produced by referrals and accepted only from stepwell.referrals.events, but arrived on stepwell.scheduling.events',
    });
    expect(handled).toEqual([]);
  });

  it('hands the same contract to its handler when it arrives on its producer’s topic', async () => {
    const handled: string[] = [];
    const message = delivered(topicFor('referrals'));
    await strategyWith(handled).dispatch(message);
    expect(handled).toEqual([message.event.messageId]);
  });
});
