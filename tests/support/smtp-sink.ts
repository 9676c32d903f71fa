/** Tests start the recording SMTP listener from here; the implementation is the demo's too. */
export { startSmtpSink, type SmtpSink, type SinkMessage, type SinkReply } from '../../src/adapters/smtp/sink.ts';
