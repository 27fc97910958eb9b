import type { LogEntry, logCreator } from 'kafkajs';
import { logLevel } from 'kafkajs';

/** One kafkajs log line, reduced to fields that cannot carry message payloads or personal data. */
export interface KafkaLogLine {
  level: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';
  namespace: string;
  message: string;
  groupId?: string;
  topic?: string;
  partition?: number;
  broker?: string;
  retryCount?: number;
  error?: string;
}

export type KafkaLogSink = (line: KafkaLogLine) => void;

export const stderrKafkaLogSink: KafkaLogSink = (line) => {
  process.stderr.write(`[kafkajs] ${JSON.stringify(line)}\n`);
};

const LEVEL_NAMES: Record<number, KafkaLogLine['level']> = {
  [logLevel.ERROR]: 'ERROR',
  [logLevel.WARN]: 'WARN',
  [logLevel.INFO]: 'INFO',
  [logLevel.DEBUG]: 'DEBUG',
};

/**
 * A kafkajs log creator that passes on only an allow-list of fields. kafkajs attaches whole requests, messages
 * and stacks to some entries (e.g. "Error when calling eachMessage"); none of that may reach a log, since an
 * integration event is about a patient.
 */
export function safeKafkaLogCreator(sink: KafkaLogSink = stderrKafkaLogSink): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const entry = log as unknown as Record<string, unknown>;
      const line: KafkaLogLine = {
        level: LEVEL_NAMES[level] ?? 'INFO',
        namespace,
        message: String(entry['message'] ?? ''),
      };
      if (typeof entry['groupId'] === 'string') line.groupId = entry['groupId'];
      if (typeof entry['topic'] === 'string') line.topic = entry['topic'];
      if (typeof entry['partition'] === 'number') line.partition = entry['partition'];
      if (typeof entry['broker'] === 'string') line.broker = entry['broker'];
      if (typeof entry['retryCount'] === 'number') line.retryCount = entry['retryCount'];
      const error = entry['error'];
      if (error instanceof Error) line.error = `${error.name}: ${error.message}`;
      else if (typeof error === 'string') line.error = error;
      sink(line);
    };
}
